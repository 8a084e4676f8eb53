// The applicant answers a return for correction: the case goes back to the step the definition
// names and the service clock resumes.
import { AppError } from '../../domain/errors.ts';
import type { Db, Tx } from '../transaction.ts';
import type { Actor } from './actor.ts';
import { caseNotFound, lockCase, moveTo } from './case-state.ts';
import { withIdempotency } from './idempotency.ts';
import { appendAudit, enqueue } from './record.ts';
import { closeBatch, openBatch, write } from './write-batch.ts';
import { compiledOnce } from '../../infra/db/compiled-once.ts';

export interface ResubmitResult {
  caseId: string;
  status: 'active';
  currentStep: number | null;
}

// `alongside` writes what belongs to the same act (the corrected scans the counter took in) in
// the same transaction: the case never moves on without them, nor they without it.
export async function resubmitApplication(
  db: Db, actor: Actor, caseId: string, note: string | undefined, at: Date, idempotencyKey?: string,
  alongside?: (tx: Tx, result: ResubmitResult) => Promise<void>,
): Promise<ResubmitResult> {
  return db.transaction().execute((tx) =>
    withIdempotency(tx, actor, `case:${caseId}:resubmit`, idempotencyKey, { note }, async () => {
      const { row, def, pauses } = await lockCase(tx, caseId);
      await assertOwnerOrCounter(tx, actor, row.applicant_id, row.office_id);
      if (row.status !== 'waiting_applicant' || row.resume_step === null) {
        throw new AppError('not_waiting_on_applicant', 409, { id: 'Permohonan ini tidak sedang menunggu perbaikan dari pemohon.', en: 'This application is not waiting for a correction from the applicant.' });
      }
      // The writes go together as one statement; the clock reckons with the pause as now ended.
      openBatch(tx);
      await write(tx, resumeClock(tx, at, row.id));
      await appendAudit(tx, row.id, at, { action: 'resubmitted', stepFrom: null, stepTo: row.resume_step, actor, note: note ?? null });
      await enqueue(tx, row.id, 'resubmitted', at, { resumeAt: row.resume_step });
      const resumed = pauses.map((p) => (p.to === null ? { from: p.from, to: at } : p));
      const landing = await moveTo({ unit: tx, row: { ...row, status: 'active' }, def, at, actor, fromStep: null, pauses: resumed }, { kind: 'step', step: row.resume_step }, null);
      await closeBatch(tx);
      const result: ResubmitResult = { caseId: row.id, status: 'active', currentStep: landing.kind === 'step' ? landing.step : null };
      if (alongside) await alongside(tx, result);
      return result;
    }),
  );
}

const resumeClock = compiledOnce((db, at: Date, caseId: string) =>
  db.updateTable('case_pauses').set({ resumed_at: at }).where('case_id', '=', caseId).where('resumed_at', 'is', null));

// The applicant's own case, or (for walk-in applicants) the counter staff of the case's office.
export async function assertOwnerOrCounter(tx: Parameters<typeof lockCase>[0], actor: Actor, applicantId: string, officeId: string): Promise<void> {
  if (actor.kind === 'applicant') {
    const owner = await tx.selectFrom('applicants').select('user_id').where('id', '=', applicantId).executeTakeFirst();
    if (owner?.user_id !== actor.userId) throw caseNotFound();
    return;
  }
  if (actor.kind === 'staff' && actor.officeId === officeId) return;
  throw caseNotFound();
}
