// A second factor for signing: a time-based one-time code (TOTP, RFC 6238) from an authenticator
// app. The office administrator decides whether signing needs it; each accepted code is recorded,
// so the same code cannot be used twice.
import { Secret, TOTP } from 'otpauth';
import { AppError } from '../../domain/errors.ts';
import type { Db, Tx } from '../transaction.ts';
import type { StaffContext } from './staff-context.ts';

const PERIOD = 30;

function totp(secret: string, label: string): TOTP {
  return new TOTP({ issuer: 'satupintu', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export interface Enrolment {
  secret: string;
  uri: string;
}

export function newEnrolment(username: string): Enrolment {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totp(secret, username).toString() };
}

export function enrolmentFor(username: string, secret: string): Enrolment | null {
  if (!/^[A-Z2-7]{32}$/.test(secret)) return null;
  return { secret, uri: totp(secret, username).toString() };
}

export const codeRejected = () => new AppError('second_factor_invalid', 422, {
  id: 'Kode verifikasi salah atau sudah dipakai. Masukkan kode terbaru dari aplikasi autentikator.',
  en: 'The verification code is wrong or already used. Enter the latest code from the authenticator app.',
});

// Accepts a code for the current period or the one either side (clocks drift), once.
export async function consume(tx: Tx, userId: string, secret: string, code: string, at: Date): Promise<void> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) throw codeRejected();
  const delta = totp(secret, 'x').validate({ token, timestamp: at.getTime(), window: 1 });
  if (delta === null) throw codeRejected();
  const counter = TOTP.counter({ period: PERIOD, timestamp: at.getTime() }) + delta;
  const used = await tx.insertInto('second_factor_uses').values({ user_id: userId, counter: String(counter), used_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'counter']).doNothing()).returning('counter').executeTakeFirst();
  if (!used) throw codeRejected();
  // A used code only matters while it could still be accepted.
  await tx.deleteFrom('second_factor_uses').where('user_id', '=', userId).where('used_at', '<', new Date(at.getTime() - 10 * 60_000)).execute();
}

export async function confirmEnrolment(db: Db, staff: StaffContext, secret: string, code: string, at: Date): Promise<void> {
  if (!/^[A-Z2-7]{32}$/.test(secret)) throw codeRejected();
  await db.transaction().execute(async (tx) => {
    await consume(tx, staff.userId, secret, code, at);
    await tx.updateTable('users').set({ totp_secret: secret }).where('id', '=', staff.userId).execute();
  });
}

export async function hasSecondFactor(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('totp_secret').where('id', '=', userId).executeTakeFirst();
  return Boolean(row?.totp_secret);
}

export async function signingNeedsSecondFactor(db: Db, officeId: string): Promise<boolean> {
  const row = await db.selectFrom('office_settings').select('signing_requires_second_factor').where('office_id', '=', officeId).executeTakeFirst();
  return row?.signing_requires_second_factor ?? false;
}

export const enrolmentNeeded = () => new AppError('second_factor_not_enrolled', 403, {
  id: 'Kantor Anda mewajibkan verifikasi dua langkah untuk penandatanganan. Daftarkan aplikasi autentikator di halaman Akun terlebih dahulu.',
  en: 'Your office requires two-step verification for signing. Register an authenticator app on the Account page first.',
});

// Before a signature: when the office requires it, a fresh code from the signer's app.
export async function assertSecondFactorForSigning(db: Db, staff: StaffContext, code: string | undefined, at: Date): Promise<void> {
  if (!(await signingNeedsSecondFactor(db, staff.office.id))) return;
  const row = await db.selectFrom('users').select('totp_secret').where('id', '=', staff.userId).executeTakeFirst();
  if (!row?.totp_secret) throw enrolmentNeeded();
  if (!code) {
    throw new AppError('second_factor_required', 422, { id: 'Masukkan kode verifikasi dari aplikasi autentikator untuk menandatangani.', en: 'Enter the verification code from the authenticator app to sign.' });
  }
  const secret = row.totp_secret;
  await db.transaction().execute((tx) => consume(tx, staff.userId, secret, code, at));
}

export async function setSigningSecondFactor(db: Db, staff: StaffContext, required: boolean, at: Date): Promise<void> {
  await db.insertInto('office_settings').values({ office_id: staff.office.id, signing_requires_second_factor: required, updated_at: at, updated_by: staff.userId })
    .onConflict((oc) => oc.column('office_id').doUpdateSet({ signing_requires_second_factor: required, updated_at: at, updated_by: staff.userId })).execute();
}
