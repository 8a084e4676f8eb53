// /permohonan: the applicant's applications and everything done on one of them — corrections
// and resubmission, receipt, permit download, survey, complaint, files; and the public /lacak.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getApplicantCase, listApplicantCases, type ApplicantCase } from '../../app/portal/applicant-case.ts';
import { listDrafts } from '../../app/portal/application-draft.ts';
import { correctableRequirements, notWaiting, pendingCorrections, replaceCaseFile, resubmitCorrected } from '../../app/portal/correct-application.ts';
import { correctApplicantDetails, detailsToCorrect } from '../../app/portal/correct-applicant-details.ts';
import { fileComplaint } from '../../app/portal/file-complaint.ts';
import { fileRefusals } from '../../app/portal/file-rules.ts';
import { IKM_QUESTIONS, recordSurvey, surveyInputFrom, surveyRefusals, surveyState } from '../../app/portal/ikm-survey.ts';
import { getReceipt, receiptPdf } from '../../app/portal/receipt.ts';
import { readFileFor } from '../../app/portal/requirement-files.ts';
import { trackByCode, trackingNotFound } from '../../app/portal/track-by-code.ts';
import { loadActor } from '../../app/workflow/actor.ts';
import { AppError, type Language } from '../../domain/errors.ts';
import { normalizeTrackingCode } from '../../domain/workflow/tracking-code.ts';
import type { WebDeps } from '../deps.ts';
import type { FieldError } from '../forms.ts';
import { languageOf } from '../i18n.ts';
import { assertCsrf, currentSession, pageUser } from '../session.ts';
import type { FormValues } from './account-pages.ts';
import { profileOf, valuesOf } from './account-routes.ts';
import { uploadPage } from './apply-pages.ts';
import { casePage, complaintPage, detailsCorrectionPage, listPage, receiptPage, surveyPage, thanksPage, trackFormPage, trackPage, type SurveyValues } from './case-pages.ts';
import { applicantOrRedirect, assertFieldsCsrf, bodyOf, field, fieldErrors, readForm, sendPage, type Applicant } from './http.ts';
import { limit } from './limits.ts';
import { words } from './words.ts';

type CaseParams = { Params: { id: string } };

