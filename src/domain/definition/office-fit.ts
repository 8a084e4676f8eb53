// A definition belongs to one office: its roles must map to that office's positions.
import type { Office } from '../office/schema.ts';
import { issue, type DefinitionIssue } from './issues.ts';
import type { ServiceDefinition } from './schema.ts';

export function checkDefinitionFitsOffice(def: ServiceDefinition, office: Office): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  if (def.office !== office.id) {
    out.push(issue('office', `definisi ini milik kantor "${def.office}", bukan "${office.id}"`, `this definition belongs to office "${def.office}", not "${office.id}"`));
  }
  const positions = new Set(office.positions.map((p) => p.id));
  def.roles.forEach((role, i) =>
    role.positions.forEach((p, j) => {
      if (!positions.has(p)) {
        out.push(issue(`roles[${i}].positions[${j}]`, `jabatan "${p}" tidak ada di kantor "${office.id}"`, `position "${p}" does not exist in office "${office.id}"`));
      }
    }),
  );
  return out;
}
