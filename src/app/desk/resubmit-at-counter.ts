// A walk-in applicant brings the corrections to the counter: the officer scans the corrected
// documents (replacing the earlier scan of each requirement) and hands the file back into the
// flow through the engine's resubmission, which resumes the clock.
import { applicableRequirements } from '../../domain/definition/checklist.ts';
import type { ApplicationType } from '../../domain/definition/schema.ts';
import { AppError } from '../../domain/errors.ts';
import type { Db, Tx } from '../transaction.ts';
import { appendAudit } from '../workflow/record.ts';
import { resubmitApplication } from '../workflow/resubmit-application.ts';
import { caseForStaff } from './case-access.ts';
import type { StoredUpload } from './documents.ts';
import type { StaffContext } from './staff-context.ts';

export async function resubmitAtCounter(db: Db, staff: StaffContext, caseId: string, note: string | undefined, uploads: StoredUpload[], at: Date, idempotencyKey?: string): Promise<{ currentStep: number | null }> {
  // Only the counter's roles may hand the file back: the engine's resubmission checks that.
  const { row, def } = await caseForStaff(db, staff, caseId);
  const ids = new Set(applicableRequirements(def, row.application_type as ApplicationType, row.answers).map((r) => r.id));
  const stray = uploads.map((u) => u.field).filter((f) => !ids.has(f));
  if (stray.length) throw new AppError('unknown_requirement', 422, { id: `Persyaratan tidak berlaku: ${stray.join(', ')}.`, en: `Requirements that do not apply: ${stray.join(', ')}.` });
  // The scans go in with the resubmission, in its transaction: a failure in either leaves the
  // case waiting on the applicant with the scans it had.
  const scans = async (tx: Tx) => {
    for (const u of uploads) {
      await tx.updateTable('case_documents').set({ superseded_at: at }).where('case_id', '=', row.id).where('requirement_id', '=', u.field)
        .where('kind', '=', 'requirement').where('superseded_at', 'is', null).execute();
      await tx.insertInto('case_documents').values({
        case_id: row.id, requirement_id: u.field, kind: 'requirement', storage_key: u.storageKey, file_name: u.fileName,
        media_type: u.mediaType, size_bytes: u.sizeBytes, uploaded_by: staff.userId, uploaded_at: at,
      }).execute();
    }
    await appendAudit(tx, row.id, at, {
      action: 'counter_correction', stepFrom: null, stepTo: null, actor: staff.actor,
      data: { documents: uploads.map((u) => ({ requirement: u.field, sha256: u.storageKey })) },
    });
  };
  const result = await resubmitApplication(db, staff.actor, row.id, note, at, idempotencyKey, uploads.length > 0 ? scans : undefined);
  return { currentStep: result.currentStep };
}
