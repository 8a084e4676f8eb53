// Reading a case with its pinned definition, and moving it to where an action lands it:
// a new task, a wait on the applicant (the clock pauses), or an end. Shared by every action.
import { serviceDefinitionSchema, type ServiceDefinition } from '../../domain/definition/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { land, roleOf, stepOf, type Landing } from '../../domain/workflow/interpreter.ts';
import type { Target } from '../../domain/definition/flow.ts';
import type { CasesTable, DB } from '../../infra/db/types.ts';
import { sql, type Selectable, type UpdateObject } from 'kysely';
import type { Pause } from '../../domain/calendar/working-calendar.ts';
import type { Db, Tx } from '../transaction.ts';
import { compiledOnce } from '../../infra/db/compiled-once.ts';
import { actorJson, daysAround, type Actor, type ActorJson } from './actor.ts';
import { loadClock, rememberCalendarEpoch } from './clock.ts';
import { appendAudit, enqueue, rememberAuditHead, type AuditHead } from './record.ts';
import { CaseChangedError, flushBatch, write, type Unit } from './write-batch.ts';

export type CaseRow = Selectable<CasesTable>;

// Definition versions are immutable, so a process may keep them once read.
const definitions = new Map<string, ServiceDefinition>();

export async function pinnedDefinition(db: Db | Tx | Unit, officeId: string, slug: string, version: number): Promise<ServiceDefinition> {
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

export interface OpenTask {
  id: string;
  assigneeUserId: string | null;
  claimedAt: Date | null;
}

export interface CaseRead {
  row: CaseRow;
  def: ServiceDefinition;
  // The open task of the current step, if any, and the case's pauses, read with the row.
  openTask: OpenTask | null;
  pauses: Pause[];
  auditHead: AuditHead | null;
  calendarEpoch: string;
  // The case's permit in force, if it has been signed.
  issuedPermit: IssuedPermitRef | null;
  // The acting user as of the same snapshot, when the read was asked for one (`actorFrom`).
  actor: ActorJson | null;
  // The portal account of the case's applicant (none for a walk-in without one).
  applicantUserId: string | null;
}

// The user an act is by, read with the case: their positions as the act sees the case, and their
// acting assignments around `at` (which of them are in force is a matter of the office's date).
export interface ReadAs {
  userId: string;
  at: Date;
}

export interface IssuedPermitRef {
  id: string;
  number: string;
  registeredAt: Date | null;
}

const toDate = (v: string | null) => (v === null ? null : new Date(v));

// The case with what every action needs next, in one statement and as one JSON value: a row of
// two dozen columns costs the driver more to take apart than one JSON text costs to parse.
const caseQuery = compiledOnce((db, caseId: string, userId: string | null, firstDay: string, lastDay: string) => db.selectFrom('cases as c')
  .select(sql<CaseJson>`json_build_array(
    row_to_json(c), c.id::text, c.applicant_id::text,
    (select json_build_array(a.seq, a.hash) from audit_events a where a.case_id = c.id order by a.seq desc limit 1),
    array_to_json(array(select json_build_array(p.paused_at, p.resumed_at) from case_pauses p where p.case_id = c.id order by p.paused_at)),
    (select json_build_array(t.id::text, t.assignee_user_id::text, t.claimed_at) from tasks t where t.case_id = c.id and t.step_no = c.current_step and t.status = 'open'),
    (select epoch::text from calendar_epoch),
    (select json_build_array(p.id::text, p.number, p.registered_at) from permits p where p.case_id = c.id and p.status = 'issued'),
    ${actorJson(userId, firstDay, lastDay)},
    (select a.user_id::text from applicants a where a.id = c.applicant_id))`.as('read'))
  .where('c.id', '=', caseId));

type Stamp = string | null;
// The case row as row_to_json writes it: instants as ISO texts, and ids (bigint) as JSON numbers,
// which lose digits beyond 2^53, so the ids come again as texts beside it.
type CaseRowJson = Omit<CaseRow, 'id' | 'applicant_id' | 'submitted_at' | 'clock_started_at' | 'due_at' | 'closed_at' | 'escalated_at' | 'updated_at'>
  & { id: number; applicant_id: number; submitted_at: string; clock_started_at: Stamp; due_at: Stamp; closed_at: Stamp; escalated_at: Stamp; updated_at: string };
type CaseJson = [CaseRowJson, string, string, [number, string] | null, [string, Stamp][], [string, string | null, Stamp] | null, string, [string, string, Stamp] | null, ActorJson | null, string | null];

function caseRowOf(j: CaseRowJson, id: string, applicantId: string): CaseRow {
  return {
    ...j,
    id,
    applicant_id: applicantId,
    submitted_at: new Date(j.submitted_at),
    clock_started_at: toDate(j.clock_started_at),
    due_at: toDate(j.due_at),
    closed_at: toDate(j.closed_at),
    escalated_at: toDate(j.escalated_at),
    updated_at: new Date(j.updated_at),
  };
}

// Reads the case with what every action needs next (its open task, its pauses, the head of its
// audit chain, the calendar epoch, its signed permit, its applicant's account and, when asked,
// the person acting) in one statement, so all of it comes from one snapshot: each statement
// costs a round trip on both sides, and a transition is made of little else.
export async function readCase(unit: Unit, caseId: string, as?: ReadAs): Promise<CaseRead> {
  if (!/^\d{1,18}$/.test(caseId)) throw caseNotFound();
  const [firstDay, lastDay] = daysAround(as?.at ?? new Date(0));
  const found = (await unit.executeQuery(caseQuery(unit, caseId, as?.userId ?? null, firstDay, lastDay))).rows[0];
  if (!found) throw caseNotFound();
  const [caseJson, id, applicantId, head, pauseList, task, epoch, permit, actor, applicantUserId] = found.read;
  const row = caseRowOf(caseJson, id, applicantId);
  const read: CaseRead = {
    row,
    def: await pinnedDefinition(unit, row.office_id, row.service_slug, row.definition_version),
    openTask: task ? { id: task[0], assigneeUserId: task[1], claimedAt: toDate(task[2]) } : null,
    pauses: pauseList.map(([from, to]) => ({ from: new Date(from), to: toDate(to) })),
    auditHead: head ? { seq: head[0], hash: head[1] } : null,
    calendarEpoch: epoch,
    issuedPermit: permit ? { id: permit[0], number: permit[1], registeredAt: toDate(permit[2]) } : null,
    actor,
    applicantUserId,
  };
  adopt(unit, read);
  return read;
}

// What the unit writes next builds on this read: audit events chain from its head, and the clock
// trusts its cached calendar for this epoch.
function adopt(unit: Unit, read: CaseRead): void {
  rememberAuditHead(unit, read.row.id, read.auditHead);
  rememberCalendarEpoch(unit, read.calendarEpoch);
}

// Locks the case row for the rest of the transaction and advances its version, then reads it:
// concurrent writers queue on the row, and each reads what the one before it committed (the read
// is a statement of its own, so its snapshot is taken after the lock is granted). Advancing the
// version tells any action that read the case before that it changed.
export async function lockCase(tx: Tx, caseId: string, as?: ReadAs): Promise<CaseRead> {
  if (!/^\d{1,18}$/.test(caseId)) throw caseNotFound();
  await tx.updateTable('cases').set({ version: sql`version + 1` }).where('id', '=', caseId).execute();
  return readCase(tx, caseId, as);
}

// Locks a case read earlier, if it is still as read: the lock is taken only if no one advanced the
// version since. Otherwise nothing is locked and the action starts again from a fresh read.
export async function lockAsRead(tx: Tx, read: CaseRead): Promise<CaseRead> {
  const locked = await tx.updateTable('cases').set({ version: sql`version + 1` })
    .where('id', '=', read.row.id).where('version', '=', read.row.version).returning('version').executeTakeFirst();
  if (!locked) throw new CaseChangedError();
  const now = { ...read, row: { ...read.row, version: locked.version } };
  adopt(tx, now);
  return now;
}

export interface MoveContext {
  // The transaction, or the connection the act reserved.
  unit: Unit;
  row: CaseRow;
  def: ServiceDefinition;
  at: Date;
  actor: Actor;
  fromStep: number | null;
  // The case's pauses as this action leaves them (read with the case, and ended in memory by a
  // resubmission), which the clock reckons with.
  pauses: Pause[];
}

// Applies a landing: records pass-through applicant steps, opens the next task (starting the
// clock when the flow reaches the step the definition names), pauses for the applicant, or
// closes the case. Returns the case's new status and step.
export async function moveTo(ctx: MoveContext, target: Target, reason: string | null): Promise<Landing> {
  const { unit, row, def, at, actor, pauses } = ctx;
  const landing = land(def, target);
  for (const no of landing.passedApplicantSteps) {
    await appendAudit(unit, row.id, at, { action: 'applicant_step', stepFrom: no, stepTo: no, actor, note: stepOf(def, no).title });
  }
  const clock = await loadClock(unit, row.office_id);

  if (landing.kind === 'step') {
    const step = stepOf(def, landing.step);
    let clockStart = row.clock_started_at;
    if (!clockStart && step.no === def.serviceTime.clockStartStep) {
      clockStart = at;
      await appendAudit(unit, row.id, at, { action: 'clock_started', stepFrom: step.no, stepTo: step.no, actor, data: { rule: def.serviceTime.clockStart } });
    }
    // Recomputed on every move: time spent waiting on the applicant pushes the due instant later.
    const dueAt = clockStart ? clock.caseDue(clockStart, pauses, def.serviceTime) : null;
    const taskDue = clock.stepDue({ clockStart, enteredAt: at, submittedAt: row.submitted_at, pauses }, step);
    // A step that leads back to itself: its old task must be closed before the new one opens
    // (one open task per step), and the parts of one statement run in no fixed order.
    if (step.no === ctx.fromStep) await flushBatch(unit);
    await write(unit, openTask(unit, row.id, row.office_id, step.no, step.actor, at, taskDue));
    await write(unit, caseToStep(unit, step.no, clockStart, dueAt, at, row.id, row.version), { guard: true });
    if (roleOf(def, step.actor).kind === 'external') {
      await enqueue(unit, row.id, 'technical_recommendation_requested', at, { step: step.no, role: step.actor });
    }
    if (step.kind === 'handover') await enqueue(unit, row.id, 'ready_for_pickup', at, { step: step.no });
  } else if (landing.kind === 'applicant') {
    await write(unit, pauseCase(unit, row.id, at, reason ?? ''));
    await write(unit, caseToApplicant(unit, landing.resumeAt, at, row.id, row.version), { guard: true });
    await enqueue(unit, row.id, 'returned', at, { resumeAt: landing.resumeAt, reason });
  } else {
    const status = landing.end === 'completed' ? 'completed' : 'rejected';
    await write(unit, caseToEnd(unit, status, at, row.id, row.version), { guard: true });
    await enqueue(unit, row.id, status, at, { reason });
  }
  return landing;
}

const openTask = compiledOnce((db, case_id: string, office_id: string, step_no: number, role_id: string, created_at: Date, due_at: Date | null) =>
  db.insertInto('tasks').values({ case_id, office_id, step_no, role_id, status: sql.lit('open' as const), created_at, due_at }));

const pauseCase = compiledOnce((db, case_id: string, paused_at: Date, reason: string) =>
  db.insertInto('case_pauses').values({ case_id, paused_at, resumed_at: sql.lit(null), reason }));

// The case's own update in a move: the guard of the transition's write, landing only on the
// version the action read.
function moveCase(db: Unit, changes: UpdateObject<DB, 'cases'>, id: string, version: number) {
  return db.updateTable('cases').set({ ...changes, version: sql`version + 1` })
    .where('id', '=', id).where('version', '=', version).returning('id');
}

const caseToStep = compiledOnce((db, step: number, clockStartedAt: Date | null, dueAt: Date | null, at: Date, id: string, version: number) =>
  moveCase(db, { status: sql.lit('active' as const), current_step: step, resume_step: sql.lit(null), clock_started_at: clockStartedAt, due_at: dueAt, updated_at: at }, id, version));

const caseToApplicant = compiledOnce((db, resumeStep: number, at: Date, id: string, version: number) =>
  moveCase(db, { status: sql.lit('waiting_applicant' as const), current_step: sql.lit(null), resume_step: resumeStep, updated_at: at }, id, version));

const caseToEnd = compiledOnce((db, status: 'completed' | 'rejected', at: Date, id: string, version: number) =>
  moveCase(db, { status, current_step: sql.lit(null), resume_step: sql.lit(null), closed_at: at, updated_at: at }, id, version));
