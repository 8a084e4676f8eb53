// What the desk refuses, and that a refusal writes nothing: a step that is not yours, another
// office's case, a case that moved on while the page was open, a paraf out of order, a number
// asked twice, a handover before signing, a technical team opening a case not sent to them,
// forms without their CSRF token, files that are not what they claim or too large. Also the
// worklist's tabs, filters, search and pages, and claiming and assigning among colleagues.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { actOnStep } from '../../src/app/workflow/act-on-step.ts';
import { submitApplication } from '../../src/app/workflow/submit-application.ts';
import { actorNamed } from '../helpers/workflow.ts';
import { act, caseRow, deskOf, deskWorld, expectRedirect, formsOf, pageText, pdfNamed, walkIn, where, type Desk, type DeskWorld } from '../helpers/desk.ts';

let world: DeskWorld;
let desk: Desk;
before(async () => {
  world = await deskWorld('2026-05-04T00:30:00Z', { maxFileBytes: 64 * 1024 });
  desk = deskOf(world);
});
after(async () => world.close());

const db = () => world.database.db;

// Everything a desk action could write about a case.
async function footprint(caseId: string) {
  const count = async (table: 'audit_events' | 'tasks' | 'permits' | 'requirement_verdicts' | 'case_documents' | 'permit_handovers' | 'outbox') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow()).n);
  const c = await caseRow(world, caseId);
  return {
    status: c.status, step: c.current_step, updated: c.updated_at.toISOString(),
    audit: await count('audit_events'), tasks: await count('tasks'), permits: await count('permits'), verdicts: await count('requirement_verdicts'),
    documents: await count('case_documents'), handovers: await count('permit_handovers'), outbox: await count('outbox'),
    assignees: (await db().selectFrom('tasks').select('assignee_user_id').where('case_id', '=', caseId).orderBy('id').execute()).map((t) => t.assignee_user_id),
  };
}

async function submitVia(username: string, office: string, service: string, name = 'Siti Rahmawati', nik = '6472015708900003') {
  const actor = await actorNamed(db(), username, world.clock.now);
  const r = await submitApplication(db(), actor, { office, service, applicationType: 'baru', answers: {}, channel: 'api', applicant: { kind: 'person', name, nik } }, world.clock.tick(1));
  return r.caseId;
}

async function engineAct(username: string, caseId: string, action: Parameters<typeof actOnStep>[3], outcome?: string, reason?: string) {
  const c = await caseRow(world, caseId);
  await actOnStep(db(), await actorNamed(db(), username, world.clock.now), caseId, action, { step: c.current_step!, outcome, reason }, world.clock.tick(1));
}

