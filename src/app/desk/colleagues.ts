// The officials of an office who hold a role of a definition: by their own position, or acting
// for it (Plt/Plh) on the given day. Tasks are assigned among them.
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import type { Db } from '../transaction.ts';

export interface Colleague {
  id: string;
  name: string;
}

export async function colleaguesFor(db: Db, officeId: string, def: ServiceDefinition, roleId: string, today: string): Promise<Colleague[]> {
  const positions = def.roles.find((r) => r.id === roleId)?.positions ?? [];
  if (positions.length === 0) return [];
  const own = await db.selectFrom('user_positions as p').innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.id', 'u.display_name']).where('p.office_id', '=', officeId).where('p.position_id', 'in', positions).execute();
  const acting = await db.selectFrom('acting_assignments as a').innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['u.id', 'u.display_name']).where('a.office_id', '=', officeId).where('a.position_id', 'in', positions)
    .where('a.from_day', '<=', today).where('a.to_day', '>=', today).execute();
  const seen = new Map<string, string>();
  for (const u of [...own, ...acting]) seen.set(u.id, u.display_name);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
