// Issuing the permit when its signing step is taken: the number is allocated from the
// office's counter in the signing transaction, so the signed document always carries its
// number, and the SOP's later numbering step registers and archives it (ADR 6).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { localDateOf } from '../../domain/calendar/working-calendar.ts';
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import { formatPermitNumber } from '../../domain/documents/numbering.ts';
import { permitValidity } from '../../domain/documents/validity.ts';
import { AppError } from '../../domain/errors.ts';
import { TRACKING_ALPHABET } from '../../domain/workflow/tracking-code.ts';
import type { Tx } from '../transaction.ts';
import type { CaseRow, IssuedPermitRef } from '../workflow/case-state.ts';
import { CaseChangedError, write, type Unit } from '../workflow/write-batch.ts';
import { loadClock } from '../workflow/clock.ts';
import { compiledOnce } from '../../infra/db/compiled-once.ts';

// Row-locking upsert: concurrent signers of one office and series queue on the counter row, and
// a rolled-back transaction gives its number back, so committed permits have no gaps.
export async function nextSequence(tx: Tx, officeId: string, series: string, year: number): Promise<number> {
  const row = await tx.insertInto('number_counters').values({ office_id: officeId, series, year, last_value: 1 })
    .onConflict((oc) => oc.columns(['office_id', 'series', 'year']).doUpdateSet({ last_value: sql`number_counters.last_value + 1` }))
    .returning('last_value').executeTakeFirstOrThrow();
  return row.last_value;
}

// 16 symbols of the tracking alphabet: about 79 bits, not guessable, easy to read off paper.
export function verificationCode(): string {
  let out = '';
  while (out.length < 16) {
    for (const b of randomBytes(24)) {
      if (b < 248 && out.length < 16) out += TRACKING_ALPHABET[b % 31];
    }
  }
  return out;
}

export interface IssuedPermit {
  number: string;
  verificationCode: string;
  validFrom: string;
  validUntil: string | null;
}

// Takes the next number and writes the permit with the transition's other writes (the holder's
// name taken from the applicant in the same statement). `previous` is the case's permit in force,
// read with the case: signing again after a correction issues a new version and supersedes it.
export async function issuePermit(tx: Tx, row: CaseRow, def: ServiceDefinition, at: Date, signer: { userId: string | null; position: string; actingFor: string | null }, previous: IssuedPermitRef | null): Promise<IssuedPermit> {
  const clock = await loadClock(tx, row.office_id);
  const localDate = localDateOf(clock.calendar, at);
  const year = Number(localDate.slice(0, 4));
  const series = def.permit.numbering.series;
  const seq = await nextSequence(tx, row.office_id, series, year);
  const number = formatPermitNumber(def.permit.numbering.pattern, { seq, issuedAt: localDate, office: row.office_id, series });
  const validity = permitValidity(def.permit.validity, localDate);
  const until = validity.kind === 'years' ? validity.until : null;
  // At once, not in the batch: a case has one permit in force, and the new one must not meet the
  // old one still in force within one statement.
  if (previous) {
    const superseded = await tx.executeQuery(takeOutOfForce(tx, 'superseded', previous.id));
    // Under the case's lock the permit read with it is still the one in force; anything else
    // means a writer changed it without the case.
    if (superseded.numAffectedRows !== 1n) throw new CaseChangedError();
    // The applicant's files keep only the document of the version in force (the new one comes
    // when the job has rendered it).
    await write(tx, withdrawPermitDocument(tx, at, row.id));
  }
  const code = verificationCode();
  await write(tx, insertPermit(tx, row.id, row.office_id, series, year, seq, number, code, at, validity.from, until, row.applicant_id,
    signer.userId, signer.position, signer.actingFor, previous?.id ?? null));
  return { number, verificationCode: code, validFrom: validity.from, validUntil: until };
}

// A permit in force is superseded by a new version, or revoked.
const takeOutOfForce = compiledOnce((db, status: 'superseded' | 'revoked', id: string) => db.updateTable('permits').set({ status })
  .where('id', '=', id).where('status', '=', sql.lit('issued' as const)));

const insertPermit = compiledOnce((db, case_id: string, office_id: string, series: string, year: number, seq: number, number: string,
  verification_code: string, issued_at: Date, valid_from: string, valid_until: string | null, applicantId: string,
  signed_by: string | null, signatory_position: string, acting_for: string | null, supersedes: string | null) =>
  db.insertInto('permits').values((eb) => ({
    case_id, office_id, series, year, seq, number, verification_code, status: sql.lit('issued' as const), issued_at, valid_from, valid_until,
    holder_name: eb.selectFrom('applicants').select(sql<string>`coalesce(company_name, name)`.as('holder')).where('id', '=', applicantId),
    signed_by, signatory_position, acting_for, supersedes,
  })));

// The SOP's numbering step (Tata Usaha / Sekretariat): the signed permit is entered in the
// register. Its number was fixed when it was signed. The permit is the one read with the case;
// the update goes with the transition's other writes, under the case's version guard.
export async function registerPermit(unit: Unit, permit: IssuedPermitRef | null, at: Date, userId: string | null): Promise<{ number: string }> {
  if (!permit) throw new AppError('permit_not_signed', 409, { id: 'Izin belum ditandatangani, jadi belum dapat diregistrasi.', en: 'The permit is not signed yet, so it cannot be registered.' });
  if (permit.registeredAt) throw new AppError('already_numbered', 409, { id: `Izin ini sudah diregistrasi dengan nomor ${permit.number}.`, en: `This permit is already registered as ${permit.number}.` });
  await write(unit, unit.updateTable('permits').set({ registered_at: at, registered_by: userId }).where('id', '=', permit.id));
  return { number: permit.number };
}

export async function markHandedOver(unit: Unit, permit: IssuedPermitRef | null, at: Date): Promise<void> {
  if (!permit) throw new AppError('permit_not_signed', 409, { id: 'Izin belum ditandatangani; belum dapat diserahkan.', en: 'The permit is not signed yet; it cannot be handed over.' });
  await write(unit, unit.updateTable('permits').set({ handed_over_at: at }).where('id', '=', permit.id));
}

// A case that ends without being completed (rejected after signing, or withdrawn) takes its
// permit out of force: its QR code then answers "dicabut" instead of vouching for a permit the
// office refused, and its signed document leaves the applicant's files. The permit is the one
// read with the case; the updates go with the act's writes. Returns what the act's audit event
// records of it.
export async function revokePermit(unit: Unit, permit: IssuedPermitRef, caseId: string, at: Date): Promise<{ revokedPermit: string }> {
  await write(unit, takeOutOfForce(unit, 'revoked', permit.id));
  await write(unit, withdrawPermitDocument(unit, at, caseId));
  return { revokedPermit: permit.number };
}

const withdrawPermitDocument = compiledOnce((db, at: Date, caseId: string) => db.updateTable('case_documents').set({ superseded_at: at })
  .where('case_id', '=', caseId).where('kind', '=', sql.lit('permit' as const)).where('superseded_at', 'is', null));
