// Reading a desk form, whether sent url-encoded or as multipart (with files), and checking its
// CSRF token before anything in it is used.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fileTooLarge, type Upload } from '../../app/desk/documents.ts';
import type { Session } from '../../app/auth/sessions.ts';
import { AppError } from '../../domain/errors.ts';
import { csrfFailed } from '../session.ts';

export interface DeskForm {
  one(name: string): string | undefined;
  all(name: string): string[];
  files: Upload[];
}

export interface FormLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
}

const MAX_FIELDS = 600;

export async function readForm(req: FastifyRequest, session: Session, limits: FormLimits): Promise<DeskForm> {
  const fields = new Map<string, string[]>();
  const files: Upload[] = [];
  const add = (k: string, v: string) => {
    if (fields.size >= MAX_FIELDS && !fields.has(k)) return;
    fields.set(k, [...(fields.get(k) ?? []), v]);
  };
  if (req.isMultipart()) {
    let total = 0;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          total += bytes.byteLength;
          if (total > limits.maxTotalBytes) throw new AppError('files_too_large', 413, { id: 'Jumlah ukuran berkas terlalu besar.', en: 'The files together are too large.' });
          // An empty file input sends a part with no name and no bytes.
          if (part.filename && bytes.byteLength > 0) files.push({ field: part.fieldname, fileName: part.filename, bytes: new Uint8Array(bytes) });
        } else {
          add(part.fieldname, String(part.value ?? ''));
        }
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(limits.maxFileBytes);
      throw err;
    }
  } else {
    for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
      for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') add(k, x);
    }
  }
  const sent = fields.get('_csrf')?.[0] ?? (typeof req.headers['x-csrf-token'] === 'string' ? req.headers['x-csrf-token'] : undefined);
  if (!sent || sent.length !== session.csrfToken.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(session.csrfToken))) throw csrfFailed();
  return {
    one: (name) => {
      const v = fields.get(name)?.[0];
      return v === undefined ? undefined : v;
    },
    all: (name) => fields.get(name) ?? [],
    files,
  };
}

// A trimmed field, undefined when empty.
export function text(form: DeskForm, name: string): string | undefined {
  const v = form.one(name)?.trim();
  return v ? v : undefined;
}

export function int(form: DeskForm, name: string): number | undefined {
  const v = form.one(name);
  return v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : undefined;
}
