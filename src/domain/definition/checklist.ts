// Which requirements apply to one application: its type and the applicant's yes/no answers.
import type { ApplicationType, Requirement, ServiceDefinition } from './schema.ts';

export function applicableRequirements(
  def: ServiceDefinition,
  type: ApplicationType,
  answers: Readonly<Record<string, boolean>>,
): Requirement[] {
  return def.requirements.filter(
    (r) => (r.types === undefined || r.types.includes(type)) && r.when.every((a) => answers[a] === true),
  );
}
