// The desk's forms in front of the engine: a step action (with the verifier's per-requirement
// notes when a file goes back, and the second factor when signing), several signatures at once,
// the handover with who collected the permit, and the technical recommendation with its letter.
// Each action is the engine's own transaction; what the desk records besides follows it.
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { STEP_ACTIONS, stepOf, type StepAction } from '../../domain/workflow/interpreter.ts';
import type { Db } from '../transaction.ts';
import { actOnStep, type StepActionResult } from '../workflow/act-on-step.ts';
import { alreadyHandled } from '../workflow/case-act.ts';
import { caseNotFound } from '../workflow/case-state.ts';
import { caseForStaff, type CaseAccess } from './case-access.ts';
import type { StoredUpload } from './documents.ts';
import { correctionsFromVerdicts } from './record-verdicts.ts';
import { assertSecondFactorForSigning } from './second-factor.ts';
import type { StaffContext } from './staff-context.ts';
import { recommendationChoices, stepChoices } from './step-actions.ts';

const reasonText = z.string().trim().max(4000).optional();

export const deskActionSchema = z.object({
  step: z.number().int().positive(),
  action: z.enum(STEP_ACTIONS),
  outcome: z.string().min(1).max(100).optional(),
  reason: reasonText,
  secondFactor: z.string().trim().max(12).optional(),
});
export type DeskActionInput = z.infer<typeof deskActionSchema>;

export const notYourStep = (no: number, title: string) => new AppError('not_your_step', 403, {
  id: `Langkah ${no} (${title}) bukan tugas jabatan Anda.`,
  en: `Step ${no} (${title}) is not your position's task.`,
});

// The checks the engine makes, in its order, before anything else is spent (a one-time code,
// an upload): a case this official cannot act on, a case that moved on, a step that is not theirs.
async function precheck(db: Db, staff: StaffContext, caseId: string, stepNo: number): Promise<CaseAccess> {
  const access = await caseForStaff(db, staff, caseId);
  if (access.row.status !== 'active' || access.row.current_step !== stepNo) throw alreadyHandled();
  const step = stepOf(access.def, stepNo);
  if (!access.held.has(step.actor)) throw notYourStep(step.no, step.title);
  return access;
}

export async function actAtDesk(db: Db, staff: StaffContext, caseId: string, input: DeskActionInput, at: Date): Promise<StepActionResult> {
  const { row, def } = await precheck(db, staff, caseId, input.step);
  const step = stepOf(def, input.step);
  if (input.action === 'handover' || input.action === 'record-recommendation') {
    throw new AppError('use_the_form', 422, { id: 'Gunakan formulir penyerahan atau rekomendasi pada halaman permohonan.', en: 'Use the handover or recommendation form on the application page.' });
  }
  if (input.action === 'sign') await assertSecondFactorForSigning(db, staff, input.secondFactor, at);
  // A file going back from a step that checks it carries the verifier's notes per requirement.
  const choice = stepChoices(def, step).find((c) => c.action === input.action && (input.outcome === undefined || c.outcome === input.outcome));
  let corrections: { requirement: string; note: string }[] | undefined;
  if (step.checks && choice && (choice.needsReason || choice.direction === 'applicant')) {
    const task = await db.selectFrom('tasks').select('created_at').where('case_id', '=', row.id).where('step_no', '=', step.no).where('status', '=', 'open').executeTakeFirst();
    if (task) {
      const order = (id: string) => def.requirements.findIndex((r) => r.id === id);
      const found = (await correctionsFromVerdicts(db, row.id, step.no, task.created_at)).sort((a, b) => order(a.requirement) - order(b.requirement));
      if (found.length > 0) corrections = found;
    }
  }
  return actOnStep(db, staff.actor, row.id, input.action as StepAction, {
    step: input.step,
    outcome: input.outcome,
    reason: input.reason || undefined,
    ...(corrections ? { corrections } : {}),
  }, at);
}

export interface SignOutcome {
  caseId: string;
  trackingCode: string | null;
  ok: boolean;
  permitNumber: string | null;
  message: { id: string; en: string } | null;
}

// Signing several files at once: one second-factor code for the batch, then each signature in
// its own transaction, so one file that moved on does not stop the others.
export async function signMany(db: Db, staff: StaffContext, items: { caseId: string; step: number }[], secondFactor: string | undefined, at: Date): Promise<SignOutcome[]> {
  if (items.length === 0) throw new AppError('nothing_selected', 422, { id: 'Pilih setidaknya satu permohonan untuk ditandatangani.', en: 'Select at least one application to sign.' });
  await assertSecondFactorForSigning(db, staff, secondFactor, at);
  const out: SignOutcome[] = [];
  for (const item of items) {
    const code = await db.selectFrom('cases').select('tracking_code').where('id', '=', item.caseId).where('office_id', '=', staff.office.id).executeTakeFirst();
    try {
      if (!code) throw caseNotFound();
      const access = await precheck(db, staff, item.caseId, item.step);
      const step = stepOf(access.def, item.step);
      if (step.kind !== 'sign') throw new AppError('action_not_allowed', 422, { id: `Langkah ${step.no} bukan langkah penandatanganan.`, en: `Step ${step.no} is not a signing step.` });
      await actOnStep(db, staff.actor, item.caseId, 'sign', { step: item.step }, at);
      const permit = await db.selectFrom('permits').select('number').where('case_id', '=', item.caseId).where('status', '=', 'issued').executeTakeFirst();
      out.push({ caseId: item.caseId, trackingCode: code.tracking_code, ok: true, permitNumber: (step.signs ?? 'permit') === 'permit' ? permit?.number ?? null : null, message: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out.push({ caseId: item.caseId, trackingCode: code?.tracking_code ?? null, ok: false, permitNumber: null, message: err.userMessage });
    }
  }
  return out;
}

export const handoverSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('in_person'),
    step: z.number().int().positive(),
    collectorName: z.string().trim().min(1).max(200),
    collectorRelation: z.enum(['pemohon', 'kuasa', 'karyawan', 'keluarga']),
    identityChecked: z.literal(true),
    receiptSigned: z.boolean().default(false),
  }),
  z.object({
    mode: z.literal('electronic'),
    step: z.number().int().positive(),
    deliveredTo: z.string().trim().min(3).max(200),
  }),
]);
export type HandoverInput = z.infer<typeof handoverSchema>;

