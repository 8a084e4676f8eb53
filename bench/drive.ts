// Driving the engine as the benchmark does: each client replays the seed flows through the use
// cases, one person after another, on its own simulated clock.
import type { Db } from '../src/app/transaction.ts';
import { actOnStep } from '../src/app/workflow/act-on-step.ts';
import { loadActor } from '../src/app/workflow/actor.ts';
import { resubmitApplication } from '../src/app/workflow/resubmit-application.ts';
import { submitApplication } from '../src/app/workflow/submit-application.ts';
import { APPLICANT, PERSON, submissionClock, type Expect, type Flow } from './flows.ts';

export interface Tally {
  transitions: number;
  flows: number;
}

export type UserIds = ReadonlyMap<string, string>;

function check(flow: Flow, what: string, expected: Expect, got: Expect | null): void {
  if (got !== expected) throw new Error(`${flow.name}: ${what} should lead to ${expected}, got ${got}`);
}

// One application through one flow, from submission to its end, each action at its place on
// the simulated clock. Stops between transitions once `live` turns false.
export async function runFlow(db: Db, users: UserIds, flow: Flow, submittedAt: number, tally: Tally, live: () => boolean): Promise<void> {
  const origin = Date.parse(flow.submitAt);
  const userId = (who: string) => users.get(who)!;
  const at = new Date(submittedAt);
  const applicant = await loadActor(db, userId(APPLICANT), at);
  const sub = await submitApplication(db, applicant, {
    office: flow.office, service: flow.service, applicationType: 'baru', answers: {}, channel: 'online', applicant: PERSON, ...flow.submit,
  }, at);
  tally.transitions++;
  check(flow, 'submitting', flow.firstStep, sub.currentStep);
  let step = sub.currentStep;

  // As the API's action route: the signed-in user's id, and the act reads the actor with the case.
  for (const m of flow.moves) {
    if (!live()) return;
    const when = new Date(submittedAt + Date.parse(m.at) - origin);
    if (m.action === 'resubmit') {
      const r = await resubmitApplication(db, { userId: userId(m.who) }, sub.caseId, 'Berkas sudah diperbaiki', when);
      tally.transitions++;
      check(flow, `${m.who} resubmit`, m.expect, r.currentStep);
      step = r.currentStep;
      continue;
    }
    const r = await actOnStep(db, { userId: userId(m.who) }, sub.caseId, m.action, {
      step: step!,
      outcome: m.outcome,
      reason: m.reason,
      ...(m.recommendation ? { recommendation: { result: m.outcome === 'tidak-direkomendasikan' ? 'not_recommended' : 'recommended' } } : {}),
    }, when);
    tally.transitions++;
    check(flow, `${m.who} ${m.action} at step ${step}`, m.expect, r.status === 'active' ? r.currentStep : r.status === 'waiting_applicant' ? 'applicant' : r.status as Expect);
    step = r.currentStep;
  }
  tally.flows++;
}

export interface EngineResult extends Tally {
  seconds: number;
  // CPU this process used meanwhile, in % of one core: the engine's JavaScript shares the
  // machine with the server, and one Node process cannot use more than one core for it.
  cpu: number;
  // Share of the time the event loop was busy (JavaScript and the system calls it makes,
  // such as writing each query to its socket): near 1, this process is the bottleneck.
  elu: number;
}

// `clients` clients at once, each with its own simulated clock, each running `flows` in turn
// (client i starts at flow i) until the time is up.
export async function runEngine(db: Db, users: UserIds, flows: readonly Flow[], clients: number, secs: number, live: () => boolean): Promise<EngineResult> {
  const tallies = Array.from({ length: clients }, () => ({ transitions: 0, flows: 0 }));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  const deadline = started + secs * 1000;
  const running = () => live() && performance.now() < deadline;
  await Promise.all(tallies.map(async (tally, client) => {
    const nextSubmission = submissionClock(client);
    for (let k = client; running(); k++) await runFlow(db, users, flows[k % flows.length]!, nextSubmission(), tally, running);
  }));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const elu = performance.eventLoopUtilization(eluBefore).utilization;
  return {
    transitions: tallies.reduce((s, t) => s + t.transitions, 0),
    flows: tallies.reduce((s, t) => s + t.flows, 0),
    seconds: elapsed,
    cpu: (cpu.user + cpu.system) / 1e4 / elapsed,
    elu,
  };
}
