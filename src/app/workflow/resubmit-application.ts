// The applicant answers a return for correction: the case goes back to the step the definition
// names and the service clock resumes.
import { AppError } from '../../domain/errors.ts';
import { intakeRoles } from '../../domain/workflow/intake-roles.ts';
import type { Db, Tx } from '../transaction.ts';
import { rolesHeld, type Actor, type ActorRef } from './actor.ts';
import { actOnCase } from './case-act.ts';
import { caseNotFound, moveTo, type CaseRead } from './case-state.ts';
import { appendAudit, enqueue } from './record.ts';
import { closeBatch, openBatch, write } from './write-batch.ts';
import { compiledOnce } from '../../infra/db/compiled-once.ts';

export interface ResubmitResult {
  caseId: string;
  status: 'active';
  currentStep: number | null;
}

// Runs like an act on a step (`actOnCase`): the applicant (or the counter) read with the case,
// and the writes in one statement guarded by the case's version. `alongside` writes what belongs
// to the same act (the corrected scans the counter took in) in the same transaction: the case
// never moves on without them, nor they without it.
export async function resubmitApplication(
  db: Db, who: ActorRef, caseId: string, note: string | undefined, at: Date, idempotencyKey?: string,
  alongside?: (tx: Tx, result: ResubmitResult) => Promise<void>,
): Promise<ResubmitResult> {
  return actOnCase(db, who, caseId, at, { action: 'resubmit', request: { note }, idempotencyKey, alongside }, async (unit, read, actor) => {
    const { row, def, pauses } = read;
    assertOwnerOrCounter(actor, read);
    if (row.status !== 'waiting_applicant' || row.resume_step === null) {
      throw new AppError('not_waiting_on_applicant', 409, { id: 'Permohonan ini tidak sedang menunggu perbaikan dari pemohon.', en: 'This application is not waiting for a correction from the applicant.' });
    }
    // The writes go together as one statement; the clock reckons with the pause as now ended.
    openBatch(unit);
    await write(unit, resumeClock(unit, at, row.id));
    await appendAudit(unit, row.id, at, { action: 'resubmitted', stepFrom: null, stepTo: row.resume_step, actor, note: note ?? null });
    await enqueue(unit, row.id, 'resubmitted', at, { resumeAt: row.resume_step });
    const resumed = pauses.map((p) => (p.to === null ? { from: p.from, to: at } : p));
    const landing = await moveTo({ unit, row: { ...row, status: 'active' }, def, at, actor, fromStep: null, pauses: resumed }, { kind: 'step', step: row.resume_step }, null);
    await closeBatch(unit);
    return { caseId: row.id, status: 'active', currentStep: landing.kind === 'step' ? landing.step : null };
  });
}

const resumeClock = compiledOnce((db, at: Date, caseId: string) =>
  db.updateTable('case_pauses').set({ resumed_at: at }).where('case_id', '=', caseId).where('resumed_at', 'is', null));

// The applicant's own case, or the counter of the case's office (the roles that take files in,
// where a walk-in applicant brings the corrections). Anyone else learns nothing of the case; an
// official of the office who does not work the counter is told where corrections go.
export function assertOwnerOrCounter(actor: Actor, read: Pick<CaseRead, 'row' | 'def' | 'applicantUserId'>): void {
  if (actor.kind === 'applicant' && read.applicantUserId === actor.userId) return;
  if (actor.kind === 'staff' && actor.officeId === read.row.office_id) {
    const held = rolesHeld(actor, read.def, read.row.office_id);
    if (intakeRoles(read.def).some((r) => held.has(r))) return;
    throw new AppError('forbidden', 403, { id: 'Perbaikan berkas diterima oleh petugas loket.', en: 'Corrections are received by the counter staff.' });
  }
  throw caseNotFound();
}
