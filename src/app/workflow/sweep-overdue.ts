// The scheduled sweep: every active case past its due instant is escalated once, with an audit
// event and an outbox message for the supervisor role. Running it twice changes nothing.
import { escalationRole } from '../../domain/workflow/interpreter.ts';
import type { Db } from '../transaction.ts';
import { SYSTEM } from './actor.ts';
import { lockCase } from './case-state.ts';
import { appendAudit, enqueue } from './record.ts';

export async function sweepOverdue(db: Db, now: Date, batch = 500): Promise<number> {
  const due = await db.selectFrom('cases').select('id').where('status', '=', 'active').where('escalated_at', 'is', null).where('due_at', '<', now)
    .orderBy('due_at').limit(batch).execute();
  let escalated = 0;
  for (const { id } of due) {
    const done = await db.transaction().execute(async (tx) => {
      const { row, def } = await lockCase(tx, id);
      // Re-checked under the lock: the case may have moved or been escalated meanwhile.
      if (row.status !== 'active' || row.escalated_at !== null || row.due_at === null || row.due_at >= now) return false;
      const role = escalationRole(def);
      await tx.updateTable('cases').set({ escalated_at: now }).where('id', '=', row.id).execute();
      await appendAudit(tx, row.id, now, { action: 'escalated', stepFrom: row.current_step, stepTo: row.current_step, actor: SYSTEM, data: { dueAt: row.due_at.toISOString(), supervisorRole: role } });
      await enqueue(tx, row.id, 'overdue', now, { supervisorRole: role, step: row.current_step });
      return true;
    });
    if (done) escalated++;
  }
  return escalated;
}
