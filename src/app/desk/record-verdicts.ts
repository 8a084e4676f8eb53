// The verifier's verdict on each requirement (sesuai / tidak ada / perlu perbaikan, with a note),
// recorded at a step that checks the file. Verdicts are appended, never edited: the latest per
// requirement counts, and the earlier ones stay as the history of the check.
import { z } from 'zod';
import { applicableRequirements } from '../../domain/definition/checklist.ts';
import type { ApplicationType } from '../../domain/definition/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { stepOf } from '../../domain/workflow/interpreter.ts';
import type { Db } from '../transaction.ts';
import { rolesHeld } from '../workflow/actor.ts';
import { alreadyHandled } from '../workflow/case-act.ts';
import { caseNotFound, lockCase } from '../workflow/case-state.ts';
import type { StaffContext } from './staff-context.ts';

export const verdictsSchema = z.object({
  step: z.number().int().positive(),
  verdicts: z.array(z.object({
    requirement: z.string().min(1).max(100),
    verdict: z.enum(['sesuai', 'tidak_ada', 'perlu_perbaikan']),
    note: z.string().trim().max(2000).optional(),
  })).max(200),
});
export type VerdictsInput = z.infer<typeof verdictsSchema>;

export async function recordVerdicts(db: Db, staff: StaffContext, caseId: string, input: VerdictsInput, at: Date): Promise<{ recorded: number }> {
  return db.transaction().execute(async (tx) => {
    const { row, def } = await lockCase(tx, caseId);
    const held = rolesHeld(staff.actor, def, row.office_id);
    if (held.size === 0) throw caseNotFound();
    if (row.status !== 'active' || row.current_step !== input.step) throw alreadyHandled();
    const step = stepOf(def, input.step);
    if (!held.has(step.actor)) throw new AppError('not_your_step', 403, { id: `Langkah ${step.no} (${step.title}) bukan tugas jabatan Anda.`, en: `Step ${step.no} (${step.title}) is not your position's task.` });
    if (!step.checks) throw new AppError('step_checks_nothing', 422, { id: 'Langkah ini tidak memeriksa persyaratan.', en: 'This step does not check the requirements.' });
    const task = await tx.selectFrom('tasks').select(['assignee_user_id']).where('case_id', '=', row.id).where('step_no', '=', step.no).where('status', '=', 'open').executeTakeFirst();
    if (!task) throw alreadyHandled();
    if (task.assignee_user_id && task.assignee_user_id !== staff.userId) throw new AppError('task_taken', 409, { id: 'Tugas ini sudah diambil oleh petugas lain.', en: 'Another official has taken this task.' });
    const checked = new Set(applicableRequirements(def, row.application_type as ApplicationType, row.answers)
      .filter((r) => step.checks === 'all' || (step.checks as string[]).includes(r.id)).map((r) => r.id));
    const unknown = input.verdicts.filter((v) => !checked.has(v.requirement)).map((v) => v.requirement);
    if (unknown.length) throw new AppError('unknown_requirement', 422, { id: `Persyaratan tidak diperiksa di langkah ini: ${unknown.join(', ')}.`, en: `Requirements not checked at this step: ${unknown.join(', ')}.` });
    const missingNote = input.verdicts.filter((v) => v.verdict === 'perlu_perbaikan' && !v.note).map((v) => v.requirement);
    if (missingNote.length) throw new AppError('note_required', 422, { id: `Tulis catatan perbaikan untuk: ${missingNote.join(', ')}.`, en: `Write what must be corrected for: ${missingNote.join(', ')}.` }, missingNote);
    // Only what changed since the latest verdict is appended.
    const latest = await tx.selectFrom('requirement_verdicts').select(['requirement_id', 'verdict', 'note']).where('case_id', '=', row.id)
      .orderBy('decided_at', 'desc').orderBy('id', 'desc').execute();
    let recorded = 0;
    for (const v of input.verdicts) {
      const prev = latest.find((l) => l.requirement_id === v.requirement);
      if (prev && prev.verdict === v.verdict && (prev.note ?? '') === (v.note ?? '')) continue;
      await tx.insertInto('requirement_verdicts').values({
        case_id: row.id, requirement_id: v.requirement, verdict: v.verdict, note: v.note || null, step_no: step.no, decided_by: staff.userId, decided_at: at,
      }).execute();
      recorded++;
    }
    return { recorded };
  });
}

// The per-requirement notes that go back to the applicant: every requirement whose latest verdict
// in this round of the step (since its task opened) is "missing" or "needs correction".
export async function correctionsFromVerdicts(db: Db, caseId: string, stepNo: number, since: Date): Promise<{ requirement: string; note: string }[]> {
  const rows = await db.selectFrom('requirement_verdicts').select(['requirement_id', 'verdict', 'note']).where('case_id', '=', caseId)
    .where('step_no', '=', stepNo).where('decided_at', '>=', since).orderBy('decided_at', 'desc').orderBy('id', 'desc').execute();
  const latest = new Map<string, { verdict: string; note: string | null }>();
  for (const r of rows) if (!latest.has(r.requirement_id)) latest.set(r.requirement_id, r);
  return [...latest].filter(([, v]) => v.verdict !== 'sesuai').map(([requirement, v]) => ({
    requirement,
    note: v.note || (v.verdict === 'tidak_ada' ? 'Dokumen tidak ada' : 'Perlu perbaikan'),
  }));
}
