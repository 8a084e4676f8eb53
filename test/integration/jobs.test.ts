// pg-boss runs the engine's jobs on the same database, embedded or server.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { seedDemo } from '../../src/app/seed-demo.ts';
import type { OutboxMessage } from '../../src/app/workflow/dispatch-outbox.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { JOBS, startJobs, type Jobs } from '../../src/infra/jobs/jobs.ts';
import { freshDatabase } from '../helpers/db.ts';
import { definitionsDir } from '../helpers/fixtures.ts';
import { submitAs } from '../helpers/workflow.ts';

let database: Database;
let jobs: Jobs;
const delivered: OutboxMessage[] = [];
before(async () => {
  database = await freshDatabase();
  await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
  jobs = await startJobs(database, [{ name: 'test', deliver: async (m) => { delivered.push(m); return {}; } }], () => {});
});
after(async () => {
  await jobs.stop();
  await database.close();
});

it('a queued dispatch job delivers the outbox of a new application, once', async () => {
  const sub = await submitAs(database.db, 'pemohon.demo', 'pekanbaru', 'sipatlm', new Date('2026-03-09T02:00:00Z'));
  await jobs.boss.send(JOBS.dispatchOutbox, {});
  await jobs.boss.send(JOBS.dispatchOutbox, {});
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const pending = await database.db.selectFrom('outbox').select('id').where('dispatched_at', 'is', null).execute();
    if (pending.length === 0 && delivered.length > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const mine = delivered.filter((m) => m.caseId === sub.caseId);
  assert.deepEqual(mine.map((m) => m.topic), ['submitted']);
});

it('the overdue sweep, the outbox dispatch and the permit documents are scheduled', async () => {
  const schedules = await jobs.boss.getSchedules();
  assert.deepEqual(schedules.map((s) => s.name).sort(), Object.values(JOBS).sort());
});
