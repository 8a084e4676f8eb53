// /masuk and /keluar: signing in (staff by username, applicants by email) and out.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { html } from 'hono/html';
import { z } from 'zod';
import { confirmSignInCode, login, logout, SESSION_HOURS } from '../app/auth/sessions.ts';
import type { Db } from '../app/transaction.ts';
import { AppError, type Language } from '../domain/errors.ts';
import { csrfField, errorSummary, inputField, type FieldError } from './forms.ts';
import { languageOf } from './i18n.ts';
import { layout, render, type Html } from './layout.ts';
import { assertCsrf, assertPreSessionCsrf, clearSessionCookie, currentSession, pendingSession, preSessionCsrf, SESSION_COOKIE, setSessionCookie, type CookiePolicy } from './session.ts';

const loginForm = z.object({ username: z.string().max(200).default(''), password: z.string().max(500).default(''), next: z.string().max(500).optional() });

// Only same-site paths are followed after signing in.
const safeNext = (next: string | undefined) => (next && /^\/[A-Za-z0-9/_\-?=&.%]*$/.test(next) && !next.startsWith('//') ? next : undefined);

function loginPage(lang: Language, csrf: string, errors: FieldError[], username = '', next?: string): Html {
  const id = lang === 'id';
  const body = html`<h1>${id ? 'Masuk' : 'Sign in'}</h1>
${errorSummary(lang, errors)}
<form method="post" action="/masuk" novalidate>
  ${csrfField(csrf)}
  ${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
  ${inputField({ name: 'username', label: id ? 'Nama pengguna atau email' : 'Username or email', value: username, autocomplete: 'username', maxlength: 200, errors })}
  ${inputField({ name: 'password', label: id ? 'Kata sandi' : 'Password', type: 'password', autocomplete: 'current-password', maxlength: 500, errors })}
  <button type="submit">${id ? 'Masuk' : 'Sign in'}</button>
</form>`;
  return layout({ lang, title: id ? 'Masuk' : 'Sign in', path: '/masuk', body });
}

const codeForm = z.object({ code: z.string().max(20).default(''), next: z.string().max(500).optional() });

function codePage(lang: Language, csrf: string, errors: FieldError[], next?: string): Html {
  const id = lang === 'id';
  const body = html`<h1>${id ? 'Verifikasi dua langkah' : 'Two-step verification'}</h1>
${errorSummary(lang, errors)}
<p>${id ? 'Masukkan kode 6 angka dari aplikasi autentikator Anda.' : 'Enter the 6-digit code from your authenticator app.'}</p>
<form method="post" action="/masuk/kode" novalidate>
  ${csrfField(csrf)}
  ${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
  ${inputField({ name: 'code', label: id ? 'Kode verifikasi' : 'Verification code', autocomplete: 'one-time-code', maxlength: 20, errors })}
  <button type="submit">${id ? 'Lanjutkan' : 'Continue'}</button>
</form>`;
  return layout({ lang, title: id ? 'Verifikasi dua langkah' : 'Two-step verification', path: '/masuk/kode', body });
}

export async function registerLoginRoutes(app: FastifyInstance, db: Db, policy: CookiePolicy, now: () => Date): Promise<void> {
  await app.register(async (scope) => {
    // Per address; guessing one account's password is stopped sooner by the per-account lock.
    await scope.register(rateLimit, {
      max: 60,
      timeWindow: '1 minute',
      errorResponseBuilder: () => new AppError('rate_limited', 429, { id: 'Terlalu banyak percobaan. Coba lagi dalam satu menit.', en: 'Too many attempts. Try again in a minute.' }),
    });

    scope.get<{ Querystring: { next?: string } }>('/masuk', async (req, reply) => {
      const lang = languageOf(req, reply);
      const csrf = preSessionCsrf(req, reply, policy);
      return reply.type('text/html; charset=utf-8').send(await render(loginPage(lang, csrf, [], '', safeNext(req.query.next))));
    });

    scope.post('/masuk', async (req, reply) => {
      const lang = languageOf(req, reply);
      assertPreSessionCsrf(req);
      const form = loginForm.safeParse(req.body ?? {});
      const values = form.success ? form.data : { username: '', password: '', next: undefined };
      const errors: FieldError[] = [];
      if (!values.username.trim()) errors.push({ field: 'username', message: lang === 'id' ? 'Isi nama pengguna atau email' : 'Enter your username or email' });
      if (!values.password) errors.push({ field: 'password', message: lang === 'id' ? 'Isi kata sandi' : 'Enter your password' });
      const csrf = preSessionCsrf(req, reply, policy);
      if (errors.length > 0) return reply.code(400).type('text/html; charset=utf-8').send(await render(loginPage(lang, csrf, errors, values.username, safeNext(values.next))));
      try {
        const { token, session } = await login(db, values.username, values.password, now());
        setSessionCookie(reply, token, policy, SESSION_HOURS * 3600);
        const home = session.kind === 'staff' ? '/meja' : '/permohonan';
        const next = safeNext(values.next) ?? home;
        if (session.secondFactorPending) return reply.redirect(`/masuk/kode?next=${encodeURIComponent(next)}`, 303);
        return reply.redirect(next, 303);
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'bad_credentials' && err.code !== 'too_many_attempts')) throw err;
        const field = [{ field: 'username', message: err.userMessage[lang] }];
        return reply.code(err.status).type('text/html; charset=utf-8').send(await render(loginPage(lang, csrf, field, values.username, safeNext(values.next))));
      }
    });

    // The second step for those who registered an authenticator app.
    scope.get<{ Querystring: { next?: string } }>('/masuk/kode', async (req, reply) => {
      const lang = languageOf(req, reply);
      const session = await pendingSession(db, req, now());
      if (!session) return reply.redirect('/masuk', 303);
      return reply.type('text/html; charset=utf-8').send(await render(codePage(lang, session.csrfToken, [], safeNext(req.query.next))));
    });

    scope.post('/masuk/kode', async (req, reply) => {
      const lang = languageOf(req, reply);
      const session = await pendingSession(db, req, now());
      if (!session) return reply.redirect('/masuk', 303);
      assertCsrf(req, session);
      const form = codeForm.safeParse(req.body ?? {});
      const values = form.success ? form.data : { code: '', next: undefined };
      try {
        await confirmSignInCode(db, req.cookies[SESSION_COOKIE], values.code, now());
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'second_factor_invalid' && err.code !== 'too_many_attempts')) throw err;
        return reply.code(err.status).type('text/html; charset=utf-8')
          .send(await render(codePage(lang, session.csrfToken, [{ field: 'code', message: err.userMessage[lang] }], safeNext(values.next))));
      }
      return reply.redirect(safeNext(values.next) ?? '/meja', 303);
    });

    scope.post('/keluar', async (req, reply) => {
      const session = (await currentSession(db, req, now())) ?? (await pendingSession(db, req, now()));
      if (session) {
        assertCsrf(req, session);
        await logout(db, req.cookies[SESSION_COOKIE]);
      }
      clearSessionCookie(reply, policy);
      return reply.redirect('/', 303);
    });
  });
}
