// Reading a case with its pinned definition, and moving it to where an action lands it:
// a new task, a wait on the applicant (the clock pauses), or an end. Shared by every action.
import { serviceDefinitionSchema, type ServiceDefinition } from '../../domain/definition/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { land, roleOf, stepOf, type Landing } from '../../domain/workflow/interpreter.ts';
import type { Target } from '../../domain/definition/flow.ts';
import type { CasesTable } from '../../infra/db/types.ts';
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../transaction.ts';
import type { Actor } from './actor.ts';
import { loadClock } from './clock.ts';
import { appendAudit, enqueue } from './record.ts';

export type CaseRow = Selectable<CasesTable>;

// Definition versions are immutable, so a process may keep them once read.
const definitions = new Map<string, ServiceDefinition>();

export async function pinnedDefinition(db: Db | Tx, officeId: string, slug: string, version: number): Promise<ServiceDefinition> {
  const key = `${officeId}/${slug}@${version}`;
  const cached = definitions.get(key);
  if (cached) return cached;
  const row = await db.selectFrom('service_versions').select('definition')
    .where('office_id', '=', officeId).where('slug', '=', slug).where('version', '=', version).executeTakeFirst();
  if (!row) throw new AppError('definition_not_found', 500, { id: 'Definisi layanan tidak ditemukan.', en: 'Service definition not found.' });
  const def = serviceDefinitionSchema.parse(row.definition);
  definitions.set(key, def);
  return def;
}

export const caseNotFound = () => new AppError('case_not_found', 404, { id: 'Permohonan tidak ditemukan.', en: 'Application not found.' });

// Locks the case row for the rest of the transaction: concurrent actions on one case queue
// here, and each re-checks the state it finds.
export async function lockCase(tx: Tx, caseId: string): Promise<{ row: CaseRow; def: ServiceDefinition }> {
  if (!/^\d{1,18}$/.test(caseId)) throw caseNotFound();
  const row = await tx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst();
  if (!row) throw caseNotFound();
  return { row, def: await pinnedDefinition(tx, row.office_id, row.service_slug, row.definition_version) };
}

export interface MoveContext {
  tx: Tx;
  row: CaseRow;
  def: ServiceDefinition;
  at: Date;
  actor: Actor;
  fromStep: number | null;
}

// Applies a landing: records pass-through applicant steps, opens the next task (starting the
// clock when the flow reaches the step the definition names), pauses for the applicant, or
// closes the case. Returns the case's new status and step.
export async function moveTo(ctx: MoveContext, target: Target, reason: string | null): Promise<Landing> {
  const { tx, row, def, at, actor } = ctx;
  const landing = land(def, target);
  for (const no of landing.passedApplicantSteps) {
    await appendAudit(tx, row.id, at, { action: 'applicant_step', stepFrom: no, stepTo: no, actor, note: stepOf(def, no).title });
  }
  const clock = await loadClock(tx, row.office_id);
  const pauses = await tx.selectFrom('case_pauses').select(['paused_at', 'resumed_at']).where('case_id', '=', row.id).execute();
  const pauseList = pauses.map((p) => ({ from: p.paused_at, to: p.resumed_at }));

  if (landing.kind === 'step') {
    const step = stepOf(def, landing.step);
    let clockStart = row.clock_started_at;
    if (!clockStart && step.no === def.serviceTime.clockStartStep) {
      clockStart = at;
      await appendAudit(tx, row.id, at, { action: 'clock_started', stepFrom: step.no, stepTo: step.no, actor, data: { rule: def.serviceTime.clockStart } });
    }
    // Recomputed on every move: time spent waiting on the applicant pushes the due instant later.
    const dueAt = clockStart ? clock.caseDue(clockStart, pauseList, def.serviceTime) : null;
    const taskDue = clock.stepDue({ clockStart, enteredAt: at, submittedAt: row.submitted_at, pauses: pauseList }, step);
    await tx.insertInto('tasks').values({
      case_id: row.id, office_id: row.office_id, step_no: step.no, role_id: step.actor, status: 'open', created_at: at, due_at: taskDue,
    }).execute();
    await tx.updateTable('cases').set({ status: 'active', current_step: step.no, resume_step: null, clock_started_at: clockStart, due_at: dueAt, updated_at: at }).where('id', '=', row.id).execute();
    if (roleOf(def, step.actor).kind === 'external') {
      await enqueue(tx, row.id, 'technical_recommendation_requested', at, { step: step.no, role: step.actor });
    }
    if (step.kind === 'handover') await enqueue(tx, row.id, 'ready_for_pickup', at, { step: step.no });
  } else if (landing.kind === 'applicant') {
    await tx.insertInto('case_pauses').values({ case_id: row.id, paused_at: at, resumed_at: null, reason: reason ?? '' }).execute();
    await tx.updateTable('cases').set({ status: 'waiting_applicant', current_step: null, resume_step: landing.resumeAt, updated_at: at }).where('id', '=', row.id).execute();
    await enqueue(tx, row.id, 'returned', at, { resumeAt: landing.resumeAt, reason });
  } else {
    const status = landing.end === 'completed' ? 'completed' : 'rejected';
    await tx.updateTable('cases').set({ status, current_step: null, resume_step: null, closed_at: at, updated_at: at }).where('id', '=', row.id).execute();
    await enqueue(tx, row.id, status, at, { reason });
  }
  return landing;
}
