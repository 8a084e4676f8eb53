// After a return, the applicant corrects the details the application form carries (name, NIK or
// NIB, address, …): the case's applicant record is changed under the case's lock while the case
// waits on them, and the case history records which details changed — not their values, which
// stay in the applicant record only.
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../transaction.ts';
import { caseNotFound, lockCase } from '../workflow/case-state.ts';
import { appendAudit } from '../workflow/record.ts';
import type { Actor } from '../workflow/actor.ts';
import { notWaiting } from './correct-application.ts';
import type { FieldProblem } from './identity-rules.ts';
import { profileColumns, profileProblems, type ApplicantProfile } from './register-applicant.ts';

// The case's applicant record, to show in the form: the applicant's own case, waiting on them.
export async function detailsToCorrect(db: Db, actor: Actor & { kind: 'applicant' }, caseId: string) {
  if (!/^\d{1,18}$/.test(caseId)) throw caseNotFound();
  const found = await db.selectFrom('cases as c').innerJoin('applicants as a', 'a.id', 'c.applicant_id')
    .select(['c.status', 'a.user_id', 'a.kind', 'a.name', 'a.nik', 'a.nib', 'a.npwp', 'a.company_name', 'a.phone', 'a.address'])
    .where('c.id', '=', caseId).executeTakeFirst();
  if (!found || found.user_id !== actor.userId) throw caseNotFound();
  if (found.status !== 'waiting_applicant') throw notWaiting();
  return found;
}

export type CorrectDetailsResult = { kind: 'invalid'; problems: FieldProblem[] } | { kind: 'ok'; changed: string[] };

export async function correctApplicantDetails(db: Db, actor: Actor & { kind: 'applicant' }, caseId: string, p: ApplicantProfile, at: Date): Promise<CorrectDetailsResult> {
  const problems = profileProblems(p);
  if (problems.length > 0) return { kind: 'invalid', problems };
  return db.transaction().execute(async (tx) => {
    const { row } = await lockCase(tx, caseId);
    const applicant = await tx.selectFrom('applicants').selectAll().where('id', '=', row.applicant_id).executeTakeFirstOrThrow();
    if (applicant.user_id !== actor.userId) throw caseNotFound();
    if (row.status !== 'waiting_applicant') throw notWaiting();
    if (applicant.kind !== p.kind) {
      throw new AppError('applicant_kind_fixed', 422, {
        id: 'Jenis pemohon (perorangan atau badan usaha) tidak dapat diubah pada permohonan ini.',
        en: 'The kind of applicant (person or company) cannot be changed on this application.',
      });
    }
    const next = profileColumns(p);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== applicant[k]);
    if (changed.length === 0) return { kind: 'ok' as const, changed };
    await tx.updateTable('applicants').set(next).where('id', '=', applicant.id).execute();
    await appendAudit(tx, row.id, at, { action: 'applicant_details_corrected', stepFrom: null, stepTo: null, actor, data: { fields: changed } });
    return { kind: 'ok' as const, changed };
  });
}
