// Forgotten passwords: a reset link by email (single use, one hour), then a new password. The
// request answers the same whether or not the address has an account.
import { hash } from '@node-rs/argon2';
import type { Db } from '../transaction.ts';
import { consumeToken, issueToken, tokensIssuedSince } from './account-tokens.ts';
import { normalizeEmail, passwordProblem, type FieldProblem } from './identity-rules.ts';

export const RESETS_PER_HOUR = 3;

// The link to send, or null when there is no such applicant or too many were sent this hour.
export async function requestPasswordReset(db: Db, rawEmail: string, now: Date): Promise<{ email: string; name: string; token: string } | null> {
  const email = normalizeEmail(rawEmail);
  const user = await db.selectFrom('users').select(['id', 'display_name', 'email']).where('kind', '=', 'applicant')
    .where((eb) => eb.or([eb('username', '=', email), eb('email', '=', email)])).executeTakeFirst();
  if (!user?.email) return null;
  if (await tokensIssuedSince(db, user.id, 'reset_password', new Date(now.getTime() - 3_600_000)) >= RESETS_PER_HOUR) return null;
  const token = await issueToken(db, user.id, 'reset_password', now);
  return { email: user.email, name: user.display_name, token };
}

export type ResetResult = { kind: 'invalid'; problems: FieldProblem[] } | { kind: 'bad_token' } | { kind: 'done' };

// Sets the new password, signs the account out everywhere and lifts any sign-in lock.
export async function resetPassword(db: Db, token: string, password: string, now: Date): Promise<ResetResult> {
  const problem = passwordProblem('password', password);
  if (problem) return { kind: 'invalid', problems: [problem] };
  const passwordHash = await hash(password);
  return db.transaction().execute(async (tx) => {
    const userId = await consumeToken(tx, token, 'reset_password', now);
    if (!userId) return { kind: 'bad_token' as const };
    const user = await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).returning(['username', 'email']).executeTakeFirstOrThrow();
    // Following the link proves the address too.
    await tx.updateTable('users').set({ email_verified_at: now }).where('id', '=', userId).where('email_verified_at', 'is', null).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await tx.deleteFrom('login_failures').where('username', 'in', [user.username, ...(user.email ? [user.email] : [])]).execute();
    // Other reset links of the account stop working once one has been used.
    await tx.updateTable('portal_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', 'reset_password').where('used_at', 'is', null).execute();
    return { kind: 'done' as const };
  });
}
