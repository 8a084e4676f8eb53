// The officials' desk (Meja kerja): the worklist, the case page with the actions the current
// step allows, the front counter, the signature list, the permit register, the account's second
// factor and the office administrator's page. Every route is registered through `route`, which
// refuses a route without an entry in the access table (access.ts) and checks that rule before
// the handler runs. Forms post to the engine and redirect back (post/redirect/get).
import { randomBytes } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../../app/auth/sessions.ts';
import { actAtDesk, deskActionSchema, handoverSchema, recommendationFormSchema, recordHandover, recordRecommendation, signMany } from '../../app/desk/act-at-desk.ts';
import { colleaguesFor, type Colleague } from '../../app/desk/colleagues.ts';
import { readCaseDocument, storeUploads, type StoredUpload } from '../../app/desk/documents.ts';
import { getCaseFile } from '../../app/desk/get-case-file.ts';
import { listSignable } from '../../app/desk/list-signable.ts';
import { actingSchema, addActing, listActing, officeStaff, removeActing } from '../../app/desk/office-admin.ts';
import { archiveCopyPdf, coverLetterPdf, draftPermitPdf, receiptPdf } from '../../app/desk/office-documents.ts';
import { parafSheet } from '../../app/desk/paraf-sheet.ts';
import { permitRegister } from '../../app/desk/permit-register.ts';
import { recordVerdicts, verdictsSchema } from '../../app/desk/record-verdicts.ts';
import { findApplicants, registerWalkIn, walkInSchema } from '../../app/desk/register-walk-in.ts';
import { resubmitAtCounter } from '../../app/desk/resubmit-at-counter.ts';
import { searchWorklist, type WorklistQuery } from '../../app/desk/search-worklist.ts';
import { confirmEnrolment, enrolmentFor, hasSecondFactor, newEnrolment, setSigningSecondFactor, signingNeedsSecondFactor } from '../../app/desk/second-factor.ts';
import { loadStaffContext, notStaff, type StaffContext } from '../../app/desk/staff-context.ts';
import { assignTask, claimTask } from '../../app/workflow/claim-task.ts';
import { applicableRequirements } from '../../domain/definition/checklist.ts';
import { applicationTypeSchema, type ApplicationType } from '../../domain/definition/schema.ts';
import { AppError, type Language } from '../../domain/errors.ts';
import { recordSurvey, surveyInputFrom, surveyState } from '../../app/portal/ikm-survey.ts';
import { caseForStaff } from '../../app/desk/case-access.ts';
import { unauthenticated } from '../../app/workflow/actor.ts';
import type { WebDeps } from '../deps.ts';
import type { FieldError } from '../forms.ts';
import { languageOf } from '../i18n.ts';
import { layout, render, type Html } from '../layout.ts';
import { currentSession, pendingSession } from '../session.ts';
import { checkRule, DESK_RULES, ruleKey } from './access.ts';
import { casePage, parafPage } from './case-page.ts';
import { int, readForm, text, type DeskForm } from './form.ts';
import { accountPage, adminPage, errorPageBody, registerPage, signPage } from './office-pages.ts';
import { actionLabel, deskPage, sayer, type DeskFrame } from './ui.ts';
import { paperSurveyPage } from './survey-page.ts';
import { walkInAnswersPage, walkInDetailsPage, walkInStartPage } from './walk-in-page.ts';
import { worklistPage } from './worklist-page.ts';

interface DeskRequest {
  session: Session;
  staff: StaffContext;
  lang: Language;
  at: Date;
}

type Handler = (req: FastifyRequest, reply: FastifyReply, ctx: DeskRequest) => Promise<FastifyReply>;

