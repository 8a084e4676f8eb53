// Imports an office: its identity, units, positions and local holidays. Positions are only
// added or renamed, never dropped here, since users and cases may refer to them.
import { parseYamlWith } from '../domain/definition/load.ts';
import type { DefinitionIssue } from '../domain/definition/issues.ts';
import { officeSchema, type Office } from '../domain/office/schema.ts';
import type { Db } from './transaction.ts';

export type ImportOfficeResult = { ok: true; office: Office; changed: boolean } | { ok: false; issues: DefinitionIssue[] };

export async function importOffice(db: Db, source: string): Promise<ImportOfficeResult> {
  const parsed = parseYamlWith(source, officeSchema);
  if (!parsed.ok) return parsed;
  const office = parsed.value;
  const unitIds = new Set(office.units.map((u) => u.id));
  const badUnits = office.positions
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !unitIds.has(p.unit))
    .map(({ p, i }) => ({ path: `positions[${i}].unit`, id: `tidak ada unit "${p.unit}"`, en: `no unit "${p.unit}"` }));
  if (badUnits.length > 0) return { ok: false, issues: badUnits };

  const changed = await db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('offices').select('content_hash').where('id', '=', office.id).forUpdate().executeTakeFirst();
    if (existing?.content_hash === parsed.contentHash) return false;
    const row = {
      id: office.id,
      name: office.name,
      short_name: office.shortName,
      time_zone: office.timeZone,
      document: JSON.stringify(office),
      content_hash: parsed.contentHash,
      updated_at: new Date(),
    };
    await tx.insertInto('offices').values(row).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    for (const u of office.units) {
      const unit = { office_id: office.id, id: u.id, name: u.name, external: u.external };
      await tx.insertInto('units').values(unit).onConflict((oc) => oc.columns(['office_id', 'id']).doUpdateSet(unit)).execute();
    }
    for (const p of office.positions) {
      const pos = { office_id: office.id, id: p.id, name: p.name, unit_id: p.unit };
      await tx.insertInto('positions').values(pos).onConflict((oc) => oc.columns(['office_id', 'id']).doUpdateSet(pos)).execute();
    }
    await tx.deleteFrom('office_holidays').where('office_id', '=', office.id).execute();
    if (office.localHolidays.length > 0) {
      await tx.insertInto('office_holidays').values(office.localHolidays.map((h) => ({ office_id: office.id, day: h.date, name: h.name }))).execute();
    }
    return true;
  });
  return { ok: true, office, changed };
}
