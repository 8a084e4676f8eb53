// Request plumbing shared by the portal's routes: the signed-in applicant (or a redirect to sign
// in), CSRF on url-encoded and multipart forms, reading a multipart form with one file, and
// sending pages.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../../app/auth/sessions.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor } from '../../app/workflow/actor.ts';
import type { FieldError } from '../forms.ts';
import type { Html, PageUser } from '../layout.ts';
import { render } from '../layout.ts';
import { csrfFailed, currentSession } from '../session.ts';
import type { WebDeps } from '../deps.ts';
import type { Language, ErrorMessage } from '../../domain/errors.ts';

export interface Applicant {
  session: Session;
  actor: Actor & { kind: 'applicant' };
  user: PageUser;
}

export const applicantsOnly = () => new AppError('applicants_only', 403, {
  id: 'Halaman ini untuk pemohon. Petugas bekerja di meja layanan.',
  en: 'This page is for applicants. Officials work at the desk.',
});

// The signed-in applicant, or null after answering with a redirect to the sign-in page (which
// brings the person back here).
export async function applicantOrRedirect(deps: WebDeps, req: FastifyRequest, reply: FastifyReply): Promise<Applicant | null> {
  const session = await currentSession(deps.db, req, deps.now());
  if (!session) {
    const path = req.url.split('?')[0]!;
    // After a form was posted, come back to the page the form was on.
    const back = req.method === 'GET' ? path : path.replace(/\/(kirim|kirim-ulang|hapus)$/, '');
    reply.redirect(`/masuk?next=${encodeURIComponent(back)}`, 303);
    return null;
  }
  if (session.kind !== 'applicant') throw applicantsOnly();
  return {
    session,
    actor: { kind: 'applicant', userId: session.userId },
    user: { displayName: session.displayName, csrfToken: session.csrfToken, home: '/permohonan' },
  };
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function assertFieldsCsrf(fields: Record<string, unknown>, expected: string): void {
  const sent = fields._csrf;
  if (typeof sent !== 'string' || !same(sent, expected)) throw csrfFailed();
}

export const bodyOf = (req: FastifyRequest): Record<string, unknown> => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

// A text field of a url-encoded form: a string, cut to a sane length (longer values are still
// refused by the checks that know the field's limit).
export function field(body: Record<string, unknown>, name: string, max = 10_000): string {
  const v = body[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.slice(0, max) : '';
}

export interface MultipartForm {
  fields: Record<string, string>;
  file: { bytes: Buffer; fileName: string | undefined } | null;
  // The file was larger than the limit; its bytes were not kept.
  fileTooLarge: boolean;
}

// Reads a form posted as multipart/form-data with at most one file (a url-encoded post of the
// same form, without a file, is read too). The file is held in memory, up to the size limit.
export async function readForm(req: FastifyRequest): Promise<MultipartForm> {
  const form: MultipartForm = { fields: {}, file: null, fileTooLarge: false };
  if (!req.isMultipart()) {
    for (const [k, v] of Object.entries(bodyOf(req))) if (typeof v === 'string') form.fields[k] = v;
    return form;
  }
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        try {
          const bytes = await part.toBuffer();
          // A form sent with no file chosen carries an empty part with an empty name.
          if (!(bytes.length === 0 && !part.filename)) form.file = { bytes, fileName: part.filename };
        } catch (err) {
          if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
          form.fileTooLarge = true;
        }
      } else {
        form.fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    // The parser reports the oversized file once more when the form ends; the fields before it
    // (the CSRF token comes first) are kept.
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      form.fileTooLarge = true;
      form.file = null;
      return form;
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('form_too_large', 413, { id: 'Formulir berisi terlalu banyak bagian. Kirim satu berkas saja.', en: 'The form has too many parts. Send one file only.' });
    }
    throw err;
  }
  return form;
}

export async function sendPage(reply: FastifyReply, page: Html, status = 200): Promise<FastifyReply> {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(await render(page));
}

export const fieldErrors = (lang: Language, problems: { field: string; message: ErrorMessage }[]): FieldError[] =>
  problems.map((p) => ({ field: p.field, message: p.message[lang] }));

// A refusal from a use case, shown beside the field it concerns.
export function asFieldError(err: unknown, fieldName: string, lang: Language): FieldError[] | null {
  if (!(err instanceof AppError) || err.status >= 500) return null;
  return [{ field: fieldName, message: err.userMessage[lang] }];
}

export const pick = (lang: Language, m: ErrorMessage) => m[lang];
