// One service as published: the current version of its definition, with its office.
import { serviceDefinitionSchema, type ServiceDefinition } from '../../domain/definition/schema.ts';
import { officeSchema, type Office } from '../../domain/office/schema.ts';
import type { Db } from '../transaction.ts';

export interface PublishedService {
  office: Office;
  version: number;
  contentHash: string;
  importedAt: Date;
  definition: ServiceDefinition;
}

export async function getService(db: Db, officeId: string, slug: string): Promise<PublishedService | null> {
  const row = await db.selectFrom('services as s')
    .innerJoin('service_versions as v', (j) => j.onRef('v.office_id', '=', 's.office_id').onRef('v.slug', '=', 's.slug').onRef('v.version', '=', 's.current_version'))
    .innerJoin('offices as o', 'o.id', 's.office_id')
    .select(['v.version', 'v.content_hash', 'v.imported_at', 'v.definition', 'o.document as office'])
    .where('s.office_id', '=', officeId).where('s.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return null;
  return {
    office: officeSchema.parse(row.office),
    version: row.version,
    contentHash: row.content_hash,
    importedAt: row.imported_at,
    definition: serviceDefinitionSchema.parse(row.definition),
  };
}