// For a header: the name as it may be sent (RFC 6266), never breaking the header.
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerCaseRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  interface CaseContext { me: Applicant; ac: ApplicantCase; lang: Language }
  async function caseContext(req: FastifyRequest, reply: FastifyReply): Promise<CaseContext | null> {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return null;
    const ac = await getApplicantCase(db, me.actor, (req.params as { id: string }).id, deps.now());
    return { me, ac, lang: languageOf(req, reply) };
  }

  const showCase = (reply: FastifyReply, ctx: CaseContext, errors: FieldError[] = [], note = '', status = 200) => sendPage(
    reply, casePage(ctx.lang, ctx.ac, ctx.me.user, { correctable: correctableRequirements(ctx.ac), pending: pendingCorrections(ctx.ac), errors, note }), status,
  );

  app.get('/permohonan', async (req, reply) => {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return reply;
    const lang = languageOf(req, reply);
    return sendPage(reply, listPage(lang, me.user, await listDrafts(db, me.session.userId), await listApplicantCases(db, me.session.userId), me.session.csrfToken));
  });

  app.get<CaseParams>('/permohonan/:id', async (req, reply) => {
    const ctx = await caseContext(req, reply);
    if (!ctx) return reply;
    return showCase(reply, ctx);
  });

  app.get<CaseParams>('/permohonan/:id/tanda-terima', async (req, reply) => {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return reply;
    const receipt = await getReceipt(db, me.actor, req.params.id, deps.publicUrl, deps.now());
    return sendPage(reply, receiptPage(languageOf(req, reply), receipt, me.user));
  });

  app.get<CaseParams>('/permohonan/:id/tanda-terima.pdf', async (req, reply) => {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return reply;
    const receipt = await getReceipt(db, me.actor, req.params.id, deps.publicUrl, deps.now());
    const pdf = await receiptPdf(receipt);
    return reply.type('application/pdf').header('cache-control', 'no-store')
      .header('content-disposition', disposition('inline', `tanda-terima-${receipt.ac.view.trackingCode}.pdf`)).send(Buffer.from(pdf));
  });

  // Files: to their applicant, and to the officials of the case's service (the desk).
  app.get<{ Params: { doc: string; key: string } }>('/permohonan/berkas/:doc/:key', async (req, reply) => {
    const session = await currentSession(db, req, deps.now());
    if (!session) return reply.redirect(`/masuk?next=${encodeURIComponent(req.url.split('?')[0]!)}`, 303);
    const actor = session.kind === 'applicant' ? { kind: 'applicant' as const, userId: session.userId } : await loadActor(db, session.userId, deps.now());
    const file = await readFileFor(db, deps.storage, actor, req.params.doc, req.params.key, deps.now());
    return reply.type(file.mediaType).header('cache-control', 'private, no-store')
      .header('content-disposition', disposition('inline', file.fileName)).send(Buffer.from(file.bytes));
  });

  const correctionView = (ctx: CaseContext, requirementId: string, errors: FieldError[]) => {
    const r = correctableRequirements(ctx.ac).find((q) => q.id === requirementId)!;
    const since = ctx.ac.lastReturn ? new Date(ctx.ac.lastReturn.at).getTime() : 0;
    const current = ctx.ac.files.find((f) => f.requirementId === r.id && f.uploadedAt.getTime() >= since);
    return uploadPage({
      lang: ctx.lang, action: `/permohonan/${ctx.ac.view.id}/perbaikan/${r.id}`, requirement: r, caption: `${ctx.ac.def.name} · ${ctx.ac.view.trackingCode}`,
      current, note: ctx.ac.lastReturn?.corrections.find((c) => c.requirementId === r.id)?.note, user: ctx.me.user, errors,
      back: `/permohonan/${ctx.ac.view.id}#perbaikan`, skip: current ? `/permohonan/${ctx.ac.view.id}#perbaikan` : undefined, maxFileBytes: deps.maxFileBytes,
    });
  };

  app.get<{ Params: { id: string; req: string } }>('/permohonan/:id/perbaikan/:req', async (req, reply) => {
    const ctx = await caseContext(req, reply);
    if (!ctx) return reply;
    if (!correctableRequirements(ctx.ac).some((r) => r.id === req.params.req)) return reply.callNotFound();
    return sendPage(reply, correctionView(ctx, req.params.req, []));
  });

  app.post<{ Params: { id: string; req: string } }>('/permohonan/:id/perbaikan/:req', { config: limit.upload }, async (req, reply) => {
    const ctx = await caseContext(req, reply);
    if (!ctx) return reply;
    const form = await readForm(req);
    assertFieldsCsrf(form.fields, ctx.me.session.csrfToken);
    if (ctx.ac.view.status !== 'waiting_applicant') return showCase(reply, ctx, [{ field: 'status', message: notWaiting().userMessage[ctx.lang] }], '', 409);
    if (!correctableRequirements(ctx.ac).some((r) => r.id === req.params.req)) return reply.callNotFound();
    const refuse = (err: unknown) => {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return sendPage(reply, correctionView(ctx, req.params.req, [{ field: 'berkas', message: err.userMessage[ctx.lang] }]), err.status);
    };
    if (form.fileTooLarge) return refuse(fileRefusals.tooLarge(deps.maxFileBytes));
    if (!form.file) return refuse(fileRefusals.missing());
    try {
      await replaceCaseFile(db, deps.storage, deps, ctx.me.actor, ctx.ac.view.id, req.params.req, form.file, deps.now());
    } catch (err) {
      return refuse(err);
    }
    return reply.redirect(`/permohonan/${ctx.ac.view.id}#perbaikan`, 303);
  });

  app.post<CaseParams>('/permohonan/:id/kirim-ulang', async (req, reply) => {
    const ctx = await caseContext(req, reply);
    if (!ctx) return reply;
    assertCsrf(req, ctx.me.session);
    const note = field(bodyOf(req), 'catatan', 5000);
    if (note.length > 2000) return showCase(reply, ctx, [{ field: 'catatan', message: words(ctx.lang).noteTooLong }], note, 400);
    try {
      await resubmitCorrected(db, ctx.me.actor, ctx.ac.view.id, note, deps.now());
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'not_waiting_on_applicant' && err.code !== 'corrections_missing')) throw err;
      return showCase(reply, ctx, [{ field: err.code === 'corrections_missing' ? 'catatan' : 'status', message: err.userMessage[ctx.lang] }], note, err.status);
    }
    return reply.redirect(`/permohonan/${ctx.ac.view.id}`, 303);
  });

  // Correcting the details the application form carries, after a return that asked for it.
  app.get<CaseParams>('/permohonan/:id/perbaikan-data', async (req, reply) => {
    const ctx = await caseContext(req, reply);
    if (!ctx) return reply;
    const a = await detailsToCorrect(db, ctx.me.actor, ctx.ac.view.id);
    const values: FormValues = {
      name: a.name, nik: a.nik ?? '', nib: a.nib ?? '', npwp: a.npwp ?? '', companyName: a.company_name ?? '', phone: a.phone ?? '', address: a.address ?? '',
    };
    return sendPage(reply, detailsCorrectionPage(ctx.lang, ctx.ac.view.id, a.kind === 'company' ? 'badan-usaha' : 'perorangan', ctx.me.session.csrfToken, values, [], ctx.me.user));
  });

  app.post<CaseParams>('/permohonan/:id/perbaikan-data', async (req, reply) => {
    const ctx = await caseContext(req, reply);
    if (!ctx) return reply;
    assertCsrf(req, ctx.me.session);
    const a = await detailsToCorrect(db, ctx.me.actor, ctx.ac.view.id);
    const kind = a.kind === 'company' ? 'badan-usaha' : 'perorangan';
    const values = valuesOf(req);
    const result = await correctApplicantDetails(db, ctx.me.actor, ctx.ac.view.id, profileOf(kind, values), deps.now());
    if (result.kind === 'invalid') {
      return sendPage(reply, detailsCorrectionPage(ctx.lang, ctx.ac.view.id, kind, ctx.me.session.csrfToken, values, fieldErrors(ctx.lang, result.problems), ctx.me.user), 400);
    }
    return reply.redirect(`/permohonan/${ctx.ac.view.id}#perbaikan`, 303);
  });

  app.get<CaseParams>('/permohonan/:id/survei', async (req, reply) => {
    const ctx = await caseContext(req, reply);
    if (!ctx) return reply;
    const state = await surveyState(db, ctx.me.actor, ctx.ac.view.id, deps.now());
    if (state === 'not_open') throw surveyRefusals.notYet();
    const w = words(ctx.lang);
    if (state === 'answered') return sendPage(reply, thanksPage(ctx.lang, w.surveyDoneTitle, w.surveyAlready, `/permohonan/${ctx.ac.view.id}`, ctx.me.user));
    return sendPage(reply, surveyPage(ctx.lang, ctx.ac, ctx.me.user, {}, []));
  });

  app.post<CaseParams>('/permohonan/:id/survei', async (req, reply) => {
    const ctx = await caseContext(req, reply);
    if (!ctx) return reply;
    assertCsrf(req, ctx.me.session);
    const body = bodyOf(req);
    const values: SurveyValues = {};
    for (const q of IKM_QUESTIONS) values[`unsur${q.unsur}`] = field(body, `unsur${q.unsur}`, 10);
    for (const k of ['sex', 'education', 'occupation', 'comment'] as const) values[k] = field(body, k, k === 'comment' ? 5000 : 50);
    const input = surveyInputFrom((name) => values[name]);
    const w = words(ctx.lang);
    try {
      const result = await recordSurvey(db, ctx.me.actor, ctx.ac.view.id, input, deps.now());
      if (result.kind === 'invalid') return sendPage(reply, surveyPage(ctx.lang, ctx.ac, ctx.me.user, values, fieldErrors(ctx.lang, result.problems)), 400);
    } catch (err) {
      if (err instanceof AppError && err.code === 'survey_answered') {
        return sendPage(reply, thanksPage(ctx.lang, w.surveyDoneTitle, w.surveyAlready, `/permohonan/${ctx.ac.view.id}`, ctx.me.user), 409);
      }
      throw err;
    }
    return sendPage(reply, thanksPage(ctx.lang, w.surveyThanksTitle, w.surveyThanksBody, `/permohonan/${ctx.ac.view.id}`, ctx.me.user));
  });

  app.get<CaseParams>('/permohonan/:id/pengaduan', async (req, reply) => {
    const ctx = await caseContext(req, reply);
    if (!ctx) return reply;
    return sendPage(reply, complaintPage(ctx.lang, ctx.ac, ctx.me.user, {}, [], deps.maxFileBytes));
  });

  app.post<CaseParams>('/permohonan/:id/pengaduan', { config: limit.complaint }, async (req, reply) => {
    const ctx = await caseContext(req, reply);
    if (!ctx) return reply;
    const form = await readForm(req);
    assertFieldsCsrf(form.fields, ctx.me.session.csrfToken);
    const values = { category: (form.fields.category ?? '').slice(0, 50), body: (form.fields.body ?? '').slice(0, 10_000) };
    const again = (errors: FieldError[], status: number) => sendPage(reply, complaintPage(ctx.lang, ctx.ac, ctx.me.user, values, errors, deps.maxFileBytes), status);
    if (form.fileTooLarge) return again([{ field: 'berkas', message: fileRefusals.tooLarge(deps.maxFileBytes).userMessage[ctx.lang] }], 413);
    try {
      const result = await fileComplaint(db, deps.storage, deps, ctx.me.actor, ctx.ac.view.id, { ...values, ...(form.file ? { attachment: form.file } : {}) }, deps.now());
      if (result.kind === 'invalid') return again(fieldErrors(ctx.lang, result.problems), 400);
      const w = words(ctx.lang);
      return sendPage(reply, thanksPage(ctx.lang, w.complaintSentTitle, w.complaintSentBody(result.id), `/permohonan/${ctx.ac.view.id}`, ctx.me.user));
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.code === 'case_not_found') throw err;
      return again([{ field: 'berkas', message: err.userMessage[ctx.lang] }], err.status);
    }
  });

  // Public tracking by the code on the receipt: no sign-in, rate-limited, no personal data.
  app.get('/lacak', { config: limit.track }, async (req, reply) => sendPage(reply, trackFormPage(languageOf(req, reply), await pageUser(db, req, deps.now()))));

  app.get<{ Querystring: { kode?: string } }>('/lacak/cari', { config: limit.track }, async (req, reply) => {
    const lang = languageOf(req, reply);
    const raw = String(req.query.kode ?? '').slice(0, 40);
    const code = normalizeTrackingCode(raw);
    if (!code) {
      const message = raw.trim() ? trackingNotFound().userMessage[lang] : words(lang).enterCode;
      return sendPage(reply, trackFormPage(lang, await pageUser(db, req, deps.now()), raw, [{ field: 'kode', message }]), raw.trim() ? 404 : 400);
    }
    return reply.redirect(`/lacak/${code}`, 303);
  });

  app.get<{ Params: { code: string } }>('/lacak/:code', { config: limit.track }, async (req, reply) => {
    const lang = languageOf(req, reply);
    const t = await trackByCode(db, req.params.code);
    if (t.code !== req.params.code) return reply.redirect(`/lacak/${t.code}`, 301);
    return sendPage(reply, trackPage(lang, t, await pageUser(db, req, deps.now())));
  });
}
