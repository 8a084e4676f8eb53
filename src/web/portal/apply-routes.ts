// /ajukan/{office}/{service} (the stable address the service page links to) and the draft's
// pages under /permohonan/draf/{id}. Every answer is saved as it is given.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getService } from '../../app/catalogue/get-service.ts';
import {
  answerQuestion, assertEditable, chooseApplicationType, listDrafts, loadDraft, needsFile, pageAfter, pageBefore, resumePage, startDraft,
  abandonDraft, type DraftView,
} from '../../app/portal/application-draft.ts';
import { fileRefusals } from '../../app/portal/file-rules.ts';
import { applicantOf } from '../../app/portal/register-applicant.ts';
import { removeDraftFile, storeRequirementFile } from '../../app/portal/requirement-files.ts';
import { submitDraft } from '../../app/portal/submit-draft.ts';
import { AppError, type Language } from '../../domain/errors.ts';
import type { WebDeps } from '../deps.ts';
import type { FieldError } from '../forms.ts';
import { languageOf } from '../i18n.ts';
import { assertCsrf, currentSession, pageUser } from '../session.ts';
import { checklistPage, checkPage, draftPath, questionPage, startPage, typePage, uploadPage } from './apply-pages.ts';
import { applicantOrRedirect, assertFieldsCsrf, bodyOf, field, readForm, sendPage, type Applicant } from './http.ts';
import { limit } from './limits.ts';
import { words } from './words.ts';

const serviceNotFound = () => new AppError('service_not_found', 404, { id: 'Layanan tidak ditemukan.', en: 'Service not found.' });

type DraftParams = { Params: { draft: string } };

