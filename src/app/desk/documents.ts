// Files at the desk: scans taken at the counter, the technical team's signed letter, and the
// protected reading of any file of a case. A file's type is what its first bytes say, never its
// name or the browser's claim.
import { AppError } from '../../domain/errors.ts';
import type { Storage } from '../../infra/storage/storage.ts';
import type { Db } from '../transaction.ts';
import { caseNotFound } from '../workflow/case-state.ts';
import { caseForStaff } from './case-access.ts';
import type { StaffContext } from './staff-context.ts';

export type MediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  const b = bytes;
  if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return 'application/pdf';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return 'image/png';
  return null;
}

export interface Upload {
  // The form field it came in (e.g. the requirement id).
  field: string;
  fileName: string;
  bytes: Uint8Array;
}

export interface StoredUpload {
  field: string;
  fileName: string;
  storageKey: string;
  mediaType: MediaType;
  sizeBytes: number;
}

export const notAllowedFile = (name: string) => new AppError('file_type', 422, {
  id: `Berkas "${name}" bukan PDF, JPEG atau PNG.`,
  en: `The file "${name}" is not a PDF, JPEG or PNG.`,
});

// A name safe to show and to offer for download: no path, no control characters, not too long.
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"').join('').trim().slice(0, 120);
  return cleaned || 'berkas';
}

// Checks each file's type and size, then stores it. Nothing is stored if any file is refused.
export async function storeUploads(storage: Storage, uploads: Upload[], limits: { maxFileBytes: number; maxTotalBytes: number }): Promise<StoredUpload[]> {
  let total = 0;
  const checked: (Upload & { mediaType: MediaType })[] = [];
  for (const u of uploads) {
    const name = cleanFileName(u.fileName);
    if (u.bytes.byteLength === 0) throw new AppError('file_empty', 422, { id: `Berkas "${name}" kosong.`, en: `The file "${name}" is empty.` });
    if (u.bytes.byteLength > limits.maxFileBytes) throw fileTooLarge(limits.maxFileBytes);
    total += u.bytes.byteLength;
    const mediaType = sniffMediaType(u.bytes);
    if (!mediaType) throw notAllowedFile(name);
    checked.push({ ...u, fileName: name, mediaType });
  }
  if (total > limits.maxTotalBytes) {
    throw new AppError('files_too_large', 413, { id: `Jumlah ukuran berkas melebihi ${mb(limits.maxTotalBytes)} MB.`, en: `The files together exceed ${mb(limits.maxTotalBytes)} MB.` });
  }
  const out: StoredUpload[] = [];
  for (const u of checked) out.push({ field: u.field, fileName: u.fileName, storageKey: await storage.put(u.bytes), mediaType: u.mediaType, sizeBytes: u.bytes.byteLength });
  return out;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
export const fileTooLarge = (max: number) => new AppError('file_too_large', 413, { id: `Berkas terlalu besar (maks. ${mb(max)} MB per berkas).`, en: `The file is too large (max. ${mb(max)} MB per file).` });

// A case's file for an official who may open the case; other files are "not found".
export async function readCaseDocument(db: Db, storage: Storage, staff: StaffContext, documentId: string): Promise<{ bytes: Uint8Array; mediaType: string; fileName: string }> {
  if (!/^\d{1,18}$/.test(documentId)) throw caseNotFound();
  const doc = await db.selectFrom('case_documents').select(['case_id', 'storage_key', 'media_type', 'file_name']).where('id', '=', documentId).executeTakeFirst();
  if (!doc || doc.case_id === null) throw documentNotFound();
  await caseForStaff(db, staff, doc.case_id).catch(() => {
    throw documentNotFound();
  });
  const bytes = await storage.get(doc.storage_key);
  if (!bytes) throw documentNotFound();
  return { bytes, mediaType: doc.media_type, fileName: doc.file_name };
}

export const documentNotFound = () => new AppError('document_not_found', 404, { id: 'Berkas tidak ditemukan.', en: 'File not found.' });
