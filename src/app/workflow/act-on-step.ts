// An official acts on the step a case is at: completes it, decides an outcome, initials,
// signs, numbers, hands over, records the technical recommendation, returns or rejects.
// One transaction: lock the case, re-check who may act and where the case is, then write
// the task, the case, the audit event and the outbox together.
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { isBackward } from '../../domain/definition/flow.ts';
import { actingForCode } from '../../domain/workflow/acting-for.ts';
import { chooseExit, issuesPermit, STEP_ACTIONS, stepIndex, stepOf, type StepAction } from '../../domain/workflow/interpreter.ts';
import { issuePermit, markHandedOver, registerPermit } from '../permits/issue-permit.ts';
import type { Db, Tx } from '../transaction.ts';
import { rolesHeld, type Actor } from './actor.ts';
import { lockCase, moveTo } from './case-state.ts';
import { withIdempotency } from './idempotency.ts';
import { appendAudit, enqueue } from './record.ts';
import { closeBatch, openBatch, write } from './write-batch.ts';

export const stepActionSchema = z.object({
  // The step the person saw when they acted: if the case moved on meanwhile, nothing happens.
  step: z.number().int().positive(),
  outcome: z.string().min(1).max(100).optional(),
  reason: z.string().trim().max(4000).optional(),
  note: z.string().trim().max(4000).optional(),
  // Per-requirement notes when returning a file to the applicant for correction.
  corrections: z.array(z.object({ requirement: z.string().min(1).max(100), note: z.string().trim().min(1).max(2000) })).max(200).optional(),
  // The technical team's result, conditions and the document it sent.
  recommendation: z.object({
    result: z.enum(['recommended', 'recommended_with_conditions', 'not_recommended']),
    conditions: z.string().trim().max(8000).optional(),
    documentHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    inspection: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), team: z.array(z.string().trim().min(1).max(200)).max(50), findings: z.string().trim().max(8000) }).optional(),
  }).optional(),
});
export type StepActionInput = z.infer<typeof stepActionSchema>;

export interface StepActionResult {
  caseId: string;
  status: string;
  currentStep: number | null;
  resumeStep: number | null;
}

export const alreadyHandled = () => new AppError('already_handled', 409, {
  id: 'Permohonan ini sudah diproses atau sudah berpindah langkah. Muat ulang halaman untuk melihat keadaannya sekarang.',
  en: 'This application was already handled or has moved to another step. Reload to see where it is now.',
});

// `alongside` writes what belongs to the same act (who collected the permit, the letter the
// technical team sent) in the same transaction, so the act is never recorded without it.
export async function actOnStep(
  db: Db, actor: Actor, caseId: string, action: StepAction, input: StepActionInput, at: Date, idempotencyKey?: string,
  alongside?: (tx: Tx, result: StepActionResult) => Promise<void>,
): Promise<StepActionResult> {
  if (!STEP_ACTIONS.includes(action)) throw new AppError('unknown_action', 404, { id: 'Tindakan tidak dikenal.', en: 'Unknown action.' });
  return db.transaction().execute((tx) =>
    withIdempotency(tx, actor, `case:${caseId}:${action}`, idempotencyKey, input, async () => {
      const result = await actIn(tx, actor, caseId, action, input, at);
      if (alongside) await alongside(tx, result);
      return result;
    }),
  );
}

