// /daftar, /lupa-sandi and /akun: applicant accounts. Forms before signing in carry the
// pre-session CSRF token; the ones after, the session's.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { alreadyRegisteredMail, resetMail, verificationMail } from '../../app/portal/account-mails.ts';
import { tokenIsValid } from '../../app/portal/account-tokens.ts';
import { emailProblem } from '../../app/portal/identity-rules.ts';
import { applicantOf, createApplicantProfile, registerApplicant, type ApplicantProfile } from '../../app/portal/register-applicant.ts';
import { requestPasswordReset, resetPassword } from '../../app/portal/reset-password.ts';
import { renewVerification, verifyEmail } from '../../app/portal/verify-email.ts';
import type { MailMessage } from '../../infra/mail/mailer.ts';
import type { WebDeps } from '../deps.ts';
import { languageOf } from '../i18n.ts';
import { assertCsrf, assertPreSessionCsrf, pageUser, preSessionCsrf } from '../session.ts';
import {
  ACCOUNT_KINDS, checkEmailPage, chooseKindPage, forgotPage, newPasswordPage, passwordChangedPage, profilePage, registerPage,
  resetLinkInvalidPage, verifiedPage, type AccountKind, type FormValues,
} from './account-pages.ts';
import { applicantOrRedirect, bodyOf, field, fieldErrors, sendPage } from './http.ts';
import { limit } from './limits.ts';
import { words } from './words.ts';

const PROFILE_FIELDS = ['name', 'nik', 'phone', 'address', 'companyName', 'nib', 'npwp'] as const;

export function valuesOf(req: FastifyRequest): FormValues {
  const body = bodyOf(req);
  const v: FormValues = {};
  for (const k of [...PROFILE_FIELDS, 'email']) v[k] = field(body, k, 1000);
  return v;
}

export function profileOf(kind: AccountKind, v: FormValues): ApplicantProfile {
  return kind === 'perorangan'
    ? { kind: 'person', name: v.name ?? '', nik: v.nik ?? '', phone: v.phone ?? '', address: v.address ?? '' }
    : { kind: 'company', companyName: v.companyName ?? '', nib: v.nib ?? '', npwp: v.npwp ?? '', address: v.address ?? '', name: v.name ?? '', phone: v.phone ?? '' };
}

const isKind = (k: unknown): k is AccountKind => typeof k === 'string' && (ACCOUNT_KINDS as string[]).includes(k);

// Only same-site portal paths are followed after completing the profile.
const safeNext = (next: string) => (/^\/(ajukan|permohonan)\/[A-Za-z0-9/_-]*$/.test(next) ? next : undefined);

