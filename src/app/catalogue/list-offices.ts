// The public catalogue: offices with their services.
import { officeSchema, type Office } from '../../domain/office/schema.ts';
import type { Db } from '../transaction.ts';

export interface OfficeSummary {
  office: Office;
  services: { slug: string; name: string; version: number }[];
}

export async function listOffices(db: Db): Promise<OfficeSummary[]> {
  const offices = await db.selectFrom('offices').select(['id', 'document']).orderBy('name').execute();
  const services = await db.selectFrom('services').select(['office_id', 'slug', 'name', 'current_version']).orderBy('name').execute();
  return offices.map((o) => ({
    office: officeSchema.parse(o.document),
    services: services.filter((s) => s.office_id === o.id).map((s) => ({ slug: s.slug, name: s.name, version: s.current_version })),
  }));
}

export async function getOffice(db: Db, officeId: string): Promise<OfficeSummary | null> {
  const all = await listOffices(db);
  return all.find((o) => o.office.id === officeId) ?? null;
}
