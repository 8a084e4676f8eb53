// Signing in and out with a username (staff) or email (applicants) and a password. Sessions are
// random tokens stored only as hashes; each carries its CSRF token. Repeated failures lock the
// account name for a while, whoever tries.
import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../transaction.ts';
import { codeRejected, consume } from '../desk/second-factor.ts';

export const SESSION_HOURS = 12;
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MINUTES = 15;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Session {
  userId: string;
  kind: 'staff' | 'applicant';
  displayName: string;
  officeId: string | null;
  csrfToken: string;
  secondFactorAt: Date | null;
  // Signed in with the password; the authenticator's code is still to come.
  secondFactorPending: boolean;
}

export const badCredentials = () => new AppError('bad_credentials', 401, {
  id: 'Nama pengguna atau kata sandi salah.',
  en: 'Wrong username or password.',
});

// Failures are counted per key (an account name, or a user's sign-in codes): after
// MAX_FAILURES within the window the key is refused, whoever tries.
async function assertNotLockedOut(db: Db, key: string, now: Date, what: { id: string; en: string }): Promise<void> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MINUTES * 60_000);
  const failures = await db.selectFrom('login_failures').select(sql<string>`count(*)`.as('n')).where('username', '=', key).where('at', '>', since).executeTakeFirstOrThrow();
  if (Number(failures.n) >= MAX_FAILURES) {
    throw new AppError('too_many_attempts', 429, {
      id: `Terlalu banyak ${what.id}. Coba lagi dalam ${FAILURE_WINDOW_MINUTES} menit.`,
      en: `Too many ${what.en}. Try again in ${FAILURE_WINDOW_MINUTES} minutes.`,
    });
  }
}

const recordFailure = (db: Db, key: string, now: Date) => db.insertInto('login_failures').values({ username: key, at: now }).execute();

export async function login(db: Db, username: string, password: string, now: Date): Promise<{ token: string; session: Session }> {
  const name = username.trim().toLowerCase().slice(0, 200);
  await assertNotLockedOut(db, name, now, { id: 'percobaan masuk yang gagal', en: 'failed sign-in attempts' });
  const user = await db.selectFrom('users').select(['id', 'kind', 'display_name', 'office_id', 'password_hash', 'totp_secret'])
    .where((eb) => eb.or([eb('username', '=', name), eb.and([eb('kind', '=', 'applicant'), eb('email', '=', name)])])).executeTakeFirst();
  const ok = user?.password_hash ? await verify(user.password_hash, password).catch(() => false) : false;
  if (!user || !ok) {
    await recordFailure(db, name, now);
    throw badCredentials();
  }
  await db.deleteFrom('login_failures').where('username', '=', name).execute();
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const pending = user.kind === 'staff' && Boolean(user.totp_secret);
  await db.insertInto('sessions').values({
    id_hash: hash(token), user_id: user.id, csrf_token: csrf, created_at: now, last_seen_at: now,
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000), second_factor_pending: pending,
  }).execute();
  return { token, session: { userId: user.id, kind: user.kind, displayName: user.display_name, officeId: user.office_id, csrfToken: csrf, secondFactorAt: null, secondFactorPending: pending } };
}

export async function sessionFor(db: Db, token: string | undefined, now: Date): Promise<Session | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.user_id', 's.csrf_token', 's.expires_at', 's.second_factor_at', 's.second_factor_pending', 'u.kind', 'u.display_name', 'u.office_id'])
    .where('s.id_hash', '=', hash(token)).executeTakeFirst();
  if (!row || row.expires_at <= now) return null;
  return { userId: row.user_id, kind: row.kind, displayName: row.display_name, officeId: row.office_id, csrfToken: row.csrf_token, secondFactorAt: row.second_factor_at,
    secondFactorPending: row.second_factor_pending && row.second_factor_at === null };
}

export async function logout(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('sessions').where('id_hash', '=', hash(token)).execute();
}

// The second step of signing in: the code from the authenticator app opens the session. Wrong
// codes count like wrong passwords, so six digits cannot be guessed.
export async function confirmSignInCode(db: Db, token: string | undefined, code: string, now: Date): Promise<void> {
  const session = token ? await sessionFor(db, token, now) : null;
  if (!session || !session.secondFactorPending) throw codeRejected();
  const key = `kode:${session.userId}`;
  await assertNotLockedOut(db, key, now, { id: 'kode yang salah', en: 'wrong codes' });
  const user = await db.selectFrom('users').select('totp_secret').where('id', '=', session.userId).executeTakeFirstOrThrow();
  const secret = user.totp_secret;
  if (!secret) throw codeRejected();
  try {
    await db.transaction().execute(async (tx) => {
      await consume(tx, session.userId, secret, code, now);
      await tx.updateTable('sessions').set({ second_factor_at: now }).where('id_hash', '=', hash(token!)).execute();
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'second_factor_invalid') await recordFailure(db, key, now);
    throw err;
  }
}