const htmlType = 'text/html; charset=utf-8';
const NOTICES: Record<string, [string, string]> = {
  diambil: ['Tugas sudah Anda ambil.', 'You have claimed the task.'],
  ditugaskan: ['Tugas sudah ditugaskan.', 'The task has been assigned.'],
  verifikasi: ['Hasil pemeriksaan persyaratan disimpan.', 'The requirement check has been saved.'],
  rekomendasi: ['Rekomendasi teknis tercatat.', 'The technical recommendation has been recorded.'],
  penyerahan: ['Penyerahan izin tercatat; permohonan selesai.', 'The handover has been recorded; the application is closed.'],
  perbaikan: ['Perbaikan diterima dan berkas kembali diproses.', 'The correction was received and the file is back in process.'],
  terdaftar: ['Permohonan terdaftar. Cetak tanda terima untuk pemohon.', 'The application is registered. Print the receipt for the applicant.'],
  disimpan: ['Perubahan disimpan.', 'The changes have been saved.'],
  survei: ['Jawaban survei kepuasan disimpan.', 'The satisfaction survey answers have been saved.'],
};

export async function registerDeskRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.maxFileBytes, files: 100, fields: 600, parts: 800 } });
    const state = new WeakMap<FastifyRequest, DeskRequest>();
    const limits = { maxFileBytes: deps.maxFileBytes, maxTotalBytes: deps.maxApplicationBytes };
    const frame = (req: FastifyRequest): DeskFrame => {
      const s = state.get(req)!;
      return { lang: s.lang, staff: s.staff, csrf: s.session.csrfToken };
    };
    const page = async (reply: FastifyReply, h: Html, status = 200) => reply.code(status).type(htmlType).send(await render(h));
    const notice = (lang: Language, key: unknown): string | undefined => {
      if (typeof key !== 'string') return undefined;
      const n = NOTICES[key];
      if (n) return n[lang === 'id' ? 0 : 1];
      if (/^[a-z-]{2,30}$/.test(key) && key !== 'undefined') return `${sayer(lang)('Tercatat', 'Recorded')}: ${actionLabel(lang, key)}.`;
      return undefined;
    };

    // Files of a case are shown inside the case page, so they (only they) may be framed by it.
    scope.addHook('onSend', async (req, reply, payload) => {
      reply.header('cache-control', 'no-store');
      if (req.routeOptions.url === '/meja/berkas/:docId' && reply.statusCode === 200) {
        reply.header('x-frame-options', 'SAMEORIGIN');
        reply.header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
      }
      return payload;
    });

    scope.setErrorHandler(async (err, req, reply) => {
      let e: AppError;
      const status = (err as { statusCode?: number }).statusCode;
      if (err instanceof AppError) e = err;
      else if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || status === 413) e = new AppError('file_too_large', 413, { id: 'Berkas terlalu besar.', en: 'The file is too large.' });
      else if (status && status >= 400 && status < 500) e = new AppError('bad_request', status, { id: 'Permintaan tidak valid.', en: 'Invalid request.' });
      else {
        req.log.error({ err }, 'unhandled error');
        e = new AppError('internal_error', 500, { id: 'Terjadi kesalahan pada sistem. Silakan coba lagi.', en: 'A system error occurred. Please try again.' });
      }
      const lang = state.get(req)?.lang ?? languageOf(req);
      const say = sayer(lang);
      const title = e.status === 404 ? say('Tidak ditemukan', 'Not found') : e.status === 409 ? say('Sudah diproses', 'Already handled') : say('Tidak dapat diproses', 'Could not be processed');
      const caseUrl = /^\/meja\/permohonan\/\d{1,18}/.exec(req.url)?.[0];
      const back = e.status !== 404 && caseUrl ? caseUrl : null;
      const body = errorPageBody(null, lang, title, e.userMessage[lang], back);
      const s = state.get(req);
      const h = s ? deskPage(frame(req), title, req.url.split('?')[0]!, body, '') : layout({ lang, title, path: req.url.split('?')[0]!, body });
      return reply.code(e.status).type(htmlType).send(await render(h));
    });

    const route = (method: 'GET' | 'POST', url: string, handler: Handler) => {
      const rule = DESK_RULES[ruleKey(method, url)];
      if (!rule) throw new Error(`Desk route ${method} ${url} has no access rule in DESK_RULES (src/web/desk/access.ts).`);
      scope.route({
        method,
        url,
        preHandler: async (req, reply) => {
          const at = deps.now();
          const lang = languageOf(req, reply);
          const session = await currentSession(deps.db, req, at);
          if (!session) {
            if (method === 'GET') {
              const waitsForCode = await pendingSession(deps.db, req, at);
              await reply.redirect(`${waitsForCode ? '/masuk/kode' : '/masuk'}?next=${encodeURIComponent(req.url.split('?')[0]!)}`, 303);
              return reply;
            }
            throw unauthenticated();
          }
          if (session.kind !== 'staff') throw notStaff();
          const staff = await loadStaffContext(deps.db, session.userId, at);
          state.set(req, { session, staff, lang, at });
          await checkRule(deps.db, rule, staff, (req.params ?? {}) as Record<string, string>);
        },
        handler: async (req, reply) => handler(req, reply, state.get(req)!),
      });
    };
    const caseId = (req: FastifyRequest) => (req.params as { id: string }).id;
    const form = (req: FastifyRequest, ctx: DeskRequest) => readForm(req, ctx.session, limits);
    const stepOf = (f: DeskForm) => {
      const step = int(f, 'step');
      if (step === undefined) throw new AppError('step_required', 400, { id: 'Langkah tidak disebutkan. Muat ulang halaman.', en: 'The step is missing. Reload the page.' });
      return step;
    };
    const backToList = (f: DeskForm) => {
      const q = f.one('kembali');
      return q !== undefined && /^[A-Za-z0-9=&%._~+-]{0,500}$/.test(q) ? (q ? `/meja?${q}` : '/meja') : null;
    };

    // ---- worklist ------------------------------------------------------------------------------
    route('GET', '/meja', async (req, reply, ctx) => {
      const q = req.query as Record<string, string | undefined>;
      const query: WorklistQuery = {
        tab: q.tab?.slice(0, 100),
        service: q.layanan && ctx.staff.services.some((s) => s.slug === q.layanan) ? q.layanan : undefined,
        step: q.langkah && /^\d{1,4}$/.test(q.langkah) ? Number(q.langkah) : undefined,
        sla: q.status === 'overdue' || q.status === 'due_soon' || q.status === 'on_time' ? q.status : undefined,
        assignment: q.penugasan === 'mine' || q.penugasan === 'unassigned' || q.penugasan === 'others' ? q.penugasan : undefined,
        q: q.q?.slice(0, 100) || undefined,
        after: q.after?.slice(0, 200) || undefined,
      };
      const list = await searchWorklist(deps.db, ctx.staff, query, ctx.at);
      const colleagues = new Map<string, Colleague[]>();
      for (const i of list.items) {
        const key = `${i.service}|${i.role}`;
        if (!i.canAssign || colleagues.has(key)) continue;
        const s = ctx.staff.services.find((x) => x.slug === i.service);
        colleagues.set(key, s ? await colleaguesFor(deps.db, ctx.staff.office.id, s.def, i.role, ctx.staff.today) : []);
      }
      return page(reply, worklistPage(frame(req), list, query, colleagues, notice(ctx.lang, q.pesan)));
    });

    // ---- the case ------------------------------------------------------------------------------
    route('GET', '/meja/permohonan/:id', async (req, reply, ctx) => {
      const file = await getCaseFile(deps.db, ctx.staff, caseId(req), ctx.at);
      const signingNeedsCode = file.step?.kind === 'sign' && file.permissions.act ? await signingNeedsSecondFactor(deps.db, ctx.staff.office.id) : false;
      return page(reply, casePage(frame(req), { file, signingNeedsCode, notice: notice(ctx.lang, (req.query as { pesan?: string }).pesan) }));
    });

    route('GET', '/meja/permohonan/:id/paraf', async (req, reply, ctx) => page(reply, parafPage(frame(req), caseId(req), await parafSheet(deps.db, ctx.staff, caseId(req)))));

    const sendPdf = (reply: FastifyReply, pdf: Uint8Array, fileName: string) =>
      reply.type('application/pdf').header('content-disposition', `inline; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '-')}"`).send(Buffer.from(pdf));

    route('GET', '/meja/permohonan/:id/draf.pdf', async (_req, reply, ctx) => {
      const { pdf, fileName } = await draftPermitPdf(deps.db, ctx.staff, caseId(_req), deps.publicUrl, ctx.at);
      return sendPdf(reply, pdf, fileName);
    });

    route('GET', '/meja/permohonan/:id/surat-pengantar.pdf', async (req, reply, ctx) => {
      const { pdf, fileName } = await coverLetterPdf(deps.db, ctx.staff, caseId(req), ctx.at);
      return sendPdf(reply, pdf, fileName);
    });

    route('GET', '/meja/permohonan/:id/arsip.pdf', async (req, reply, ctx) => {
      const { pdf, fileName } = await archiveCopyPdf(deps.db, ctx.staff, caseId(req), ctx.at);
      return sendPdf(reply, pdf, fileName);
    });

    route('GET', '/meja/permohonan/:id/tanda-terima.pdf', async (req, reply, ctx) => {
      const { pdf, fileName } = await receiptPdf(deps.db, ctx.staff, caseId(req), deps.publicUrl);
      return sendPdf(reply, pdf, fileName);
    });

    route('POST', '/meja/permohonan/:id/ambil', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      await claimTask(deps.db, ctx.staff.actor, caseId(req), stepOf(f), ctx.at);
      return reply.redirect(backToList(f) ?? `/meja/permohonan/${caseId(req)}?pesan=diambil`, 303);
    });

    route('POST', '/meja/permohonan/:id/tugaskan', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const step = stepOf(f);
      const assignee = f.one('assignee');
      if (!assignee || !/^\d{1,18}$/.test(assignee)) throw new AppError('invalid_assignee', 422, { id: 'Pilih petugas yang ditugaskan.', en: 'Choose the official to assign.' });
      await assignTask(deps.db, ctx.staff.actor, caseId(req), step, assignee, ctx.at);
      return reply.redirect(backToList(f) ?? `/meja/permohonan/${caseId(req)}?pesan=ditugaskan`, 303);
    });

    route('POST', '/meja/permohonan/:id/verifikasi', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const verdicts = f.all('requirement').flatMap((id) => {
        const verdict = f.one(`verdict-${id}`);
        return verdict ? [{ requirement: id, verdict, note: text(f, `note-${id}`) }] : [];
      });
      const input = verdictsSchema.safeParse({ step: stepOf(f), verdicts });
      if (!input.success) throw new AppError('invalid_input', 400, { id: 'Hasil pemeriksaan tidak valid.', en: 'The check results are not valid.' });
      await recordVerdicts(deps.db, ctx.staff, caseId(req), input.data, ctx.at);
      return reply.redirect(`/meja/permohonan/${caseId(req)}?pesan=verifikasi`, 303);
    });

    route('POST', '/meja/permohonan/:id/tindakan', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const input = deskActionSchema.safeParse({ step: stepOf(f), action: f.one('action'), outcome: text(f, 'outcome'), reason: text(f, 'reason'), secondFactor: text(f, 'secondFactor') });
      if (!input.success) throw new AppError('invalid_input', 400, { id: 'Tindakan tidak valid. Muat ulang halaman.', en: 'Invalid action. Reload the page.' });
      await actAtDesk(deps.db, ctx.staff, caseId(req), input.data, ctx.at);
      return reply.redirect(`/meja/permohonan/${caseId(req)}?pesan=${input.data.action}`, 303);
    });

    route('POST', '/meja/permohonan/:id/rekomendasi', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const step = stepOf(f);
      const input = recommendationFormSchema.safeParse({
        step,
        result: f.one('result'),
        conditions: text(f, 'conditions'),
        reason: text(f, 'reason'),
        inspectionDate: text(f, 'inspectionDate'),
        inspectionTeam: (f.one('inspectionTeam') ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean),
        findings: text(f, 'findings'),
      });
      if (!input.success) throw new AppError('invalid_input', 400, { id: 'Isian rekomendasi tidak valid (hasil, tanggal pemeriksaan atau panjang isian).', en: 'The recommendation is not valid (result, inspection date or length).' });
      const letterFile = f.files.find((x) => x.field === 'letter');
      const [letter] = letterFile ? await storeUploads(deps.storage, [letterFile], limits) : [];
      await recordRecommendation(deps.db, ctx.staff, caseId(req), input.data, letter ?? null, ctx.at);
      return reply.redirect(`/meja/permohonan/${caseId(req)}?pesan=rekomendasi`, 303);
    });

    route('POST', '/meja/permohonan/:id/penyerahan', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const mode = f.one('mode');
      const input = handoverSchema.safeParse(mode === 'electronic'
        ? { mode, step: stepOf(f), deliveredTo: text(f, 'deliveredTo') }
        : { mode: 'in_person', step: stepOf(f), collectorName: text(f, 'collectorName'), collectorRelation: f.one('collectorRelation'), identityChecked: f.one('identityChecked') === 'ya', receiptSigned: f.one('receiptSigned') === 'ya' });
      if (!input.success) {
        throw new AppError('handover_incomplete', 422, {
          id: mode === 'electronic' ? 'Isi alamat pengiriman elektronik.' : 'Isi nama dan hubungan pengambil, dan pastikan identitasnya sudah diperiksa.',
          en: mode === 'electronic' ? 'Enter where it was delivered electronically.' : "Enter the collector's name and relation, and make sure their identity was checked.",
        });
      }
      await recordHandover(deps.db, ctx.staff, caseId(req), input.data, ctx.at);
      return reply.redirect(`/meja/permohonan/${caseId(req)}?pesan=penyerahan`, 303);
    });

    route('GET', '/meja/permohonan/:id/survei', async (req, reply, ctx) => {
      const { row } = await caseForStaff(deps.db, ctx.staff, caseId(req));
      const state = await surveyState(deps.db, ctx.staff.actor, row.id, ctx.at);
      return page(reply, paperSurveyPage(frame(req), row.id, row.tracking_code, state));
    });

    route('POST', '/meja/permohonan/:id/survei', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const result = await recordSurvey(deps.db, ctx.staff.actor, caseId(req), surveyInputFrom((name) => f.one(name)), ctx.at);
      if (result.kind === 'invalid') {
        throw new AppError('survey_invalid', 422, {
          id: result.problems.map((p) => p.message.id).join(' '),
          en: result.problems.map((p) => p.message.en).join(' '),
        });
      }
      return reply.redirect(`/meja/permohonan/${caseId(req)}?pesan=survei`, 303);
    });

    route('POST', '/meja/permohonan/:id/perbaikan', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const uploads = await storeUploads(deps.storage, f.files, limits);
      await resubmitAtCounter(deps.db, ctx.staff, caseId(req), text(f, 'note'), uploads, ctx.at);
      return reply.redirect(`/meja/permohonan/${caseId(req)}?pesan=perbaikan`, 303);
    });

    route('GET', '/meja/berkas/:docId', async (req, reply, ctx) => {
      const doc = await readCaseDocument(deps.db, deps.storage, ctx.staff, (req.params as { docId: string }).docId);
      const ascii = doc.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
      return reply.type(doc.mediaType).header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`).send(Buffer.from(doc.bytes));
    });

    // ---- the front counter ---------------------------------------------------------------------
    route('GET', '/meja/loket', async (req, reply, ctx) => {
      const q = req.query as Record<string, string | undefined>;
      const service = ctx.staff.intakeServices.find((s) => s.slug === q.layanan);
      const type = applicationTypeSchema.safeParse(q.jenis);
      if (q.layanan === undefined) return page(reply, walkInStartPage(frame(req), ctx.staff.intakeServices));
      const say = sayer(ctx.lang);
      if (!service) return page(reply, walkInStartPage(frame(req), ctx.staff.intakeServices, [{ field: 'layanan', message: say('Pilih layanan yang Anda layani.', 'Choose a service you serve.') }]), 422);
      if (!type.success || !service.def.applicationTypes.includes(type.data)) {
        return page(reply, walkInStartPage(frame(req), ctx.staff.intakeServices, [{ field: 'jenis', message: say('Jenis permohonan ini tidak tersedia untuk layanan tersebut.', 'This application type is not offered for that service.') }]), 422);
      }
      return page(reply, walkInAnswersPage(frame(req), service, type.data));
    });

    route('POST', '/meja/loket', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const say = sayer(ctx.lang);
      const service = ctx.staff.intakeServices.find((s) => s.slug === f.one('service'));
      const type = applicationTypeSchema.safeParse(f.one('applicationType'));
      if (!service || !type.success || !service.def.applicationTypes.includes(type.data)) {
        return page(reply, walkInStartPage(frame(req), ctx.staff.intakeServices, [{ field: 'layanan', message: say('Pilih layanan dan jenis permohonan.', 'Choose the service and application type.') }]), 400);
      }
      const attributes = new Set(service.def.attributes.map((a) => a.id));
      const answers = f.all('answer').filter((a) => attributes.has(a));
      const identifier = (f.one('identifier') ?? '').replace(/[\s.-]/g, '');
      if (!/^\d{13}$|^\d{16}$/.test(identifier)) {
        return page(reply, walkInAnswersPage(frame(req), service, type.data, [{ field: 'identifier', message: say('Isi NIK (16 angka) atau NIB (13 angka).', 'Enter a NIK (16 digits) or NIB (13 digits).') }]), 400);
      }
      const queueNumber = text(f, 'queueNumber');
      const matches = await findApplicants(deps.db, identifier);
      const requirements = applicableRequirements(service.def, type.data, Object.fromEntries(answers.map((a) => [a, true])));
      const details = { service, type: type.data as ApplicationType, answers, identifier, queueNumber, matches, requirements };
      if (f.one('langkah') !== 'kirim') {
        return page(reply, walkInDetailsPage(frame(req), { ...details, idempotencyKey: randomBytes(18).toString('base64url') }));
      }

      const idempotencyKey = f.one('idempotencyKey') ?? '';
      const values: Record<string, string> = {};
      for (const k of ['applicantId', 'name', 'companyName', 'npwp', 'phone', 'email', 'address']) values[k] = f.one(k) ?? '';
      for (const s of f.all('seen')) values[`seen-${s}`] = 'ya';
      const again = (errors: FieldError[], status = 422) => page(reply, walkInDetailsPage(frame(req), { ...details, idempotencyKey: /^[A-Za-z0-9_-]{16,64}$/.test(idempotencyKey) ? idempotencyKey : randomBytes(18).toString('base64url'), values }, errors), status);

      const chosen = f.one('applicantId');
      const existing = chosen && chosen !== 'baru' ? matches.find((m) => m.id === chosen) : undefined;
      const errors: FieldError[] = [];
      let applicant: unknown;
      if (!existing) {
        const base = { name: text(f, 'name'), phone: text(f, 'phone'), email: text(f, 'email'), address: text(f, 'address') };
        applicant = identifier.length === 13 ? { kind: 'company', ...base, companyName: text(f, 'companyName'), nib: identifier, npwp: text(f, 'npwp') } : { kind: 'person', ...base, nik: identifier };
        if (!base.name) errors.push({ field: 'name', message: say('Isi nama pemohon.', "Enter the applicant's name.") });
        if (identifier.length === 13 && !text(f, 'companyName')) errors.push({ field: 'companyName', message: say('Isi nama perusahaan.', 'Enter the company name.') });
        if (base.phone && !/^\+?[0-9 ()-]{6,20}$/.test(base.phone)) errors.push({ field: 'phone', message: say('Nomor telepon tidak valid.', 'The phone number is not valid.') });
        if (base.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(base.email)) errors.push({ field: 'email', message: say('Alamat email tidak valid.', 'The email address is not valid.') });
      }
      if (errors.length) return again(errors);
      const input = walkInSchema.safeParse({
        service: service.slug, applicationType: type.data, answers: Object.fromEntries(answers.map((a) => [a, true])),
        ...(existing ? { applicantId: existing.id } : { applicant }), queueNumber, originalsSeen: f.all('seen'), idempotencyKey,
      });
      if (!input.success) {
        return again(input.error.issues.map((i) => ({ field: String(i.path[i.path.length - 1] ?? 'name'), message: say(`Isian tidak valid: ${i.path.join('.')}`, `Not valid: ${i.path.join('.')}`) })));
      }
      let uploads: StoredUpload[];
      try {
        uploads = await storeUploads(deps.storage, f.files.map((x) => ({ ...x, field: x.field.replace(/^file-/, '') })), limits);
        const done = await registerWalkIn(deps.db, ctx.staff, input.data, uploads, ctx.at);
        return reply.redirect(`/meja/permohonan/${done.caseId}?pesan=terdaftar`, 303);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.code !== 'forbidden') return again([{ field: 'berkas', message: err.userMessage[ctx.lang] }], err.status);
        throw err;
      }
    });

    // ---- signing ---------------------------------------------------------------------------------
    route('GET', '/meja/tanda-tangan', async (req, reply, ctx) =>
      page(reply, signPage(frame(req), await listSignable(deps.db, ctx.staff), await signingNeedsSecondFactor(deps.db, ctx.staff.office.id))));

    route('POST', '/meja/tanda-tangan', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const items = f.all('item').slice(0, 100).flatMap((v) => {
        const m = /^(\d{1,18}):(\d{1,4})$/.exec(v);
        return m ? [{ caseId: m[1]!, step: Number(m[2]) }] : [];
      });
      const results = await signMany(deps.db, ctx.staff, items, text(f, 'secondFactor'), ctx.at);
      return page(reply, signPage(frame(req), await listSignable(deps.db, ctx.staff), await signingNeedsSecondFactor(deps.db, ctx.staff.office.id), results));
    });

    // ---- the register --------------------------------------------------------------------------
    route('GET', '/meja/register', async (req, reply, ctx) => {
      const after = (req.query as { setelah?: string }).setelah;
      const r = await permitRegister(deps.db, ctx.staff, { after });
      return page(reply, registerPage(frame(req), r.entries, r.next, !after));
    });

    // ---- account: second factor -----------------------------------------------------------------
    const username = async (userId: string) => (await deps.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow()).username;
    route('GET', '/meja/akun', async (req, reply, ctx) =>
      page(reply, accountPage(frame(req), await hasSecondFactor(deps.db, ctx.staff.userId), newEnrolment(await username(ctx.staff.userId)), notice(ctx.lang, (req.query as { pesan?: string }).pesan))));

    route('POST', '/meja/akun/dua-langkah', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const name = await username(ctx.staff.userId);
      const enrolment = enrolmentFor(name, f.one('secret') ?? '') ?? newEnrolment(name);
      try {
        await confirmEnrolment(deps.db, ctx.staff, enrolment.secret, f.one('code') ?? '', ctx.at);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        return page(reply, accountPage(frame(req), await hasSecondFactor(deps.db, ctx.staff.userId), enrolment, undefined, err.userMessage[ctx.lang]), err.status);
      }
      return reply.redirect('/meja/akun?pesan=disimpan', 303);
    });

    // ---- office administration -----------------------------------------------------------------
    route('GET', '/meja/admin', async (req, reply, ctx) =>
      page(reply, adminPage(frame(req), {
        requireSecondFactor: await signingNeedsSecondFactor(deps.db, ctx.staff.office.id),
        acting: await listActing(deps.db, ctx.staff),
        staff: await officeStaff(deps.db, ctx.staff.office.id),
      }, notice(ctx.lang, (req.query as { pesan?: string }).pesan))));

    route('POST', '/meja/admin/pengaturan', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      await setSigningSecondFactor(deps.db, ctx.staff, f.one('requireSecondFactor') === 'ya', ctx.at);
      return reply.redirect('/meja/admin?pesan=disimpan', 303);
    });

    route('POST', '/meja/admin/pelaksana', async (req, reply, ctx) => {
      const f = await form(req, ctx);
      const input = actingSchema.safeParse({ position: f.one('position'), user: f.one('user'), kind: f.one('kind'), from: f.one('from'), to: f.one('to') });
      if (!input.success) throw new AppError('invalid_input', 422, { id: 'Isi jabatan, pelaksana, jenis dan periode yang benar (tanggal selesai tidak sebelum tanggal mulai).', en: 'Enter a position, official, kind and a valid period (the end not before the start).' });
      await addActing(deps.db, ctx.staff, input.data);
      return reply.redirect('/meja/admin?pesan=disimpan', 303);
    });

    route('POST', '/meja/admin/pelaksana/:assignmentId/hapus', async (req, reply, ctx) => {
      await form(req, ctx);
      await removeActing(deps.db, ctx.staff, (req.params as { assignmentId: string }).assignmentId);
      return reply.redirect('/meja/admin?pesan=disimpan', 303);
    });
  });
}

