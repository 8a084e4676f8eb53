// The worklist: open tasks at the roles this official holds, in their office, soonest due first.
// Keyset pagination on (due_at, id) keeps every page as fast as the first.
import { sql } from 'kysely';
import type { Db } from '../transaction.ts';
import type { Actor } from './actor.ts';
import { pinnedDefinition } from './case-state.ts';
import { rolesHeld } from './actor.ts';
import { remainingWorkingMs, slaState } from '../../domain/calendar/working-calendar.ts';
import { loadClock } from './clock.ts';
import { DUE_SOON_WORKING_MS } from './get-application.ts';

export interface TaskItem {
  taskId: string;
  caseId: string;
  trackingCode: string;
  service: string;
  step: number;
  role: string;
  dueAt: string | null;
  sla: 'on_time' | 'due_soon' | 'overdue' | null;
  workingMsLeft: number | null;
  assignee: string | null;
  applicantName: string;
}

export interface TaskPage {
  items: TaskItem[];
  next: string | null;
}

export async function listTasks(db: Db, actor: Actor, opts: { role?: string | undefined; limit?: number; after?: string | undefined }, now: Date = new Date()): Promise<TaskPage> {
  if (actor.kind !== 'staff') return { items: [], next: null };
  // Roles are per definition; a role id the official holds in any current service counts.
  const services = await db.selectFrom('services').select(['slug', 'current_version']).where('office_id', '=', actor.officeId).execute();
  const roles = new Set<string>();
  for (const s of services) for (const r of rolesHeld(actor, await pinnedDefinition(db, actor.officeId, s.slug, s.current_version), actor.officeId).keys()) roles.add(r);
  if (opts.role !== undefined) {
    if (!roles.has(opts.role)) return { items: [], next: null };
    roles.clear();
    roles.add(opts.role);
  }
  if (roles.size === 0) return { items: [], next: null };
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  let q = db.selectFrom('tasks as t').innerJoin('cases as c', 'c.id', 't.case_id').innerJoin('applicants as a', 'a.id', 'c.applicant_id')
    .select(['t.id as task_id', 't.case_id', 'c.tracking_code', 'c.service_slug', 't.step_no', 't.role_id', 't.due_at', 't.assignee_user_id', 'a.name', 'a.company_name'])
    .where('t.office_id', '=', actor.officeId).where('t.status', '=', 'open').where('t.role_id', 'in', [...roles]);
  const cursor = decodeCursor(opts.after);
  if (cursor) q = q.where(sql<boolean>`(coalesce(t.due_at, 'infinity'::timestamptz), t.id) > (${cursor.due}::timestamptz, ${cursor.id}::bigint)`);
  const rows = await q.orderBy(sql`coalesce(t.due_at, 'infinity'::timestamptz)`).orderBy('t.id').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const cal = (await loadClock(db, actor.officeId)).calendar;
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      taskId: r.task_id, caseId: r.case_id, trackingCode: r.tracking_code, service: r.service_slug, step: r.step_no, role: r.role_id,
      dueAt: r.due_at?.toISOString() ?? null,
      sla: r.due_at ? slaState(cal, now, r.due_at, DUE_SOON_WORKING_MS) : null,
      workingMsLeft: r.due_at ? remainingWorkingMs(cal, now, r.due_at) : null,
      assignee: r.assignee_user_id, applicantName: r.company_name ?? r.name,
    })),
    next: rows.length > limit && last ? encodeCursor(last.due_at, last.task_id) : null,
  };
}

const encodeCursor = (due: Date | null, id: string) => Buffer.from(JSON.stringify([due ? due.toISOString() : 'infinity', id])).toString('base64url');
function decodeCursor(s: string | undefined): { due: string; id: string } | null {
  if (!s) return null;
  try {
    const [due, id] = JSON.parse(Buffer.from(s, 'base64url').toString()) as [string, string];
    if (typeof due !== 'string' || !/^\d{1,18}$/.test(String(id)) || (due !== 'infinity' && Number.isNaN(Date.parse(due)))) return null;
    return { due, id: String(id) };
  } catch {
    return null;
  }
}
