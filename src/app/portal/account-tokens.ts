// One-time tokens sent by email (verifying an address, resetting a password): random, stored
// only as their SHA-256, single use, expiring.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../transaction.ts';

export type TokenPurpose = 'verify_email' | 'reset_password';

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 48 * 3_600_000,
  reset_password: 60 * 60_000,
};

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function issueToken(db: Db | Tx, userId: string, purpose: TokenPurpose, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insertInto('portal_tokens').values({
    user_id: userId, purpose, token_hash: hashOf(token), created_at: now, expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
  }).execute();
  return token;
}

// Uses the token up: a second use, an expired token or one for another purpose finds nothing.
export async function consumeToken(db: Db | Tx, token: string, purpose: TokenPurpose, now: Date): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const row = await db.updateTable('portal_tokens').set({ used_at: now })
    .where('token_hash', '=', hashOf(token)).where('purpose', '=', purpose).where('used_at', 'is', null).where('expires_at', '>', now)
    .returning('user_id').executeTakeFirst();
  return row?.user_id ?? null;
}

// Whether the token would be accepted, without using it (to show the new-password form).
export async function tokenIsValid(db: Db | Tx, token: string, purpose: TokenPurpose, now: Date): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  const row = await db.selectFrom('portal_tokens').select('id')
    .where('token_hash', '=', hashOf(token)).where('purpose', '=', purpose).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  return Boolean(row);
}

export async function tokensIssuedSince(db: Db | Tx, userId: string, purpose: TokenPurpose, since: Date): Promise<number> {
  const rows = await db.selectFrom('portal_tokens').select('id').where('user_id', '=', userId).where('purpose', '=', purpose).where('created_at', '>', since).execute();
  return rows.length;
}
