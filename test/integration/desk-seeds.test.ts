// Every seed service end to end through the officials' desk pages, each official signing in
// and using the forms their page offers: walk-in registration at the counter (or an application
// sent through the API), verification with per-requirement verdicts and the return to the
// applicant, corrections received at the counter, the technical recommendation with its letter
// and inspection, the draft and the paraf chain with a draft sent back, signing (with a second
// factor, and by an acting Plt.), numbering, handover, and the register.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { createApiToken } from '../../src/app/auth/create-api-token.ts';
import { resubmitAtCounter } from '../../src/app/desk/resubmit-at-counter.ts';
import { loadStaffContext } from '../../src/app/desk/staff-context.ts';
import { verifyAudit } from '../../src/app/workflow/verify-audit.ts';
import { act, caseRow, deskOf, deskWorld, expectRedirect, formsOf, JPEG, pageText, pdfNamed, pdfText, PNG, walkIn, where, type Desk, type DeskWorld } from '../helpers/desk.ts';

let world: DeskWorld;
let desk: Desk;
before(async () => {
  // Monday 4 May 2026, 08.30 WITA / 07.30 WIB.
  world = await deskWorld('2026-05-04T00:30:00Z');
  desk = deskOf(world);
});
after(async () => world.close());

const db = () => world.database.db;
const docsOf = async (caseId: string) => db().selectFrom('case_documents').select(['id', 'requirement_id', 'superseded_at']).where('case_id', '=', caseId).orderBy('id').execute();
const userId = async (username: string) => (await db().selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const auditOf = async (caseId: string) => db().selectFrom('audit_events').select(['action', 'data', 'acting_for', 'note']).where('case_id', '=', caseId).orderBy('seq').execute();

function codeFor(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: world.clock.now.getTime() });
}

async function verdicts(username: string, caseId: string, marks: Record<string, [string, string?]>, all = 'sesuai') {
  const who = await desk.as(username);
  const page = await who.get(`/meja/permohonan/${caseId}`);
  const form = formsOf(page.body).find((f) => f.action.endsWith('/verifikasi'));
  assert.ok(form, `${username} should be offered the requirement check`);
  const values: Record<string, string | string[]> = { step: form.fields.step![0]!, requirement: form.fields.requirement! };
  for (const id of form.fields.requirement!) {
    const [verdict, note] = marks[id] ?? [all];
    values[`verdict-${id}`] = verdict;
    if (note) values[`note-${id}`] = note;
  }
  expectRedirect(await who.post(`/meja/permohonan/${caseId}/verifikasi`, values), 'verdicts');
}