export async function recordHandover(db: Db, staff: StaffContext, caseId: string, input: HandoverInput, at: Date): Promise<StepActionResult> {
  const { row, def } = await precheck(db, staff, caseId, input.step);
  const step = stepOf(def, input.step);
  if (step.kind !== 'handover') throw new AppError('action_not_allowed', 422, { id: `Langkah ${step.no} bukan langkah penyerahan.`, en: `Step ${step.no} is not a handover step.` });
  const note = input.mode === 'in_person'
    ? `Diserahkan langsung kepada ${input.collectorRelation === 'pemohon' ? 'pemohon' : input.collectorRelation}; identitas pengambil diperiksa`
    : 'Dikirim secara elektronik';
  // The engine refuses a handover before the permit is signed (and writes nothing then).
  return actOnStep(db, staff.actor, row.id, 'handover', { step: input.step, note }, at, undefined, async (tx) => {
    const permit = await tx.selectFrom('permits').select('id').where('case_id', '=', row.id).where('status', '=', 'issued').executeTakeFirst();
    if (!permit) return;
    await tx.insertInto('permit_handovers').values({
      case_id: row.id,
      permit_id: permit.id,
      mode: input.mode,
      collector_name: input.mode === 'in_person' ? input.collectorName : null,
      collector_relation: input.mode === 'in_person' ? input.collectorRelation : null,
      identity_checked: input.mode === 'in_person',
      receipt_signed: input.mode === 'in_person' && input.receiptSigned,
      delivered_to: input.mode === 'electronic' ? input.deliveredTo : null,
      recorded_by: staff.userId,
      recorded_at: at,
    }).onConflict((oc) => oc.column('permit_id').doNothing()).execute();
  });
}

export const recommendationFormSchema = z.object({
  step: z.number().int().positive(),
  result: z.enum(['recommended', 'recommended_with_conditions', 'not_recommended']),
  conditions: z.string().trim().max(8000).optional(),
  reason: reasonText,
  inspectionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  inspectionTeam: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  findings: z.string().trim().max(8000).optional(),
});
export type RecommendationFormInput = z.infer<typeof recommendationFormSchema>;

export const letterRequired = () => new AppError('letter_required', 422, {
  id: 'Unggah surat rekomendasi teknis yang sudah ditandatangani (PDF).',
  en: 'Upload the signed technical recommendation letter (PDF).',
});

export async function recordRecommendation(db: Db, staff: StaffContext, caseId: string, input: RecommendationFormInput, letter: StoredUpload | null, at: Date): Promise<StepActionResult> {
  const { row, def } = await precheck(db, staff, caseId, input.step);
  const step = stepOf(def, input.step);
  if (step.kind !== 'external') throw new AppError('action_not_allowed', 422, { id: `Langkah ${step.no} bukan langkah rekomendasi teknis.`, en: `Step ${step.no} is not a technical recommendation step.` });
  const choice = recommendationChoices(def, step).find((c) => c.result === input.result);
  if (!choice) throw new AppError('unknown_outcome', 422, { id: 'Hasil ini tidak tersedia pada langkah ini.', en: 'This result is not available at this step.' });
  if (input.result === 'recommended_with_conditions' && !input.conditions) {
    throw new AppError('conditions_required', 422, { id: 'Tuliskan syarat rekomendasi.', en: 'Write the conditions of the recommendation.' });
  }
  if (!letter) throw letterRequired();
  if (letter.mediaType !== 'application/pdf') throw new AppError('letter_not_pdf', 422, { id: 'Surat rekomendasi harus berupa PDF.', en: 'The recommendation letter must be a PDF.' });
  if ((input.inspectionTeam.length > 0 || input.findings) && !input.inspectionDate) {
    throw new AppError('inspection_date_required', 422, { id: 'Isi tanggal pemeriksaan lapangan.', en: 'Enter the date of the field inspection.' });
  }
  return actOnStep(db, staff.actor, row.id, choice.action, {
    step: input.step,
    outcome: choice.outcome ?? undefined,
    reason: input.reason || undefined,
    recommendation: {
      result: input.result,
      ...(input.conditions ? { conditions: input.conditions } : {}),
      documentHash: letter.storageKey,
      ...(input.inspectionDate ? { inspection: { date: input.inspectionDate, team: input.inspectionTeam, findings: input.findings ?? '' } } : {}),
    },
  }, at, undefined, async (tx) => {
    await tx.insertInto('case_documents').values({
      case_id: row.id, requirement_id: null, kind: 'technical_recommendation', storage_key: letter.storageKey, file_name: letter.fileName,
      media_type: letter.mediaType, size_bytes: letter.sizeBytes, uploaded_by: staff.userId, uploaded_at: at,
    }).execute();
  });
}
