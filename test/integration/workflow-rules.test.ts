// The engine's refusals, its concurrency, and the integrity of its history.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { seedDemo } from '../../src/app/seed-demo.ts';
import { actOnStep } from '../../src/app/workflow/act-on-step.ts';
import { loadActor } from '../../src/app/workflow/actor.ts';
import { moveTo, readCase } from '../../src/app/workflow/case-state.ts';
import { appendAudit, rememberAuditHead } from '../../src/app/workflow/record.ts';
import { CaseChangedError, closeBatch, openBatch } from '../../src/app/workflow/write-batch.ts';
import { assignTask, claimTask } from '../../src/app/workflow/claim-task.ts';
import { dispatchOutbox, type OutboxMessage } from '../../src/app/workflow/dispatch-outbox.ts';
import { getApplication } from '../../src/app/workflow/get-application.ts';
import { listTasks } from '../../src/app/workflow/list-tasks.ts';
import { resubmitApplication } from '../../src/app/workflow/resubmit-application.ts';
import { sweepOverdue } from '../../src/app/workflow/sweep-overdue.ts';
import { verifyAudit } from '../../src/app/workflow/verify-audit.ts';
import { withdrawApplication } from '../../src/app/workflow/withdraw-application.ts';
import { verifyPermit } from '../../src/app/permits/verify-permit.ts';
import { AppError } from '../../src/domain/errors.ts';
import { openPostgres, type Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { freshDatabase, onPostgres } from '../helpers/db.ts';
import { definitionsDir, minimalDefinition } from '../helpers/fixtures.ts';
import { importServiceDefinition } from '../../src/app/import-service-definition.ts';
import { actorNamed, drive, submitAs } from '../helpers/workflow.ts';

let database: Database;
before(async () => {
  database = await freshDatabase();
  await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
});
after(async () => database.close());

const at = new Date('2026-03-09T02:00:00Z');
const rejects = async (p: Promise<unknown>, code: string) => {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, code, e.message);
    assert.ok(e.userMessage.id.length > 0 && e.userMessage.en.length > 0);
    return true;
  });
};
const eventCount = async (caseId: string) => Number((await database.db.selectFrom('audit_events').select(sql<string>`count(*)`.as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow()).n);

// A small service of the Pekanbaru office, for a rule the seeds do not exercise: the minimal
// definition's roles held by the office's front office and head, edited by `mutate`.
async function importPekanbaruService(slug: string, mutate: Parameters<typeof minimalDefinition>[0]): Promise<void> {
  const imported = await importServiceDefinition(database.db, minimalDefinition((d) => {
    d.office = 'pekanbaru';
    d.slug = slug;
    d.roles[1].positions = ['front-office'];
    d.roles[2].positions = ['kepala-dinas'];
    mutate?.(d);
  }));
  assert.ok(imported.ok, JSON.stringify(imported));
}

// The small service with a decision of the front office (step 4) after the head signs (step 3),
// numbered in a series of its own.
async function importServiceCheckedAfterSigning(slug: string, numbering: { series: string; pattern?: string }, check: { title: string; activity: string; outcomes: unknown[] }): Promise<void> {
  await importPekanbaruService(slug, (d) => {
    d.permit.numbering.series = numbering.series;
    if (numbering.pattern) d.permit.numbering.pattern = numbering.pattern;
    d.steps[2].next = 4;
    d.steps.push({ no: 4, actor: 'petugas', kind: 'decision', ...check });
  });
}

async function sipatlmAtStep2() {
  return submitAs(database.db, 'pemohon.demo', 'pekanbaru', 'sipatlm', at);
}

describe('refusals leave nothing written and the chain intact', () => {
  it('an unknown case, a malformed id and another office\'s case look the same: not found', async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const kaltimCs = await actorNamed(database.db, 'kaltim.petugas-cs');
    await rejects(actOnStep(database.db, fo, '99999999', 'decide', { step: 2, outcome: 'lengkap' }, at), 'case_not_found');
    await rejects(actOnStep(database.db, fo, "1'; drop table cases; --", 'decide', { step: 2, outcome: 'lengkap' }, at), 'case_not_found');
    await rejects(actOnStep(database.db, kaltimCs, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at), 'case_not_found');
    await rejects(getApplication(database.db, kaltimCs, caseId), 'case_not_found');
    assert.equal(await eventCount(caseId), 2);
  });

  it('what is written alongside an act fails with it: the act is not recorded either', async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const failing = async () => { throw new AppError('storage_full', 507, { id: 'Penyimpanan penuh.', en: 'Storage is full.' }); };
    await rejects(actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at, undefined, failing), 'storage_full');
    const row = await database.db.selectFrom('cases').select(['current_step', 'status']).where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { current_step: 2, status: 'active' });
    assert.equal(await eventCount(caseId), 2);
    const seen: number[] = [];
    await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at, undefined, async (_tx, result) => { seen.push(result.currentStep!); });
    assert.deepEqual(seen, [3]);
  });

  it('another applicant cannot see or resubmit the case', async () => {
    const { caseId } = await sipatlmAtStep2();
    const other = await database.db.insertInto('users').values({ kind: 'applicant', office_id: null, username: 'pemohon.lain', display_name: 'Pemohon Lain' }).returning('id').executeTakeFirstOrThrow();
    const stranger = { kind: 'applicant' as const, userId: other.id };
    await rejects(getApplication(database.db, stranger, caseId), 'case_not_found');
    await rejects(resubmitApplication(database.db, stranger, caseId, undefined, at), 'case_not_found');
    await rejects(withdrawApplication(database.db, stranger, caseId, undefined, at), 'case_not_found');
  });

  it('an official acting on a step that is not their position\'s is refused', async () => {
    const { caseId } = await sipatlmAtStep2();
    const kadis = await actorNamed(database.db, 'pekanbaru.kepala-dinas');
    await rejects(actOnStep(database.db, kadis, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at), 'not_your_step');
    assert.equal(await eventCount(caseId), 2);
  });

  it('who acts is read with the case: a position taken away since the page loaded no longer acts, and a user who is gone is signed out', async () => {
    const { caseId } = await sipatlmAtStep2();
    const user = await database.db.insertInto('users').values({ kind: 'staff', office_id: 'pekanbaru', username: 'pekanbaru.front-office-pindah', display_name: 'Petugas FO Pindah' }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_positions').values({ user_id: user.id, office_id: 'pekanbaru', position_id: 'front-office' }).execute();
    const loaded = await actorNamed(database.db, 'pekanbaru.front-office-pindah', at);
    assert.ok(loaded.kind === 'staff' && loaded.positions.includes('front-office'));
    // Moved to another unit after the page was loaded: the actor the caller holds is stale.
    await database.db.deleteFrom('user_positions').where('user_id', '=', user.id).execute();
    await rejects(actOnStep(database.db, loaded, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at), 'case_not_found');
    await rejects(actOnStep(database.db, { userId: '987654321' }, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at), 'unauthenticated');
    assert.equal(await eventCount(caseId), 2);
    assert.equal((await readCase(database.db, caseId)).row.current_step, 2);
  });

  it('an acting assignment (Plh.) counts from the first hour of its day in the office\'s time zone', async () => {
    const { caseId } = await sipatlmAtStep2();
    const user = await database.db.insertInto('users').values({ kind: 'staff', office_id: 'pekanbaru', username: 'pekanbaru.plh-loket', display_name: 'Plh. Front Office' }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('acting_assignments').values({ office_id: 'pekanbaru', position_id: 'front-office', user_id: user.id, kind: 'plh', from_day: '2026-03-10', to_day: '2026-03-10' }).execute();
    const decide = (when: string) => actOnStep(database.db, { userId: user.id }, caseId, 'decide', { step: 2, outcome: 'lengkap' }, new Date(when));
    // Loaded on its own (the worklist, a claim), the actor counts the same day.
    assert.deepEqual(await loadActor(database.db, user.id, new Date('2026-03-09T16:30:00Z')), { kind: 'staff', userId: user.id, officeId: 'pekanbaru', positions: [], acting: [] });
    assert.deepEqual(await loadActor(database.db, user.id, new Date('2026-03-09T23:30:00Z')), { kind: 'staff', userId: user.id, officeId: 'pekanbaru', positions: [], acting: [{ positionId: 'front-office', kind: 'plh' }] });
    // 23.30 WIB on 9 March: not yet in force.
    await rejects(decide('2026-03-09T16:30:00Z'), 'case_not_found');
    // 06.30 WIB on 10 March, still 9 March by UTC: in force.
    const result = await decide('2026-03-09T23:30:00Z');
    assert.equal(result.currentStep, 3);
    const event = await database.db.selectFrom('audit_events').select(['actor_user_id', 'acting_for']).where('case_id', '=', caseId).where('action', '=', 'decide').executeTakeFirstOrThrow();
    assert.deepEqual(event, { actor_user_id: user.id, acting_for: 'plh:front-office' });
  });

  it('an action that does not fit the step, an unknown outcome, and a return without a reason are refused', async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    await rejects(actOnStep(database.db, fo, caseId, 'sign', { step: 2 }, at), 'action_not_allowed');
    await rejects(actOnStep(database.db, fo, caseId, 'complete', { step: 2 }, at), 'action_not_allowed');
    await rejects(actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'setuju-saja' }, at), 'unknown_outcome');
    await rejects(actOnStep(database.db, fo, caseId, 'decide', { step: 2 }, at), 'outcome_required');
    await rejects(actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'tidak-lengkap' }, at), 'reason_required');
    await rejects(actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'tidak-lengkap', reason: '   ' }, at), 'reason_required');
    await rejects(actOnStep(database.db, fo, caseId, 'return', { step: 2, outcome: 'lengkap' }, at), 'action_not_allowed');
    await rejects(actOnStep(database.db, fo, caseId, 'return-to-applicant', { step: 2, outcome: 'tidak-lengkap', corrections: [{ requirement: 'tidak-ada', note: 'x' }], reason: 'x' }, at), 'unknown_requirement');
    assert.equal(await eventCount(caseId), 2);
    assert.equal((await verifyAudit(database.db)).firstBreak, null);
  });

  it('a step already completed, or a case that moved on while the page was open, is "already handled"', async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at);
    await rejects(actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at), 'already_handled');
    const bo = await actorNamed(database.db, 'pekanbaru.back-office');
    await rejects(actOnStep(database.db, bo, caseId, 'complete', { step: 2 }, at), 'already_handled');
  });

  it('a resubmission of a case that is not waiting on the applicant is refused', async () => {
    const { caseId } = await sipatlmAtStep2();
    const applicant = await actorNamed(database.db, 'pemohon.demo');
    await rejects(resubmitApplication(database.db, applicant, caseId, undefined, at), 'not_waiting_on_applicant');
  });

  it('a case waiting on its applicant is resubmitted once: not by a stranger, another office or an official away from the counter, and a second click is refused', async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'tidak-lengkap', reason: 'STR belum dilegalisir' }, at);
    const before = await eventCount(caseId);
    const stranger = await database.db.insertInto('users').values({ kind: 'applicant', office_id: null, username: 'pemohon.asing', display_name: 'Pemohon Asing' }).returning('id').executeTakeFirstOrThrow();
    await rejects(resubmitApplication(database.db, { userId: stranger.id }, caseId, undefined, at), 'case_not_found');
    await rejects(resubmitApplication(database.db, await actorNamed(database.db, 'kaltim.petugas-cs'), caseId, undefined, at), 'case_not_found');
    // An official of the office who does not take files in at the counter.
    await rejects(resubmitApplication(database.db, await actorNamed(database.db, 'pekanbaru.kepala-dinas'), caseId, undefined, at), 'forbidden');
    assert.equal(await eventCount(caseId), before);
    const owner = await actorNamed(database.db, 'pemohon.demo');
    assert.equal((await resubmitApplication(database.db, owner, caseId, 'STR sudah dilegalisir', at)).currentStep, 2);
    await rejects(resubmitApplication(database.db, owner, caseId, 'STR sudah dilegalisir', at), 'not_waiting_on_applicant');
    const resubmitted = await database.db.selectFrom('audit_events').select('action').where('case_id', '=', caseId).where('action', '=', 'resubmitted').execute();
    assert.equal(resubmitted.length, 1);
    assert.equal((await verifyAudit(database.db)).firstBreak, null);
  });
});