describe('refusals at the desk write nothing', () => {
  it('a step that is not yours: 403, and the page offers no action to you', async () => {
    const caseId = await submitVia('pemohon.demo', 'pekanbaru', 'sipatlm');
    const bo = await desk.as('pekanbaru.back-office');
    const page = await bo.get(`/meja/permohonan/${caseId}`);
    assert.equal(page.statusCode, 200, 'the back office may read the case');
    assert.equal(formsOf(page.body).filter((f) => f.action.endsWith('/tindakan')).length, 0, 'but is offered no action at the front office’s step');
    const before = await footprint(caseId);
    const res = await bo.post(`/meja/permohonan/${caseId}/tindakan`, { step: 2, action: 'decide', outcome: 'lengkap' });
    assert.equal(res.statusCode, 403);
    assert.match(pageText(res.body), /bukan tugas jabatan Anda/);
    const verdict = await bo.post(`/meja/permohonan/${caseId}/verifikasi`, { step: 2, requirement: 'ktp', 'verdict-ktp': 'sesuai' });
    assert.equal(verdict.statusCode, 403);
    assert.deepEqual(await footprint(caseId), before);
  });

  it('another office’s case: 404 for the page, its files and every action', async () => {
    const { caseId } = await walkIn(desk, 'pekanbaru.front-office', { service: 'sipatlm', identifier: '1471025505920003', applicant: { applicantId: 'baru', name: 'Andi' } });
    const doc = await db().selectFrom('case_documents').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    const before = await footprint(caseId);
    for (const username of ['kaltim.petugas-cs', 'bombana.front-office', 'bombana.kepala-dinas']) {
      const other = await desk.as(username);
      assert.equal((await other.get(`/meja/permohonan/${caseId}`)).statusCode, 404, username);
      assert.equal((await other.get(`/meja/berkas/${doc.id}`)).statusCode, 404, username);
      assert.equal((await other.get(`/meja/permohonan/${caseId}/draf.pdf`)).statusCode, 404, username);
      assert.equal((await other.post(`/meja/permohonan/${caseId}/tindakan`, { step: 2, action: 'decide', outcome: 'lengkap' })).statusCode, 404, username);
      assert.equal((await other.post(`/meja/permohonan/${caseId}/ambil`, { step: 2 })).statusCode, 404, username);
    }
    assert.deepEqual(await footprint(caseId), before);
    // The office's own staff read the file, shown inside the case page only.
    const fo = await desk.as('pekanbaru.front-office');
    const file = await fo.get(`/meja/berkas/${doc.id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(file.headers['x-frame-options'], 'SAMEORIGIN');
    assert.match(String(file.headers['content-security-policy']), /frame-ancestors 'self'/);
    assert.equal((await fo.get(`/meja/permohonan/${caseId}`)).headers['x-frame-options'], 'DENY', 'pages themselves are never framed');
  });

  it('a case that moved on while the page was open: "already handled", nothing written', async () => {
    const caseId = await submitVia('pemohon.demo', 'pekanbaru', 'sipatlm');
    const fo = await desk.as('pekanbaru.front-office');
    const page = await fo.get(`/meja/permohonan/${caseId}`);
    const form = formsOf(page.body).find((f) => f.fields.action?.[0] === 'decide' && f.fields.outcome?.[0] === 'lengkap')!;
    assert.equal(form.fields.step![0], '2', 'the form carries the step it was shown at');
    // Meanwhile the case moves on (through the API, another screen, a colleague).
    await engineAct('pekanbaru.front-office', caseId, 'decide', 'lengkap');
    const before = await footprint(caseId);
    const stale = await fo.post(`/meja/permohonan/${caseId}/tindakan`, { step: 2, action: 'decide', outcome: 'lengkap' });
    assert.equal(stale.statusCode, 409);
    assert.match(pageText(stale.body), /sudah diproses atau sudah berpindah langkah/);
    assert.match(stale.body, new RegExp(`href="/meja/permohonan/${caseId}"`), 'with a way back to the case');
    const staleVerdict = await fo.post(`/meja/permohonan/${caseId}/verifikasi`, { step: 2, requirement: 'ktp', 'verdict-ktp': 'sesuai' });
    assert.equal(staleVerdict.statusCode, 409);
    const staleClaim = await fo.post(`/meja/permohonan/${caseId}/ambil`, { step: 2 });
    assert.equal(staleClaim.statusCode, 409);
    assert.deepEqual(await footprint(caseId), before);

    // A double click: the second post of the same form is "already handled".
    const bo = await desk.as('pekanbaru.back-office');
    expectRedirect(await bo.post(`/meja/permohonan/${caseId}/tindakan`, { step: 3, action: 'complete' }), 'first click');
    const after = await footprint(caseId);
    assert.equal((await bo.post(`/meja/permohonan/${caseId}/tindakan`, { step: 3, action: 'complete' })).statusCode, 409);
    assert.deepEqual(await footprint(caseId), after);
  });

  it('a paraf out of order is refused', async () => {
    const caseId = await submitVia('pemohon.demo', 'pekanbaru', 'sipatlm');
    await engineAct('pekanbaru.front-office', caseId, 'decide', 'lengkap');
    await engineAct('pekanbaru.back-office', caseId, 'complete');
    assert.equal(await where(world, caseId), 4);
    const before = await footprint(caseId);
    const madya = await desk.as('pekanbaru.analis-kebijakan-ahli-madya');
    // The second reviewer before the first: their step is not reached, and the first is not theirs.
    assert.equal((await madya.post(`/meja/permohonan/${caseId}/tindakan`, { step: 5, action: 'paraf', outcome: 'paraf' })).statusCode, 409);
    assert.equal((await madya.post(`/meja/permohonan/${caseId}/tindakan`, { step: 4, action: 'paraf', outcome: 'paraf' })).statusCode, 403);
    const kadis = await desk.as('pekanbaru.kepala-dinas');
    assert.equal((await kadis.post(`/meja/permohonan/${caseId}/tindakan`, { step: 7, action: 'sign' })).statusCode, 409, 'no signing before the paraf chain');
    assert.equal((await kadis.post('/meja/tanda-tangan', { item: `${caseId}:7` })).statusCode, 200);
    assert.deepEqual(await footprint(caseId), before);
    // And a paraf action at a step that is not a paraf step.
    const muda = await desk.as('pekanbaru.analis-kebijakan-ahli-muda');
    assert.equal((await muda.post(`/meja/permohonan/${caseId}/tindakan`, { step: 4, action: 'sign' })).statusCode, 422);
    assert.deepEqual(await footprint(caseId), before);
  });

  it('a number asked twice, and a handover before signing', async () => {
    const caseId = await submitVia('pemohon.demo', 'bombana', 'izin-praktek-perekam-medis');
    const moves: [string, Parameters<typeof actOnStep>[3], string?][] = [
      ['bombana.front-office', 'complete'], ['bombana.back-office', 'decide', 'lengkap'], ['bombana.back-office', 'complete'], ['bombana.back-office', 'complete'],
      ['bombana.kabid-pelayanan', 'paraf', 'paraf'], ['bombana.kepala-dinas', 'sign', 'tandatangani'], ['bombana.back-office', 'complete'],
      ['bombana.tim-teknis-dinkes', 'decide', 'direkomendasikan'], ['bombana.kepala-dinas', 'complete'], ['bombana.kabid-pelayanan', 'complete'], ['bombana.back-office', 'complete'],
      ['bombana.kepala-seksi', 'paraf', 'paraf'], ['bombana.kabid-pelayanan', 'paraf', 'paraf'], ['bombana.sekretaris-dinas', 'paraf', 'paraf'],
    ];
    for (const [who, action, outcome] of moves) await engineAct(who, caseId, action, outcome);
    assert.equal(await where(world, caseId), 16);

    // Handover before signing: the front office's handover step is not reached.
    const fo = await desk.as('bombana.front-office');
    let before = await footprint(caseId);
    const early = await fo.post(`/meja/permohonan/${caseId}/penyerahan`, { step: 18, mode: 'in_person', collectorName: 'X', collectorRelation: 'pemohon', identityChecked: 'ya' });
    assert.equal(early.statusCode, 409);
    assert.equal((await fo.post(`/meja/permohonan/${caseId}/penyerahan`, { step: 16, mode: 'electronic', deliveredTo: 'x@example.test' })).statusCode, 403);
    const kadis = await desk.as('bombana.kepala-dinas');
    assert.equal((await kadis.post(`/meja/permohonan/${caseId}/penyerahan`, { step: 16, mode: 'electronic', deliveredTo: 'x@example.test' })).statusCode, 422, 'the signing step is no handover');
    assert.equal((await kadis.post(`/meja/permohonan/${caseId}/tindakan`, { step: 16, action: 'handover' })).statusCode, 422);
    assert.deepEqual(await footprint(caseId), before);

    await act(desk, 'bombana.kepala-dinas', caseId, 'sign', { outcome: 'tandatangani', expect: 17 });
    const sek = await desk.as('bombana.staf-sekretariat');
    const page = await sek.get(`/meja/permohonan/${caseId}`);
    expectRedirect(await sek.post(`/meja/permohonan/${caseId}/tindakan`, { step: 17, action: 'number' }), 'number');
    before = await footprint(caseId);
    const counter = await db().selectFrom('number_counters').selectAll().where('office_id', '=', 'bombana').execute();
    // Asked again (a second tab, a double click): already handled, no second number.
    assert.equal((await sek.post(`/meja/permohonan/${caseId}/tindakan`, { step: 17, action: 'number' })).statusCode, 409);
    assert.ok(page.body.includes('name="action" value="number"'));
    assert.deepEqual(await footprint(caseId), before);
    assert.deepEqual(await db().selectFrom('number_counters').selectAll().where('office_id', '=', 'bombana').execute(), counter);
    const permits = await db().selectFrom('permits').select(['number', 'registered_at']).where('case_id', '=', caseId).execute();
    assert.equal(permits.length, 1);
    assert.ok(permits[0]!.registered_at);

    // An incomplete handover form is refused; a complete one closes the case.
    assert.equal((await fo.post(`/meja/permohonan/${caseId}/penyerahan`, { step: 18, mode: 'in_person', collectorName: 'Wa Ode', collectorRelation: 'pemohon' })).statusCode, 422, 'identity not checked');
    assert.equal(await where(world, caseId), 18);
    expectRedirect(await fo.post(`/meja/permohonan/${caseId}/penyerahan`, { step: 18, mode: 'in_person', collectorName: 'Wa Ode', collectorRelation: 'pemohon', identityChecked: 'ya' }), 'handover');
    assert.equal(await where(world, caseId), 'completed');
  });

  it('a technical team sees only the cases sent to it', async () => {
    const notYet = await submitVia('pemohon.demo', 'kaltim', 'izin-laboratorium-klinik');
    const sent = await submitVia('pemohon.demo', 'kaltim', 'izin-laboratorium-klinik', 'Budi', '6472015708900004');
    for (const [who, action, outcome] of [['kaltim.petugas-cs', 'decide', 'lengkap'], ['kaltim.petugas-loket-pendaftaran', 'complete'], ['kaltim.verifikator', 'decide', 'lengkap'], ['kaltim.petugas-penghubung', 'complete']] as const) {
      await engineAct(who, sent, action, outcome);
    }
    const tim = await desk.as('kaltim.tim-teknis-dinkes');
    const list = await tim.get('/meja');
    assert.ok(list.body.includes(`/meja/permohonan/${sent}"`));
    assert.ok(!list.body.includes(`/meja/permohonan/${notYet}"`));
    const before = await footprint(notYet);
    assert.equal((await tim.get(`/meja/permohonan/${notYet}`)).statusCode, 404);
    assert.equal((await tim.get(`/meja/permohonan/${notYet}/paraf`)).statusCode, 404);
    assert.equal((await tim.postMultipart(`/meja/permohonan/${notYet}/rekomendasi`, { step: 10, result: 'recommended' }, [pdfNamed('letter')])).statusCode, 404);
    assert.equal((await tim.post(`/meja/permohonan/${notYet}/tindakan`, { step: 4, action: 'decide', outcome: 'lengkap' })).statusCode, 404);
    assert.equal((await tim.get(`/meja/permohonan/${sent}/draf.pdf`)).statusCode, 403, 'nor the office’s drafts of the cases it has');
    assert.equal((await tim.get('/meja/register')).statusCode, 403);
    assert.deepEqual(await footprint(notYet), before);
  });

  it('forms without the session’s CSRF token are refused', async () => {
    const caseId = await submitVia('pemohon.demo', 'pekanbaru', 'sipatlm');
    const fo = await desk.as('pekanbaru.front-office');
    const before = await footprint(caseId);
    const res = await world.app.inject({ method: 'POST', url: `/meja/permohonan/${caseId}/tindakan`, payload: 'step=2&action=decide&outcome=lengkap', headers: { cookie: fo.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.statusCode, 403);
    const forged = await world.app.inject({ method: 'POST', url: `/meja/permohonan/${caseId}/tindakan`, payload: 'step=2&action=decide&outcome=lengkap&_csrf=palsu', headers: { cookie: fo.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(forged.statusCode, 403);
    assert.deepEqual(await footprint(caseId), before);
    const anonymous = await world.app.inject({ url: `/meja/permohonan/${caseId}` });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/masuk?next=${encodeURIComponent(`/meja/permohonan/${caseId}`)}`);
    const applicant = await desk.as('pemohon.demo');
    assert.equal((await applicant.get('/meja')).statusCode, 403, 'applicants have no desk');
  });

  it('the counter refuses files that are not PDF/JPEG/PNG by their bytes, files too large, and an incomplete checklist', async () => {
    const fo = 'pekanbaru.front-office';
    const cases = async () => Number((await db().selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const n = await cases();
    const disguised = { field: 'file-ktp', name: 'ktp.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('MZ\x90\x00 this is a program') };
    await assert.rejects(walkIn(desk, fo, { service: 'sipatlm', identifier: '1471025505920009', applicant: { applicantId: 'baru', name: 'Tono' }, files: [disguised] }), /422/);
    const who = await desk.as(fo);
    const details = await who.postMultipart('/meja/loket', { langkah: 'pemohon', service: 'sipatlm', applicationType: 'baru', identifier: '1471025505920009' });
    const key = formsOf(details.body).find((f) => f.fields.langkah?.[0] === 'kirim')!.fields.idempotencyKey![0];
    const base = { langkah: 'kirim', service: 'sipatlm', applicationType: 'baru', identifier: '1471025505920009', idempotencyKey: key, applicantId: 'baru', name: 'Tono' };
    const wrongType = await who.postMultipart('/meja/loket', base, [disguised]);
    assert.equal(wrongType.statusCode, 422);
    assert.match(pageText(wrongType.body), /bukan PDF, JPEG atau PNG/);
    const big = await who.postMultipart('/meja/loket', base, [{ field: 'file-ktp', name: 'ktp.pdf', type: 'application/pdf', bytes: new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(70 * 1024, 32)])) }]);
    assert.equal(big.statusCode, 413);
    const incomplete = await who.postMultipart('/meja/loket', base, [pdfNamed('file-ktp')]);
    assert.equal(incomplete.statusCode, 422);
    assert.match(pageText(incomplete.body), /Berkas belum lengkap/);
    assert.ok(incomplete.body.includes('value="Tono"'), 'what was typed is kept');
    assert.equal(await cases(), n, 'no application was registered');
    const badId = await who.postMultipart('/meja/loket', { langkah: 'pemohon', service: 'sipatlm', applicationType: 'baru', identifier: '12345' });
    assert.equal(badId.statusCode, 400);

    // The same form sent twice registers one application.
    const everything = details.body.match(/name="file-([a-z0-9-]+)"/g)!.map((m) => m.slice(11, -1));
    const files = everything.map((r) => pdfNamed(`file-${r}`));
    const first = await who.postMultipart('/meja/loket', base, files);
    const second = await who.postMultipart('/meja/loket', base, files);
    assert.equal(first.headers.location, second.headers.location);
    assert.equal(await cases(), n + 1);
  });
});

describe('the worklist', () => {
  it('has a tab per role with counts, filters, search by tracking code, name and NIB, and keyset pages', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 27; i++) ids.push(await submitVia('pemohon.demo', 'bombana', 'izin-praktek-perekam-medis', i === 5 ? 'Yuliana Sari' : `Pemohon ${i}`, `74060144099500${String(10 + i)}`));
    const company = await submitApplication(db(), await actorNamed(db(), 'bombana.front-office', world.clock.now), {
      office: 'bombana', service: 'izin-praktek-perekam-medis', applicationType: 'baru', answers: {}, channel: 'counter',
      applicant: { kind: 'company', name: 'Hasan', companyName: 'CV Rekam Sehat', nib: '9120301230001' },
    }, world.clock.tick(1));
    const fo = await desk.as('bombana.front-office');
    const first = await fo.get('/meja?tab=front-office');
    const text = pageText(first.body);
    const count = Number(/Front Office \((\d+)\)/i.exec(text)![1]);
    assert.ok(count >= 28, `count ${count}`);
    const rows = (body: string) => [...body.matchAll(/<td><a href="\/meja\/permohonan\/(\d+)">/g)].map((m) => m[1]!);
    const page1 = rows(first.body);
    assert.equal(page1.length, 25);
    const next = /href="([^"]*after=[^"]+)" rel="next"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    const second = await fo.get(next);
    const page2 = rows(second.body);
    assert.ok(page2.length >= 3);
    assert.equal(new Set([...page1, ...page2]).size, page1.length + page2.length, 'no row twice');
    const dues = await db().selectFrom('tasks').select(['case_id', 'due_at', 'id']).where('status', '=', 'open').where('office_id', '=', 'bombana').where('role_id', '=', 'front-office').execute();
    const order = dues.sort((a, b) => (a.due_at?.getTime() ?? Infinity) - (b.due_at?.getTime() ?? Infinity) || Number(a.id) - Number(b.id)).map((d) => d.case_id);
    assert.deepEqual([...page1, ...page2], order.slice(0, page1.length + page2.length), 'soonest due first, in the index order');

    const code = (await caseRow(world, ids[5]!)).tracking_code;
    assert.deepEqual(rows((await fo.get(`/meja?q=${code.toLowerCase()}`)).body), [ids[5]]);
    assert.deepEqual(rows((await fo.get('/meja?q=yuli')).body), [ids[5]]);
    assert.deepEqual(rows((await fo.get('/meja?q=9120301230001')).body), [company.caseId]);
    assert.deepEqual(rows((await fo.get('/meja?q=cv%20rekam')).body), [company.caseId]);
    assert.deepEqual(rows((await fo.get('/meja?q=%25')).body), [], 'wildcards are searched for literally');
    assert.deepEqual(rows((await fo.get('/meja?layanan=izin-praktek-perekam-medis&langkah=3')).body), [], 'no task at step 3 for the front office');
    assert.ok(pageText(first.body).includes('tanpa tenggat'), 'Bombana’s front-office step has no time of its own');

    // Pekanbaru's check takes 35 working minutes: due soon, then overdue once the time has passed.
    const pku = await submitVia('pemohon.demo', 'pekanbaru', 'sipatlm', 'Tenggat Uji', '1471025505920077');
    const pfo = await desk.as('pekanbaru.front-office');
    const soon = await pfo.get(`/meja?status=due_soon&q=${(await caseRow(world, pku)).tracking_code}`);
    assert.deepEqual(rows(soon.body), [pku]);
    assert.ok(pageText(soon.body).includes('mendekati batas'));
    assert.deepEqual(rows((await pfo.get('/meja?status=on_time')).body).filter((r) => r === pku), []);
    world.clock.tick(180);
    const late = await pfo.get('/meja?status=overdue');
    assert.ok(rows(late.body).includes(pku));
    assert.match(pageText(late.body), /terlambat lewat \d+ jam \d+ menit kerja/);
    assert.ok(!rows((await pfo.get('/meja?status=due_soon')).body).includes(pku));
    // The back office has nothing at the front office's step.
    assert.ok(!rows((await (await desk.as('bombana.back-office')).get('/meja')).body).includes(ids[0]!));
  });

  it('claims a task, and lets a supervisor assign it to a colleague who holds the role', async () => {
    // A second front-office official in Bombana.
    const template = await db().selectFrom('users').select(['password_hash']).where('username', '=', 'bombana.front-office').executeTakeFirstOrThrow();
    const second = await db().insertInto('users').values({ kind: 'staff', office_id: 'bombana', username: 'bombana.front-office-2', display_name: 'Rekan Front Office', password_hash: template.password_hash }).returning('id').executeTakeFirstOrThrow();
    await db().insertInto('user_positions').values({ user_id: second.id, office_id: 'bombana', position_id: 'front-office' }).execute();
    const caseId = await submitVia('pemohon.demo', 'bombana', 'izin-praktek-perekam-medis', 'Klaim', '7406014409950999');
    const fo = await desk.as('bombana.front-office');
    const rekan = await desk.as('bombana.front-office-2');
    expectRedirect(await fo.post(`/meja/permohonan/${caseId}/ambil`, { step: 2 }), 'claim');
    const before = await footprint(caseId);
    assert.equal((await rekan.post(`/meja/permohonan/${caseId}/ambil`, { step: 2 })).statusCode, 409, 'taken by another official');
    assert.equal((await rekan.post(`/meja/permohonan/${caseId}/tindakan`, { step: 2, action: 'complete' })).statusCode, 409);
    assert.deepEqual(await footprint(caseId), before);
    assert.equal(formsOf((await rekan.get(`/meja/permohonan/${caseId}`)).body).filter((f) => f.action.endsWith('/tindakan')).length, 0, 'no action offered on a task another official took');

    // The head of division (approval chain) hands it to the colleague.
    const kabid = await desk.as('bombana.kabid-pelayanan');
    const supervise = await kabid.get(`/meja?tab=pengawasan&q=${(await caseRow(world, caseId)).tracking_code}`);
    assert.ok(supervise.body.includes(`/meja/permohonan/${caseId}"`), 'the supervision tab lists the office’s tasks');
    const bo = await desk.as('bombana.back-office');
    assert.equal((await bo.post(`/meja/permohonan/${caseId}/tugaskan`, { step: 2, assignee: second.id })).statusCode, 403, 'not a supervisor, not the role');
    assert.equal((await kabid.post(`/meja/permohonan/${caseId}/tugaskan`, { step: 2, assignee: (await db().selectFrom('users').select('id').where('username', '=', 'bombana.back-office').executeTakeFirstOrThrow()).id })).statusCode, 422, 'only to someone who holds the role');
    expectRedirect(await kabid.post(`/meja/permohonan/${caseId}/tugaskan`, { step: 2, assignee: second.id }), 'assign');
    expectRedirect(await rekan.post(`/meja/permohonan/${caseId}/tindakan`, { step: 2, action: 'complete' }), 'the colleague acts');
    assert.equal(await where(world, caseId), 3);
  });
});

describe('signing many at once, acting officials by date, and the register per office', () => {
  it('a head of office signs twenty permits in one go with one code; an acting assignment counts only on its days; each office sees only its own register', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = await submitVia('pemohon.demo', 'pekanbaru', 'sipatlm', `Massal ${i}`, `14710255059201${String(10 + i)}`);
      for (const [who, action, outcome] of [['pekanbaru.front-office', 'decide', 'lengkap'], ['pekanbaru.back-office', 'complete'], ['pekanbaru.analis-kebijakan-ahli-muda', 'paraf', 'paraf'], ['pekanbaru.analis-kebijakan-ahli-madya', 'paraf', 'paraf'], ['pekanbaru.sekretaris', 'paraf', 'paraf']] as const) {
        await engineAct(who, id, action, outcome);
      }
      ids.push(id);
    }

    // A Plt. from tomorrow does not sign today: no signature list, no signature.
    const admin = await desk.as('pekanbaru.admin-kantor');
    const sekretarisId = (await db().selectFrom('users').select('id').where('username', '=', 'pekanbaru.sekretaris').executeTakeFirstOrThrow()).id;
    expectRedirect(await admin.post('/meja/admin/pelaksana', { position: 'kepala-dinas', user: sekretarisId, kind: 'plt', from: '2026-05-05', to: '2026-05-08' }), 'a Plt. from tomorrow');
    assert.equal((await admin.post('/meja/admin/pelaksana', { position: 'kepala-dinas', user: sekretarisId, kind: 'plt', from: '2026-05-08', to: '2026-05-05' })).statusCode, 422, 'an end before the start');
    const sekretaris = await desk.as('pekanbaru.sekretaris');
    assert.equal((await sekretaris.get('/meja/tanda-tangan')).statusCode, 403);
    const early = await footprint(ids[0]!);
    assert.equal((await sekretaris.post(`/meja/permohonan/${ids[0]}/tindakan`, { step: 7, action: 'sign', outcome: 'tandatangani' })).statusCode, 403);
    assert.deepEqual(await footprint(ids[0]!), early);

    // The office requires a second factor; the head of office enrols and signs all twenty.
    expectRedirect(await admin.post('/meja/admin/pengaturan', { requireSecondFactor: 'ya' }), 'setting');
    const kadis = await desk.as('pekanbaru.kepala-dinas');
    const secret = /<code class="secret">([A-Z2-7]{32})<\/code>/.exec((await kadis.get('/meja/akun')).body)![1]!;
    const code = (at: Date) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at.getTime() });
    expectRedirect(await kadis.post('/meja/akun/dua-langkah', { secret, code: code(world.clock.now) }), 'enrolment');
    const list = await kadis.get('/meja/tanda-tangan');
    for (const id of ids) assert.ok(list.body.includes(`value="${id}:7"`), `case ${id} waits for signing`);
    assert.match(list.body, /Kode verifikasi dari aplikasi autentikator/);
    world.clock.tick(1);
    const noCode = await kadis.post('/meja/tanda-tangan', { item: ids.map((id) => `${id}:7`) });
    assert.equal(noCode.statusCode, 422, 'no code, nothing signed');
    assert.equal(await where(world, ids[0]!), 7);
    const signed = await kadis.post('/meja/tanda-tangan', { item: ids.map((id) => `${id}:7`), secondFactor: code(world.clock.now) });
    assert.equal(signed.statusCode, 200);
    const text = pageText(signed.body);
    assert.equal((text.match(/ditandatangani, nomor 503\/\d{4}\/SIPATLM/g) ?? []).length, 20, text.slice(0, 2000));
    const permits = await db().selectFrom('permits').select(['number', 'case_id', 'signed_by']).where('case_id', 'in', ids).orderBy('id').execute();
    assert.equal(permits.length, 20);
    assert.equal(new Set(permits.map((p) => p.number)).size, 20, 'twenty different numbers');
    for (const id of ids) assert.equal(await where(world, id), 8);
    // The same batch posted again (a second tab): each is already handled, nothing is signed twice.
    world.clock.tick(1);
    const again = await kadis.post('/meja/tanda-tangan', { item: ids.slice(0, 2).map((id) => `${id}:7`), secondFactor: code(world.clock.now) });
    assert.equal((pageText(again.body).match(/sudah diproses atau sudah berpindah langkah/g) ?? []).length, 2);
    assert.equal((await db().selectFrom('permits').select('id').where('case_id', 'in', ids).execute()).length, 20);

    // The register: Pekanbaru's lists its numbers; Bombana's does not.
    const register = pageText((await (await desk.as('pekanbaru.back-office')).get('/meja/register')).body);
    assert.ok(permits.slice(-15).every((p) => register.includes(p.number)), 'the newest numbers are on the first page of the register');
    const bombana = pageText((await (await desk.as('bombana.back-office')).get('/meja/register')).body);
    assert.ok(!permits.some((p) => bombana.includes(p.number)), 'another office’s register does not list them');
    expectRedirect(await admin.post('/meja/admin/pengaturan', {}), 'setting off again');
  });
});
