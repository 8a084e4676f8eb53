// Taking a task: any holder of the step's role may claim an open task; a supervisor (or the
// role's holders among themselves) may assign it to a colleague who holds the role.
// Supervisors are the roles of the definition's approval chain.
import { AppError } from '../../domain/errors.ts';
import { approverRoles } from '../../domain/workflow/interpreter.ts';
import type { Db } from '../transaction.ts';
import { loadActor, rolesHeld, type Actor } from './actor.ts';
import { alreadyHandled } from './case-act.ts';
import { lockCase } from './case-state.ts';
import { appendAudit } from './record.ts';

export async function claimTask(db: Db, actor: Actor, caseId: string, step: number, at: Date): Promise<{ taskId: string }> {
  return assignInternal(db, actor, caseId, step, null, at);
}

export async function assignTask(db: Db, actor: Actor, caseId: string, step: number, assigneeUserId: string, at: Date): Promise<{ taskId: string }> {
  return assignInternal(db, actor, caseId, step, assigneeUserId, at);
}

async function assignInternal(db: Db, actor: Actor, caseId: string, stepNo: number, assigneeId: string | null, at: Date) {
  return db.transaction().execute(async (tx) => {
    const { row, def } = await lockCase(tx, caseId);
    const held = rolesHeld(actor, def, row.office_id);
    if (held.size === 0 || actor.kind !== 'staff') throw new AppError('case_not_found', 404, { id: 'Permohonan tidak ditemukan.', en: 'Application not found.' });
    const task = await tx.selectFrom('tasks').selectAll().where('case_id', '=', row.id).where('step_no', '=', stepNo).where('status', '=', 'open').executeTakeFirst();
    if (!task) throw alreadyHandled();
    const supervisors = approverRoles(def);
    const mayAssign = held.has(task.role_id) || [...held.keys()].some((r) => supervisors.has(r));
    if (assigneeId === null) {
      if (!held.has(task.role_id)) throw new AppError('not_your_step', 403, { id: 'Tugas ini bukan untuk jabatan Anda.', en: "This task is not for your position." });
      if (task.assignee_user_id && task.assignee_user_id !== actor.userId) throw new AppError('task_taken', 409, { id: 'Tugas ini sudah diambil oleh petugas lain.', en: 'Another official has taken this task.' });
    } else {
      if (!mayAssign) throw new AppError('forbidden', 403, { id: 'Anda tidak berwenang menugaskan tugas ini.', en: 'You may not assign this task.' });
      const assignee = await loadActor(tx, assigneeId, at).catch(() => null);
      if (!assignee || !rolesHeld(assignee, def, row.office_id).has(task.role_id)) {
        throw new AppError('invalid_assignee', 422, { id: 'Petugas yang dipilih tidak memegang jabatan untuk tugas ini.', en: 'The chosen official does not hold a position for this task.' });
      }
    }
    const target = assigneeId ?? actor.userId;
    await tx.updateTable('tasks').set({ assignee_user_id: target, claimed_at: at }).where('id', '=', task.id).execute();
    await appendAudit(tx, row.id, at, {
      action: assigneeId === null ? 'claimed' : 'assigned',
      stepFrom: stepNo, stepTo: stepNo, actor, actorPosition: held.get(task.role_id)?.positionId ?? null,
      data: { assignee: target },
    });
    return { taskId: task.id };
  });
}