export function registerApplyRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  app.get<{ Params: { office: string; service: string } }>('/ajukan/:office/:service', async (req, reply) => {
    const lang = languageOf(req, reply);
    const svc = await getService(db, req.params.office, req.params.service);
    if (!svc) throw serviceNotFound();
    const user = await pageUser(db, req, deps.now());
    const session = await currentSession(db, req, deps.now());
    const drafts = session?.kind === 'applicant' ? (await listDrafts(db, session.userId)).filter((d) => d.officeId === svc.office.id && d.serviceSlug === svc.definition.slug) : [];
    return sendPage(reply, startPage(lang, svc, user, drafts));
  });

  app.post<{ Params: { office: string; service: string } }>('/ajukan/:office/:service', async (req, reply) => {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return reply;
    assertCsrf(req, me.session);
    const id = await startDraft(db, me.session.userId, req.params.office, req.params.service, deps.now());
    const view = await loadDraft(db, me.session.userId, id);
    return reply.redirect(draftPath(view, resumePage(view)), 303);
  });

  // A draft's own address continues where it was left.
  app.get<DraftParams>('/permohonan/draf/:draft', async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    return reply.redirect(draftPath(ctx.view, resumePage(ctx.view)), 303);
  });

  app.post<DraftParams>('/permohonan/draf/:draft/hapus', async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    assertCsrf(req, ctx.me.session);
    await abandonDraft(db, ctx.view, deps.now());
    return reply.redirect('/permohonan', 303);
  });

  app.get<DraftParams>('/permohonan/draf/:draft/jenis', async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    return sendPage(reply, typePage(ctx.lang, ctx.view, ctx.me.user, []));
  });

  app.post<DraftParams>('/permohonan/draf/:draft/jenis', async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    assertCsrf(req, ctx.me.session);
    const type = field(bodyOf(req), 'jenis', 50);
    if (!(ctx.view.def.applicationTypes as string[]).includes(type)) {
      return sendPage(reply, typePage(ctx.lang, ctx.view, ctx.me.user, [{ field: 'jenis', message: words(ctx.lang).chooseType }]), 400);
    }
    await chooseApplicationType(db, ctx.view, type, deps.now());
    const view = await loadDraft(db, ctx.me.session.userId, ctx.view.id);
    return reply.redirect(draftPath(view, pageAfter(view, 'jenis')), 303);
  });

  app.get<{ Params: { draft: string; attr: string } }>('/permohonan/draf/:draft/pertanyaan/:attr', async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    const page = `pertanyaan/${req.params.attr}`;
    if (!ctx.view.questions.some((q) => q.id === req.params.attr)) return reply.redirect(draftPath(ctx.view, resumePage(ctx.view)), 303);
    return sendPage(reply, questionPage(ctx.lang, ctx.view, req.params.attr, ctx.me.user, [], pageBefore(ctx.view, page) ?? 'jenis'));
  });

  app.post<{ Params: { draft: string; attr: string } }>('/permohonan/draf/:draft/pertanyaan/:attr', async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    assertCsrf(req, ctx.me.session);
    const page = `pertanyaan/${req.params.attr}`;
    if (!ctx.view.questions.some((q) => q.id === req.params.attr)) return reply.callNotFound();
    const answer = field(bodyOf(req), 'jawaban', 10);
    if (answer !== 'ya' && answer !== 'tidak') {
      return sendPage(reply, questionPage(ctx.lang, ctx.view, req.params.attr, ctx.me.user, [{ field: 'jawaban', message: words(ctx.lang).chooseYesNo }], pageBefore(ctx.view, page) ?? 'jenis'), 400);
    }
    await answerQuestion(db, ctx.view, req.params.attr, answer === 'ya', deps.now());
    const view = await loadDraft(db, ctx.me.session.userId, ctx.view.id);
    return reply.redirect(draftPath(view, pageAfter(view, page)), 303);
  });

  app.get<DraftParams>('/permohonan/draf/:draft/persyaratan', async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    if (!ctx.view.applicationType) return reply.redirect(draftPath(ctx.view, 'jenis'), 303);
    return sendPage(reply, checklistPage(ctx.lang, ctx.view, ctx.me.user, pageBefore(ctx.view, 'persyaratan'), pageAfter(ctx.view, 'persyaratan')));
  });

  const uploadView = (ctx: DraftContext, requirementId: string, errors: FieldError[]) => {
    const r = ctx.view.checklist.find((x) => x.id === requirementId && needsFile(x))!;
    const files = ctx.view.checklist.filter(needsFile);
    const page = `berkas/${r.id}`;
    const current = ctx.view.documents.find((d) => d.requirementId === r.id);
    const w = words(ctx.lang);
    return uploadPage({
      lang: ctx.lang, action: draftPath(ctx.view, page), requirement: r, caption: ctx.view.def.name, progress: w.fileOf(files.indexOf(r) + 1, files.length),
      current, user: ctx.me.user, errors, back: draftPath(ctx.view, pageBefore(ctx.view, page) ?? 'persyaratan'),
      skip: current || r.optional ? draftPath(ctx.view, pageAfter(ctx.view, page)) : undefined,
      remove: r.optional ? draftPath(ctx.view, `${page}/hapus`) : undefined,
      maxFileBytes: deps.maxFileBytes,
    });
  };

  app.get<{ Params: { draft: string; req: string } }>('/permohonan/draf/:draft/berkas/:req', async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    if (!ctx.view.checklist.some((r) => r.id === req.params.req && needsFile(r))) return reply.callNotFound();
    return sendPage(reply, uploadView(ctx, req.params.req, []));
  });

  app.post<{ Params: { draft: string; req: string } }>('/permohonan/draf/:draft/berkas/:req', { config: limit.upload }, async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    const form = await readForm(req);
    assertFieldsCsrf(form.fields, ctx.me.session.csrfToken);
    if (!ctx.view.checklist.some((r) => r.id === req.params.req && needsFile(r))) return reply.callNotFound();
    const refuse = async (err: unknown) => {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return sendPage(reply, uploadView(ctx, req.params.req, [{ field: 'berkas', message: err.userMessage[ctx.lang] }]), err.status);
    };
    if (form.fileTooLarge) return refuse(fileRefusals.tooLarge(deps.maxFileBytes));
    if (!form.file) return refuse(fileRefusals.missing());
    try {
      await storeRequirementFile(db, deps.storage, deps, { kind: 'draft', draftId: ctx.view.id }, req.params.req, form.file, ctx.me.session.userId, deps.now());
    } catch (err) {
      return refuse(err);
    }
    await db.updateTable('portal_drafts').set({ updated_at: deps.now() }).where('id', '=', ctx.view.id).execute();
    return reply.redirect(draftPath(ctx.view, pageAfter(ctx.view, `berkas/${req.params.req}`)), 303);
  });

  app.post<{ Params: { draft: string; req: string } }>('/permohonan/draf/:draft/berkas/:req/hapus', async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    assertCsrf(req, ctx.me.session);
    if (!ctx.view.checklist.some((r) => r.id === req.params.req && needsFile(r))) return reply.callNotFound();
    await removeDraftFile(db, ctx.view.id, req.params.req, deps.now());
    return reply.redirect(draftPath(ctx.view, `berkas/${req.params.req}`), 303);
  });

  const checkView = async (ctx: DraftContext, errors: FieldError[]) => {
    const user = await db.selectFrom('users').select('email_verified_at').where('id', '=', ctx.me.session.userId).executeTakeFirstOrThrow();
    return checkPage({
      lang: ctx.lang, view: ctx.view, user: ctx.me.user, applicant: await applicantOf(db, ctx.me.session.userId),
      emailVerified: user.email_verified_at !== null, errors, back: pageBefore(ctx.view, 'periksa'),
    });
  };

  app.get<DraftParams>('/permohonan/draf/:draft/periksa', async (req, reply) => {
    const ctx = await draftContext(req, reply);
    if (!ctx) return reply;
    if (!ctx.view.applicationType) return reply.redirect(draftPath(ctx.view, 'jenis'), 303);
    return sendPage(reply, await checkView(ctx, []));
  });

  app.post<DraftParams>('/permohonan/draf/:draft/kirim', async (req, reply) => {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return reply;
    assertCsrf(req, me.session);
    const lang = languageOf(req, reply);
    const declared = field(bodyOf(req), 'pernyataan', 10) === 'ya';
    try {
      const { caseId } = await submitDraft(db, me.session.userId, req.params.draft, declared, deps.now());
      return reply.redirect(`/permohonan/${caseId}/tanda-terima`, 303);
    } catch (err) {
      const fieldFor: Record<string, string> = { declaration_required: 'pernyataan', files_missing: 'pernyataan', draft_incomplete: 'pernyataan', email_not_verified: 'email', profile_required: 'pernyataan' };
      if (!(err instanceof AppError) || !(err.code in fieldFor)) throw err;
      const view = await loadDraft(db, me.session.userId, req.params.draft);
      return sendPage(reply, await checkView({ me, view, lang }, [{ field: fieldFor[err.code]!, message: err.userMessage[lang] }]), err.status);
    }
  });

  interface DraftContext { me: Applicant; view: DraftView; lang: Language }

  // The signed-in applicant's own draft, still open; a sent one leads to its case.
  async function draftContext(req: FastifyRequest, reply: FastifyReply): Promise<DraftContext | null> {
    const me = await applicantOrRedirect(deps, req, reply);
    if (!me) return null;
    const { draft } = req.params as { draft: string };
    const view = await loadDraft(db, me.session.userId, draft);
    if (view.status === 'submitted' && view.caseId) {
      reply.redirect(`/permohonan/${view.caseId}`, 303);
      return null;
    }
    assertEditable(view);
    return { me, view, lang: languageOf(req, reply) };
  }
}
