// The interpreter: which step a case starts at, what an action on a step means, and where the
// case goes next — read from the pinned definition, never from service-specific code.
import { AppError } from '../errors.ts';
import { exitsOf, isBackward, type Exit, type Target } from '../definition/flow.ts';
import type { Role, ServiceDefinition, Step, StepKind } from '../definition/schema.ts';

export const STEP_ACTIONS = ['complete', 'decide', 'paraf', 'sign', 'number', 'handover', 'record-recommendation', 'return', 'return-to-applicant', 'reject'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

// Actions named after a kind of step may only be taken on that kind.
const KIND_OF_ACTION: Partial<Record<StepAction, StepKind>> = {
  paraf: 'paraf',
  sign: 'sign',
  number: 'number',
  handover: 'handover',
  'record-recommendation': 'external',
};

export const stepIndex = (def: ServiceDefinition, no: number): number => def.steps.findIndex((s) => s.no === no);

export function stepOf(def: ServiceDefinition, no: number): Step {
  const step = def.steps[stepIndex(def, no)];
  if (!step) throw new AppError('step_not_found', 409, { id: `Langkah ${no} tidak ada dalam definisi layanan.`, en: `Step ${no} is not in the service definition.` });
  return step;
}

export function roleOf(def: ServiceDefinition, id: string): Role {
  const role = def.roles.find((r) => r.id === id);
  if (!role) throw new AppError('role_not_found', 409, { id: `Peran ${id} tidak ada.`, en: `Role ${id} does not exist.` });
  return role;
}

// A case begins at the first step the system tracks (steps such as asking at the information
// desk happen before there is a case).
export function firstTrackedStep(def: ServiceDefinition): Step {
  const step = def.steps.find((s) => s.tracked);
  if (!step) throw new AppError('no_tracked_step', 409, { id: 'Definisi tidak punya langkah yang dilacak.', en: 'The definition has no tracked step.' });
  return step;
}

export const isApplicantStep = (def: ServiceDefinition, step: Step): boolean => roleOf(def, step.actor).kind === 'applicant';

export interface ActionRequest {
  action: StepAction;
  outcome?: string | undefined;
  reason?: string | undefined;
}

const invalid = (id: string, en: string, code = 'action_not_allowed') => new AppError(code, 422, { id, en });

// Checks that the action fits the step and picks the exit it takes. Throws a clear error
// otherwise; nothing is written by the caller in that case.
export function chooseExit(def: ServiceDefinition, stepNo: number, req: ActionRequest): Exit {
  const index = stepIndex(def, stepNo);
  const step = stepOf(def, stepNo);
  const exits = exitsOf(def, index);
  const hasOutcomes = (step.outcomes?.length ?? 0) > 0;
  const kind = KIND_OF_ACTION[req.action];
  if (kind && step.kind !== kind) {
    throw invalid(`Tindakan "${req.action}" tidak berlaku pada langkah ${step.no} (${step.title}).`, `Action "${req.action}" does not apply to step ${step.no} (${step.title}).`);
  }

  let exit: Exit | undefined;
  if (req.outcome !== undefined) {
    if (!hasOutcomes) throw invalid(`Langkah ${step.no} tidak punya pilihan hasil.`, `Step ${step.no} has no outcomes to choose from.`, 'unknown_outcome');
    exit = exits.find((e) => e.outcomeId === req.outcome);
    if (!exit) {
      const known = exits.map((e) => e.outcomeId).join(', ');
      throw invalid(`Hasil "${req.outcome}" tidak ada pada langkah ${step.no}. Pilihan: ${known}.`, `Outcome "${req.outcome}" does not exist at step ${step.no}. Choices: ${known}.`, 'unknown_outcome');
    }
  } else if (!hasOutcomes) {
    exit = exits[0];
  } else {
    // Named actions without an outcome take the one exit that fits them, if there is exactly one.
    const fitting = exits.filter((e) => fits(def, index, req.action, e.target));
    if (req.action !== 'decide' && fitting.length === 1) exit = fitting[0];
    else {
      const known = exits.map((e) => e.outcomeId).join(', ');
      throw invalid(`Pilih hasil untuk langkah ${step.no}: ${known}.`, `Choose an outcome for step ${step.no}: ${known}.`, 'outcome_required');
    }
  }
  if (!exit) throw invalid('Tidak ada jalan keluar dari langkah ini.', 'There is no way out of this step.');

  if (req.action === 'complete' && hasOutcomes) {
    throw invalid(`Langkah ${step.no} memerlukan keputusan, bukan sekadar selesai.`, `Step ${step.no} needs a decision, not a plain completion.`);
  }
  if (['return', 'return-to-applicant', 'reject'].includes(req.action) && !fits(def, index, req.action, exit.target)) {
    throw invalid(`Hasil "${exit.outcomeId}" bukan ${actionWord(req.action).id}.`, `Outcome "${exit.outcomeId}" is not ${actionWord(req.action).en}.`);
  }
  const outcome = step.outcomes?.find((o) => o.id === exit!.outcomeId);
  // A chosen return or rejection must say why; a step whose only way on leads back (a help
  // desk handing the file back to customer service) is the normal flow and needs no reason.
  const needsReason = outcome !== undefined && (outcome.requiresReason === true || isBackward(def, index, exit.target) || exit.target.kind === 'applicant' || (exit.target.kind === 'end' && exit.target.end === 'rejected'));
  if (needsReason && !(req.reason && req.reason.trim().length > 0)) {
    throw invalid('Alasan wajib diisi untuk pengembalian atau penolakan.', 'A reason is required to return or reject.', 'reason_required');
  }
  return exit;
}

function fits(def: ServiceDefinition, index: number, action: StepAction, target: Target): boolean {
  switch (action) {
    case 'return':
      return target.kind === 'step' && isBackward(def, index, target);
    case 'return-to-applicant':
      return target.kind === 'applicant';
    case 'reject':
      return target.kind === 'end' && target.end === 'rejected';
    default:
      // paraf, sign, number, handover, record-recommendation without an outcome: the way forward.
      return (target.kind === 'step' && !isBackward(def, index, target)) || (target.kind === 'end' && target.end === 'completed');
  }
}

function actionWord(action: StepAction): { id: string; en: string } {
  if (action === 'return') return { id: 'pengembalian ke langkah sebelumnya', en: 'a return to an earlier step' };
  if (action === 'return-to-applicant') return { id: 'pengembalian ke pemohon', en: 'a return to the applicant' };
  return { id: 'penolakan', en: 'a rejection' };
}

// Where a case stands after taking an exit. Steps done by the applicant in the middle of the
// flow (receiving the permit) are completed by the act that leads to them, so they pass through.
export type Landing =
  | { kind: 'step'; step: number; passedApplicantSteps: number[] }
  | { kind: 'applicant'; resumeAt: number; passedApplicantSteps: number[] }
  | { kind: 'end'; end: 'completed' | 'rejected'; passedApplicantSteps: number[] };

export function land(def: ServiceDefinition, target: Target): Landing {
  const passed: number[] = [];
  let t = target;
  for (let guard = 0; guard <= def.steps.length; guard++) {
    if (t.kind === 'applicant') return { kind: 'applicant', resumeAt: t.resumeAt, passedApplicantSteps: passed };
    if (t.kind === 'end') return { kind: 'end', end: t.end, passedApplicantSteps: passed };
    const step = stepOf(def, t.step);
    if (step.tracked && !isApplicantStep(def, step)) return { kind: 'step', step: step.no, passedApplicantSteps: passed };
    passed.push(step.no);
    const exits = exitsOf(def, stepIndex(def, step.no));
    const forward = exits.find((e) => e.target.kind !== 'applicant' && !(e.target.kind === 'end' && e.target.end === 'rejected')) ?? exits[0]!;
    t = forward.target;
  }
  throw new AppError('flow_loop', 500, { id: 'Alur layanan berputar tanpa akhir.', en: 'The service flow loops without end.' });
}

// The role whose members are told when a case runs late: the definition's first approver
// (the first paraf or sign step), which in an SOP is the supervisor of the desk work.
export function escalationRole(def: ServiceDefinition): string | null {
  const approver = def.steps.find((s) => s.kind === 'paraf' || s.kind === 'sign');
  return approver?.actor ?? null;
}

// The approval chain's roles (those who initial or sign): the supervisors of the desk work,
// who may hand a task to another holder of its role.
export function approverRoles(def: ServiceDefinition): Set<string> {
  return new Set(def.steps.filter((s) => s.kind === 'paraf' || s.kind === 'sign').map((s) => s.actor));
}

// Whether the flow issues a permit: some step signs it (a definition may only sign letters).
export function issuesPermit(def: ServiceDefinition): boolean {
  return def.steps.some((s) => s.kind === 'sign' && (s.signs ?? 'permit') === 'permit');
}
