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

// One statement: the user, their positions, and any acting assignment in force today.
const actorQuery = compiledOnce((db, userId: string, today: string) => db.selectFrom('users as u')
  .select((eb) => [
    'u.id', 'u.kind', 'u.office_id',
    eb.fn.coalesce(
      eb.selectFrom('user_positions as p').select(sql<string[]>`array_agg(p.position_id)`.as('x')).whereRef('p.user_id', '=', 'u.id'),
      sql<string[]>`'{}'::text[]`,
    ).as('positions'),
    eb.fn.coalesce(
      eb.selectFrom('acting_assignments as a').select(sql<unknown>`jsonb_agg(jsonb_build_object('positionId', a.position_id, 'kind', a.kind))`.as('x'))
        .whereRef('a.user_id', '=', 'u.id').where('a.from_day', '<=', today).where('a.to_day', '>=', today),
      sql<unknown>`'[]'::jsonb`,
    ).as('acting'),
  ])
  .where('u.id', '=', userId));

export async function loadActor(db: Db | Tx, userId: string, today: string): Promise<Actor> {
  const user = (await db.executeQuery(actorQuery(db, userId, today))).rows[0];
  if (!user) throw new AppError('unauthenticated', 401, { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' });
  if (user.kind === 'applicant') return { kind: 'applicant', userId: user.id };
  return { kind: 'staff', userId: user.id, officeId: user.office_id!, positions: user.positions as string[], acting: user.acting as ActingAs[] };
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
