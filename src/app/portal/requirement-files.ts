// Files for requirements: stored by content hash, recorded in case_documents against the draft
// (while writing) or the case (corrections), replacing the earlier file for the same
// requirement; and read back only by those allowed to see them.
import { sql } from 'kysely';
import type { Storage } from '../../infra/storage/storage.ts';
import type { Db } from '../transaction.ts';
import type { Actor } from '../workflow/actor.ts';
import { getApplication } from '../workflow/get-application.ts';
import { cleanFileName, fileRefusals, judgeFile } from './file-rules.ts';
import { AppError } from '../../domain/errors.ts';

export interface FileLimits {
  maxFileBytes: number;
  maxApplicationBytes: number;
}

export interface Upload {
  bytes: Uint8Array;
  fileName: string | undefined;
}

export type FileTarget = { kind: 'draft'; draftId: string } | { kind: 'case'; caseId: string };

export async function storeRequirementFile(
  db: Db, storage: Storage, limits: FileLimits, target: FileTarget, requirementId: string, upload: Upload, userId: string, now: Date,
): Promise<{ documentId: string }> {
  const mediaType = await judgeFile(upload.bytes, limits.maxFileBytes);
  const owner = target.kind === 'draft' ? ('draft_id' as const) : ('case_id' as const);
  const ownerId = target.kind === 'draft' ? target.draftId : target.caseId;
  // The file being replaced does not count against the application's total.
  const assertWithinTotal = async (q: Db) => {
    const others = await q.selectFrom('case_documents').select(sql<string>`coalesce(sum(size_bytes), 0)::text`.as('total'))
      .where(owner, '=', ownerId).where('kind', '=', 'requirement').where('superseded_at', 'is', null).where('requirement_id', '!=', requirementId)
      .executeTakeFirstOrThrow();
    if (Number(others.total) + upload.bytes.byteLength > limits.maxApplicationBytes) throw fileRefusals.applicationTooLarge(limits.maxApplicationBytes);
  };
  // Checked before storing, so a refused file leaves nothing behind.
  await assertWithinTotal(db);
  const key = await storage.put(upload.bytes);
  return db.transaction().execute(async (tx) => {
    // One upload of this person's at a time: a double click must not leave two current files for
    // one requirement, nor two files sent together pass the application's size limit.
    await tx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
    await assertWithinTotal(tx);
    await tx.updateTable('case_documents').set({ superseded_at: now })
      .where(owner, '=', ownerId).where('kind', '=', 'requirement').where('requirement_id', '=', requirementId).where('superseded_at', 'is', null).execute();
    const row = await tx.insertInto('case_documents').values({
      case_id: target.kind === 'case' ? target.caseId : null,
      draft_id: target.kind === 'draft' ? target.draftId : null,
      requirement_id: requirementId, kind: 'requirement', storage_key: key, file_name: cleanFileName(upload.fileName, mediaType),
      media_type: mediaType, size_bytes: upload.bytes.byteLength, uploaded_by: userId, uploaded_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    return { documentId: row.id };
  });
}

export async function removeDraftFile(db: Db, draftId: string, requirementId: string, now: Date): Promise<void> {
  await db.updateTable('case_documents').set({ superseded_at: now })
    .where('draft_id', '=', draftId).where('case_id', 'is', null).where('requirement_id', '=', requirementId).where('superseded_at', 'is', null).execute();
}

// The address of a file: its id and the start of its content hash, so ids cannot be walked.
export const fileHref = (doc: { id: string; storageKey: string }) => `/permohonan/berkas/${doc.id}/${doc.storageKey.slice(0, 32)}`;

const fileNotFound = () => new AppError('file_not_found', 404, { id: 'Berkas tidak ditemukan.', en: 'File not found.' });

// Applicants see what they sent and what the office gives them; the office's internal letters
// stay with the office.
const APPLICANT_KINDS = new Set(['requirement', 'receipt', 'permit']);

export async function readFileFor(db: Db, storage: Storage, actor: Actor, documentId: string, keyPrefix: string, now: Date): Promise<{ bytes: Uint8Array; mediaType: string; fileName: string }> {
  if (!/^\d{1,18}$/.test(documentId) || !/^[0-9a-f]{32}$/.test(keyPrefix)) throw fileNotFound();
  const doc = await db.selectFrom('case_documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!doc || !doc.storage_key.startsWith(keyPrefix)) throw fileNotFound();
  if (doc.case_id !== null) {
    // The same rule as the case itself: its applicant, or the officials of its service.
    await getApplication(db, actor, doc.case_id, now).catch(() => { throw fileNotFound(); });
    if (actor.kind === 'applicant' && (!APPLICANT_KINDS.has(doc.kind) || doc.superseded_at !== null)) throw fileNotFound();
  } else if (doc.draft_id !== null) {
    const draft = await db.selectFrom('portal_drafts').select('user_id').where('id', '=', doc.draft_id).executeTakeFirst();
    if (actor.kind !== 'applicant' || draft?.user_id !== actor.userId || doc.superseded_at !== null) throw fileNotFound();
  } else {
    throw fileNotFound();
  }
  const bytes = await storage.get(doc.storage_key);
  if (!bytes) throw fileNotFound();
  return { bytes, mediaType: doc.media_type, fileName: doc.file_name };
}
