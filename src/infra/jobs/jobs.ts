// Background work through pg-boss, in the same database (no other broker): the overdue sweep
// every five minutes and the outbox dispatch every minute (and on demand).
import { fromPglite, PgBoss } from 'pg-boss';
import type { Channel } from '../../app/workflow/dispatch-outbox.ts';
import { dispatchOutbox } from '../../app/workflow/dispatch-outbox.ts';
import { sweepOverdue } from '../../app/workflow/sweep-overdue.ts';
import type { Database } from '../db/database.ts';

export const JOBS = { sweepOverdue: 'sweep-overdue', dispatchOutbox: 'dispatch-outbox' } as const;

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobs(database: Database, channels: Channel[], log: (msg: string, err?: unknown) => void): Promise<Jobs> {
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), schema: 'pgboss' })
    : new PgBoss({ connectionString: database.url!, schema: 'pgboss', max: 4 });
  boss.on('error', (err) => log('job queue error', err));
  await boss.start();
  for (const name of Object.values(JOBS)) await boss.createQueue(name);
  await boss.schedule(JOBS.sweepOverdue, '*/5 * * * *');
  await boss.schedule(JOBS.dispatchOutbox, '* * * * *');
  await boss.work(JOBS.sweepOverdue, async () => {
    const n = await sweepOverdue(database.db, new Date());
    return { escalated: n };
  });
  await boss.work(JOBS.dispatchOutbox, async () => {
    const n = await dispatchOutbox(database.db, channels, new Date());
    return { delivered: n };
  });
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 5000 }) };
}
