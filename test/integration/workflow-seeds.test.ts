// Every seed service end to end through the engine, every role acting in turn, including the
// return loops the SOPs describe, with the clock checked against hand-computed 2026 dates.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../../src/app/seed-demo.ts';
import { controlCard } from '../../src/app/workflow/control-card.ts';
import { verifyAudit } from '../../src/app/workflow/verify-audit.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { freshDatabase } from '../helpers/db.ts';
import { definitionsDir } from '../helpers/fixtures.ts';
import { drive, submitAs } from '../helpers/workflow.ts';
// The engine benchmark replays these same moves, so it runs what is proven here.
import { alkes, bombana, lab, sipatlm } from '../../bench/flows.ts';

let database: Database;
before(async () => {
  database = await freshDatabase();
  await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
});
after(async () => database.close());

const caseRow = (id: string) => database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const actions = async (id: string) => (await database.db.selectFrom('audit_events').select('action').where('case_id', '=', id).orderBy('seq').execute()).map((e) => e.action);

describe('Kaltim — Izin Laboratorium Klinik (seed 000)', () => {
  it('runs from the online application to handover, with a correction round and a draft sent back, on the 2026 calendar', async () => {
    const db = database.db;
    const sub = await submitAs(db, 'pemohon.demo', 'kaltim', 'izin-laboratorium-klinik', new Date('2026-03-09T01:00:00Z'));
    assert.equal(sub.currentStep, 4, 'the applicant\'s own step 3 is done by submitting; customer service checks next');
    await drive(db, sub.caseId, lab.moves.slice(0, 7));
    let c = await caseRow(sub.caseId);
    assert.equal(c.clock_started_at, null, 'the clock waits for the technical recommendation');

    // The pertek arrives on Friday 13 March 2026, 10:00 WITA (02:00 UTC): day H.
    await drive(db, sub.caseId, lab.moves.slice(7, 8));
    c = await caseRow(sub.caseId);
    assert.equal(c.clock_started_at?.toISOString(), '2026-03-13T02:00:00.000Z');
    // 14 working days from H = Fri 13 Mar: 16, 17 Mar (1–2); 18 Mar cuti bersama Nyepi, 19 Nyepi,
    // 20 cuti bersama, 21–22 Idul Fitri (weekend), 23–24 cuti bersama; 25, 26, 27, 30, 31 Mar,
    // 1, 2 Apr (3–9); 3 Apr Wafat Yesus Kristus; 6, 7, 8, 9, 10 Apr (10–14). Due at the close of
    // Friday 10 April, 11.00 WITA = 03:00 UTC.
    assert.equal(c.due_at?.toISOString(), '2026-04-10T03:00:00.000Z');
    const task11 = await db.selectFrom('tasks').select('due_at').where('case_id', '=', sub.caseId).where('step_no', '=', 11).where('status', '=', 'open').executeTakeFirstOrThrow();
    // Step 11 is due H+1: Monday 16 March at 19.00 WITA.
    assert.equal(task11.due_at?.toISOString(), '2026-03-16T11:00:00.000Z');

    await drive(db, sub.caseId, lab.moves.slice(8, 14));
    const task14 = await db.selectFrom('tasks').select('due_at').where('case_id', '=', sub.caseId).where('step_no', '=', 14).where('status', '=', 'open').executeTakeFirstOrThrow();
    // Step 14 is due H+10: 25, 26, 27, 30, 31 Mar, 1, 2 Apr are H+3…H+9; 6 Apr is H+10, 19.00 WITA.
    assert.equal(task14.due_at?.toISOString(), '2026-04-06T11:00:00.000Z');

    await drive(db, sub.caseId, lab.moves.slice(14, 17));
    c = await caseRow(sub.caseId);
    assert.equal(c.status, 'completed');
    // Signed on Tuesday 17 March 2026: the number was taken in the signing transaction, from the
    // office's counter, in the definition's pattern; Tata Usaha registered it; it was handed over.
    const permit = await db.selectFrom('permits').selectAll().where('case_id', '=', sub.caseId).executeTakeFirstOrThrow();
    assert.match(permit.number, /^503\/\d{4}\/IZIN-LABKES\/DPMPTSP\/III\/2026$/);
    assert.equal(permit.status, 'issued');
    assert.deepEqual([permit.valid_from, permit.valid_until], ['2026-03-17', '2031-03-16']);
    assert.equal(permit.signatory_position, 'kepala-dinas');
    assert.ok(permit.registered_at && permit.handed_over_at);
    assert.match(permit.verification_code, /^[2-9A-HJKMNP-Z]{16}$/);
    assert.deepEqual(await actions(sub.caseId), [
      'submitted', 'applicant_step', 'decide', 'complete', 'decide', 'complete', 'resubmitted', 'decide', 'complete', 'record-recommendation', 'clock_started',
      'complete', 'paraf', 'return', 'complete', 'paraf', 'paraf', 'sign', 'number', 'handover', 'applicant_step',
    ]);
    // The kartu kendali: every step the file passed, who received and who acted when.
    const card = await controlCard(db, sub.caseId);
    assert.deepEqual(card.map((r) => r.step), [4, 6, 7, 8, 7, 9, 10, 11, 12, 13, 11, 12, 13, 14, 15, 16]);
    const parafs = card.filter((r) => r.action === 'paraf');
    assert.deepEqual(parafs.map((r) => [r.step, r.position, r.actedAt]), [
      [12, 'kasi-layanan', '2026-03-16T03:00:00.000Z'], [12, 'kasi-layanan', '2026-03-16T06:00:00.000Z'], [13, 'kabid-layanan', '2026-03-16T07:00:00.000Z'],
    ]);
    const returned = card.find((r) => r.action === 'return')!;
    assert.deepEqual([returned.step, returned.outcome, returned.note], [13, 'perbaiki-draf', 'Nama penanggung jawab salah ketik']);
    assert.ok(card.every((r) => r.actedBy?.startsWith('Demo ')));
    const topics = (await db.selectFrom('outbox').select('topic').where('case_id', '=', sub.caseId).orderBy('id').execute()).map((o) => o.topic);
    assert.deepEqual(topics, ['submitted', 'returned', 'resubmitted', 'technical_recommendation_requested', 'signed', 'ready_for_pickup', 'completed']);
  });

  it('ends rejected when the technical team does not recommend', async () => {
    const db = database.db;
    const sub = await submitAs(db, 'pemohon.demo', 'kaltim', 'izin-laboratorium-klinik', new Date('2026-03-02T01:00:00Z'));
    await drive(db, sub.caseId, [
      { who: 'kaltim.petugas-cs', action: 'decide', outcome: 'lengkap', at: '2026-03-02T01:10:00Z', expect: 6 },
      { who: 'kaltim.petugas-loket-pendaftaran', action: 'complete', at: '2026-03-02T01:20:00Z', expect: 7 },
      { who: 'kaltim.verifikator', action: 'decide', outcome: 'lengkap', at: '2026-03-02T01:30:00Z', expect: 9 },
      { who: 'kaltim.petugas-penghubung', action: 'complete', at: '2026-03-02T01:40:00Z', expect: 10 },
      { who: 'kaltim.tim-teknis-dinkes', action: 'reject', outcome: 'tidak-direkomendasikan', reason: 'Peralatan tidak memenuhi standar', recommendation: true, at: '2026-03-04T01:00:00Z', expect: 'rejected' },
    ]);
    const c = await caseRow(sub.caseId);
    assert.equal(c.status, 'rejected');
    assert.ok(c.closed_at);
  });

  it('pauses the clock while the head of office waits on the applicant, and moves the due date by the time paused', async () => {
    const db = database.db;
    const sub = await submitAs(db, 'pemohon.demo', 'kaltim', 'izin-laboratorium-klinik', new Date('2026-03-09T01:00:00Z'));
    await drive(db, sub.caseId, [
      { who: 'kaltim.petugas-cs', action: 'decide', outcome: 'lengkap', at: '2026-03-09T01:10:00Z', expect: 6 },
      { who: 'kaltim.petugas-loket-pendaftaran', action: 'complete', at: '2026-03-09T01:20:00Z', expect: 7 },
      { who: 'kaltim.verifikator', action: 'decide', outcome: 'lengkap', at: '2026-03-09T01:30:00Z', expect: 9 },
      { who: 'kaltim.petugas-penghubung', action: 'complete', at: '2026-03-09T01:40:00Z', expect: 10 },
      { who: 'kaltim.tim-teknis-dinkes', action: 'record-recommendation', outcome: 'direkomendasikan', recommendation: true, at: '2026-03-13T02:00:00Z', expect: 11 },
      { who: 'kaltim.petugas-administrasi', action: 'complete', at: '2026-03-13T02:10:00Z', expect: 12 },
      { who: 'kaltim.kasi-layanan', action: 'paraf', at: '2026-03-13T02:20:00Z', expect: 13 },
      { who: 'kaltim.kabid-layanan', action: 'paraf', at: '2026-03-13T02:30:00Z', expect: 14 },
      // Monday 16 March 12.00 WITA: back to the applicant; answered Wednesday 25 March 12.00 WITA.
      { who: 'kaltim.kepala-dinas', action: 'return-to-applicant', outcome: 'belum-memenuhi-syarat', reason: 'Sertifikat kalibrasi alat belum dilampirkan', at: '2026-03-16T04:00:00Z', expect: 'applicant' },
      { who: 'pemohon.demo', action: 'resubmit', at: '2026-03-25T04:00:00Z', expect: 14 },
    ]);
    // Paused: Mon 16 Mar 12–19 (7 of 11 service hours), Tue 17 Mar (1 day), 18–24 Mar no working
    // day, Wed 25 Mar 08–12 (4 of 11): 2 working days. The due moves from Fri 10 Apr to Tue 14 Apr,
    // at the same point of the day's service hours: the close of Friday (the whole day used) → the
    // close of Tuesday 14 April, 19.00 WITA.
    const c = await caseRow(sub.caseId);
    assert.equal(c.due_at?.toISOString(), '2026-04-14T11:00:00.000Z');
    const pauses = await db.selectFrom('case_pauses').selectAll().where('case_id', '=', sub.caseId).execute();
    assert.equal(pauses.length, 1);
    assert.ok(pauses[0]!.resumed_at);
  });
});

