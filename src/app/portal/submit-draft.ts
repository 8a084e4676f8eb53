// Sending a finished draft: the case is created through the engine's submitApplication with an
// idempotency key made from the draft's id, so a double click or a retry after a lost answer
// makes one case; then the draft's files are linked to it. Both steps can be repeated safely.
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../transaction.ts';
import { submitApplication } from '../workflow/submit-application.ts';
import { assertEditable, draftClosed, effectiveAnswers, loadDraft, missingFiles } from './application-draft.ts';
import { applicantOf } from './register-applicant.ts';

export const draftIdempotencyKey = (draftId: string) => `portal-draft-${draftId}`;

export const submitRefusals = {
  declaration: () => new AppError('declaration_required', 400, {
    id: 'Centang pernyataan bahwa data dan dokumen yang Anda kirim benar',
    en: 'Tick the declaration that the details and documents you send are true',
  }),
  incomplete: () => new AppError('draft_incomplete', 400, { id: 'Jawab semua pertanyaan sebelum mengirim permohonan', en: 'Answer every question before sending the application' }),
  missingFiles: (names: string[]) => new AppError('files_missing', 400, {
    id: `Unggah berkas yang wajib sebelum mengirim: ${names.join('; ')}`,
    en: `Upload the required files before sending: ${names.join('; ')}`,
  }),
  unverified: () => new AppError('email_not_verified', 403, {
    id: 'Verifikasi alamat email Anda dulu: buka tautan yang kami kirim ke email Anda, lalu kirim permohonan ini.',
    en: 'Verify your email address first: open the link we sent to your email, then send this application.',
  }),
  noProfile: () => new AppError('profile_required', 403, { id: 'Lengkapi data pemohon Anda dulu.', en: 'Complete your applicant details first.' }),
};

async function alreadySubmitted(db: Db, caseId: string): Promise<{ caseId: string; trackingCode: string }> {
  const c = await db.selectFrom('cases').select('tracking_code').where('id', '=', caseId).executeTakeFirstOrThrow();
  return { caseId, trackingCode: c.tracking_code };
}

export async function submitDraft(db: Db, userId: string, draftId: string, declared: boolean, now: Date): Promise<{ caseId: string; trackingCode: string }> {
  const view = await loadDraft(db, userId, draftId);
  if (view.status === 'submitted' && view.caseId) return alreadySubmitted(db, view.caseId);
  // 'submitting': an earlier attempt stopped half-way; it is finished with the same key.
  if (view.status !== 'submitting') assertEditable(view);
  if (!declared) throw submitRefusals.declaration();
  const user = await db.selectFrom('users').select(['email_verified_at']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!user.email_verified_at) throw submitRefusals.unverified();
  const applicant = await applicantOf(db, userId);
  if (!applicant) throw submitRefusals.noProfile();
  if (!view.applicationType || view.questions.some((q) => !(q.id in view.answers))) throw submitRefusals.incomplete();
  const missing = missingFiles(view);
  if (missing.length > 0) throw submitRefusals.missingFiles(missing.map((r) => r.text));

  const marked = await db.updateTable('portal_drafts').set({ status: 'submitting', declared_at: now, updated_at: now })
    .where('id', '=', view.id).where('status', 'in', ['draft', 'submitting']).returning('id').executeTakeFirst();
  if (!marked) {
    // A second click that lost the race: the first one finished sending while this one checked.
    const latest = await loadDraft(db, userId, draftId);
    if (latest.status === 'submitted' && latest.caseId) return alreadySubmitted(db, latest.caseId);
    throw draftClosed();
  }

  const created = await submitApplication(db, { kind: 'applicant', userId }, {
    office: view.officeId, service: view.serviceSlug, applicationType: view.applicationType, answers: effectiveAnswers(view),
    applicantId: applicant.id, channel: 'online',
  }, now, draftIdempotencyKey(view.id)).catch(async (err: unknown) => {
    // Refused (nothing was created): the draft can be changed and sent again.
    await db.updateTable('portal_drafts').set({ status: 'draft' }).where('id', '=', view.id).where('status', '=', 'submitting').execute();
    throw err;
  });

  const applicable = view.checklist.map((r) => r.id);
  await db.transaction().execute(async (tx) => {
    if (applicable.length > 0) {
      await tx.updateTable('case_documents').set({ case_id: created.caseId })
        .where('draft_id', '=', view.id).where('case_id', 'is', null).where('superseded_at', 'is', null).where('requirement_id', 'in', applicable).execute();
    }
    // Files for requirements that stopped applying (the answers changed) do not go with the case.
    await tx.updateTable('case_documents').set({ superseded_at: now }).where('draft_id', '=', view.id).where('case_id', 'is', null).where('superseded_at', 'is', null).execute();
    await tx.updateTable('portal_drafts').set({ status: 'submitted', case_id: created.caseId, updated_at: now }).where('id', '=', view.id).execute();
  });
  return { caseId: created.caseId, trackingCode: created.trackingCode };
}
