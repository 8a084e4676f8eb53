// The signature list (map tanda tangan): the open tasks at signing steps this official holds,
// soonest due first, so several permits can be read and signed in one sitting.
import { sql } from 'kysely';
import { stepOf } from '../../domain/workflow/interpreter.ts';
import type { Db } from '../transaction.ts';
import { pinnedDefinition } from '../workflow/case-state.ts';
import type { StaffContext } from './staff-context.ts';

export interface Signable {
  caseId: string;
  step: number;
  stepTitle: string;
  signs: 'permit' | 'letter';
  trackingCode: string;
  serviceName: string;
  applicantName: string;
  dueAt: Date | null;
  assigneeId: string | null;
}

export async function listSignable(db: Db, staff: StaffContext, limit = 100): Promise<Signable[]> {
  const pairs = staff.services.flatMap((s) => s.def.steps.filter((st) => st.kind === 'sign' && s.held.has(st.actor)).map((st) => ({ slug: s.slug, step: st.no, role: st.actor })));
  if (pairs.length === 0) return [];
  const rows = await db.selectFrom('tasks as t').innerJoin('cases as c', 'c.id', 't.case_id').innerJoin('applicants as a', 'a.id', 'c.applicant_id')
    .select(['t.case_id', 't.step_no', 't.due_at', 't.assignee_user_id', 'c.tracking_code', 'c.service_slug', 'c.definition_version', 'a.name', 'a.company_name'])
    .where('t.office_id', '=', staff.office.id).where('t.status', '=', 'open').where('t.role_id', 'in', [...new Set(pairs.map((p) => p.role))])
    .where(sql<boolean>`(c.service_slug, t.step_no) in (${sql.join(pairs.map((p) => sql`(${p.slug}, ${p.step})`))})`)
    .orderBy(sql`coalesce(t.due_at, 'infinity'::timestamptz)`).orderBy('t.id').limit(limit).execute();
  const out: Signable[] = [];
  for (const r of rows) {
    const def = await pinnedDefinition(db, staff.office.id, r.service_slug, r.definition_version);
    const step = stepOf(def, r.step_no);
    if (step.kind !== 'sign') continue;
    if (r.assignee_user_id !== null && r.assignee_user_id !== staff.userId) continue;
    out.push({
      caseId: r.case_id, step: r.step_no, stepTitle: step.title, signs: step.signs ?? 'permit', trackingCode: r.tracking_code, serviceName: def.name,
      applicantName: r.company_name ?? r.name, dueAt: r.due_at, assigneeId: r.assignee_user_id,
    });
  }
  return out;
}
