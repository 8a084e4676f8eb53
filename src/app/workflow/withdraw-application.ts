// The applicant withdraws an application that is not finished: open tasks are cancelled, and a
// permit signed but not yet handed over is taken out of force.
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../transaction.ts';
import type { Actor } from './actor.ts';
import { revokePermit } from '../permits/issue-permit.ts';
import { lockCase } from './case-state.ts';
import { withIdempotency } from './idempotency.ts';
import { appendAudit, enqueue } from './record.ts';
import { assertOwnerOrCounter } from './resubmit-application.ts';

export async function withdrawApplication(db: Db, actor: Actor, caseId: string, reason: string | undefined, at: Date, idempotencyKey?: string) {
  return db.transaction().execute((tx) =>
    withIdempotency(tx, actor, `case:${caseId}:withdraw`, idempotencyKey, { reason }, async () => {
      const read = await lockCase(tx, caseId);
      const { row, issuedPermit } = read;
      if (actor.kind !== 'applicant') throw new AppError('forbidden', 403, { id: 'Hanya pemohon yang dapat menarik permohonannya.', en: 'Only the applicant can withdraw an application.' });
      assertOwnerOrCounter(actor, read);
      if (row.status !== 'active' && row.status !== 'waiting_applicant') {
        throw new AppError('case_closed', 409, { id: 'Permohonan ini sudah selesai dan tidak dapat ditarik.', en: 'This application is closed and cannot be withdrawn.' });
      }
      await tx.updateTable('tasks').set({ status: 'cancelled', completed_at: at }).where('case_id', '=', row.id).where('status', '=', 'open').execute();
      await tx.updateTable('case_pauses').set({ resumed_at: at }).where('case_id', '=', row.id).where('resumed_at', 'is', null).execute();
      await tx.updateTable('cases').set({ status: 'withdrawn', current_step: null, resume_step: null, closed_at: at, updated_at: at }).where('id', '=', row.id).execute();
      const revoked = issuedPermit ? await revokePermit(tx, issuedPermit, row.id, at) : undefined;
      await appendAudit(tx, row.id, at, { action: 'withdrawn', stepFrom: row.current_step, stepTo: null, actor, note: reason ?? null, ...(revoked ? { data: revoked } : {}) });
      await enqueue(tx, row.id, 'withdrawn', at, {});
      return { caseId: row.id, status: 'withdrawn' };
    }),
  );
}