async function actIn(tx: Tx, actor: Actor, caseId: string, action: StepAction, input: StepActionInput, at: Date): Promise<StepActionResult> {
  const { row, def, openTask: task, pauses } = await lockCase(tx, caseId);
  const held = rolesHeld(actor, def, row.office_id);
  // Someone with no role in this office's service learns nothing about the case.
  if (held.size === 0) throw new AppError('case_not_found', 404, { id: 'Permohonan tidak ditemukan.', en: 'Application not found.' });
  if (row.status !== 'active' || row.current_step !== input.step) throw alreadyHandled();

  const step = stepOf(def, input.step);
  const as = held.get(step.actor);
  if (!as) {
    throw new AppError('not_your_step', 403, { id: `Langkah ${step.no} (${step.title}) bukan tugas jabatan Anda.`, en: `Step ${step.no} (${step.title}) is not your position's task.` });
  }
  if (!task) throw alreadyHandled();
  if (actor.kind === 'staff' && task.assigneeUserId && task.assigneeUserId !== actor.userId) {
    throw new AppError('task_taken', 409, { id: 'Tugas ini sudah diambil oleh petugas lain.', en: 'Another official has taken this task.' });
  }
  if (action === 'record-recommendation' && !input.recommendation) {
    throw new AppError('recommendation_required', 422, { id: 'Isi hasil rekomendasi teknis.', en: 'Enter the technical recommendation result.' });
  }
  if (input.corrections) {
    const ids = new Set(def.requirements.map((r) => r.id));
    const unknown = input.corrections.filter((c) => !ids.has(c.requirement)).map((c) => c.requirement);
    if (unknown.length) throw new AppError('unknown_requirement', 422, { id: `Persyaratan tidak dikenal: ${unknown.join(', ')}.`, en: `Unknown requirements: ${unknown.join(', ')}.` });
  }

  const exit = chooseExit(def, step.no, { action, outcome: input.outcome, reason: input.reason });
  openBatch(tx);
  await write(tx, tx.updateTable('tasks').set({ status: 'done', completed_at: at, completed_by: actor.kind === 'system' ? null : actor.userId, outcome: exit.outcomeId, claimed_at: task.claimedAt ?? at })
    .where('id', '=', task.id));

  const landingStep = exit.target.kind === 'step' ? exit.target.step : null;
  const forward = exit.target.kind === 'step' ? !isBackward(def, stepIndex(def, step.no), exit.target) : exit.target.kind === 'end' && exit.target.end === 'completed';
  const userId = actor.kind === 'system' ? null : actor.userId;
  const actingFor = as.acting ? actingForCode(as.acting.kind, as.acting.positionId) : null;
  let permitEffect: { number: string; verificationCode?: string } | null = null;
  if (issuesPermit(def) && forward) {
    if (step.kind === 'sign' && (step.signs ?? 'permit') === 'permit') {
      const issued = await issuePermit(tx, row, def, at, { userId, position: as.positionId, actingFor });
      permitEffect = { number: issued.number, verificationCode: issued.verificationCode };
    } else if (step.kind === 'number') {
      permitEffect = await registerPermit(tx, row.id, at, userId);
    } else if (step.kind === 'handover') {
      await markHandedOver(tx, row.id, at);
    }
  }
  await appendAudit(tx, row.id, at, {
    action,
    stepFrom: step.no,
    stepTo: landingStep,
    actor,
    actorPosition: as.positionId,
    actingFor,
    note: input.reason ?? input.note ?? null,
    data: {
      ...(permitEffect ? { permitNumber: permitEffect.number } : {}),
      outcome: exit.outcomeId,
      outcomeLabel: exit.label,
      target: exit.target,
      ...(input.corrections ? { corrections: input.corrections } : {}),
      ...(input.recommendation ? { recommendation: input.recommendation } : {}),
    },
  });
  if (permitEffect && step.kind === 'sign') await enqueue(tx, row.id, 'signed', at, { step: step.no, number: permitEffect.number });

  const landing = await moveTo({ tx, row, def, at, actor, fromStep: step.no, pauses }, exit.target, input.reason ?? null);
  await closeBatch(tx);
  return {
    caseId: row.id,
    status: landing.kind === 'step' ? 'active' : landing.kind === 'applicant' ? 'waiting_applicant' : landing.end,
    currentStep: landing.kind === 'step' ? landing.step : null,
    resumeStep: landing.kind === 'applicant' ? landing.resumeAt : null,
  };
}
