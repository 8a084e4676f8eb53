// The step graph of a definition: where each step can lead. Used by the validator, the
// interpreter and the generated documents, so they can never disagree about the flow.
import type { ServiceDefinition, Step, TargetInput } from './schema.ts';

export type Target =
  | { kind: 'step'; step: number }
  | { kind: 'applicant'; resumeAt: number }
  | { kind: 'end'; end: 'completed' | 'rejected' };

export function normalizeTarget(t: TargetInput): Target {
  if (typeof t === 'number') return { kind: 'step', step: t };
  if ('step' in t) return { kind: 'step', step: t.step };
  if ('applicant' in t) return { kind: 'applicant', resumeAt: t.applicant.resumeAt };
  return { kind: 'end', end: t.end };
}

export interface Exit {
  outcomeId: string | null;
  label: string | null;
  target: Target;
  // Where this exit is declared, for error paths.
  path: string;
}

// The ways out of a step: its outcomes, else its `next`, else the following step (or the end).
export function exitsOf(def: ServiceDefinition, index: number): Exit[] {
  const step = def.steps[index] as Step;
  if (step.outcomes && step.outcomes.length > 0) {
    return step.outcomes.map((o, i) => ({
      outcomeId: o.id,
      label: o.label,
      target: normalizeTarget(o.to),
      path: `steps[${index}].outcomes[${i}].to`,
    }));
  }
  if (step.next !== undefined) {
    return [{ outcomeId: null, label: null, target: normalizeTarget(step.next), path: `steps[${index}].next` }];
  }
  const following = def.steps[index + 1];
  const target: Target = following ? { kind: 'step', step: following.no } : { kind: 'end', end: 'completed' };
  return [{ outcomeId: null, label: null, target, path: `steps[${index}]` }];
}

// Step numbers a target leads to (an applicant return leads to the step it resumes at).
export function successorStep(target: Target): number | null {
  if (target.kind === 'step') return target.step;
  if (target.kind === 'applicant') return target.resumeAt;
  return null;
}

export function isBackward(def: ServiceDefinition, fromIndex: number, target: Target): boolean {
  const to = successorStep(target);
  if (to === null) return false;
  const toIndex = def.steps.findIndex((s) => s.no === to);
  return toIndex >= 0 && toIndex <= fromIndex;
}
