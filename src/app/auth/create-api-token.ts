// API tokens for scripts and integrations: shown once, stored only as a hash.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../transaction.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createApiToken(db: Db, username: string, label: string): Promise<{ token: string; userId: string }> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (!user) throw new AppError('user_not_found', 404, { id: `Pengguna ${username} tidak ada.`, en: `User ${username} does not exist.` });
  const token = `sp_${randomBytes(32).toString('base64url')}`;
  await db.insertInto('api_tokens').values({ user_id: user.id, token_hash: hashToken(token), label }).execute();
  return { token, userId: user.id };
}

export async function userForToken(db: Db, token: string): Promise<string | null> {
  if (!/^sp_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db.selectFrom('api_tokens').select(['id', 'user_id']).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).executeTakeFirst();
  return row?.user_id ?? null;
}
