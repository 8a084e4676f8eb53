// Who is acting: a staff member with their positions (and any acting assignment for today),
// an applicant, or the system itself (scheduled jobs).
import { AppError } from '../../domain/errors.ts';
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import type { Db, Tx } from '../transaction.ts';

export interface ActingAs {
  positionId: string;
  kind: 'plt' | 'plh';
}

export type Actor =
  | { kind: 'staff'; userId: string; officeId: string; positions: string[]; acting: ActingAs[] }
  | { kind: 'applicant'; userId: string }
  | { kind: 'system' };

export const SYSTEM: Actor = { kind: 'system' };

export async function loadActor(db: Db | Tx, userId: string, today: string): Promise<Actor> {
  const user = await db.selectFrom('users').select(['id', 'kind', 'office_id']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError('unauthenticated', 401, { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' });
  if (user.kind === 'applicant') return { kind: 'applicant', userId: user.id };
  const positions = await db.selectFrom('user_positions').select('position_id').where('user_id', '=', userId).execute();
  const acting = await db.selectFrom('acting_assignments').select(['position_id', 'kind'])
    .where('user_id', '=', userId).where('from_day', '<=', today).where('to_day', '>=', today).execute();
  return {
    kind: 'staff',
    userId: user.id,
    officeId: user.office_id!,
    positions: positions.map((p) => p.position_id),
    acting: acting.map((a) => ({ positionId: a.position_id, kind: a.kind as 'plt' | 'plh' })),
  };
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
