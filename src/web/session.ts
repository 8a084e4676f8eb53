// Browser sessions for the portal and the desk: a secure, httpOnly, SameSite cookie; every
// form carries the session's CSRF token (or, before signing in, a double-submit token).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionFor, type Session } from '../app/auth/sessions.ts';
import type { Db } from '../app/transaction.ts';
import { AppError } from '../domain/errors.ts';
import type { PageUser } from './layout.ts';

export const SESSION_COOKIE = 'sp_sesi';
export const PRE_CSRF_COOKIE = 'sp_csrf';

export interface CookiePolicy {
  secure: boolean;
}

export function setSessionCookie(reply: FastifyReply, token: string, policy: CookiePolicy, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: policy.secure, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, policy: CookiePolicy): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: policy.secure });
}

// A session still waiting for the authenticator's code opens nothing but the page that asks
// for it (pendingSession).
export async function currentSession(db: Db, req: FastifyRequest, now: Date): Promise<Session | null> {
  const session = await sessionFor(db, req.cookies[SESSION_COOKIE], now);
  return session && !session.secondFactorPending ? session : null;
}

export async function pendingSession(db: Db, req: FastifyRequest, now: Date): Promise<Session | null> {
  const session = await sessionFor(db, req.cookies[SESSION_COOKIE], now);
  return session?.secondFactorPending ? session : null;
}

export const csrfFailed = () => new AppError('csrf_failed', 403, {
  id: 'Formulir ini sudah kedaluwarsa atau tidak sah. Muat ulang halaman, lalu coba lagi.',
  en: 'This form has expired or is not valid. Reload the page and try again.',
});

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

// Forms send the token as the _csrf field; scripts as the x-csrf-token header.
export function assertCsrf(req: FastifyRequest, session: Session): void {
  const sent = ((req.body ?? {}) as Record<string, unknown>)._csrf ?? req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !same(sent, session.csrfToken)) throw csrfFailed();
}

// Before there is a session (the sign-in and registration forms): a random token in a cookie
// that the form must echo.
export function preSessionCsrf(req: FastifyRequest, reply: FastifyReply, policy: CookiePolicy): string {
  const existing = req.cookies[PRE_CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(PRE_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: policy.secure });
  return token;
}

export function assertPreSessionCsrf(req: FastifyRequest): void {
  const cookie = req.cookies[PRE_CSRF_COOKIE];
  const sent = ((req.body ?? {}) as Record<string, unknown>)._csrf;
  if (!cookie || typeof sent !== 'string' || !same(sent, cookie)) throw csrfFailed();
}

// The signed-in person as the page header shows them, or undefined.
export async function pageUser(db: Db, req: FastifyRequest, now: Date): Promise<PageUser | undefined> {
  const s = await currentSession(db, req, now);
  return s ? { displayName: s.displayName, csrfToken: s.csrfToken, home: s.kind === 'staff' ? '/meja' : '/permohonan' } : undefined;
}
