// The office administrator's desk tasks: acting officials (Plt/Plh) for a date range, and the
// office settings (a second factor for signing). The engine reads acting assignments when it
// checks who may act, and records "acting for" on what they sign.
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../transaction.ts';
import type { StaffContext } from './staff-context.ts';

export interface ActingRow {
  id: string;
  positionId: string;
  positionName: string;
  userId: string;
  userName: string;
  kind: 'plt' | 'plh';
  fromDay: string;
  toDay: string;
}

export async function listActing(db: Db, staff: StaffContext): Promise<ActingRow[]> {
  const rows = await db.selectFrom('acting_assignments as a').innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.position_id', 'a.user_id', 'u.display_name', 'a.kind', 'a.from_day', 'a.to_day'])
    .where('a.office_id', '=', staff.office.id).orderBy('a.from_day', 'desc').orderBy('a.id', 'desc').limit(200).execute();
  const names = new Map(staff.office.positions.map((p) => [p.id, p.name]));
  return rows.map((r) => ({ id: r.id, positionId: r.position_id, positionName: names.get(r.position_id) ?? r.position_id, userId: r.user_id, userName: r.display_name, kind: r.kind, fromDay: r.from_day, toDay: r.to_day }));
}

export async function officeStaff(db: Db, officeId: string): Promise<{ id: string; name: string; username: string }[]> {
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'username']).where('kind', '=', 'staff').where('office_id', '=', officeId).orderBy('display_name').execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, username: r.username }));
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'tanggal tidak valid');
export const actingSchema = z.object({
  position: z.string().min(1).max(100),
  user: z.string().regex(/^\d{1,18}$/),
  kind: z.enum(['plt', 'plh']),
  from: day,
  to: day,
}).refine((a) => a.from <= a.to, { message: 'tanggal selesai harus sesudah tanggal mulai', path: ['to'] });
export type ActingInput = z.infer<typeof actingSchema>;

export async function addActing(db: Db, staff: StaffContext, input: ActingInput): Promise<void> {
  if (!staff.office.positions.some((p) => p.id === input.position)) {
    throw new AppError('unknown_position', 422, { id: 'Jabatan tidak dikenal di kantor ini.', en: 'Unknown position in this office.' });
  }
  const user = await db.selectFrom('users').select(['id']).where('id', '=', input.user).where('kind', '=', 'staff').where('office_id', '=', staff.office.id).executeTakeFirst();
  if (!user) throw new AppError('unknown_user', 422, { id: 'Petugas tidak ditemukan di kantor ini.', en: 'No such official in this office.' });
  const holds = await db.selectFrom('user_positions').select('user_id').where('user_id', '=', input.user).where('office_id', '=', staff.office.id).where('position_id', '=', input.position).executeTakeFirst();
  if (holds) throw new AppError('already_holds_position', 422, { id: 'Petugas ini sudah memegang jabatan tersebut.', en: 'This official already holds that position.' });
  await db.insertInto('acting_assignments').values({ office_id: staff.office.id, position_id: input.position, user_id: input.user, kind: input.kind, from_day: input.from, to_day: input.to }).execute();
}

export async function removeActing(db: Db, staff: StaffContext, id: string): Promise<void> {
  if (!/^\d{1,18}$/.test(id)) throw actingNotFound();
  const removed = await db.deleteFrom('acting_assignments').where('id', '=', id).where('office_id', '=', staff.office.id).returning('id').executeTakeFirst();
  if (!removed) throw actingNotFound();
}

const actingNotFound = () => new AppError('not_found', 404, { id: 'Penugasan tidak ditemukan.', en: 'Assignment not found.' });
