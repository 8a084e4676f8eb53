// What an official can do at the step a case is at, read from the pinned definition: one choice
// per way out of the step, each with the engine action that takes it. Nothing here names a
// service; the step's kind and the targets of its exits decide.
import { exitsOf, isBackward, type Exit } from '../../domain/definition/flow.ts';
import type { ServiceDefinition, Step } from '../../domain/definition/schema.ts';
import { stepIndex, type StepAction } from '../../domain/workflow/interpreter.ts';

export interface StepChoice {
  action: StepAction;
  // The definition's outcome, when the step has outcomes.
  outcome: string | null;
  label: string | null;
  // Returns and rejections must say why.
  needsReason: boolean;
  direction: 'forward' | 'back' | 'applicant' | 'reject';
}

const FORWARD_ACTION: Partial<Record<Step['kind'], StepAction>> = {
  paraf: 'paraf',
  sign: 'sign',
  number: 'number',
  handover: 'handover',
  external: 'record-recommendation',
};

export function stepChoices(def: ServiceDefinition, step: Step): StepChoice[] {
  const index = stepIndex(def, step.no);
  return exitsOf(def, index).map((exit) => choiceOf(def, index, step, exit));
}

function choiceOf(def: ServiceDefinition, index: number, step: Step, exit: Exit): StepChoice {
  const outcome = step.outcomes?.find((o) => o.id === exit.outcomeId);
  const t = exit.target;
  // A step with a single way on is simply done, wherever that leads (a help desk handing the
  // file back, a liaison passing the corrections on to the applicant).
  if (!step.outcomes?.length) {
    const direction = t.kind === 'applicant' ? 'applicant' : t.kind === 'step' && isBackward(def, index, t) ? 'back' : 'forward';
    return { action: FORWARD_ACTION[step.kind] ?? 'complete', outcome: null, label: null, needsReason: false, direction };
  }
  if (t.kind === 'applicant') return { action: 'return-to-applicant', outcome: exit.outcomeId, label: exit.label, needsReason: true, direction: 'applicant' };
  if (t.kind === 'end' && t.end === 'rejected') return { action: 'reject', outcome: exit.outcomeId, label: exit.label, needsReason: true, direction: 'reject' };
  if (t.kind === 'step' && isBackward(def, index, t)) {
    return { action: 'return', outcome: exit.outcomeId, label: exit.label, needsReason: true, direction: 'back' };
  }
  const action = FORWARD_ACTION[step.kind] ?? 'decide';
  return { action, outcome: exit.outcomeId, label: exit.label, needsReason: outcome?.requiresReason === true, direction: 'forward' };
}

export type RecommendationResult = 'recommended' | 'recommended_with_conditions' | 'not_recommended';

export interface RecommendationChoice {
  result: RecommendationResult;
  action: StepAction;
  outcome: string | null;
  label: string | null;
}

// The technical team's three results, each mapped onto the step's outcomes: "not recommended"
// is the exit that rejects; "recommended" and "recommended with conditions" are the ways
// forward — when the definition has two, the one that speaks of conditions (syarat) takes the
// conditional result.
export function recommendationChoices(def: ServiceDefinition, step: Step): RecommendationChoice[] {
  const choices = stepChoices(def, step);
  const forward = choices.filter((c) => c.direction === 'forward');
  const conditional = /syarat|condition/i;
  const withConditions = forward.find((c) => conditional.test(`${c.outcome ?? ''} ${c.label ?? ''}`)) ?? forward[0];
  const plain = forward.find((c) => c !== withConditions) ?? forward[0];
  const reject = choices.find((c) => c.direction === 'reject');
  const out: RecommendationChoice[] = [];
  if (plain) out.push({ result: 'recommended', action: 'record-recommendation', outcome: plain.outcome, label: plain.label });
  if (withConditions) out.push({ result: 'recommended_with_conditions', action: 'record-recommendation', outcome: withConditions.outcome, label: withConditions.label });
  if (reject) out.push({ result: 'not_recommended', action: 'reject', outcome: reject.outcome, label: reject.label });
  return out;
}
