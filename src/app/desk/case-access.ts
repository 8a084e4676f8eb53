// Whether an official may open a case: it belongs to their office and they hold a role in the
// definition it is pinned to. A technical agency's members (external roles only) see a case
// only once it has been sent to them — once a task at one of their steps exists. Everyone else
// is told the case does not exist, as the engine does.
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import type { Db, Tx } from '../transaction.ts';
import { rolesHeld, type ActingAs } from '../workflow/actor.ts';
import { caseNotFound, pinnedDefinition, type CaseRow } from '../workflow/case-state.ts';
import { externalRoles, type StaffContext } from './staff-context.ts';

export interface CaseAccess {
  row: CaseRow;
  def: ServiceDefinition;
  held: Map<string, { positionId: string; acting: ActingAs | null }>;
  // Holds a role of the office itself in this service (not only a technical agency's).
  internal: boolean;
}

export async function caseForStaff(db: Db | Tx, staff: StaffContext, caseId: string): Promise<CaseAccess> {
  if (!/^\d{1,18}$/.test(caseId)) throw caseNotFound();
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row || row.office_id !== staff.office.id) throw caseNotFound();
  const def = await pinnedDefinition(db, row.office_id, row.service_slug, row.definition_version);
  const held = rolesHeld(staff.actor, def, row.office_id);
  if (held.size === 0) throw caseNotFound();
  const external = externalRoles(def);
  const internal = [...held.keys()].some((r) => !external.has(r));
  if (!internal) {
    const sent = await db.selectFrom('tasks').select('id').where('case_id', '=', row.id).where('role_id', 'in', [...held.keys()]).limit(1).executeTakeFirst();
    if (!sent) throw caseNotFound();
  }
  return { row, def, held, internal };
}
