// Background work through pg-boss, in the same database (no other broker): the overdue sweep
// every five minutes, the outbox dispatch and the signed permit documents every minute.
import { fromPglite, PgBoss } from 'pg-boss';
import type { Channel } from '../../app/workflow/dispatch-outbox.ts';
import { dispatchOutbox } from '../../app/workflow/dispatch-outbox.ts';
import { sweepOverdue } from '../../app/workflow/sweep-overdue.ts';
import { pendingPermitDocuments, producePermitDocument, type PermitDocumentDeps } from '../../app/permits/produce-permit-document.ts';
import type { Database } from '../db/database.ts';

export const JOBS = { sweepOverdue: 'sweep-overdue', dispatchOutbox: 'dispatch-outbox', permitDocuments: 'permit-documents' } as const;

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobs(database: Database, channels: Channel[], log: (msg: string, err?: unknown) => void, permitDocuments?: PermitDocumentDeps): Promise<Jobs> {
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), schema: 'pgboss' })
    : new PgBoss({ connectionString: database.url!, schema: 'pgboss', max: 4 });
  boss.on('error', (err) => log('job queue error', err));
  await boss.start();
  for (const name of Object.values(JOBS)) await boss.createQueue(name);
  await boss.schedule(JOBS.sweepOverdue, '*/5 * * * *');
  await boss.schedule(JOBS.dispatchOutbox, '* * * * *');
  await boss.schedule(JOBS.permitDocuments, '* * * * *');
  await boss.work(JOBS.sweepOverdue, async () => {
    const n = await sweepOverdue(database.db, new Date());
    return { escalated: n };
  });
  await boss.work(JOBS.dispatchOutbox, async () => {
    const n = await dispatchOutbox(database.db, channels, new Date());
    return { delivered: n };
  });
  await boss.work(JOBS.permitDocuments, async () => {
    if (!permitDocuments) return { made: 0 };
    let made = 0;
    for (const id of await pendingPermitDocuments(database.db)) {
      try {
        if (await producePermitDocument(database.db, permitDocuments, id)) made++;
      } catch (err) {
        // One permit failing (e.g. the signing service refusing) must not hold up the others;
        // it stays pending and is tried again on the next run.
        log(`permit document ${id} not made`, err);
      }
    }
    return { made };
  });
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 5000 }) };
}
