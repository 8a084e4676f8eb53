// Verifying an applicant's email address with the link sent at registration, and sending a
// new link on request.
import type { Db } from '../transaction.ts';
import { consumeToken, issueToken, tokensIssuedSince } from './account-tokens.ts';

export async function verifyEmail(db: Db, token: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const userId = await consumeToken(tx, token, 'verify_email', now);
    if (!userId) return false;
    await tx.updateTable('users').set({ email_verified_at: now }).where('id', '=', userId).where('email_verified_at', 'is', null).execute();
    return true;
  });
}

export const RESEND_PER_HOUR = 3;

// A new link for a signed-in applicant whose address is not verified yet; at most a few an hour.
export async function renewVerification(db: Db, userId: string, now: Date): Promise<{ email: string; name: string; token: string } | null> {
  const user = await db.selectFrom('users').select(['email', 'display_name', 'email_verified_at', 'kind']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.kind !== 'applicant' || !user.email || user.email_verified_at) return null;
  if (await tokensIssuedSince(db, userId, 'verify_email', new Date(now.getTime() - 3_600_000)) >= RESEND_PER_HOUR) return null;
  const token = await issueToken(db, userId, 'verify_email', now);
  return { email: user.email, name: user.display_name, token };
}
