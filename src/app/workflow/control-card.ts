// The kartu kendali of a case: for each step it passed through, who received it when, who
// acted, when, with what result — a query over tasks and the audit trail, never stored apart.
import type { Db } from '../transaction.ts';

export interface ControlCardRow {
  step: number;
  role: string;
  receivedAt: string;
  actedAt: string | null;
  actedBy: string | null;
  position: string | null;
  actingFor: string | null;
  action: string | null;
  outcome: string | null;
  note: string | null;
}

export async function controlCard(db: Db, caseId: string): Promise<ControlCardRow[]> {
  const tasks = await db.selectFrom('tasks as t').leftJoin('users as u', 'u.id', 't.completed_by')
    .select(['t.id', 't.step_no', 't.role_id', 't.created_at', 't.completed_at', 't.outcome', 't.status', 'u.display_name'])
    .where('t.case_id', '=', caseId).orderBy('t.created_at').orderBy('t.id').execute();
  const events = await db.selectFrom('audit_events').select(['step_from', 'at', 'action', 'actor_position', 'acting_for', 'note'])
    .where('case_id', '=', caseId).orderBy('seq').execute();
  return tasks.map((t) => {
    // The event that completed this task: same step, at the task's completion instant.
    const e = t.completed_at ? events.find((ev) => ev.step_from === t.step_no && ev.at.getTime() === t.completed_at!.getTime() && ev.action !== 'claimed' && ev.action !== 'assigned') : undefined;
    return {
      step: t.step_no,
      role: t.role_id,
      receivedAt: t.created_at.toISOString(),
      actedAt: t.completed_at?.toISOString() ?? null,
      actedBy: t.display_name,
      position: e?.actor_position ?? null,
      actingFor: e?.acting_for ?? null,
      action: t.status === 'cancelled' ? 'cancelled' : (e?.action ?? null),
      outcome: t.outcome,
      note: e?.note ?? null,
    };
  });
}
