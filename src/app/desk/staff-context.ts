// Who is at the desk: a staff member of one office, the services of that office with the roles
// they hold in each (own positions or, for today, an acting assignment), and what those roles
// let them reach — the front counter, the signature list, the office's administration.
import { localDateOf } from '../../domain/calendar/working-calendar.ts';
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { officeSchema, type Office } from '../../domain/office/schema.ts';
import { approverRoles } from '../../domain/workflow/interpreter.ts';
import { intakeRoles } from '../../domain/workflow/intake-roles.ts';
import type { Db } from '../transaction.ts';
import { loadActor, rolesHeld, type ActingAs } from '../workflow/actor.ts';
import { pinnedDefinition } from '../workflow/case-state.ts';
import { loadClock } from '../workflow/clock.ts';

// The office administrator's position (users, acting officials, office settings).
export const ADMIN_POSITION = 'admin-kantor';

export interface ServiceAtDesk {
  slug: string;
  version: number;
  def: ServiceDefinition;
  held: Map<string, { positionId: string; acting: ActingAs | null }>;
}

export type StaffActor = { kind: 'staff'; userId: string; officeId: string; positions: string[]; acting: ActingAs[] };

export interface StaffContext {
  actor: StaffActor;
  userId: string;
  displayName: string;
  office: Office;
  today: string;
  services: ServiceAtDesk[];
  // Role ids held in any current service of the office.
  roles: Set<string>;
  // Holds a position in one of the office's own units (not only a technical agency's).
  internal: boolean;
  admin: boolean;
  // Services whose walk-in applications this person may register.
  intakeServices: ServiceAtDesk[];
  // Holds the role of a sign step in some service.
  signer: boolean;
  // Holds an approval-chain role in some service (may assign tasks there).
  supervisor: boolean;
}

export const notStaff = () => new AppError('forbidden', 403, { id: 'Halaman ini hanya untuk petugas kantor.', en: 'This page is for office staff only.' });

export async function loadStaffContext(db: Db, userId: string, now: Date): Promise<StaffContext> {
  const user = await db.selectFrom('users').select(['id', 'kind', 'office_id', 'display_name']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.kind !== 'staff' || !user.office_id) throw notStaff();
  const officeRow = await db.selectFrom('offices').select('document').where('id', '=', user.office_id).executeTakeFirstOrThrow();
  const office = officeSchema.parse(officeRow.document);
  // The office's own date, not the server's (who acts for whom on the desk's lists).
  const today = localDateOf((await loadClock(db, office.id)).calendar, now);
  const actor = (await loadActor(db, user.id, now)) as StaffActor;
  const rows = await db.selectFrom('services').select(['slug', 'current_version']).where('office_id', '=', office.id).orderBy('name').execute();
  const services: ServiceAtDesk[] = [];
  for (const r of rows) {
    const def = await pinnedDefinition(db, office.id, r.slug, r.current_version);
    services.push({ slug: r.slug, version: r.current_version, def, held: rolesHeld(actor, def, office.id) });
  }
  const roles = new Set(services.flatMap((s) => [...s.held.keys()]));
  const externalUnits = new Set(office.units.filter((u) => u.external).map((u) => u.id));
  const unitOf = new Map(office.positions.map((p) => [p.id, p.unit]));
  const positions = [...actor.positions, ...actor.acting.map((a) => a.positionId)];
  return {
    actor,
    userId: user.id,
    displayName: user.display_name,
    office,
    today,
    services,
    roles,
    internal: positions.some((p) => !externalUnits.has(unitOf.get(p) ?? '')),
    admin: actor.positions.includes(ADMIN_POSITION),
    intakeServices: services.filter((s) => intakeRoles(s.def).some((r) => s.held.has(r))),
    signer: services.some((s) => s.def.steps.some((st) => st.kind === 'sign' && s.held.has(st.actor))),
    supervisor: services.some((s) => [...approverRoles(s.def)].some((r) => s.held.has(r))),
  };
}

// The roles of a definition whose members belong to a technical agency rather than the office.
export const externalRoles = (def: ServiceDefinition): Set<string> => new Set(def.roles.filter((r) => r.kind === 'external').map((r) => r.id));
