// The two yardsticks the engine is measured against: pgbench's TPC-B-like transaction on the
// same server, and bpmn-engine running a 10-task process with its state kept in PostgreSQL.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { Engine, type BpmnEngineOptions } from 'bpmn-engine';
import pg from 'pg';

const run = promisify(execFile);

// pgbench from PATH, else the newest one of the Debian/Ubuntu PostgreSQL packages.
export function findPgbench(): string | null {
  if (process.env.PGBENCH) return existsSync(process.env.PGBENCH) ? process.env.PGBENCH : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'pgbench'))) return join(dir, 'pgbench');
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const candidate = join(root, v, 'bin', 'pgbench');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

// pgbench takes a connection URI in place of the database name.
export async function pgbenchInit(pgbench: string, url: string, scale: number): Promise<void> {
  await run(pgbench, ['-i', '-s', String(scale), '-q', url], { maxBuffer: 16 << 20 });
}

export async function pgbenchTps(pgbench: string, url: string, clients: number, seconds: number): Promise<number> {
  const { stdout } = await run(pgbench, ['-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-n', url], { maxBuffer: 16 << 20 });
  const m = /tps = ([\d.]+)/.exec(stdout);
  if (!m) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(m[1]);
}

// A process of `tasks` user tasks in sequence between a start and an end event.
export function linearProcess(tasks: number): string {
  const ids = ['start', ...Array.from({ length: tasks }, (_, i) => `task${i + 1}`), 'end'];
  const flows = ids.slice(1).map((to, i) => `    <sequenceFlow id="flow${i + 1}" sourceRef="${ids[i]}" targetRef="${to}" />`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="linear" targetNamespace="http://bpmn.io/schema/bpmn">',
    '  <process id="permit" isExecutable="true">',
    '    <startEvent id="start" />',
    ...ids.slice(1, -1).map((id) => `    <userTask id="${id}" name="Step ${id.slice(4)}" />`),
    '    <endEvent id="end" />',
    ...flows,
    '  </process>',
    '</definitions>',
  ].join('\n');
}

export interface BpmnResult {
  flows: number;
  steps: number;
  seconds: number;
  cpu: number;
}

const UPSERT = `insert into bpmn_state (id, state, updated_at) values ($1, $2, now())
  on conflict (id) do update set state = excluded.state, updated_at = excluded.updated_at`;

// One client, for `seconds`: start an instance, save its state, then signal each user task in
// turn and save the state after every signal (one autocommit upsert each), as an integration
// keeping its processes in PostgreSQL would. The BPMN source is parsed once and the parsed
// context reused for every instance (the faster way to run many instances of one process).
export async function runBpmnEngine(url: string, tasks: number, seconds: number, live: () => boolean): Promise<BpmnResult> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query('create table if not exists bpmn_state (id text primary key, state jsonb not null, updated_at timestamptz not null)');
    const source = linearProcess(tasks);
    const parsed = await new Engine({ name: 'parse', source }).getDefinitions();
    const sourceContext = (parsed[0] as unknown as { environment: { options: { source: BpmnEngineOptions['sourceContext'] } } }).environment.options.source;

    let flows = 0;
    let steps = 0;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const deadline = started + seconds * 1000;
    while (performance.now() < deadline && live()) {
      const id = `permit-${flows + 1}`;
      const engine = new Engine({ name: id, sourceContext });
      const execution = await engine.execute();
      await pool.query(UPSERT, [id, JSON.stringify(await engine.getState())]);
      for (let i = 1; i <= tasks; i++) {
        const waiting = execution.getPostponed().map((a) => a.id);
        if (waiting.length !== 1 || waiting[0] !== `task${i}`) throw new Error(`bpmn-engine: expected task${i} to wait, found ${waiting.join(', ') || 'nothing'}`);
        execution.signal({ id: `task${i}` });
        await pool.query(UPSERT, [id, JSON.stringify(await engine.getState())]);
        steps++;
      }
      if (execution.isRunning || engine.state !== 'idle') throw new Error(`bpmn-engine: ${id} did not end after ${tasks} tasks`);
      flows++;
    }
    const elapsed = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return { flows, steps, seconds: elapsed, cpu: (cpu.user + cpu.system) / 1e4 / elapsed };
  } finally {
    await pool.end();
  }
}
