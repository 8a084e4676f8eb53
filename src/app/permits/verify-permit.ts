// The public check of a permit by the code on its QR: what it is, whose (masked), from which
// office, when, valid until when, and whether it still stands. Nothing else is disclosed.
import { createHash } from 'node:crypto';
import { localDateOf } from '../../domain/calendar/working-calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { maskName } from '../../domain/privacy/mask.ts';
import type { Db } from '../transaction.ts';
import { pinnedDefinition } from '../workflow/case-state.ts';
import { loadClock } from '../workflow/clock.ts';

export const VERIFICATION_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{16}$/;

export interface PermitVerification {
  code: string;
  number: string;
  service: string;
  officeName: string;
  holder: string;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  validityText: string | null;
  status: 'berlaku' | 'kedaluwarsa' | 'dicabut' | 'diganti';
  hasDocument: boolean;
}

export const permitNotFound = () => new AppError('permit_not_found', 404, {
  id: 'Izin dengan kode ini tidak ditemukan. Periksa kembali kode pada dokumen Anda.',
  en: 'No permit has this code. Check the code on your document.',
});

export function normalizeVerificationCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = input.trim().toUpperCase().replace(/[\s-]/g, '');
  return VERIFICATION_CODE_PATTERN.test(code) ? code : null;
}

export async function verifyPermit(db: Db, rawCode: string, now: Date): Promise<PermitVerification> {
  const code = normalizeVerificationCode(rawCode);
  if (!code) throw permitNotFound();
  const p = await db.selectFrom('permits as p').innerJoin('cases as c', 'c.id', 'p.case_id').innerJoin('offices as o', 'o.id', 'p.office_id')
    .select(['p.number', 'p.status', 'p.issued_at', 'p.valid_from', 'p.valid_until', 'p.holder_name', 'p.document_hash', 'p.office_id', 'c.service_slug', 'c.definition_version', 'o.name as office_name'])
    .where('p.verification_code', '=', code).executeTakeFirst();
  if (!p) throw permitNotFound();
  const def = await pinnedDefinition(db, p.office_id, p.service_slug, p.definition_version);
  const cal = (await loadClock(db, p.office_id)).calendar;
  const today = localDateOf(cal, now);
  const status = p.status === 'revoked' ? 'dicabut' : p.status === 'superseded' ? 'diganti' : p.valid_until !== null && p.valid_until < today ? 'kedaluwarsa' : 'berlaku';
  return {
    code,
    number: p.number,
    service: def.permit.title,
    officeName: p.office_name,
    holder: maskName(p.holder_name),
    issuedOn: localDateOf(cal, p.issued_at),
    validFrom: p.valid_from,
    validUntil: p.valid_until,
    validityText: def.permit.validity.kind === 'while_operating' ? (def.permit.validity.text ?? 'Selama usaha berjalan') : null,
    status,
    hasDocument: p.document_hash !== null,
  };
}

// Compares an uploaded file with the issued document, byte for byte, by its SHA-256.
export async function compareWithIssued(db: Db, rawCode: string, file: Uint8Array): Promise<{ identical: boolean; hasDocument: boolean }> {
  const code = normalizeVerificationCode(rawCode);
  if (!code) throw permitNotFound();
  const p = await db.selectFrom('permits').select(['document_hash']).where('verification_code', '=', code).executeTakeFirst();
  if (!p) throw permitNotFound();
  if (p.document_hash === null) return { identical: false, hasDocument: false };
  return { identical: createHash('sha256').update(file).digest('hex') === p.document_hash, hasDocument: true };
}