describe('Kaltim — Izin Penyalur Alat Kesehatan (seed 002)', () => {
  it('asks the conditional requirements and runs to handover in 7 working days after the pertek', async () => {
    const db = database.db;
    const sub = await submitAs(db, 'pemohon.demo', 'kaltim', 'izin-penyalur-alat-kesehatan', new Date('2026-03-09T01:00:00Z'), {
      answers: { pma: true, elektromedik: true },
      applicant: { kind: 'company', name: 'Budi Santoso', companyName: 'PT Alkes Borneo Sejahtera', nib: '9120301234567', npwp: '01.234.567.8-722.000' },
    });
    await drive(db, sub.caseId, alkes.moves.slice(0, 7));
    // 7 working days from Fri 13 Mar: 16, 17, 25, 26, 27, 30, 31 Mar → Tuesday 31 March 19.00 WITA.
    assert.equal((await caseRow(sub.caseId)).due_at?.toISOString(), '2026-03-31T11:00:00.000Z');
    await drive(db, sub.caseId, alkes.moves.slice(7, 13));
  });
});

describe('Pekanbaru — SIPATLM (seed 003)', () => {
  it('returns an incomplete file, then runs the paraf chain with a draft sent back, in 2 working days', async () => {
    const db = database.db;
    // Thursday 19 March 2026 09.00 WIB (02:00 UTC) — the eve of Idul Fitri's cuti bersama.
    const sub = await submitAs(db, 'pemohon.demo', 'pekanbaru', 'sipatlm', new Date('2026-03-16T02:00:00Z'), { applicationType: 'perpanjangan' });
    assert.equal(sub.currentStep, 2);
    await drive(db, sub.caseId, sipatlm.moves.slice(0, 3));
    // Complete file on Tuesday 17 March 09.30 WIB: H. 18 (cuti bersama), 19 (Nyepi), 20 (cuti),
    // 21–22, 23–24 (cuti) are not working days: H+1 = Wed 25, H+2 = Thu 26 March, closing 16.00 WIB.
    const c = await caseRow(sub.caseId);
    assert.equal(c.due_at?.toISOString(), '2026-03-26T09:00:00.000Z');
    await drive(db, sub.caseId, sipatlm.moves.slice(3, 14));
  });
});

describe('Bombana — Izin Praktek Perekam Medis (seed 004)', () => {
  it('runs the cover letter to the health office, its technical consideration and the paraf chain to handover', async () => {
    const db = database.db;
    const sub = await submitAs(db, 'pemohon.demo', 'bombana', 'izin-praktek-perekam-medis', new Date('2026-05-04T01:00:00Z'));
    assert.equal(sub.currentStep, 2);
    await drive(db, sub.caseId, bombana.moves.slice(0, 5));
    // Complete file on Tuesday 5 May 2026 09.20 WITA: H. H+3 = Fri 8 May, closing 16.30 WITA.
    assert.equal((await caseRow(sub.caseId)).due_at?.toISOString(), '2026-05-08T08:30:00.000Z');
    await drive(db, sub.caseId, bombana.moves.slice(5, 22));
  });
});

describe('the audit trail of all these cases', () => {
  it('verifies, chain by chain', async () => {
    const r = await verifyAudit(database.db);
    assert.ok(r.cases >= 6 && r.events > 60, JSON.stringify(r));
    assert.equal(r.firstBreak, null);
  });
});
