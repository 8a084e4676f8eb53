// Who is acting: a staff member with their positions (and any acting assignment for today),
// an applicant, or the system itself (scheduled jobs).
import { sql } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import type { Db, Tx } from '../transaction.ts';
import { compiledOnce } from '../../infra/db/compiled-once.ts';
import { localDateIn } from '../../domain/documents/indonesian-date.ts';

export interface ActingAs {
  positionId: string;
  kind: 'plt' | 'plh';
}

export type Actor =
  | { kind: 'staff'; userId: string; officeId: string; positions: string[]; acting: ActingAs[] }
  | { kind: 'applicant'; userId: string }
  | { kind: 'system' };

export const SYSTEM: Actor = { kind: 'system' };

// Who an act is by, before their positions are known: a signed-in user, or the system itself.
// Every `Actor` is one; an act given only the id reads the rest with the case it acts on.
export type ActorRef = { userId: string } | { kind: 'system' };

// The user, their positions, their office's time zone and their acting assignments around an
// instant, as one JSON value of a scalar subquery (null when there is no such user), so that a
// statement that reads something else may read the actor with it. Which assignments are in force
// is a matter of the office's own date, which `actorFrom` works out; any offset from UTC is less
// than a day, so the statement reads those that overlap the UTC dates a day either side. (Array
// constructors rather than aggregates: setting up an aggregate costs the server more than this
// whole lookup.)
type ActingJson = [positionId: string, kind: ActingAs['kind'], from: string, to: string];
export type ActorJson = [id: string, kind: 'staff' | 'applicant', officeId: string | null, timeZone: string | null, positions: string[], acting: ActingJson[]];
export const actorJson = (userId: string | null, firstDay: string, lastDay: string) => sql<ActorJson | null>`(select json_build_array(u.id::text, u.kind, u.office_id,
    (select o.time_zone from offices o where o.id = u.office_id),
    array(select p.position_id from user_positions p where p.user_id = u.id and p.office_id = u.office_id order by p.position_id),
    array_to_json(array(select json_build_array(a.position_id, a.kind, a.from_day, a.to_day) from acting_assignments a
      where a.user_id = u.id and a.office_id = u.office_id and a.from_day <= ${lastDay}::date and a.to_day >= ${firstDay}::date order by a.position_id)))
  from users u where u.id = ${userId})`;

const DAY = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// The days `actorJson` is asked about for an instant.
export const daysAround = (at: Date): [string, string] => [utcDay(at.getTime() - DAY), utcDay(at.getTime() + DAY)];

// The actor at an instant: only the acting assignments in force on the office's date count.
export function actorFrom(json: ActorJson | null, at: Date): Actor | null {
  if (!json) return null;
  const [id, kind, officeId, timeZone, positions, acting] = json;
  if (kind === 'applicant') return { kind: 'applicant', userId: id };
  // Acting assignments belong to an office; a user without one acts for no one.
  const today = timeZone === null ? null : localDateIn(at, timeZone);
  return {
    kind: 'staff', userId: id, officeId: officeId!, positions,
    acting: today === null ? [] : acting.filter(([, , from, to]) => from <= today && today <= to).map(([positionId, k]) => ({ positionId, kind: k })),
  };
}

const actorQuery = compiledOnce((db, userId: string, firstDay: string, lastDay: string) => db.selectNoFrom(actorJson(userId, firstDay, lastDay).as('actor')));

export const unauthenticated = () => new AppError('unauthenticated', 401, { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' });

// The actor at an instant; acting assignments count on the office's own date.
export async function loadActor(db: Db | Tx, userId: string, at: Date): Promise<Actor> {
  const actor = actorFrom((await db.executeQuery(actorQuery(db, userId, ...daysAround(at)))).rows[0]!.actor, at);
  if (!actor) throw unauthenticated();
  return actor;
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