export function registerAccountRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;
  const send = async (req: FastifyRequest, message: MailMessage) => {
    try {
      await deps.mailer.send(message);
    } catch (err) {
      // The account stands; the person can ask for a new link once signed in.
      req.log.error({ err }, 'account mail not sent');
    }
  };

  // The choice is a GET form; `pilih` tells a sent form with nothing chosen from a first visit.
  app.get<{ Querystring: { jenis?: string; pilih?: string } }>('/daftar', async (req, reply) => {
    const lang = languageOf(req, reply);
    const jenis = req.query.jenis;
    if (isKind(jenis)) return reply.redirect(`/daftar/${jenis}`, 303);
    const errors = jenis === undefined && req.query.pilih === undefined ? [] : [{ field: 'jenis', message: words(lang).chooseKind }];
    return sendPage(reply, chooseKindPage(lang, errors), errors.length ? 400 : 200);
  });

  app.get<{ Params: { kind: string } }>('/daftar/:kind', async (req, reply) => {
    const lang = languageOf(req, reply);
    if (req.params.kind === 'periksa-email') return sendPage(reply, checkEmailPage(lang, 'register'));
    if (!isKind(req.params.kind)) return reply.callNotFound();
    return sendPage(reply, registerPage(lang, req.params.kind, preSessionCsrf(req, reply, deps.cookiePolicy), {}, []));
  });

  app.post<{ Params: { kind: string } }>('/daftar/:kind', { config: limit.register }, async (req, reply) => {
    const lang = languageOf(req, reply);
    if (!isKind(req.params.kind)) return reply.callNotFound();
    assertPreSessionCsrf(req);
    const kind = req.params.kind;
    const v = valuesOf(req);
    const password = field(bodyOf(req), 'password', 1000);
    const result = await registerApplicant(db, { ...profileOf(kind, v), email: v.email ?? '', password }, deps.now());
    if (result.kind === 'invalid') {
      return sendPage(reply, registerPage(lang, kind, preSessionCsrf(req, reply, deps.cookiePolicy), v, fieldErrors(lang, result.problems)), 400);
    }
    if (result.kind === 'created') await send(req, verificationMail(deps.publicUrl, result.email, result.name, result.token));
    else await send(req, alreadyRegisteredMail(deps.publicUrl, result.email, result.name));
    return reply.redirect('/daftar/periksa-email', 303);
  });

  app.get<{ Querystring: { token?: string } }>('/daftar/verifikasi', { config: limit.token }, async (req, reply) => {
    const lang = languageOf(req, reply);
    const ok = await verifyEmail(db, String(req.query.token ?? ''), deps.now());
    return sendPage(reply, verifiedPage(lang, ok, await pageUser(db, req, deps.now())), ok ? 200 : 400);
  });

  app.post('/akun/verifikasi-ulang', { config: limit.resend }, async (req, reply) => {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return reply;
    assertCsrf(req, me.session);
    const renewed = await renewVerification(db, me.session.userId, deps.now());
    if (renewed) await send(req, verificationMail(deps.publicUrl, renewed.email, renewed.name, renewed.token));
    return sendPage(reply, checkEmailPage(languageOf(req, reply), 'register'));
  });

  app.get('/lupa-sandi', async (req, reply) => {
    const lang = languageOf(req, reply);
    return sendPage(reply, forgotPage(lang, preSessionCsrf(req, reply, deps.cookiePolicy), '', []));
  });

  app.post('/lupa-sandi', { config: limit.reset }, async (req, reply) => {
    const lang = languageOf(req, reply);
    assertPreSessionCsrf(req);
    const email = field(bodyOf(req), 'email', 1000);
    const problem = emailProblem('email', email);
    if (problem) return sendPage(reply, forgotPage(lang, preSessionCsrf(req, reply, deps.cookiePolicy), email, fieldErrors(lang, [problem])), 400);
    const link = await requestPasswordReset(db, email, deps.now());
    if (link) await send(req, resetMail(deps.publicUrl, link.email, link.name, link.token));
    // The same answer whether or not the address has an account.
    return reply.redirect('/lupa-sandi/periksa-email', 303);
  });

  app.get('/lupa-sandi/periksa-email', async (req, reply) => sendPage(reply, checkEmailPage(languageOf(req, reply), 'reset')));

  app.get<{ Querystring: { token?: string } }>('/lupa-sandi/atur', { config: limit.token }, async (req, reply) => {
    const lang = languageOf(req, reply);
    const token = String(req.query.token ?? '');
    if (!(await tokenIsValid(db, token, 'reset_password', deps.now()))) return sendPage(reply, resetLinkInvalidPage(lang), 400);
    return sendPage(reply, newPasswordPage(lang, preSessionCsrf(req, reply, deps.cookiePolicy), token, []));
  });

  app.post('/lupa-sandi/atur', { config: limit.token }, async (req, reply) => {
    const lang = languageOf(req, reply);
    assertPreSessionCsrf(req);
    const body = bodyOf(req);
    const token = field(body, 'token', 100);
    const result = await resetPassword(db, token, field(body, 'password', 1000), deps.now());
    if (result.kind === 'invalid') return sendPage(reply, newPasswordPage(lang, preSessionCsrf(req, reply, deps.cookiePolicy), token, fieldErrors(lang, result.problems)), 400);
    if (result.kind === 'bad_token') return sendPage(reply, resetLinkInvalidPage(lang), 400);
    return sendPage(reply, passwordChangedPage(lang));
  });

  app.get<{ Querystring: { jenis?: string; next?: string; pilih?: string } }>('/akun/profil', async (req, reply) => {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return reply;
    const lang = languageOf(req, reply);
    if (await applicantOf(db, me.session.userId)) return reply.redirect('/permohonan', 303);
    const next = safeNext(String(req.query.next ?? ''));
    if (isKind(req.query.jenis)) return reply.redirect(`/akun/profil/${req.query.jenis}${next ? `?next=${encodeURIComponent(next)}` : ''}`, 303);
    const errors = req.query.jenis === undefined && req.query.pilih === undefined ? [] : [{ field: 'jenis', message: words(lang).chooseKind }];
    return sendPage(reply, chooseKindPage(lang, errors, '/akun/profil', me.user, next), errors.length ? 400 : 200);
  });

  app.get<{ Params: { kind: string }; Querystring: { next?: string } }>('/akun/profil/:kind', async (req, reply) => {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return reply;
    if (!isKind(req.params.kind)) return reply.callNotFound();
    const lang = languageOf(req, reply);
    return sendPage(reply, profilePage(lang, req.params.kind, me.session.csrfToken, {}, [], me.user, safeNext(String(req.query.next ?? ''))));
  });

  app.post<{ Params: { kind: string } }>('/akun/profil/:kind', async (req, reply) => {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return reply;
    if (!isKind(req.params.kind)) return reply.callNotFound();
    assertCsrf(req, me.session);
    const lang = languageOf(req, reply);
    const v = valuesOf(req);
    const next = safeNext(field(bodyOf(req), 'next', 300));
    const result = await createApplicantProfile(db, me.session.userId, profileOf(req.params.kind, v));
    if (result.kind === 'invalid') return sendPage(reply, profilePage(lang, req.params.kind, me.session.csrfToken, v, fieldErrors(lang, result.problems), me.user, next), 400);
    return reply.redirect(next ?? '/permohonan', 303);
  });
}
