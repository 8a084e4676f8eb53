// Who is acting: a staff member with their positions (and any acting assignment for today),
// an applicant, or the system itself (scheduled jobs).
import { sql } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import type { Db, Tx } from '../transaction.ts';
import { compiledOnce } from '../../infra/db/compiled-once.ts';

export interface ActingAs {
  positionId: string;
  kind: 'plt' | 'plh';
}

export type Actor =
  | { kind: 'staff'; userId: string; officeId: string; positions: string[]; acting: ActingAs[] }
  | { kind: 'applicant'; userId: string }
  | { kind: 'system' };

export const SYSTEM: Actor = { kind: 'system' };

// One statement and one JSON value: the user, their positions, and any acting assignment in force
// today. (Array constructors rather than aggregates: setting up an aggregate costs the server more
// than this whole lookup.)
type ActorJson = [id: string, kind: 'staff' | 'applicant', officeId: string | null, positions: string[], acting: ActingAs[]];
const actorQuery = compiledOnce((db, userId: string, today: string) => db.selectFrom('users as u')
  .select(sql<ActorJson>`json_build_array(u.id::text, u.kind, u.office_id,
    array(select p.position_id from user_positions p where p.user_id = u.id order by p.position_id),
    array_to_json(array(select json_build_object('positionId', a.position_id, 'kind', a.kind) from acting_assignments a
      where a.user_id = u.id and a.from_day <= ${today} and a.to_day >= ${today} order by a.position_id)))`.as('actor'))
  .where('u.id', '=', userId));

export async function loadActor(db: Db | Tx, userId: string, today: string): Promise<Actor> {
  const found = (await db.executeQuery(actorQuery(db, userId, today))).rows[0];
  if (!found) throw new AppError('unauthenticated', 401, { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' });
  const [id, kind, officeId, positions, acting] = found.actor;
  if (kind === 'applicant') return { kind: 'applicant', userId: id };
  return { kind: 'staff', userId: id, officeId: officeId!, positions, acting };
}

// The roles of a definition this staff member may act in, and through which position.
export function rolesHeld(actor: Actor, def: ServiceDefinition, officeId: string): Map<string, { positionId: string; acting: ActingAs | null }> {
  const held = new Map<string, { positionId: string; acting: ActingAs | null }>();
  if (actor.kind !== 'staff' || actor.officeId !== officeId) return held;
  for (const role of def.roles) {
    const own = role.positions.find((p) => actor.positions.includes(p));
    if (own) {
      held.set(role.id, { positionId: own, acting: null });
      continue;
    }
    const acting = actor.acting.find((a) => role.positions.includes(a.positionId));
    if (acting) held.set(role.id, { positionId: acting.positionId, acting });
  }
  return held;
}
