// Imports a service definition as a new version when its content changed; unchanged content
// is a no-op. The office must exist and hold every position the definition's roles name.
import { loadDefinition } from '../domain/definition/load.ts';
import type { DefinitionIssue } from '../domain/definition/issues.ts';
import { checkDefinitionFitsOffice } from '../domain/definition/office-fit.ts';
import type { ServiceDefinition } from '../domain/definition/schema.ts';
import { officeSchema } from '../domain/office/schema.ts';
import type { Db } from './transaction.ts';

export type ImportDefinitionResult =
  | { ok: true; status: 'created' | 'new_version' | 'unchanged'; office: string; slug: string; version: number; definition: ServiceDefinition }
  | { ok: false; issues: DefinitionIssue[] };

export async function importServiceDefinition(db: Db, source: string): Promise<ImportDefinitionResult> {
  const loaded = loadDefinition(source);
  if (!loaded.ok) return loaded;
  const def = loaded.value;

  return db.transaction().execute(async (tx) => {
    const officeRow = await tx.selectFrom('offices').select('document').where('id', '=', def.office).executeTakeFirst();
    if (!officeRow) {
      return { ok: false as const, issues: [{ path: 'office', id: `kantor "${def.office}" belum terdaftar`, en: `office "${def.office}" is not registered` }] };
    }
    const fit = checkDefinitionFitsOffice(def, officeSchema.parse(officeRow.document));
    if (fit.length > 0) return { ok: false as const, issues: fit };

    // Lock the service row so two imports of the same service cannot both take a version number.
    const service = await tx.selectFrom('services').selectAll().where('office_id', '=', def.office).where('slug', '=', def.slug).forUpdate().executeTakeFirst();
    const same = await tx.selectFrom('service_versions').select('version')
      .where('office_id', '=', def.office).where('slug', '=', def.slug).where('content_hash', '=', loaded.contentHash).executeTakeFirst();
    const base = { ok: true as const, office: def.office, slug: def.slug, definition: def };
    if (service && same && same.version === service.current_version) return { ...base, status: 'unchanged' as const, version: same.version };
    if (service && same) {
      // Going back to earlier content re-activates that version rather than copying it.
      await tx.updateTable('services').set({ current_version: same.version, name: def.name }).where('office_id', '=', def.office).where('slug', '=', def.slug).execute();
      return { ...base, status: 'new_version' as const, version: same.version };
    }
    const last = await tx.selectFrom('service_versions').select((eb) => eb.fn.max('version').as('v'))
      .where('office_id', '=', def.office).where('slug', '=', def.slug).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    if (!service) {
      await tx.insertInto('services').values({ office_id: def.office, slug: def.slug, name: def.name, current_version: version }).execute();
    }
    await tx.insertInto('service_versions').values({
      office_id: def.office, slug: def.slug, version, content_hash: loaded.contentHash, definition: JSON.stringify(def),
    }).execute();
    if (service) {
      await tx.updateTable('services').set({ current_version: version, name: def.name }).where('office_id', '=', def.office).where('slug', '=', def.slug).execute();
    }
    return { ...base, status: service ? ('new_version' as const) : ('created' as const), version };
  });
}
