// The lembar paraf of a case: who initialled, signed and numbered the draft, in order, with the
// position they acted in (and for whom, when acting), and every draft sent back with its note.
// Read from the audit trail; nothing is stored apart.
import { stepOf } from '../../domain/workflow/interpreter.ts';
import type { Db } from '../transaction.ts';
import { caseForStaff } from './case-access.ts';
import type { StaffContext } from './staff-context.ts';

export interface ParafEntry {
  at: Date;
  step: number;
  stepTitle: string;
  action: string;
  who: string | null;
  position: string | null;
  actingFor: string | null;
  note: string | null;
  permitNumber: string | null;
}

export async function parafSheet(db: Db, staff: StaffContext, caseId: string): Promise<{ trackingCode: string; serviceName: string; entries: ParafEntry[] }> {
  const { row, def } = await caseForStaff(db, staff, caseId);
  const approval = new Set(def.steps.filter((s) => s.kind === 'paraf' || s.kind === 'sign' || s.kind === 'number').map((s) => s.no));
  const events = await db.selectFrom('audit_events as e').leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.at', 'e.step_from', 'e.action', 'u.display_name', 'e.actor_position', 'e.acting_for', 'e.note', 'e.data'])
    .where('e.case_id', '=', row.id).where('e.action', 'in', ['paraf', 'sign', 'number', 'return', 'return-to-applicant', 'reject']).orderBy('e.seq').execute();
  const positions = new Map(staff.office.positions.map((p) => [p.id, p.name]));
  const entries = events.filter((e) => e.step_from !== null && approval.has(e.step_from)).map((e) => ({
    at: e.at,
    step: e.step_from!,
    stepTitle: stepOf(def, e.step_from!).title,
    action: e.action,
    who: e.display_name,
    position: e.actor_position ? positions.get(e.actor_position) ?? e.actor_position : null,
    actingFor: e.acting_for,
    note: e.note,
    permitNumber: (e.data as { permitNumber?: string }).permitNumber ?? null,
  }));
  return { trackingCode: row.tracking_code, serviceName: def.name, entries };
}
