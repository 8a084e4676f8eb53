// One error model for the whole product: a stable code, a message for the person in both
// languages, and an HTTP status. Nothing below the web layer decides how an error looks.
export type Language = 'id' | 'en';

export interface ErrorMessage {
  id: string;
  en: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly userMessage: ErrorMessage;
  readonly details: unknown;

  constructor(code: string, status: number, userMessage: ErrorMessage, details?: unknown) {
    super(`${code}: ${userMessage.en}`);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.userMessage = userMessage;
    this.details = details;
  }
}

export const notFound = (what: ErrorMessage, code = 'not_found'): AppError => new AppError(code, 404, what);
