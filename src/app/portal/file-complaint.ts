// A complaint sent from a case page: a category, the text and, if the applicant has one, a file
// (the same rules as requirement files). Stored for the complaints handling to come.
import type { ErrorMessage } from '../../domain/errors.ts';
import type { Storage } from '../../infra/storage/storage.ts';
import type { Db } from '../transaction.ts';
import type { Actor } from '../workflow/actor.ts';
import { getApplication } from '../workflow/get-application.ts';
import { cleanFileName, judgeFile } from './file-rules.ts';
import type { FileLimits, Upload } from './requirement-files.ts';

export const COMPLAINT_CATEGORIES = {
  waktu: { id: 'Waktu penyelesaian atau keterlambatan', en: 'Service time or delay' },
  persyaratan: { id: 'Persyaratan atau prosedur', en: 'Requirements or procedure' },
  biaya: { id: 'Biaya atau pungutan di luar ketentuan', en: 'Fees or unofficial charges' },
  petugas: { id: 'Perilaku atau kompetensi petugas', en: 'Staff behaviour or competence' },
  sistem: { id: 'Layanan online (situs ini)', en: 'The online service (this site)' },
  lainnya: { id: 'Lainnya', en: 'Other' },
} as const satisfies Record<string, ErrorMessage>;
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES;

export const COMPLAINT_MAX = 4000;

export interface ComplaintInput {
  category: string;
  body: string;
  attachment?: Upload;
}

export function complaintProblems(input: ComplaintInput): { field: string; message: ErrorMessage }[] {
  const problems: { field: string; message: ErrorMessage }[] = [];
  if (!(input.category in COMPLAINT_CATEGORIES)) problems.push({ field: 'category', message: { id: 'Pilih jenis pengaduan', en: 'Choose what the complaint is about' } });
  const body = input.body.trim();
  if (!body) problems.push({ field: 'body', message: { id: 'Tulis isi pengaduan Anda', en: 'Write your complaint' } });
  else if (body.length > COMPLAINT_MAX) problems.push({ field: 'body', message: { id: `Isi pengaduan paling banyak ${COMPLAINT_MAX} karakter`, en: `The complaint must be ${COMPLAINT_MAX} characters or fewer` } });
  return problems;
}

// Returns the complaint's number, or the problems with the form. A refused attachment throws
// the file rules' refusal.
export async function fileComplaint(db: Db, storage: Storage, limits: FileLimits, actor: Actor & { kind: 'applicant' }, caseId: string, input: ComplaintInput, now: Date)
  : Promise<{ kind: 'invalid'; problems: { field: string; message: ErrorMessage }[] } | { kind: 'filed'; id: string }> {
  const view = await getApplication(db, actor, caseId, now);
  const problems = complaintProblems(input);
  if (problems.length > 0) return { kind: 'invalid', problems };
  let attachment: { key: string; name: string; type: 'application/pdf' | 'image/jpeg' | 'image/png'; bytes: number } | null = null;
  if (input.attachment) {
    const type = await judgeFile(input.attachment.bytes, limits.maxFileBytes);
    attachment = { key: await storage.put(input.attachment.bytes), name: cleanFileName(input.attachment.fileName, type), type, bytes: input.attachment.bytes.byteLength };
  }
  const body = input.body.trim();
  return db.transaction().execute(async (tx) => {
    // A double click, or a resend after a lost answer, files the complaint once: the same text
    // about the same case within a few minutes is the same complaint.
    await tx.selectFrom('users').select('id').where('id', '=', actor.userId).forUpdate().executeTakeFirstOrThrow();
    const same = await tx.selectFrom('complaints').select('id').where('case_id', '=', view.id).where('user_id', '=', actor.userId)
      .where('category', '=', input.category).where('body', '=', body).where('created_at', '>', new Date(now.getTime() - RESEND_WINDOW_MS)).executeTakeFirst();
    if (same) return { kind: 'filed' as const, id: same.id };
    const row = await tx.insertInto('complaints').values({
      case_id: view.id, office_id: view.office, service_slug: view.service, user_id: actor.userId, category: input.category, body,
      attachment_key: attachment?.key ?? null, attachment_name: attachment?.name ?? null, attachment_type: attachment?.type ?? null, attachment_bytes: attachment?.bytes ?? null,
      created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    return { kind: 'filed' as const, id: row.id };
  });
}

const RESEND_WINDOW_MS = 10 * 60_000;
