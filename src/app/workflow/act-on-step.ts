// An official acts on the step a case is at: completes it, decides an outcome, initials,
// signs, numbers, hands over, records the technical recommendation, returns or rejects.
// Re-checks who may act and where the case is on the case as it is now, then writes the task,
// the case, the audit event and the outbox together, all or nothing.
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { isBackward, type Exit } from '../../domain/definition/flow.ts';
import { actingForCode } from '../../domain/workflow/acting-for.ts';
import { chooseExit, issuesPermit, land, STEP_ACTIONS, stepIndex, stepOf, type StepAction } from '../../domain/workflow/interpreter.ts';
import type { Step } from '../../domain/definition/schema.ts';
import { issuePermit, markHandedOver, registerPermit, revokePermit } from '../permits/issue-permit.ts';
import { compiledOnce } from '../../infra/db/compiled-once.ts';
import type { Db, Tx } from '../transaction.ts';
import { rolesHeld, type ActingAs, type Actor, type ActorRef } from './actor.ts';
import { alreadyHandled, actOnCase } from './case-act.ts';
import { lockAsRead, moveTo, type CaseRead, type OpenTask } from './case-state.ts';
import { appendAudit, enqueue } from './record.ts';
import { closeBatch, openBatch, write, type Unit } from './write-batch.ts';

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

// Who acts is read with the case, in the same statement: their positions and acting
// assignments as of the case's snapshot (a position taken away meanwhile no longer acts), and an
// acting assignment counts on the office's own date. A caller that has loaded the whole `Actor`
// may pass it; only its user id is used.
//
// `alongside` writes what belongs to the same act (who collected the permit, the letter the
// technical team sent) in the same transaction, so the act is never recorded without it.
//
// Most acts touch nothing but the case and run optimistically (`actOnCase`, ADR 9). One that
// signs a permit (which takes the office's next number) or leads a step back to itself takes the
// case's lock in a transaction after its read.
export async function actOnStep(
  db: Db, who: ActorRef, caseId: string, action: StepAction, input: StepActionInput, at: Date, idempotencyKey?: string,
  alongside?: (tx: Tx, result: StepActionResult) => Promise<void>,
): Promise<StepActionResult> {
  if (!STEP_ACTIONS.includes(action)) throw new AppError('unknown_action', 404, { id: 'Tindakan tidak dikenal.', en: 'Unknown action.' });
  return actOnCase(db, who, caseId, at, { action, request: input, idempotencyKey, alongside }, async (unit, read, actor) => {
    const checked = check(read, actor, action, input);
    if (!checked.needsLock || unit.isTransaction) return actIn(unit, read, checked, actor, action, input, at);
    return unit.transaction().execute(async (tx) => actIn(tx, await lockAsRead(tx, read), checked, actor, action, input, at));
  });
}

interface Checked {
  step: Step;
  as: { positionId: string; acting: ActingAs | null };
  task: OpenTask;
  exit: Exit;
  // Signs, registers or hands over the case's permit.
  touchesPermit: boolean;
  // Ends the case other than completed while its permit is in force.
  revokesPermit: boolean;
  needsLock: boolean;
}

// Who may act, where the case is, and where the act leads, from the case as read. Writes nothing.
function check(read: CaseRead, actor: Actor, action: StepAction, input: StepActionInput): Checked {
  const { row, def, openTask: task } = read;
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
  const forward = exit.target.kind === 'step' ? !isBackward(def, stepIndex(def, step.no), exit.target) : exit.target.kind === 'end' && exit.target.end === 'completed';
  const permitStep = issuesPermit(def) && forward && (
    (step.kind === 'sign' && (step.signs ?? 'permit') === 'permit') || step.kind === 'number' || step.kind === 'handover'
  );
  const landing = land(def, exit.target);
  // A step that leads back to itself closes its task in a statement before the one that opens
  // the new task (one open task per step): two statements need a transaction.
  const selfLoop = landing.kind === 'step' && landing.step === step.no;
  // Signing takes the office's next number: a counter row shared by every case of the series.
  const numbers = permitStep && step.kind === 'sign';
  const revokes = landing.kind === 'end' && landing.end !== 'completed' && read.issuedPermit !== null;
  return { step, as, task, exit, touchesPermit: permitStep, revokesPermit: revokes, needsLock: numbers || selfLoop };
}

const closeTask = compiledOnce((db, completedAt: Date, completedBy: string | null, outcome: string | null, claimedAt: Date, id: string) =>
  db.updateTable('tasks').set({ status: sql.lit('done' as const), completed_at: completedAt, completed_by: completedBy, outcome, claimed_at: claimedAt }).where('id', '=', id));

async function actIn(unit: Unit, read: CaseRead, checked: Checked, actor: Actor, action: StepAction, input: StepActionInput, at: Date): Promise<StepActionResult> {
  const { row, def, pauses } = read;
  const { step, as, task, exit } = checked;
  openBatch(unit);
  await write(unit, closeTask(unit, at, actor.kind === 'system' ? null : actor.userId, exit.outcomeId, task.claimedAt ?? at, task.id));

  const landingStep = exit.target.kind === 'step' ? exit.target.step : null;
  const userId = actor.kind === 'system' ? null : actor.userId;
  const actingFor = as.acting ? actingForCode(as.acting.kind, as.acting.positionId) : null;
  let permitEffect: { number: string; verificationCode?: string } | null = null;
  if (checked.touchesPermit) {
    if (step.kind === 'sign') {
      // Only ever in a transaction: `check` asks for the lock on this step.
      const issued = await issuePermit(unit as Tx, row, def, at, { userId, position: as.positionId, actingFor }, read.issuedPermit);
      permitEffect = { number: issued.number, verificationCode: issued.verificationCode };
    } else if (step.kind === 'number') {
      permitEffect = await registerPermit(unit, read.issuedPermit, at, userId);
    } else {
      await markHandedOver(unit, read.issuedPermit, at);
    }
  }
  const revoked = checked.revokesPermit ? await revokePermit(unit, read.issuedPermit!, row.id, at) : {};
  await appendAudit(unit, row.id, at, {
    action,
    stepFrom: step.no,
    stepTo: landingStep,
    actor,
    actorPosition: as.positionId,
    actingFor,
    note: input.reason ?? input.note ?? null,
    data: {
      ...(permitEffect ? { permitNumber: permitEffect.number } : {}),
      ...revoked,
      outcome: exit.outcomeId,
      outcomeLabel: exit.label,
      target: exit.target,
      ...(input.corrections ? { corrections: input.corrections } : {}),
      ...(input.recommendation ? { recommendation: input.recommendation } : {}),
    },
  });
  if (permitEffect && step.kind === 'sign') await enqueue(unit, row.id, 'signed', at, { step: step.no, number: permitEffect.number });

  const landing = await moveTo({ unit, row, def, at, actor, fromStep: step.no, pauses }, exit.target, input.reason ?? null);
  await closeBatch(unit);
  return {
    caseId: row.id,
    status: landing.kind === 'step' ? 'active' : landing.kind === 'applicant' ? 'waiting_applicant' : landing.end,
    currentStep: landing.kind === 'step' ? landing.step : null,
    resumeStep: landing.kind === 'applicant' ? landing.resumeAt : null,
  };
}