describe('one transition, whatever happens', () => {
  it('a double click with an idempotency key gives the first answer and one transition', async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const first = await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at, 'klik-ganda-0001');
    const again = await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at, 'klik-ganda-0001');
    assert.deepEqual(again, first);
    assert.equal((await database.db.selectFrom('audit_events').select('id').where('case_id', '=', caseId).where('action', '=', 'decide').execute()).length, 1);
    await rejects(actOnStep(database.db, fo, caseId, 'decide', { step: 3, outcome: 'lengkap' }, at, 'klik-ganda-0001'), 'idempotency_key_reused');
    await rejects(actOnStep(database.db, fo, caseId, 'decide', { step: 3 }, at, 'kunci jelek!'), 'invalid_idempotency_key');
  });

  it('two officials acting at once on separate connections: one wins, the other is told it was handled', { skip: !onPostgres && 'needs PostgreSQL: PGlite has one connection' }, async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    // A second pool: truly parallel connections to the same database.
    const url = new URL(process.env.DATABASE_URL!);
    const currentDb = await sql<{ db: string }>`select current_database() as db`.execute(database.db);
    url.pathname = `/${currentDb.rows[0]!.db}`;
    const other = await openPostgres(url.toString(), 4);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => actOnStep(i % 2 ? other.db : database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at)),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as AppError).code);
      assert.equal(ok.length, 1);
      assert.deepEqual([...new Set(lost)], ['already_handled']);
      const tasks = await database.db.selectFrom('tasks').select(['step_no', 'status']).where('case_id', '=', caseId).orderBy('id').execute();
      assert.deepEqual(tasks, [{ step_no: 2, status: 'done' }, { step_no: 3, status: 'open' }]);
      assert.equal((await verifyAudit(database.db)).firstBreak, null);
    } finally {
      await other.close();
    }
  });

  it('a transition written on a case that changed since it was read lands nothing at all', async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const read = await database.db.connection().execute((conn) => readCase(conn, caseId));
    // Someone else changes the case in between (claiming its task advances its version).
    await claimTask(database.db, fo, caseId, 2, at);
    const before = await eventCount(caseId);
    await database.db.connection().execute(async (conn) => {
      openBatch(conn);
      rememberAuditHead(conn, caseId, read.auditHead);
      await appendAudit(conn, caseId, at, { action: 'decide', stepFrom: 2, stepTo: 3, actor: fo });
      await moveTo({ unit: conn, row: read.row, def: read.def, at, actor: fo, fromStep: 2, pauses: read.pauses }, { kind: 'step', step: 3 }, null);
      await assert.rejects(closeBatch(conn), CaseChangedError);
    });
    assert.equal(await eventCount(caseId), before, 'no audit event');
    const tasks = await database.db.selectFrom('tasks').select(['step_no', 'status']).where('case_id', '=', caseId).orderBy('id').execute();
    assert.deepEqual(tasks, [{ step_no: 2, status: 'open' }], 'no task for step 3');
    assert.equal((await database.db.selectFrom('cases').select('current_step').where('id', '=', caseId).executeTakeFirstOrThrow()).current_step, 2);
    // The same act through the engine reads afresh and lands.
    assert.equal((await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at)).currentStep, 3);
    assert.equal((await verifyAudit(database.db)).firstBreak, null);
  });

  it('a claim and an act racing on separate connections: the act never lands on a task another official took', { skip: !onPostgres && 'needs PostgreSQL: PGlite has one connection' }, async () => {
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const user = await database.db.insertInto('users').values({ kind: 'staff', office_id: 'pekanbaru', username: 'pekanbaru.front-office-balapan', display_name: 'Petugas FO Balapan' }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_positions').values({ user_id: user.id, office_id: 'pekanbaru', position_id: 'front-office' }).execute();
    const rival = await actorNamed(database.db, 'pekanbaru.front-office-balapan');
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${(await sql<{ db: string }>`select current_database() as db`.execute(database.db)).rows[0]!.db}`;
    const other = await openPostgres(url.toString(), 2);
    try {
      for (let round = 0; round < 12; round++) {
        const { caseId } = await sipatlmAtStep2();
        const [act, claim] = await Promise.allSettled([
          actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at),
          claimTask(other.db, rival, caseId, 2, at),
        ]);
        const task = await database.db.selectFrom('tasks').select(['status', 'assignee_user_id', 'completed_by']).where('case_id', '=', caseId).where('step_no', '=', 2).executeTakeFirstOrThrow();
        if (act.status === 'fulfilled') {
          // The act landed first; the claim then found nothing open.
          assert.equal(claim.status, 'rejected');
          assert.equal(((claim as PromiseRejectedResult).reason as AppError).code, 'already_handled');
          assert.equal(task.assignee_user_id, null);
        } else {
          assert.equal(claim.status, 'fulfilled');
          assert.equal((act.reason as AppError).code, 'task_taken');
          assert.deepEqual(task, { status: 'open', assignee_user_id: user.id, completed_by: null });
        }
      }
      assert.equal((await verifyAudit(database.db)).firstBreak, null);
    } finally {
      await other.close();
    }
  });

  it('a task claimed by one official cannot be completed by another; a supervisor may assign it', async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const second = await database.db.insertInto('users').values({ kind: 'staff', office_id: 'pekanbaru', username: 'pekanbaru.front-office-2', display_name: 'Petugas FO Kedua' }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_positions').values({ user_id: second.id, office_id: 'pekanbaru', position_id: 'front-office' }).execute();
    const fo2 = await actorNamed(database.db, 'pekanbaru.front-office-2');
    await claimTask(database.db, fo, caseId, 2, at);
    await rejects(actOnStep(database.db, fo2, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at), 'task_taken');
    await rejects(claimTask(database.db, fo2, caseId, 2, at), 'task_taken');
    const analyst = await actorNamed(database.db, 'pekanbaru.analis-kebijakan-ahli-muda');
    await assignTask(database.db, analyst, caseId, 2, second.id, at);
    await actOnStep(database.db, fo2, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at);
    const kadis = await actorNamed(database.db, 'pekanbaru.kepala-dinas');
    await rejects(assignTask(database.db, kadis, caseId, 3, kadis.kind === 'staff' ? kadis.userId : '0', at), 'invalid_assignee');
    await rejects(assignTask(database.db, fo2, caseId, 3, second.id, at), 'forbidden');
  });
});

describe('the worklist', () => {
  it('shows an official the open tasks of their roles in their office only, soonest due first, page by page', async () => {
    for (let i = 0; i < 3; i++) await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const page1 = await listTasks(database.db, fo, { limit: 2 });
    assert.equal(page1.items.length, 2);
    assert.ok(page1.next);
    const page2 = await listTasks(database.db, fo, { limit: 2, after: page1.next! });
    const ids = [...page1.items, ...page2.items].map((t) => t.taskId);
    assert.equal(new Set(ids).size, ids.length, 'no task twice across pages');
    assert.ok([...page1.items, ...page2.items].every((t) => t.role === 'front-office' && t.step === 2));
    const due = [...page1.items, ...page2.items].map((t) => t.dueAt ?? '9999');
    assert.deepEqual(due, [...due].sort());
    const kaltim = await actorNamed(database.db, 'kaltim.petugas-cs');
    assert.ok((await listTasks(database.db, kaltim, {})).items.every((t) => !t.trackingCode || t.service !== 'sipatlm'));
    assert.deepEqual((await listTasks(database.db, fo, { role: 'kadis' })).items, []);
    assert.equal((await listTasks(database.db, fo, { after: 'bukan-kursor' })).items.length > 0, true, 'a bad cursor starts from the top');
    // Step 2 takes 35 minutes of working time: on time just after, overdue a month later.
    const soon = await listTasks(database.db, fo, {}, at);
    assert.ok(soon.items.every((t) => t.sla === 'due_soon' && t.workingMsLeft! > 0 && t.workingMsLeft! <= 35 * 60_000));
    const late = await listTasks(database.db, fo, {}, new Date('2026-04-09T02:00:00Z'));
    assert.ok(late.items.every((t) => t.sla === 'overdue' && t.workingMsLeft! < 0));
  });
});

describe('a step that leads back to itself', () => {
  it('closes its task before opening the next one at the same step', async () => {
    await importPekanbaruService('izin-periksa-ulang', (d) => {
      d.steps[1].outcomes.push({ id: 'periksa-lagi', label: 'Periksa lagi besok', to: 2 });
    });
    const { caseId } = await submitAs(database.db, 'pemohon.demo', 'pekanbaru', 'izin-periksa-ulang', at);
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const again = await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'periksa-lagi', reason: 'Menunggu konfirmasi penerbit STR' }, at);
    assert.equal(again.currentStep, 2);
    const tasks = await database.db.selectFrom('tasks').select(['step_no', 'status']).where('case_id', '=', caseId).orderBy('id').execute();
    assert.deepEqual(tasks, [{ step_no: 2, status: 'done' }, { step_no: 2, status: 'open' }]);
    await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at);
    assert.equal((await verifyAudit(database.db)).firstBreak, null);
  });
});

describe('the case as an act reads it', () => {
  it('is the row as stored, column for column, with its open task, pauses and audit head', async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'tidak-lengkap', reason: 'STR belum dilegalisir' }, at);
    await resubmitApplication(database.db, await actorNamed(database.db, 'pemohon.demo'), caseId, undefined, new Date('2026-03-10T01:00:00.123Z'));
    const read = await database.db.connection().execute((conn) => readCase(conn, caseId));
    const stored = await database.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.deepEqual(read.row, stored);
    assert.deepEqual(read.pauses, [{ from: at, to: new Date('2026-03-10T01:00:00.123Z') }]);
    const task = await database.db.selectFrom('tasks').select('id').where('case_id', '=', caseId).where('status', '=', 'open').executeTakeFirstOrThrow();
    assert.deepEqual(read.openTask, { id: task.id, assigneeUserId: null, claimedAt: null });
    const last = await database.db.selectFrom('audit_events').select(['seq', 'hash']).where('case_id', '=', caseId).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.deepEqual(read.auditHead, last);
    assert.equal(read.issuedPermit, null);

    // An id beyond what a JSON number holds exactly (2^53 + 1) still reads as itself.
    const bigId = '9007199254740993';
    await sql`insert into cases (id, tracking_code, office_id, service_slug, definition_version, applicant_id, application_type, answers,
        channel, status, current_step, resume_step, submitted_at, clock_started_at, due_at, closed_at, escalated_at, updated_at, version)
      overriding system value
      select ${bigId}::bigint, 'X' || tracking_code, office_id, service_slug, definition_version, applicant_id, application_type, answers,
        channel, status, current_step, resume_step, submitted_at, clock_started_at, due_at, closed_at, escalated_at, updated_at, version
      from cases where id = ${caseId}`.execute(database.db);
    const big = await database.db.connection().execute((conn) => readCase(conn, bigId));
    assert.equal(big.row.id, bigId);
    assert.deepEqual(big.row, await database.db.selectFrom('cases').selectAll().where('id', '=', bigId).executeTakeFirstOrThrow());
  });
});

describe('signing again after a correction', () => {
  it('issues a new permit with the next number and supersedes the one in force', async () => {
    await importServiceCheckedAfterSigning('izin-tanda-tangan-ulang', { series: 'tanda-tangan-ulang' }, {
      title: 'Memeriksa izin', activity: 'Petugas memeriksa izin yang ditandatangani',
      outcomes: [
        { id: 'benar', label: 'Izin benar', to: { end: 'completed' } },
        { id: 'salah-ketik', label: 'Ada salah ketik, ditandatangani ulang', to: 3 },
      ],
    });
    const { caseId } = await submitAs(database.db, 'pemohon.demo', 'pekanbaru', 'izin-tanda-tangan-ulang', at);
    await drive(database.db, caseId, [
      { who: 'pekanbaru.front-office', action: 'decide', outcome: 'lengkap', at: '2026-03-09T03:00:00Z', expect: 3 },
      { who: 'pekanbaru.kepala-dinas', action: 'sign', at: '2026-03-09T04:00:00Z', expect: 4 },
      { who: 'pekanbaru.front-office', action: 'decide', outcome: 'salah-ketik', reason: 'Nama jalan salah ketik', at: '2026-03-09T05:00:00Z', expect: 3 },
      { who: 'pekanbaru.kepala-dinas', action: 'sign', at: '2026-03-09T06:00:00Z', expect: 4 },
    ]);
    const permits = await database.db.selectFrom('permits').select(['id', 'number', 'status', 'supersedes', 'holder_name'])
      .where('case_id', '=', caseId).orderBy('id').execute();
    assert.deepEqual(permits.map((p) => [p.number, p.status, p.holder_name]), [
      ['503/0001/2026', 'superseded', 'Siti Rahmawati'],
      ['503/0002/2026', 'issued', 'Siti Rahmawati'],
    ]);
    assert.equal(permits[1]!.supersedes, permits[0]!.id);
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const done = await actOnStep(database.db, fo, caseId, 'decide', { step: 4, outcome: 'benar' }, new Date('2026-03-09T07:00:00Z'));
    assert.equal(done.status, 'completed');
    assert.equal((await verifyAudit(database.db)).firstBreak, null);
  });
});

describe('a signed permit whose case does not complete', () => {
  it('is revoked when the case is rejected after signing, or withdrawn before handover, and its QR code says so', async () => {
    await importServiceCheckedAfterSigning('izin-batal-terbit', { series: 'batal-terbit', pattern: '503/BT/{seq:4}/{year}' }, {
      title: 'Memeriksa lapangan', activity: 'Petugas memeriksa lokasi sebelum izin diserahkan',
      outcomes: [
        { id: 'sesuai', label: 'Sesuai', to: { end: 'completed' } },
        { id: 'tidak-sesuai', label: 'Tidak sesuai, izin dibatalkan', to: { end: 'rejected' } },
      ],
    });
    const signed = async () => {
      const { caseId } = await submitAs(database.db, 'pemohon.demo', 'pekanbaru', 'izin-batal-terbit', at);
      await drive(database.db, caseId, [
        { who: 'pekanbaru.front-office', action: 'decide', outcome: 'lengkap', at: '2026-03-09T03:00:00Z', expect: 3 },
        { who: 'pekanbaru.kepala-dinas', action: 'sign', at: '2026-03-09T04:00:00Z', expect: 4 },
      ]);
      const permit = await database.db.selectFrom('permits').select(['number', 'verification_code', 'status']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
      assert.equal(permit.status, 'issued');
      assert.equal((await verifyPermit(database.db, permit.verification_code, at)).status, 'berlaku');
      return { caseId, permit };
    };
    const later = new Date('2026-03-09T05:00:00Z');

    const rejected = await signed();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const end = await actOnStep(database.db, fo, rejected.caseId, 'decide', { step: 4, outcome: 'tidak-sesuai', reason: 'Lokasi tidak sesuai denah' }, later);
    assert.equal(end.status, 'rejected');
    assert.equal((await verifyPermit(database.db, rejected.permit.verification_code, later)).status, 'dicabut');
    const decided = await database.db.selectFrom('audit_events').select('data').where('case_id', '=', rejected.caseId).where('action', '=', 'decide').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal((decided.data as { revokedPermit?: string }).revokedPermit, rejected.permit.number);

    const withdrawn = await signed();
    await withdrawApplication(database.db, await actorNamed(database.db, 'pemohon.demo'), withdrawn.caseId, 'Tidak jadi membuka usaha', later);
    assert.equal((await verifyPermit(database.db, withdrawn.permit.verification_code, later)).status, 'dicabut');

    // A case that completes keeps its permit in force.
    const kept = await signed();
    await actOnStep(database.db, fo, kept.caseId, 'decide', { step: 4, outcome: 'sesuai' }, later);
    assert.equal((await verifyPermit(database.db, kept.permit.verification_code, later)).status, 'berlaku');
    assert.equal((await verifyAudit(database.db)).firstBreak, null);
  });
});

describe('the clock and the outbox jobs', () => {
  it('counts a local holiday added by the office from the next move on', async () => {
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    const monday = new Date('2026-07-06T02:00:00Z');
    const dueOfCompleteFile = async () => {
      const { caseId } = await submitAs(database.db, 'pemohon.demo', 'pekanbaru', 'sipatlm', monday);
      await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, new Date('2026-07-06T02:30:00Z'));
      return (await database.db.selectFrom('cases').select('due_at').where('id', '=', caseId).executeTakeFirstOrThrow()).due_at!;
    };
    const before = await dueOfCompleteFile();
    await database.db.insertInto('office_holidays').values({ office_id: 'pekanbaru', day: '2026-07-07', name: 'Hari jadi kota (uji)' }).execute();
    try {
      const after = await dueOfCompleteFile();
      assert.equal(after.getTime() - before.getTime(), 24 * 3600_000, 'one working day later: Tuesday is no longer one');
    } finally {
      await database.db.deleteFrom('office_holidays').where('office_id', '=', 'pekanbaru').where('day', '=', '2026-07-07').execute();
    }
    assert.equal((await dueOfCompleteFile()).getTime(), before.getTime(), 'and back when it is removed');
  });

  it('escalates an overdue case once, however often the sweep runs', async () => {
    const { caseId } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    await actOnStep(database.db, fo, caseId, 'decide', { step: 2, outcome: 'lengkap' }, at);
    const late = new Date('2026-06-01T00:00:00Z');
    const first = await sweepOverdue(database.db, late);
    assert.ok(first >= 1);
    assert.equal(await sweepOverdue(database.db, late), 0);
    const escalations = await database.db.selectFrom('audit_events').select(['action', 'data']).where('case_id', '=', caseId).where('action', '=', 'escalated').execute();
    assert.equal(escalations.length, 1);
    assert.equal((escalations[0]!.data as { supervisorRole: string }).supervisorRole, 'analis-ahli-muda');
    const overdue = await database.db.selectFrom('outbox').select('topic').where('case_id', '=', caseId).where('topic', '=', 'overdue').execute();
    assert.equal(overdue.length, 1);
  });

  it('dispatches every outbox message once per channel, even when run again', async () => {
    const seen: OutboxMessage[] = [];
    const channel = { name: 'test', deliver: async (m: OutboxMessage) => { seen.push(m); return { ok: true }; } };
    const n = await dispatchOutbox(database.db, [channel], new Date(), 7);
    assert.ok(n > 0 && seen.length === n);
    assert.equal(await dispatchOutbox(database.db, [channel], new Date()), 0);
    assert.equal(new Set(seen.map((m) => m.id)).size, seen.length);
    const pending = await database.db.selectFrom('outbox').select('id').where('dispatched_at', 'is', null).execute();
    assert.equal(pending.length, 0);
  });
});

describe('the audit trail', () => {
  it('cannot be updated or deleted', async () => {
    const { caseId } = await sipatlmAtStep2();
    await assert.rejects(database.db.updateTable('audit_events').set({ note: 'diubah' }).where('case_id', '=', caseId).execute(), /append-only/);
    await assert.rejects(database.db.deleteFrom('audit_events').where('case_id', '=', caseId).execute(), /append-only/);
  });

  it('verify-audit names the first broken link when history is rewritten behind the product\'s back', async () => {
    const { caseId, trackingCode } = await sipatlmAtStep2();
    const fo = await actorNamed(database.db, 'pekanbaru.front-office');
    await drive(database.db, caseId, [{ who: 'pekanbaru.front-office', action: 'decide', outcome: 'lengkap', at: '2026-03-09T03:00:00Z', expect: 3 }]);
    void fo;
    assert.equal((await verifyAudit(database.db)).firstBreak, null);
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(database.db);
    try {
      await database.db.updateTable('audit_events').set({ note: 'ditulis ulang' }).where('case_id', '=', caseId).where('seq', '=', 2).execute();
    } finally {
      await sql`alter table audit_events enable trigger audit_events_no_update`.execute(database.db);
    }
    const r = await verifyAudit(database.db);
    assert.deepEqual(r.firstBreak, { seq: 2, reason: 'hash_mismatch', caseId, trackingCode });
  });
});
