// The office's permit register (buku register): every permit number issued, newest first, with
// its case, holder, signatory, and when it was registered and handed over.
import { sql } from 'kysely';
import type { Db } from '../transaction.ts';
import type { StaffContext } from './staff-context.ts';

export interface RegisterEntry {
  permitId: string;
  number: string;
  status: string;
  issuedAt: Date;
  validUntil: string | null;
  holder: string;
  caseId: string;
  trackingCode: string;
  service: string;
  signatory: string | null;
  actingFor: string | null;
  registeredAt: Date | null;
  handedOverAt: Date | null;
}

export async function permitRegister(db: Db, staff: StaffContext, opts: { after?: string | undefined; limit?: number }): Promise<{ entries: RegisterEntry[]; next: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  let q = db.selectFrom('permits as p').innerJoin('cases as c', 'c.id', 'p.case_id').leftJoin('users as u', 'u.id', 'p.signed_by')
    .select(['p.id', 'p.number', 'p.status', 'p.issued_at', 'p.valid_until', 'p.holder_name', 'p.case_id', 'c.tracking_code', 'c.service_slug', 'u.display_name', 'p.acting_for', 'p.registered_at', 'p.handed_over_at'])
    .where('p.office_id', '=', staff.office.id);
  const cursor = decode(opts.after);
  if (cursor) q = q.where(sql<boolean>`(p.issued_at, p.id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)`);
  const rows = await q.orderBy('p.issued_at', 'desc').orderBy('p.id', 'desc').limit(limit + 1).execute();
  const names = new Map(staff.services.map((s) => [s.slug, s.def.name]));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => ({
      permitId: r.id, number: r.number, status: r.status, issuedAt: r.issued_at, validUntil: r.valid_until, holder: r.holder_name, caseId: r.case_id,
      trackingCode: r.tracking_code, service: names.get(r.service_slug) ?? r.service_slug, signatory: r.display_name, actingFor: r.acting_for,
      registeredAt: r.registered_at, handedOverAt: r.handed_over_at,
    })),
    next: rows.length > limit && last ? Buffer.from(JSON.stringify([last.issued_at.toISOString(), last.id])).toString('base64url') : null,
  };
}

function decode(s: string | undefined): { at: string; id: string } | null {
  if (!s || s.length > 200) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString()) as [unknown, unknown];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || !/^\d{1,18}$/.test(String(id))) return null;
    return { at, id: String(id) };
  } catch {
    return null;
  }
}
