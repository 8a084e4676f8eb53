// Driving the engine as the benchmark does: each client replays the seed flows through the use
// cases, one person after another, on its own simulated clock.
import { Worker } from 'node:worker_threads';
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

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

function check(flow: Flow, what: string, expected: Expect, got: Expect | null): void {
  if (got !== expected) throw new Error(`${flow.name}: ${what} should lead to ${expected}, got ${got}`);
}

// One application through one flow, from submission to its end, each action at its place on
// the simulated clock. Stops between transitions once `live` turns false.
export async function runFlow(db: Db, users: UserIds, flow: Flow, submittedAt: number, tally: Tally, live: () => boolean): Promise<void> {
  const origin = Date.parse(flow.submitAt);
  const userId = (who: string) => users.get(who)!;
  const at = new Date(submittedAt);
  const applicant = await loadActor(db, userId(APPLICANT), dayOf(at));
  const sub = await submitApplication(db, applicant, {
    office: flow.office, service: flow.service, applicationType: 'baru', answers: {}, channel: 'online', applicant: PERSON, ...flow.submit,
  }, at);
  tally.transitions++;
  check(flow, 'submitting', flow.firstStep, sub.currentStep);
  let step = sub.currentStep;

  for (const m of flow.moves) {
    if (!live()) return;
    const when = new Date(submittedAt + Date.parse(m.at) - origin);
    const actor = await loadActor(db, userId(m.who), dayOf(when));
    if (m.action === 'resubmit') {
      const r = await resubmitApplication(db, actor, sub.caseId, 'Berkas sudah diperbaiki', when);
      tally.transitions++;
      check(flow, `${m.who} resubmit`, m.expect, r.currentStep);
      step = r.currentStep;
      continue;
    }
    const r = await actOnStep(db, actor, sub.caseId, m.action, {
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
// (client i starts at flow i) until the time is up. Clients are numbered from `firstClient`, so
// that clients in other threads keep clocks of their own.
export async function runEngine(db: Db, users: UserIds, flows: readonly Flow[], clients: number, secs: number, live: () => boolean, firstClient = 0): Promise<EngineResult> {
  const tallies = Array.from({ length: clients }, () => ({ transitions: 0, flows: 0 }));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  const deadline = started + secs * 1000;
  const running = () => live() && performance.now() < deadline;
  await Promise.all(tallies.map(async (tally, i) => {
    const client = firstClient + i;
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

export interface ThreadedResult extends Tally {
  seconds: number;
  // CPU of the whole process (every thread), in % of one core.
  cpu: number;
  // The busiest thread's event loop.
  elu: number;
}

// The same clients spread over `threads` worker threads, each with its own event loop and its
// own pool, as several web processes would share the load behind a load balancer (and as
// pgbench spreads its clients over `-j` threads). Each thread warms up first (JIT, the cached
// definitions and calendars); the measurement starts when all are ready.
export async function runEngineThreads(url: string, users: UserIds, clients: number, threads: number, secs: number, stop: Int32Array): Promise<ThreadedResult> {
  const workers = Array.from({ length: threads }, (_, t) => {
    const share = Math.floor(clients / threads) + (t < clients % threads ? 1 : 0);
    const firstClient = t * Math.floor(clients / threads) + Math.min(t, clients % threads);
    return new Worker(new URL('./engine-thread.ts', import.meta.url), { workerData: { url, users: [...users], clients: share, firstClient, secs, stop } });
  });
  const message = (w: Worker) => new Promise<unknown>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  try {
    await Promise.all(workers.map(message));
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const results = workers.map(message) as Promise<EngineResult>[];
    for (const w of workers) w.postMessage('go');
    const done = await Promise.all(results);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      transitions: done.reduce((s, r) => s + r.transitions, 0),
      flows: done.reduce((s, r) => s + r.flows, 0),
      seconds: elapsed,
      cpu: (cpu.user + cpu.system) / 1e4 / elapsed,
      elu: Math.max(...done.map((r) => r.elu)),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
