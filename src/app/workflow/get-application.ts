// One application as its applicant or an official of its office sees it: state, the step it
// is at and who must act, due instants, and its history (the kartu kendali).
import { AppError } from '../../domain/errors.ts';
import { stepOf } from '../../domain/workflow/interpreter.ts';
import type { Db } from '../transaction.ts';
import { rolesHeld, type Actor } from './actor.ts';
import { remainingWorkingMs, slaState } from '../../domain/calendar/working-calendar.ts';
import { caseNotFound, pinnedDefinition } from './case-state.ts';
import { loadClock } from './clock.ts';
import { controlCard, type ControlCardRow } from './control-card.ts';

// "Mendekati batas": less than one working day's worth of service hours (8 h) left.
export const DUE_SOON_WORKING_MS = 8 * 3_600_000;

export interface ApplicationView {
  id: string;
  trackingCode: string;
  office: string;
  service: string;
  serviceName: string;
  definitionVersion: number;
  applicationType: string;
  status: string;
  currentStep: { no: number; title: string; role: string; roleName: string; dueAt: string | null; assignee: string | null } | null;
  resumeStep: number | null;
  submittedAt: string;
  clockStartedAt: string | null;
  dueAt: string | null;
  closedAt: string | null;
  sla: 'on_time' | 'due_soon' | 'overdue' | null;
  workingMsLeft: number | null;
  controlCard: ControlCardRow[];
  history: { seq: number; at: string; action: string; stepFrom: number | null; stepTo: number | null; actor: string | null; position: string | null; actingFor: string | null; note: string | null; data: unknown }[];
}

export async function getApplication(db: Db, actor: Actor, caseId: string, now: Date = new Date()): Promise<ApplicationView> {
  if (!/^\d{1,18}$/.test(caseId)) throw caseNotFound();
  const row = await db.selectFrom('cases as c').innerJoin('applicants as a', 'a.id', 'c.applicant_id')
    .selectAll('c').select(['a.user_id as applicant_user_id']).where('c.id', '=', caseId).executeTakeFirst();
  if (!row) throw caseNotFound();
  const def = await pinnedDefinition(db, row.office_id, row.service_slug, row.definition_version);
  const allowed = actor.kind === 'system'
    || (actor.kind === 'applicant' && row.applicant_user_id === actor.userId)
    || (actor.kind === 'staff' && rolesHeld(actor, def, row.office_id).size > 0);
  // Another office's or another applicant's case: the same answer as a case that does not exist.
  if (!allowed) throw caseNotFound();

  const task = row.current_step === null ? null
    : await db.selectFrom('tasks').select(['due_at', 'assignee_user_id']).where('case_id', '=', row.id).where('step_no', '=', row.current_step).where('status', '=', 'open').executeTakeFirst();
  const events = await db.selectFrom('audit_events as e').leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.seq', 'e.at', 'e.action', 'e.step_from', 'e.step_to', 'u.display_name', 'e.actor_position', 'e.acting_for', 'e.note', 'e.data'])
    .where('e.case_id', '=', row.id).orderBy('e.seq').execute();
  const step = row.current_step === null ? null : stepOf(def, row.current_step);
  const clock = await loadClock(db, row.office_id);
  const running = row.status === 'active' && row.due_at !== null;
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    office: row.office_id,
    service: row.service_slug,
    serviceName: def.name,
    definitionVersion: row.definition_version,
    applicationType: row.application_type,
    status: row.status,
    currentStep: step ? { no: step.no, title: step.title, role: step.actor, roleName: def.roles.find((r) => r.id === step.actor)!.name, dueAt: task?.due_at?.toISOString() ?? null, assignee: task?.assignee_user_id ?? null } : null,
    resumeStep: row.resume_step,
    submittedAt: row.submitted_at.toISOString(),
    clockStartedAt: row.clock_started_at?.toISOString() ?? null,
    dueAt: row.due_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    sla: running ? slaState(clock.calendar, now, row.due_at!, DUE_SOON_WORKING_MS) : null,
    workingMsLeft: running ? remainingWorkingMs(clock.calendar, now, row.due_at!) : null,
    controlCard: actor.kind === 'applicant' ? [] : await controlCard(db, row.id),
    history: events.map((e) => ({
      seq: e.seq, at: e.at.toISOString(), action: e.action, stepFrom: e.step_from, stepTo: e.step_to,
      // Applicants see who acted by position, not by name.
      actor: actor.kind === 'applicant' ? null : e.display_name, position: e.actor_position, actingFor: e.acting_for, note: e.note, data: e.data,
    })),
  };
}

export const forbidden = () => new AppError('forbidden', 403, { id: 'Tidak diizinkan.', en: 'Not allowed.' });
