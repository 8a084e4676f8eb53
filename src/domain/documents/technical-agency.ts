// The technical agency a service asks for its pertimbangan teknis: the unit of the positions
// that hold the definition's external role (e.g. "Dinas Kesehatan Kabupaten Bombana").
import type { Role, ServiceDefinition } from '../definition/schema.ts';
import type { Office } from '../office/schema.ts';

export interface TechnicalAgency {
  role: Role;
  unitId: string;
  unitName: string;
}

export function technicalAgencies(def: ServiceDefinition, office: Office): TechnicalAgency[] {
  const out: TechnicalAgency[] = [];
  for (const role of def.roles.filter((r) => r.kind === 'external')) {
    for (const positionId of role.positions) {
      const position = office.positions.find((p) => p.id === positionId);
      const unit = position && office.units.find((u) => u.id === position.unit);
      if (unit && !out.some((a) => a.unitId === unit.id)) out.push({ role, unitId: unit.id, unitName: unit.name });
    }
  }
  return out;
}

// The one agency of a service with a technical recommendation, or null when it has none.
export function technicalAgency(def: ServiceDefinition, office: Office): TechnicalAgency | null {
  return technicalAgencies(def, office)[0] ?? null;
}