describe('Pekanbaru — SIPATLM (seed 003) at the desk', () => {
  it('registers a walk-in renewal, returns it with a per-requirement note, takes the correction at the counter, runs the paraf chain with a draft sent back, signs with a second factor, numbers and hands over', async () => {
    const fo = 'pekanbaru.front-office';
    const { caseId, requirements } = await walkIn(desk, fo, {
      service: 'sipatlm', type: 'perpanjangan', identifier: '1471025505920002', queueNumber: 'A-017',
      applicant: { applicantId: 'baru', name: 'Rina Marlina', phone: '081234567001', address: 'Jl. Sudirman 1, Pekanbaru' },
      seen: ['surat-izin-praktik-asli'],
    });
    assert.ok(requirements.includes('surat-izin-praktik-asli'), 'the renewal-only requirement is on the checklist');
    assert.equal(await where(world, caseId), 2);
    const c = await caseRow(world, caseId);
    assert.equal(c.channel, 'counter');
    const docs = await db().selectFrom('case_documents').select(['requirement_id', 'media_type']).where('case_id', '=', caseId).execute();
    assert.equal(docs.length, requirements.length - 1, 'one scan per requirement, the original of the old permit seen instead');
    assert.deepEqual((await db().selectFrom('counter_intakes').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow()).originals_seen, ['surat-izin-praktik-asli']);

    // The receipt prints; the case page shows the queue number and previews each scan.
    const frontOffice = await desk.as(fo);
    const receipt = await frontOffice.get(`/meja/permohonan/${caseId}/tanda-terima.pdf`);
    assert.equal(receipt.statusCode, 200);
    assert.equal(receipt.headers['content-type'], 'application/pdf');
    assert.ok(receipt.rawPayload.subarray(0, 5).toString() === '%PDF-');
    const page = await frontOffice.get(`/meja/permohonan/${caseId}`);
    assert.ok(page.body.includes('A-017'));
    assert.match(page.body, /<iframe src="\/meja\/berkas\/\d+" title="Pratinjau Foto copy STR/);
    assert.ok(page.body.includes('1471025505920002'), 'the office sees the NIK in full');

    // STR needs correcting: the file goes back with that note, and the clock has not started.
    await verdicts(fo, caseId, { str: ['perlu_perbaikan', 'STR belum dilegalisir basah'] });
    await act(desk, fo, caseId, 'return-to-applicant', { outcome: 'tidak-lengkap', reason: 'Berkas belum lengkap', expect: 'applicant' });
    const returned = (await auditOf(caseId)).find((e) => e.action === 'return-to-applicant')!;
    assert.deepEqual((returned.data as { corrections: unknown }).corrections, [{ requirement: 'str', note: 'STR belum dilegalisir basah' }]);
    const waiting = await frontOffice.get(`/meja/permohonan/${caseId}`);
    assert.ok(waiting.body.includes('STR belum dilegalisir basah'), 'the page lists the corrections asked');

    // The applicant brings the legalised STR to the counter.
    world.clock.tick(60);
    const corrected = await frontOffice.postMultipart(`/meja/permohonan/${caseId}/perbaikan`, { note: 'STR sudah dilegalisir' }, [{ field: 'str', name: 'str-legalisir.png', type: 'image/png', bytes: PNG }]);
    expectRedirect(corrected, 'correction at the counter');
    assert.equal(await where(world, caseId), 2);
    const str = await db().selectFrom('case_documents').select(['media_type', 'superseded_at']).where('case_id', '=', caseId).where('requirement_id', '=', 'str').orderBy('id').execute();
    assert.deepEqual(str.map((d) => [d.media_type, d.superseded_at === null]), [['application/pdf', false], ['image/png', true]]);
    assert.match((await frontOffice.get(`/meja/permohonan/${caseId}`)).body, /<img src="\/meja\/berkas\/\d+" alt="Pindaian Foto copy STR/);

    await verdicts(fo, caseId, {});
    await act(desk, fo, caseId, 'decide', { outcome: 'lengkap', expect: 3 });
    assert.ok((await caseRow(world, caseId)).clock_started_at, 'the clock starts on the complete file');

    // The back office drafts; the draft prints unnumbered.
    const bo = await desk.as('pekanbaru.back-office');
    const draft = await bo.get(`/meja/permohonan/${caseId}/draf.pdf`);
    assert.equal(draft.statusCode, 200);
    assert.equal(draft.headers['content-type'], 'application/pdf');
    await act(desk, 'pekanbaru.back-office', caseId, 'complete', { expect: 4 });
    await act(desk, 'pekanbaru.analis-kebijakan-ahli-muda', caseId, 'paraf', { outcome: 'paraf', expect: 5 });
    await act(desk, 'pekanbaru.analis-kebijakan-ahli-madya', caseId, 'paraf', { outcome: 'paraf', expect: 6 });
    await act(desk, 'pekanbaru.sekretaris', caseId, 'return', { outcome: 'perbaiki-draf', reason: 'Tanggal lahir tidak sesuai STR', expect: 3 });
    await act(desk, 'pekanbaru.back-office', caseId, 'complete', { expect: 4 });
    await act(desk, 'pekanbaru.analis-kebijakan-ahli-muda', caseId, 'paraf', { outcome: 'paraf', expect: 5 });
    await act(desk, 'pekanbaru.analis-kebijakan-ahli-madya', caseId, 'paraf', { outcome: 'paraf', expect: 6 });
    await act(desk, 'pekanbaru.sekretaris', caseId, 'paraf', { outcome: 'paraf', expect: 7 });

    // The paraf sheet: who initialled when, and the draft sent back with its note.
    const sheet = pageText((await bo.get(`/meja/permohonan/${caseId}/paraf`)).body);
    assert.match(sheet, /Paraf JF Analis Kebijakan Ahli Muda .*Demo JF Analis Kebijakan Ahli Muda/);
    assert.ok(sheet.includes('Tanggal lahir tidak sesuai STR'));
    assert.equal((sheet.match(/ Paraf Demo /g) ?? []).length + (sheet.match(/Paraf Demo/g) ?? []).length > 0, true);

    // The office admin makes a second factor mandatory for signing; the head of office enrols.
    const admin = await desk.as('pekanbaru.admin-kantor');
    expectRedirect(await admin.post('/meja/admin/pengaturan', { requireSecondFactor: 'ya' }), 'setting');
    const kadis = await desk.as('pekanbaru.kepala-dinas');
    const signList = await kadis.get('/meja/tanda-tangan');
    assert.ok(signList.body.includes(`value="${caseId}:7"`), 'the case waits on the signature list');
    const refused = await kadis.post('/meja/tanda-tangan', { item: `${caseId}:7`, secondFactor: '123456' });
    assert.equal(refused.statusCode, 403, 'not enrolled: the office requires a second factor');
    assert.equal(await where(world, caseId), 7);
    const account = await kadis.get('/meja/akun');
    const secret = /<code class="secret">([A-Z2-7]{32})<\/code>/.exec(account.body)![1]!;
    assert.ok(account.body.includes(`otpauth://totp/satupintu:pekanbaru.kepala-dinas?issuer=satupintu&amp;secret=${secret}`));
    expectRedirect(await kadis.post('/meja/akun/dua-langkah', { secret, code: codeFor(secret) }), 'enrolment');
    world.clock.tick(1);
    const wrong = await kadis.post('/meja/tanda-tangan', { item: `${caseId}:7`, secondFactor: '000000' });
    assert.equal(wrong.statusCode, 422);
    assert.equal(await where(world, caseId), 7, 'a wrong code signs nothing');
    const code = codeFor(secret);
    const signed = await kadis.post('/meja/tanda-tangan', { item: `${caseId}:7`, secondFactor: code });
    assert.equal(signed.statusCode, 200);
    const permit = await db().selectFrom('permits').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    assert.match(pageText(signed.body), new RegExp(`ditandatangani, nomor ${permit.number.replace(/\//g, '\\/')}`));
    assert.equal(await where(world, caseId), 8);
    world.clock.tick(1);

    // Tata usaha (here the back office) registers the number; the front office hands it over.
    await act(desk, 'pekanbaru.back-office', caseId, 'number', { expect: 9 });
    assert.ok((await bo.get(`/meja/permohonan/${caseId}`)).body.includes(permit.number));
    const handover = await frontOffice.post(`/meja/permohonan/${caseId}/penyerahan`, { step: 9, mode: 'in_person', collectorName: 'Rina Marlina', collectorRelation: 'pemohon', identityChecked: 'ya', receiptSigned: 'ya' });
    expectRedirect(handover, 'handover');
    assert.equal(await where(world, caseId), 'completed');
    const record = await db().selectFrom('permit_handovers').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    assert.deepEqual([record.mode, record.collector_name, record.identity_checked, record.receipt_signed], ['in_person', 'Rina Marlina', true, true]);
    assert.ok((await frontOffice.get(`/meja/permohonan/${caseId}`)).body.includes('identitas diperiksa, tanda terima ditandatangani'));

    const register = pageText((await bo.get('/meja/register')).body);
    assert.ok(register.includes(permit.number) && register.includes((await caseRow(world, caseId)).tracking_code));

    // The archive sheet kept with the office's copy: the paraf sheet and the kartu kendali.
    const caseView = await bo.get(`/meja/permohonan/${caseId}`);
    assert.ok(caseView.body.includes(`href="/meja/permohonan/${caseId}/arsip.pdf"`));
    const archive = await bo.get(`/meja/permohonan/${caseId}/arsip.pdf`);
    assert.equal(archive.headers['content-type'], 'application/pdf');
    const archiveText = pdfText(archive.rawPayload).replace(/\s+/g, ' ');
    for (const expected of [permit.number, (await caseRow(world, caseId)).tracking_code, 'LEMBAR PARAF', 'KARTU KENDALI', 'Demo Kepala Dinas', 'Penomoran', 'Kembalikan untuk']) {
      assert.ok(archiveText.includes(expected), `the archive sheet names ${expected}`);
    }
    assert.ok(!/ (complete|number|handover) /.test(archiveText), 'results in words, not action codes');

    // The walk-in applicant has no account: the counter types in the survey answered on paper.
    assert.ok(caseView.body.includes(`href="/meja/permohonan/${caseId}/survei"`));
    const surveyForm = await frontOffice.get(`/meja/permohonan/${caseId}/survei`);
    assert.equal(surveyForm.statusCode, 200);
    assert.ok(surveyForm.body.includes('kesesuaian persyaratan pelayanan'));
    const badSurvey = await frontOffice.post(`/meja/permohonan/${caseId}/survei`, { unsur1: '7' });
    assert.equal(badSurvey.statusCode, 422);
    expectRedirect(await frontOffice.post(`/meja/permohonan/${caseId}/survei`, { unsur1: '4', unsur3: '3', education: 'sma', comment: 'Petugas ramah' }), 'paper survey');
    const stored = await db().selectFrom('ikm_responses as r').innerJoin('ikm_answers as a', 'a.response_id', 'r.id')
      .select(['r.channel', 'r.service_slug', 'r.respondent_education', 'a.unsur', 'a.score']).where('r.office_id', '=', 'pekanbaru').orderBy('a.unsur').execute();
    assert.deepEqual(stored.map((r) => [r.channel, r.service_slug, r.respondent_education, r.unsur, r.score]), [['counter', 'sipatlm', 'sma', 1, 4], ['counter', 'sipatlm', 'sma', 3, 3]]);
    assert.equal((await frontOffice.post(`/meja/permohonan/${caseId}/survei`, { unsur1: '1' })).statusCode, 409, 'once per application');
    assert.ok((await frontOffice.get(`/meja/permohonan/${caseId}/survei`)).body.includes('Survei untuk permohonan ini sudah diisi.'));
  });
});

describe('Kaltim — Izin Laboratorium Klinik (seed 000) at the desk', () => {
  it('takes an application sent through the API through verification with a correction round, the technical recommendation, a draft sent back, a signature by an acting head (Plt.), numbering and electronic delivery', async () => {
    const { token } = await createApiToken(db(), 'pemohon.demo', 'uji meja');
    const submit = await world.app.inject({
      method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${token}` },
      payload: { office: 'kaltim', service: 'izin-laboratorium-klinik', applicationType: 'baru', channel: 'api', applicant: { kind: 'person', name: 'Siti Rahmawati', nik: '6472015708900003', phone: '081234567890' } },
    });
    assert.equal(submit.statusCode, 201, submit.body);
    const caseId = String(submit.json().caseId);
    assert.equal(await where(world, caseId), 4);

    // The technical team cannot open the case before it is sent to them.
    const tim = await desk.as('kaltim.tim-teknis-dinkes');
    assert.equal((await tim.get(`/meja/permohonan/${caseId}`)).statusCode, 404);

    await act(desk, 'kaltim.petugas-cs', caseId, 'decide', { outcome: 'lengkap', expect: 6 });
    await act(desk, 'kaltim.petugas-loket-pendaftaran', caseId, 'complete', { expect: 7 });
    await verdicts('kaltim.verifikator', caseId, { 'denah-lokasi-bangunan': ['perlu_perbaikan', 'Denah bangunan belum ada'], 'sppl-uk': ['tidak_ada'] });
    await act(desk, 'kaltim.verifikator', caseId, 'decide', { outcome: 'tidak-lengkap', reason: 'Berkas belum lengkap', expect: 8 });
    const decided = (await auditOf(caseId)).filter((e) => e.action === 'decide').pop()!;
    assert.deepEqual((decided.data as { corrections: unknown }).corrections, [
      { requirement: 'denah-lokasi-bangunan', note: 'Denah bangunan belum ada' }, { requirement: 'sppl-uk', note: 'Dokumen tidak ada' },
    ]);
    await act(desk, 'kaltim.petugas-penghubung', caseId, 'complete', { expect: 'applicant' });

    // The applicant answers through the API.
    world.clock.tick(30);
    const resubmit = await world.app.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/actions/resubmit`, headers: { authorization: `Bearer ${token}` }, payload: { note: 'Denah dan SPPL dilampirkan' } });
    assert.equal(resubmit.statusCode, 200, resubmit.body);
    assert.equal(await where(world, caseId), 7);
    await verdicts('kaltim.verifikator', caseId, {});
    await act(desk, 'kaltim.verifikator', caseId, 'decide', { outcome: 'lengkap', expect: 9 });
    await act(desk, 'kaltim.petugas-penghubung', caseId, 'complete', { expect: 10 });

    // Now sent to the technical team: it appears on their worklist and they record the pertek.
    const list = await tim.get('/meja');
    assert.ok(list.body.includes(`/meja/permohonan/${caseId}`));
    const timPage = await tim.get(`/meja/permohonan/${caseId}`);
    assert.equal(timPage.statusCode, 200);
    assert.ok(!timPage.body.includes('6472015708900003') && timPage.body.includes('************0003'), 'the technical agency sees the NIK masked');
    world.clock.tick(60);
    const noLetter = await tim.postMultipart(`/meja/permohonan/${caseId}/rekomendasi`, { step: 10, result: 'recommended' });
    assert.equal(noLetter.statusCode, 422);
    const notPdf = await tim.postMultipart(`/meja/permohonan/${caseId}/rekomendasi`, { step: 10, result: 'recommended' }, [{ field: 'letter', name: 'surat.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('MZ not a pdf') }]);
    assert.equal(notPdf.statusCode, 422);
    assert.equal(await where(world, caseId), 10, 'nothing moves on a refused form');
    const letter = pdfNamed('letter', 'pertek-dinkes.pdf', 'rekomendasi teknis');
    const rec = await tim.postMultipart(`/meja/permohonan/${caseId}/rekomendasi`, {
      step: 10, result: 'recommended_with_conditions', conditions: 'Menyediakan alat pemadam api ringan\nMelaporkan hasil pemantapan mutu setiap tahun',
      inspectionDate: '2026-05-04', inspectionTeam: 'dr. Andi Pratama\nNurul Hidayah, S.KM.', findings: 'Ruang laboratorium sesuai denah; alat lengkap.',
    }, [letter]);
    expectRedirect(rec, 'recommendation');
    assert.equal(await where(world, caseId), 11);
    const recEvent = (await auditOf(caseId)).find((e) => e.action === 'record-recommendation')!;
    const data = recEvent.data as { outcome: string; recommendation: { result: string; documentHash: string; inspection: { team: string[] } } };
    assert.equal(data.outcome, 'direkomendasikan-dengan-syarat');
    assert.equal(data.recommendation.result, 'recommended_with_conditions');
    assert.deepEqual(data.recommendation.inspection.team, ['dr. Andi Pratama', 'Nurul Hidayah, S.KM.']);
    const letterRow = await db().selectFrom('case_documents').selectAll().where('case_id', '=', caseId).where('kind', '=', 'technical_recommendation').executeTakeFirstOrThrow();
    assert.equal(letterRow.storage_key, data.recommendation.documentHash);
    assert.ok((await caseRow(world, caseId)).clock_started_at, 'the clock starts on receipt of the recommendation');

    // Drafting and the paraf chain, with the head of division sending the draft back.
    const adm = await desk.as('kaltim.petugas-administrasi');
    assert.equal((await adm.get(`/meja/permohonan/${caseId}/draf.pdf`)).statusCode, 200);
    assert.ok(pageText((await adm.get(`/meja/permohonan/${caseId}`)).body).includes('Menyediakan alat pemadam api ringan'), 'the conditions are on the case page for the draft');
    await act(desk, 'kaltim.petugas-administrasi', caseId, 'complete', { expect: 12 });
    await act(desk, 'kaltim.kasi-layanan', caseId, 'paraf', { outcome: 'paraf', expect: 13 });
    await act(desk, 'kaltim.kabid-layanan', caseId, 'return', { outcome: 'perbaiki-draf', reason: 'Nama penanggung jawab salah ketik', expect: 11 });
    await act(desk, 'kaltim.petugas-administrasi', caseId, 'complete', { expect: 12 });
    await act(desk, 'kaltim.kasi-layanan', caseId, 'paraf', { outcome: 'paraf', expect: 13 });
    await act(desk, 'kaltim.kabid-layanan', caseId, 'paraf', { outcome: 'paraf', expect: 14 });

    // The head of office is away: the administrator makes the head of division Plt. for today.
    const admin = await desk.as('kaltim.admin-kantor');
    const adminPage = await admin.get('/meja/admin');
    const kabidId = (await db().selectFrom('users').select('id').where('username', '=', 'kaltim.kabid-layanan').executeTakeFirstOrThrow()).id;
    assert.ok(adminPage.body.includes(`value="${kabidId}"`));
    expectRedirect(await admin.post('/meja/admin/pelaksana', { position: 'kepala-dinas', user: kabidId, kind: 'plt', from: '2026-05-04', to: '2026-05-08' }), 'acting assignment');
    await act(desk, 'kaltim.kabid-layanan', caseId, 'sign', { outcome: 'tandatangani', expect: 15 });
    const permit = await db().selectFrom('permits').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(permit.acting_for, 'plt:kepala-dinas');
    assert.equal(permit.signatory_position, 'kepala-dinas');
    const sheet = pageText((await adm.get(`/meja/permohonan/${caseId}/paraf`)).body);
    assert.match(sheet, /Tanda tangan .*Demo Kepala Bidang Layanan Perizinan dan Non Perizinan Plt\. Kepala Dinas/);

    await act(desk, 'kaltim.petugas-tata-usaha', caseId, 'number', { expect: 16 });
    const tu = await desk.as('kaltim.petugas-tata-usaha');
    assert.ok((await tu.get(`/meja/permohonan/${caseId}`)).body.includes(permit.number), 'the number is shown');
    const pickup = await desk.as('kaltim.petugas-loket-pengambilan');
    expectRedirect(await pickup.post(`/meja/permohonan/${caseId}/penyerahan`, { step: 16, mode: 'electronic', deliveredTo: 'siti@example.test' }), 'electronic delivery');
    assert.equal(await where(world, caseId), 'completed');
    // Closing the case queues the applicant's "completed" mail, which invites them to the IKM survey.
    const closing = await db().selectFrom('outbox').select('topic').where('case_id', '=', caseId).where('topic', '=', 'completed').execute();
    assert.equal(closing.length, 1, 'the survey invitation is queued once');
    assert.ok((await db().selectFrom('permits').select('handed_over_at').where('id', '=', permit.id).executeTakeFirstOrThrow()).handed_over_at);
  });
});

describe('Kaltim — Izin Penyalur Alat Kesehatan (seed 002) at the desk', () => {
  it('registers a company at the counter with its conditional requirements, sends it through the help desk, and ends rejected when the technical team does not recommend', async () => {
    const { caseId, requirements } = await walkIn(desk, 'kaltim.petugas-cs', {
      service: 'izin-penyalur-alat-kesehatan', identifier: '9120301234567', answers: ['pma', 'elektromedik'],
      applicant: { applicantId: 'baru', companyName: 'PT Alkes Borneo Sejahtera', name: 'Budi Santoso', npwp: '01.234.567.8-722.000', phone: '0541 123456' },
    });
    const def = await db().selectFrom('service_versions').select('definition').where('office_id', '=', 'kaltim').where('slug', '=', 'izin-penyalur-alat-kesehatan').executeTakeFirstOrThrow();
    const conditional = (def.definition as { requirements: { id: string; when?: string[] }[] }).requirements.filter((r) => r.when?.length);
    const pmaOnly = conditional.filter((r) => r.when!.every((w) => w === 'pma' || w === 'elektromedik')).map((r) => r.id);
    assert.ok(pmaOnly.length > 0 && pmaOnly.every((r) => requirements.includes(r)), 'the PMA and electromedical requirements are asked');
    assert.ok(!conditional.filter((r) => r.when!.includes('radiasi')).some((r) => requirements.includes(r.id)), 'radiation requirements are not');
    const applicant = await db().selectFrom('applicants as a').innerJoin('cases as c', 'c.applicant_id', 'a.id').select(['a.kind', 'a.company_name', 'a.nib']).where('c.id', '=', caseId).executeTakeFirstOrThrow();
    assert.deepEqual(applicant, { kind: 'company', company_name: 'PT Alkes Borneo Sejahtera', nib: '9120301234567' });

    await act(desk, 'kaltim.petugas-cs', caseId, 'decide', { outcome: 'perlu-bantuan', expect: 5 });
    await act(desk, 'kaltim.petugas-cs', caseId, 'complete', { expect: 4 });
    await act(desk, 'kaltim.petugas-cs', caseId, 'decide', { outcome: 'lengkap', expect: 6 });
    await act(desk, 'kaltim.petugas-loket-pendaftaran', caseId, 'complete', { expect: 7 });
    await act(desk, 'kaltim.verifikator', caseId, 'decide', { outcome: 'lengkap', expect: 9 });
    await act(desk, 'kaltim.petugas-penghubung', caseId, 'complete', { expect: 10 });
    const tim = await desk.as('kaltim.tim-teknis-dinkes');
    const noReason = await tim.postMultipart(`/meja/permohonan/${caseId}/rekomendasi`, { step: 10, result: 'not_recommended' }, [pdfNamed('letter')]);
    assert.equal(noReason.statusCode, 422, 'a refusal needs a reason');
    expectRedirect(await tim.postMultipart(`/meja/permohonan/${caseId}/rekomendasi`, { step: 10, result: 'not_recommended', reason: 'Gudang tidak memenuhi cara distribusi yang baik', inspectionDate: '2026-05-04', inspectionTeam: 'Ir. Wahyu', findings: 'Suhu gudang tidak terkendali' }, [pdfNamed('letter', 'penolakan.pdf')]), 'not recommended');
    assert.equal(await where(world, caseId), 'rejected');
    const page = pageText((await tim.get(`/meja/permohonan/${caseId}`)).body);
    assert.ok(page.includes('Tidak direkomendasikan') && page.includes('Suhu gudang tidak terkendali'));
  });

  it('and when recommended, runs to handover', async () => {
    const { caseId } = await walkIn(desk, 'kaltim.petugas-loket-pendaftaran', {
      service: 'izin-penyalur-alat-kesehatan', identifier: '9120301234567', answers: [],
      applicant: {}, // the company registered before is found by its NIB and chosen
    });
    assert.equal((await db().selectFrom('applicants').select('id').where('nib', '=', '9120301234567').execute()).length, 1, 'the existing company is reused');
    await act(desk, 'kaltim.petugas-cs', caseId, 'decide', { outcome: 'lengkap', expect: 6 });
    await act(desk, 'kaltim.petugas-loket-pendaftaran', caseId, 'complete', { expect: 7 });
    await act(desk, 'kaltim.verifikator', caseId, 'decide', { outcome: 'lengkap', expect: 9 });
    await act(desk, 'kaltim.petugas-penghubung', caseId, 'complete', { expect: 10 });
    const tim = await desk.as('kaltim.tim-teknis-dinkes');
    expectRedirect(await tim.postMultipart(`/meja/permohonan/${caseId}/rekomendasi`, { step: 10, result: 'recommended' }, [pdfNamed('letter', 'pertek.pdf')]), 'recommended');
    assert.equal(await where(world, caseId), 11);
    await act(desk, 'kaltim.petugas-administrasi', caseId, 'complete', { expect: 12 });
    await act(desk, 'kaltim.kasi-layanan', caseId, 'paraf', { outcome: 'paraf', expect: 13 });
    await act(desk, 'kaltim.kabid-layanan', caseId, 'paraf', { outcome: 'paraf', expect: 14 });
    await act(desk, 'kaltim.kepala-dinas', caseId, 'sign', { outcome: 'tandatangani', expect: 15 });
    await act(desk, 'kaltim.petugas-tata-usaha', caseId, 'number', { expect: 16 });
    const pickup = await desk.as('kaltim.petugas-loket-pengambilan');
    expectRedirect(await pickup.post(`/meja/permohonan/${caseId}/penyerahan`, { step: 16, mode: 'in_person', collectorName: 'Dewi Lestari', collectorRelation: 'karyawan', identityChecked: 'ya' }), 'handover');
    assert.equal(await where(world, caseId), 'completed');
  });
});

describe('Bombana — Izin Praktek Perekam Medis (seed 004) at the desk', () => {
  it('registers a walk-in, returns it from the back office, takes the correction at the counter, signs the cover letter, records the health office’s consideration, runs the paraf chain and hands over', async () => {
    const fo = 'bombana.front-office';
    const { caseId } = await walkIn(desk, fo, {
      service: 'izin-praktek-perekam-medis', identifier: '7406014409950001',
      applicant: { applicantId: 'baru', name: 'Wa Ode Sitti', phone: '085241000111', address: 'Kasipute, Rumbia' },
      files: undefined,
    });
    assert.equal(await where(world, caseId), 2);
    const tim = await desk.as('bombana.tim-teknis-dinkes');
    assert.equal((await tim.get(`/meja/permohonan/${caseId}`)).statusCode, 404, 'not sent to the health office yet');

    await act(desk, fo, caseId, 'complete', { expect: 3 });
    await verdicts('bombana.back-office', caseId, { 'surat-keterangan-sehat': ['tidak_ada'] });
    await act(desk, 'bombana.back-office', caseId, 'return-to-applicant', { outcome: 'tidak-lengkap', reason: 'Surat keterangan sehat belum ada', expect: 'applicant' });
    const frontOffice = await desk.as(fo);
    world.clock.tick(45);

    // A correction whose scan cannot be stored (here a storage key the table refuses) changes
    // nothing: the case still waits on the applicant, with its history and its scans as they were.
    const before = { audit: (await auditOf(caseId)).length, docs: await docsOf(caseId) };
    const staff = await loadStaffContext(db(), (await userId('bombana.front-office')), world.clock.now);
    const broken = { field: 'surat-keterangan-sehat', storageKey: 'not-a-sha256', fileName: 'sehat.jpg', mediaType: 'image/jpeg' as const, sizeBytes: JPEG.length };
    await assert.rejects(resubmitAtCounter(db(), staff, caseId, undefined, [broken], world.clock.now));
    assert.equal(await where(world, caseId), 'applicant');
    assert.equal((await auditOf(caseId)).length, before.audit);
    assert.deepEqual(await docsOf(caseId), before.docs);
    assert.equal((await db().selectFrom('case_pauses').select('resumed_at').where('case_id', '=', caseId).executeTakeFirstOrThrow()).resumed_at, null, 'the clock still paused');

    expectRedirect(await frontOffice.postMultipart(`/meja/permohonan/${caseId}/perbaikan`, {}, [{ field: 'surat-keterangan-sehat', name: 'sehat.jpg', type: 'image/jpeg', bytes: JPEG }]), 'correction');
    assert.equal(await where(world, caseId), 2);
    await act(desk, fo, caseId, 'complete', { expect: 3 });
    await act(desk, 'bombana.back-office', caseId, 'decide', { outcome: 'lengkap', expect: 4 });
    await act(desk, 'bombana.back-office', caseId, 'complete', { expect: 5 });
    await act(desk, 'bombana.back-office', caseId, 'complete', { expect: 6 });
    await act(desk, 'bombana.kabid-pelayanan', caseId, 'return', { outcome: 'perbaiki-draf', reason: 'Alamat Dinas Kesehatan keliru', expect: 5 });
    await act(desk, 'bombana.back-office', caseId, 'complete', { expect: 6 });
    await act(desk, 'bombana.kabid-pelayanan', caseId, 'paraf', { outcome: 'paraf', expect: 7 });
    // The Kadis reads the cover letter the Kabid initialled: to the health office, about this
    // applicant, with the files that go along; unsigned yet.
    const kadis = await desk.as('bombana.kepala-dinas');
    const kadisPage = await kadis.get(`/meja/permohonan/${caseId}`);
    assert.ok(kadisPage.body.includes(`href="/meja/permohonan/${caseId}/surat-pengantar.pdf"`), 'the case page links the cover letter');
    const draftLetter = await kadis.get(`/meja/permohonan/${caseId}/surat-pengantar.pdf`);
    assert.equal(draftLetter.headers['content-type'], 'application/pdf');
    const draftText = pdfText(draftLetter.rawPayload);
    const code = (await caseRow(world, caseId)).tracking_code;
    for (const s of ['Permohonan Pertimbangan Teknis Izin Praktek Perekam Medis', 'Kepala Dinas Kesehatan Kabupaten Bombana', 'Wa Ode Sitti', code]) assert.ok(draftText.includes(s), `${s} in the cover letter: ${draftText}`);
    // The cover letter is signed; no permit number is taken for a letter.
    await act(desk, 'bombana.kepala-dinas', caseId, 'sign', { outcome: 'tandatangani', expect: 8 });
    assert.equal((await db().selectFrom('permits').select('id').where('case_id', '=', caseId).execute()).length, 0);
    await act(desk, 'bombana.back-office', caseId, 'complete', { expect: 9 });

    assert.equal((await tim.get(`/meja/permohonan/${caseId}`)).statusCode, 200, 'sent to the health office now');
    const signedLetter = pdfText((await tim.get(`/meja/permohonan/${caseId}/surat-pengantar.pdf`)).rawPayload);
    assert.ok(signedLetter.includes('4 Mei 2026') && signedLetter.includes('Demo Kepala Dinas'), `the health office reads the signed letter: ${signedLetter}`);
    expectRedirect(await tim.postMultipart(`/meja/permohonan/${caseId}/rekomendasi`, { step: 9, result: 'recommended', inspectionDate: '2026-05-04', inspectionTeam: 'dr. La Ode Rahman', findings: 'Dokumen sesuai' }, [pdfNamed('letter', 'pertimbangan-teknis.pdf')]), 'technical consideration');
    assert.equal(await where(world, caseId), 10);
    await act(desk, 'bombana.kepala-dinas', caseId, 'complete', { expect: 11 });
    await act(desk, 'bombana.kabid-pelayanan', caseId, 'complete', { expect: 12 });
    await act(desk, 'bombana.back-office', caseId, 'complete', { expect: 13 });
    await act(desk, 'bombana.kepala-seksi', caseId, 'paraf', { outcome: 'paraf', expect: 14 });
    await act(desk, 'bombana.kabid-pelayanan', caseId, 'paraf', { outcome: 'paraf', expect: 15 });
    await act(desk, 'bombana.sekretaris-dinas', caseId, 'paraf', { outcome: 'paraf', expect: 16 });
    await act(desk, 'bombana.kepala-dinas', caseId, 'sign', { outcome: 'tandatangani', expect: 17 });
    const permit = await db().selectFrom('permits').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    assert.match(permit.number, /^503\/\d{3}\/SIPRM\/DPMPTSP\/V\/2026$/);
    await act(desk, 'bombana.staf-sekretariat', caseId, 'number', { expect: 18 });
    expectRedirect(await frontOffice.post(`/meja/permohonan/${caseId}/penyerahan`, { step: 18, mode: 'in_person', collectorName: 'La Ode Baru', collectorRelation: 'kuasa', identityChecked: 'ya' }), 'handover');
    assert.equal(await where(world, caseId), 'completed');
    const card = pageText((await frontOffice.get(`/meja/permohonan/${caseId}`)).body);
    assert.ok(card.includes('Kartu kendali') && card.includes('Alamat Dinas Kesehatan keliru'));
  });
});

describe('the audit trail of the desk’s cases', () => {
  it('verifies, chain by chain', async () => {
    const r = await verifyAudit(db());
    assert.equal(r.firstBreak, null);
    assert.ok(r.cases >= 5);
  });
});
