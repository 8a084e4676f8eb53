// Who takes a file in at the front: the roles the counter's work belongs to (registering a
// walk-in, receiving the corrections an applicant brings).
import { exitsOf, isBackward } from '../definition/flow.ts';
import type { ServiceDefinition } from '../definition/schema.ts';
import { firstTrackedStep, land, roleOf, stepOf } from './interpreter.ts';

// The roles that receive a file at the front: the step a new application lands on, and the
// steps that follow it on the main way forward (each step's first forward exit) and examine the
// file against the checklist.
export function intakeRoles(def: ServiceDefinition): string[] {
  const landing = land(def, { kind: 'step', step: firstTrackedStep(def).no });
  if (landing.kind !== 'step') return [];
  const roles = [stepOf(def, landing.step).actor];
  let index = def.steps.findIndex((s) => s.no === landing.step);
  for (let guard = 0; guard < def.steps.length; guard++) {
    const forward = exitsOf(def, index).find((e) => e.target.kind === 'step' && !isBackward(def, index, e.target));
    if (!forward || forward.target.kind !== 'step') break;
    const target = forward.target.step;
    index = def.steps.findIndex((s) => s.no === target);
    const step = def.steps[index];
    if (!step || !step.checks || roleOf(def, step.actor).kind !== 'staff') break;
    if (!roles.includes(step.actor)) roles.push(step.actor);
  }
  return roles;
}
