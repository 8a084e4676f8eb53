// Following a case in the portal: a return for correction (notes from the history, replacing
// only the files asked about, resubmitting once), the applicant mails of the outbox channel
// through a real SMTP server, the permit download, a rejection with its reasons and legal basis,
// the IKM survey stored by element, and complaints.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pendingPermitDocuments, producePermitDocument } from '../../src/app/permits/produce-permit-document.ts';
import { renderPermitForSigning } from '../../src/infra/documents/permit-renderer.ts';
import { selectSigner } from '../../src/infra/signing/select-signer.ts';
import { portalMailChannel } from '../../src/web/portal/routes.ts';
import { actOnStep } from '../../src/app/workflow/act-on-step.ts';
import { Client, csrfOf, dispatchMail, fakeExe, fillDraft, location, mainOf, PERSON, registerVerifiedApplicant, startPortal, submitDraftPage, tinyPdf, tinyPng, waitForMail, type PortalHarness } from '../helpers/portal.ts';
import { actorNamed, drive } from '../helpers/workflow.ts';

const PASSWORD = 'kata-sandi-rahasia-1';
let h: PortalHarness;
let citra: Client;
let eko: Client;
let caseId: string;
let code: string;
before(async () => {
  h = await startPortal({ now: new Date('2026-03-09T02:00:00Z') });
  citra = await registerVerifiedApplicant(h, 'citra@example.test');
  eko = await registerVerifiedApplicant(h, 'eko@example.test');
  const { draft } = await fillDraft(citra, 'pekanbaru', 'sipatlm');
  caseId = /\/permohonan\/(\d+)\//.exec(location(await submitDraftPage(citra, draft)))![1]!;
  code = (await h.database.db.selectFrom('cases').select('tracking_code').where('id', '=', caseId).executeTakeFirstOrThrow()).tracking_code;
});
after(async () => {
  await h.close();
});

const dispatch = () => dispatchMail(h, portalMailChannel({ db: h.database.db, mailer: h.mailer, publicUrl: h.publicUrl }));
const fileUpload = (url: string, c: Client, file: { fileName: string; type: string; bytes: Uint8Array }) => c.get(url).then((p) => c.postMultipart(url, { _csrf: csrfOf(p.body) }, { name: 'berkas', ...file }));

describe('a return for correction', () => {
  before(async () => {
    const fo = await actorNamed(h.database.db, 'pekanbaru.front-office');
    await actOnStep(h.database.db, fo, caseId, 'decide', {
      step: 2, outcome: 'tidak-lengkap', reason: 'STR belum dilegalisir <b>basah</b>',
      corrections: [{ requirement: 'str', note: 'Legalisir STR di kantor penerbit <script>alert(1)</script>' }, { requirement: 'pas-foto', note: 'Pas foto harus berlatar merah' }],
    }, new Date('2026-03-09T03:00:00Z'));
    h.clock.now = new Date('2026-03-09T04:00:00Z');
  });

  it('mails the applicant: the name, the service, the code and the link, nothing more', async () => {
    const before = h.inbox.length;
    await dispatch();
    const mail = await waitForMail(h.inbox.slice(before), 'citra@example.test', /perlu Anda perbaiki/);
    assert.ok(mail.subject.includes(code));
    assert.ok(mail.text.includes(`Yth. ${PERSON.name},`));
    assert.ok(mail.text.includes(`https://satupintu.example/permohonan/${caseId}`));
    for (const secret of [PERSON.nik, PERSON.phone, PERSON.address, 'STR belum dilegalisir']) assert.ok(!mail.text.includes(secret), `no ${secret}`);
    const again = h.inbox.length;
    await dispatch();
    assert.equal(h.inbox.length, again, 'each message is mailed once');
  });

  it('the case page names what to correct, from the history, and offers only those files', async () => {
    const page = await citra.get(`/permohonan/${caseId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Menunggu perbaikan dari Anda'));
    assert.ok(page.body.includes('STR belum dilegalisir &lt;b&gt;basah&lt;/b&gt;'));
    assert.ok(page.body.includes('Legalisir STR di kantor penerbit &lt;script&gt;alert(1)&lt;/script&gt;') && !page.body.includes('<script>alert(1)'));
    assert.ok(page.body.includes(`href="/permohonan/${caseId}/perbaikan/str"`) && page.body.includes(`href="/permohonan/${caseId}/perbaikan/pas-foto"`));
    assert.ok(!page.body.includes(`/perbaikan/ktp"`));
    assert.equal((await citra.get(`/permohonan/${caseId}/perbaikan/ktp`)).statusCode, 404, 'a file not asked about cannot be replaced');
    assert.ok(page.body.includes('Dilanjutkan setelah Anda mengirim perbaikan'));
  });

  it('refuses to resubmit before the files asked for are replaced', async () => {
    const page = await citra.get(`/permohonan/${caseId}`);
    const res = await citra.post(`/permohonan/${caseId}/kirim-ulang`, { _csrf: csrfOf(page.body) });
    assert.equal(res.statusCode, 400);
    assert.ok(res.body.includes('Unggah berkas perbaikan dulu untuk: Pas Foto 3x4 sebanyak 2 lembar; Foto copy STR yang dilegalisir basah'));
  });

  it('replaces the files with the same upload rules; others cannot touch them', async () => {
    const exe = await fileUpload(`/permohonan/${caseId}/perbaikan/str`, citra, { fileName: 'str.pdf', type: 'application/pdf', bytes: fakeExe });
    assert.equal(exe.statusCode, 422);
    assert.ok(exe.body.includes('program komputer'));
    assert.equal(location(await fileUpload(`/permohonan/${caseId}/perbaikan/str`, citra, { fileName: 'str-legalisir.pdf', type: 'application/pdf', bytes: await tinyPdf('legalisir') })), `/permohonan/${caseId}#perbaikan`);
    const foreign = await eko.postMultipart(`/permohonan/${caseId}/perbaikan/pas-foto`, { _csrf: await eko.csrf() }, { name: 'berkas', fileName: 'x.png', type: 'image/png', bytes: tinyPng });
    assert.equal(foreign.statusCode, 404);
    const noCsrf = await citra.postMultipart(`/permohonan/${caseId}/perbaikan/pas-foto`, {}, { name: 'berkas', fileName: 'x.png', type: 'image/png', bytes: tinyPng });
    assert.equal(noCsrf.statusCode, 403);
    await fileUpload(`/permohonan/${caseId}/perbaikan/pas-foto`, citra, { fileName: 'foto.png', type: 'image/png', bytes: tinyPng });
    const str = await h.database.db.selectFrom('case_documents').select(['file_name', 'superseded_at', 'case_id']).where('case_id', '=', caseId).where('requirement_id', '=', 'str').orderBy('id').execute();
    assert.deepEqual(str.map((d) => [d.file_name, d.superseded_at === null]), [['str.pdf', false], ['str-legalisir.pdf', true]]);
  });

  it('resubmits once; a second resubmit is refused clearly', async () => {
    const page = await citra.get(`/permohonan/${caseId}`);
    assert.equal((await citra.post(`/permohonan/${caseId}/kirim-ulang`, { catatan: 'x' })).statusCode, 403);
    assert.equal((await eko.post(`/permohonan/${caseId}/kirim-ulang`, { _csrf: await eko.csrf() })).statusCode, 404);
    const long = await citra.post(`/permohonan/${caseId}/kirim-ulang`, { _csrf: csrfOf(page.body), catatan: 'x'.repeat(2001) });
    assert.equal(long.statusCode, 400);
    assert.ok(long.body.includes('Catatan paling banyak 2000 karakter') && long.body.includes('href="#catatan"'));
    // A double click: one resubmission, and the second click is told why nothing more happens.
    const clicks = await Promise.all([1, 2].map(() => citra.post(`/permohonan/${caseId}/kirim-ulang`, { _csrf: csrfOf(page.body), catatan: 'Sudah dilegalisir' })));
    const ok = clicks.find((r) => r.statusCode === 303)!;
    assert.equal(location(ok), `/permohonan/${caseId}`);
    const other = clicks.find((r) => r !== ok)!;
    assert.equal(other.statusCode, 409);
    assert.ok(other.body.includes('tidak sedang menunggu perbaikan dari Anda'));
    const resubmitted = await h.database.db.selectFrom('audit_events').select('seq').where('case_id', '=', caseId).where('action', '=', 'resubmitted').execute();
    assert.equal(resubmitted.length, 1);
    const pauses = await h.database.db.selectFrom('case_pauses').select(['paused_at', 'resumed_at']).where('case_id', '=', caseId).execute();
    assert.deepEqual(pauses.map((p) => p.resumed_at?.toISOString()), [h.clock.now.toISOString()], 'the pause ended when it was sent: the clock runs again');
    const row = await h.database.db.selectFrom('cases').select(['status', 'current_step']).where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.current_step], ['active', 2]);
    const event = await h.database.db.selectFrom('audit_events').select(['action', 'note']).where('case_id', '=', caseId).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal(event.action, 'resubmitted');
    assert.ok(event.note?.includes('Foto copy STR yang dilegalisir basah') && event.note.includes('Sudah dilegalisir'));

    const twice = await citra.post(`/permohonan/${caseId}/kirim-ulang`, { _csrf: csrfOf(page.body) });
    assert.equal(twice.statusCode, 409);
    assert.ok(twice.body.includes('tidak sedang menunggu perbaikan dari Anda'));
    const late = await fileUpload(`/permohonan/${caseId}/perbaikan/str`, citra, { fileName: 'str.pdf', type: 'application/pdf', bytes: await tinyPdf() }).catch(() => null);
    assert.ok(late === null || late.statusCode === 404 || late.statusCode === 409);
  });
});

describe('the result', () => {
  before(async () => {
    await drive(h.database.db, caseId, [
      { who: 'pekanbaru.front-office', action: 'decide', outcome: 'lengkap', at: '2026-03-10T02:00:00Z', expect: 3 },
      { who: 'pekanbaru.back-office', action: 'complete', at: '2026-03-10T02:10:00Z', expect: 4 },
      { who: 'pekanbaru.analis-kebijakan-ahli-muda', action: 'paraf', at: '2026-03-10T02:20:00Z', expect: 5 },
      { who: 'pekanbaru.analis-kebijakan-ahli-madya', action: 'paraf', at: '2026-03-10T02:30:00Z', expect: 6 },
      { who: 'pekanbaru.sekretaris', action: 'paraf', at: '2026-03-10T02:40:00Z', expect: 7 },
      { who: 'pekanbaru.kepala-dinas', action: 'sign', at: '2026-03-10T03:00:00Z', expect: 8 },
    ]);
    h.clock.now = new Date('2026-03-10T03:05:00Z');
    // A day later: the sessions of the day before have ended.
    await citra.signIn('citra@example.test', PASSWORD);
    await eko.signIn('eko@example.test', PASSWORD);
  });

  it('once signed, the permit made by the documents job can be downloaded from the case, by its applicant only', async () => {
    let page = await citra.get(`/permohonan/${caseId}`);
    assert.ok(!page.body.includes('Unduh izin'), 'nothing to download before the document is made');
    const certs = mkdtempSync(join(tmpdir(), 'satupintu-portal-certs-'));
    try {
      const deps = { render: renderPermitForSigning, signer: selectSigner({ kind: 'local', certsDir: certs }), storage: h.storage, publicUrl: h.publicUrl };
      const pending = await pendingPermitDocuments(h.database.db);
      assert.equal(pending.length, 1);
      assert.ok(await producePermitDocument(h.database.db, deps, pending[0]!));
    } finally {
      rmSync(certs, { recursive: true, force: true });
    }
    page = await citra.get(`/permohonan/${caseId}`);
    assert.ok(page.body.includes('Izin Anda sudah ditandatangani') && page.body.includes('Unduh izin (PDF)'));
    const doc = await h.database.db.selectFrom('case_documents').selectAll().where('case_id', '=', caseId).where('kind', '=', 'permit').executeTakeFirstOrThrow();
    const href = `/permohonan/berkas/${doc.id}/${doc.storage_key.slice(0, 32)}`;
    assert.ok(page.body.includes(`href="${href}"`));
    const download = await citra.get(href);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.ok(download.rawPayload.includes('/ByteRange'), 'the signed document');
    const permit = await h.database.db.selectFrom('permits').select('number').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    assert.ok(String(download.headers['content-disposition']).includes(permit.number.replace(/[^A-Za-z0-9]+/g, '-')));
    const foreign = await eko.get(href);
    assert.equal(foreign.statusCode, 404);
    assert.ok(!foreign.body.includes(permit.number));
    await drive(h.database.db, caseId, [{ who: 'pekanbaru.back-office', action: 'number', at: '2026-03-10T03:10:00Z', expect: 9 }]);
    h.clock.now = new Date('2026-03-10T03:20:00Z');
  });

  it('while the clock runs, the case page and the receipt promise a date', async () => {
    const page = await citra.get(`/permohonan/${caseId}`);
    assert.ok(page.body.includes('Penyerahan surat izin kepada pemohon') && page.body.includes('class="current"'));
    const receipt = await citra.get(`/permohonan/${caseId}/tanda-terima`);
    assert.ok(/Janji penyelesaian<\/dt><dd>\d{1,2} Maret 2026/.test(receipt.body), 'a date once the file was complete');
  });

  it('mails "ready for pickup" and "completed", and keeps the permit for download', async () => {
    await drive(h.database.db, caseId, [{ who: 'pekanbaru.front-office', action: 'handover', at: '2026-03-10T04:00:00Z', expect: 'completed' }]);
    const before = h.inbox.length;
    await dispatch();
    await waitForMail(h.inbox.slice(before), 'citra@example.test', /siap diambil/);
    await waitForMail(h.inbox.slice(before), 'citra@example.test', /selesai/);

    const page = await citra.get(`/permohonan/${caseId}`);
    assert.ok(page.body.includes('Permohonan Anda sudah selesai'));
    const doc = await h.database.db.selectFrom('case_documents').selectAll().where('case_id', '=', caseId).where('kind', '=', 'permit').executeTakeFirstOrThrow();
    const href = `/permohonan/berkas/${doc.id}/${doc.storage_key.slice(0, 32)}`;
    assert.ok(page.body.includes(`href="${href}"`) && page.body.includes('Unduh izin (PDF)'), 'still there after the handover');
    assert.ok(!page.body.includes('Izin Anda sudah ditandatangani'));
    const download = await citra.get(href);
    assert.equal(download.statusCode, 200);
    assert.deepEqual(new Uint8Array(download.rawPayload), await h.storage.get(doc.storage_key));
    assert.ok(page.body.includes(`href="/permohonan/${caseId}/survei"`));
    assert.ok((page.body.match(/class="done"/g) ?? []).length === 9, 'every step done');
  });

  it('the public page shows it completed', async () => {
    const pub = await new Client(h.app).get(`/lacak/${code}`);
    assert.ok(pub.body.includes('Selesai') && pub.body.includes('10 Maret 2026'));
  });
});

describe('the IKM survey', () => {
  it('asks the nine elements in the form\'s order, scale 1–4', async () => {
    const page = await citra.get(`/permohonan/${caseId}/survei`);
    assert.equal(page.statusCode, 200);
    const order = [...page.body.matchAll(/name="unsur(\d)" value="1"/g)].map((m) => Number(m[1]));
    assert.deepEqual(order, [1, 2, 3, 4, 5, 6, 7, 9, 8], 'facilities asked 8th, complaints handling 9th');
    assert.ok(page.body.includes('8. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?'));
    assert.ok(page.body.includes('Dikelola dengan baik') && page.body.includes('Sangat sopan dan ramah'));
    assert.equal((page.body.match(/type="radio"/g) ?? []).length, 36);
  });

  it('refuses bad answers, a missing token and another applicant', async () => {
    const page = await citra.get(`/permohonan/${caseId}/survei`);
    const csrf = csrfOf(page.body);
    const five = await citra.post(`/permohonan/${caseId}/survei`, { _csrf: csrf, unsur1: '5', unsur2: '3' });
    assert.equal(five.statusCode, 400);
    assert.ok(five.body.includes('href="#unsur1"') && five.body.includes('value="3" checked'));
    assert.equal((await citra.post(`/permohonan/${caseId}/survei`, { _csrf: csrf })).statusCode, 400);
    const long = await citra.post(`/permohonan/${caseId}/survei`, { _csrf: csrf, unsur1: '4', comment: 'x'.repeat(2001) });
    assert.equal(long.statusCode, 400);
    const badChoice = await citra.post(`/permohonan/${caseId}/survei`, { _csrf: csrf, unsur1: '4', education: 'profesor' });
    assert.equal(badChoice.statusCode, 400);
    assert.equal((await citra.post(`/permohonan/${caseId}/survei`, { unsur1: '4' })).statusCode, 403);
    assert.equal((await eko.post(`/permohonan/${caseId}/survei`, { _csrf: await eko.csrf(), unsur1: '4' })).statusCode, 404);
    assert.equal((await h.database.db.selectFrom('ikm_responses').select('id').execute()).length, 0);
  });

  it('stores each answer by element with the service and period, apart from the person, once per case', async () => {
    const page = await citra.get(`/permohonan/${caseId}/survei`);
    const answers: Record<string, string> = { unsur1: '4', unsur2: '3', unsur3: '4', unsur5: '3', unsur6: '4', unsur7: '4', unsur9: '2', unsur8: '1' };
    // Sent twice at once: one response is kept; the other is told it was already answered.
    const both = await Promise.all([1, 2].map(() => citra.post(`/permohonan/${caseId}/survei`, { _csrf: csrfOf(page.body), ...answers, education: 'd4_s1', comment: '<i>Ruang tunggu panas</i>' })));
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 409]);
    const res = both.find((r) => r.statusCode === 200)!;
    assert.ok(res.body.includes('Terima kasih'));
    const responses = await h.database.db.selectFrom('ikm_responses').selectAll().execute();
    assert.equal(responses.length, 1);
    const r = responses[0]!;
    assert.deepEqual([r.office_id, r.service_slug, r.period, r.respondent_education, r.comment], ['pekanbaru', 'sipatlm', '2026-03', 'd4_s1', '<i>Ruang tunggu panas</i>']);
    assert.ok(!Object.keys(r).some((k) => /case|user|name|nik/.test(k)), 'no link to the case or the person');
    const rows = await h.database.db.selectFrom('ikm_answers').select(['unsur', 'score']).where('response_id', '=', r.id).orderBy('unsur').execute();
    assert.deepEqual(rows.map((x) => [x.unsur, x.score]), [[1, 4], [2, 3], [3, 4], [5, 3], [6, 4], [7, 4], [8, 1], [9, 2]], 'the fee question was skipped');
    const again = await citra.post(`/permohonan/${caseId}/survei`, { _csrf: csrfOf(page.body), unsur1: '1' });
    assert.equal(again.statusCode, 409);
    assert.equal((await h.database.db.selectFrom('ikm_responses').select('id').execute()).length, 1);
    assert.ok((await citra.get(`/permohonan/${caseId}/survei`)).body.includes('sudah Anda isi'));
    assert.ok((await citra.get(`/permohonan/${caseId}`)).body.includes('Anda sudah mengisi survei'));
  });
});

describe('complaints', () => {
  it('refuses an empty or too long complaint and keeps typed HTML inert', async () => {
    const page = await citra.get(`/permohonan/${caseId}/pengaduan`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('enctype="multipart/form-data"'));
    const empty = await citra.postMultipart(`/permohonan/${caseId}/pengaduan`, { _csrf: csrfOf(page.body) });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.body.includes('href="#category"') && empty.body.includes('href="#body"'));
    const long = await citra.postMultipart(`/permohonan/${caseId}/pengaduan`, { _csrf: csrfOf(page.body), category: 'waktu', body: 'x'.repeat(4001) });
    assert.equal(long.statusCode, 400);
    assert.ok(long.body.includes('paling banyak 4000 karakter'));
    const html = await citra.postMultipart(`/permohonan/${caseId}/pengaduan`, { _csrf: csrfOf(page.body), category: 'bukan-kategori', body: '<script>alert(1)</script>' });
    assert.equal(html.statusCode, 400);
    assert.ok(html.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !html.body.includes('<script>alert(1)'));
    assert.equal((await citra.postMultipart(`/permohonan/${caseId}/pengaduan`, { category: 'waktu', body: 'x' })).statusCode, 403);
    assert.equal((await eko.postMultipart(`/permohonan/${caseId}/pengaduan`, { _csrf: await eko.csrf(), category: 'waktu', body: 'x' })).statusCode, 404);
    assert.equal((await h.database.db.selectFrom('complaints').select('id').execute()).length, 0);
  });

  it('refuses a bad attachment with the upload rules, and stores a good complaint with its file', async () => {
    const page = await citra.get(`/permohonan/${caseId}/pengaduan`);
    const exe = await citra.postMultipart(`/permohonan/${caseId}/pengaduan`, { _csrf: csrfOf(page.body), category: 'petugas', body: 'Petugas meminta uang' }, { name: 'berkas', fileName: 'bukti.jpg', type: 'image/jpeg', bytes: fakeExe });
    assert.equal(exe.statusCode, 422);
    assert.ok(exe.body.includes('program komputer') && exe.body.includes('Petugas meminta uang'));
    const ok = await citra.postMultipart(`/permohonan/${caseId}/pengaduan`, { _csrf: csrfOf(page.body), category: 'biaya', body: 'Diminta biaya padahal gratis' }, { name: 'berkas', fileName: 'kuitansi.png', type: 'image/png', bytes: tinyPng });
    assert.equal(ok.statusCode, 200);
    const rows = await h.database.db.selectFrom('complaints').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.ok(ok.body.includes(`nomor ${rows[0]!.id}`));
    assert.deepEqual([rows[0]!.case_id, rows[0]!.office_id, rows[0]!.category, rows[0]!.attachment_type, rows[0]!.attachment_name], [caseId, 'pekanbaru', 'biaya', 'image/png', 'kuitansi.png']);
    assert.deepEqual(await h.storage.get(rows[0]!.attachment_key!), new Uint8Array(tinyPng));
  });
});

describe('complaints sent twice, or without a file', () => {
  it('a double click files one complaint; a complaint needs no attachment', async () => {
    const page = await citra.get(`/permohonan/${caseId}`);
    assert.ok(page.body.includes(`href="/permohonan/${caseId}/pengaduan"`), 'the case page links to the complaint form');
    const form = await citra.get(`/permohonan/${caseId}/pengaduan`);
    const send = () => citra.postMultipart(`/permohonan/${caseId}/pengaduan`, { _csrf: csrfOf(form.body), category: 'waktu', body: 'Izin terlambat dua hari dari janji.' });
    const [a, b] = await Promise.all([send(), send()]);
    assert.deepEqual([a.statusCode, b.statusCode], [200, 200]);
    const rows = await h.database.db.selectFrom('complaints').selectAll().where('category', '=', 'waktu').execute();
    assert.equal(rows.length, 1);
    assert.ok(a.body.includes(`nomor ${rows[0]!.id}`) && b.body.includes(`nomor ${rows[0]!.id}`), 'both answers give the one number');
    assert.deepEqual([rows[0]!.attachment_key, rows[0]!.attachment_name], [null, null]);
  });
});

describe("another applicant's case", () => {
  it('every page of it answers 404, the same as a case that does not exist, and its forms change nothing', async () => {
    for (const page of ['', '/tanda-terima', '/tanda-terima.pdf', '/survei', '/pengaduan', '/perbaikan/str']) {
      const foreign = await eko.get(`/permohonan/${caseId}${page}`);
      assert.equal(foreign.statusCode, 404, `GET ${page}`);
      assert.equal(mainOf(foreign.body), mainOf((await eko.get(`/permohonan/987654321${page}`)).body), `no hint on ${page}`);
      assert.ok(!foreign.body.includes(code) && !foreign.body.includes(PERSON.nik), `nothing of the case on ${page}`);
    }
    const events = (await h.database.db.selectFrom('audit_events').select('seq').where('case_id', '=', caseId).execute()).length;
    const csrf = await eko.csrf();
    assert.equal((await eko.post(`/permohonan/${caseId}/kirim-ulang`, { _csrf: csrf })).statusCode, 404);
    assert.equal((await eko.post(`/permohonan/${caseId}/survei`, { _csrf: csrf, unsur1: '1' })).statusCode, 404);
    assert.equal((await h.database.db.selectFrom('audit_events').select('seq').where('case_id', '=', caseId).execute()).length, events);
  });
});

describe('a rejection', () => {
  let rejected: string;
  before(async () => {
    const { draft } = await fillDraft(eko, 'bombana', 'izin-praktek-perekam-medis');
    rejected = /\/permohonan\/(\d+)\//.exec(location(await submitDraftPage(eko, draft)))![1]!;
    await drive(h.database.db, rejected, [
      { who: 'bombana.front-office', action: 'complete', at: '2026-03-11T01:10:00Z', expect: 3 },
      { who: 'bombana.back-office', action: 'decide', outcome: 'lengkap', at: '2026-03-11T01:20:00Z', expect: 4 },
      { who: 'bombana.back-office', action: 'complete', at: '2026-03-11T01:30:00Z', expect: 5 },
      { who: 'bombana.back-office', action: 'complete', at: '2026-03-11T02:00:00Z', expect: 6 },
      { who: 'bombana.kabid-pelayanan', action: 'paraf', at: '2026-03-11T03:10:00Z', expect: 7 },
      { who: 'bombana.kepala-dinas', action: 'sign', at: '2026-03-11T03:20:00Z', expect: 8 },
      { who: 'bombana.back-office', action: 'complete', at: '2026-03-11T03:30:00Z', expect: 9 },
    ]);
  });

  it('while the technical agency works, the page says the office waits for its recommendation', async () => {
    const page = await eko.get(`/permohonan/${rejected}`);
    assert.ok(page.body.includes('menunggu rekomendasi teknis dari'));
  });

  it('shows the reasons from the history and the legal basis, and mails the decision', async () => {
    await drive(h.database.db, rejected, [
      { who: 'bombana.tim-teknis-dinkes', action: 'record-recommendation', outcome: 'tidak-direkomendasikan', reason: 'STR sudah tidak berlaku', recommendation: true, at: '2026-03-12T01:00:00Z', expect: 'rejected' },
    ]);
    const page = await eko.get(`/permohonan/${rejected}`);
    assert.ok(page.body.includes('Permohonan tidak dapat dikabulkan'));
    assert.ok(page.body.includes('STR sudah tidak berlaku'));
    assert.ok(page.body.includes('Dasar hukum') && page.body.includes('<li>Undang-Undang Nomor 36 Tahun 2014 tentang Tenaga Kesehatan</li>'));
    const before = h.inbox.length;
    await dispatch();
    const mail = await waitForMail(h.inbox.slice(before), 'eko@example.test', /Keputusan atas permohonan/);
    assert.ok(!mail.text.includes('STR sudah tidak berlaku'), 'the reasons stay behind the sign-in');
    const survey = await eko.get(`/permohonan/${rejected}/survei`);
    assert.equal(survey.statusCode, 409, 'the survey follows a handover');
  });

  it('the channel skips other topics and applicants without an address', async () => {
    const channel = portalMailChannel({ db: h.database.db, mailer: h.mailer, publicUrl: h.publicUrl });
    assert.deepEqual(await channel.deliver({ id: '1', caseId: rejected, topic: 'submitted', payload: {} }, h.database.db), { skipped: 'topic' });
    const walkIn = await h.database.db.insertInto('applicants').values({ kind: 'person', name: 'Tanpa Email', nik: PERSON.nik, npwp: null, nib: null, company_name: null, phone: null, email: null, address: null, user_id: null }).returning('id').executeTakeFirstOrThrow();
    await h.database.db.updateTable('cases').set({ applicant_id: walkIn.id }).where('id', '=', rejected).execute();
    assert.deepEqual(await channel.deliver({ id: '2', caseId: rejected, topic: 'rejected', payload: {} }, h.database.db), { skipped: 'no_email' });
    assert.equal(mainOf((await eko.get(`/permohonan/${rejected}`)).body).includes('Permohonan tidak dapat'), false, 'and the case is no longer the old applicant\'s');
  });
});

describe('a return that asks to correct the application form itself', () => {
  let bombanaCase: string;
  before(async () => {
    const { draft } = await fillDraft(citra, 'bombana', 'izin-praktek-perekam-medis');
    bombanaCase = /\/permohonan\/(\d+)\//.exec(location(await submitDraftPage(citra, draft)))![1]!;
    await drive(h.database.db, bombanaCase, [
      { who: 'bombana.front-office', action: 'complete', at: '2026-03-09T04:10:00Z', expect: 3 },
    ]);
    const bo = await actorNamed(h.database.db, 'bombana.back-office');
    await actOnStep(h.database.db, bo, bombanaCase, 'decide', {
      step: 3, outcome: 'tidak-lengkap', reason: 'Data formulir tidak sesuai KTP', corrections: [{ requirement: 'formulir-permohonan', note: 'NIK pada formulir tidak sesuai KTP' }],
    }, new Date('2026-03-09T04:20:00Z'));
  });
  const applicantRow = () => h.database.db.selectFrom('cases as c').innerJoin('applicants as a', 'a.id', 'c.applicant_id')
    .select(['a.name', 'a.nik', 'a.address']).where('c.id', '=', bombanaCase).executeTakeFirstOrThrow();

  it('offers the details form from the note, filled with what the office received', async () => {
    const page = await citra.get(`/permohonan/${bombanaCase}`);
    assert.ok(page.body.includes('NIK pada formulir tidak sesuai KTP'));
    assert.ok(page.body.includes(`href="/permohonan/${bombanaCase}/perbaikan-data"`));
    const form = await citra.get(`/permohonan/${bombanaCase}/perbaikan-data`);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes(`value="${PERSON.nik}"`) && form.body.includes(PERSON.address));
  });

  it('refuses bad details, a missing token and another applicant, changing nothing', async () => {
    const form = await citra.get(`/permohonan/${bombanaCase}/perbaikan-data`);
    const bad = await citra.post(`/permohonan/${bombanaCase}/perbaikan-data`, { _csrf: csrfOf(form.body), name: '', nik: '147102550592000', phone: PERSON.phone, address: PERSON.address });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('NIK harus 16 angka; yang Anda isi 15 angka') && bad.body.includes('href="#nik"'));
    assert.equal((await citra.post(`/permohonan/${bombanaCase}/perbaikan-data`, { nik: '1471025505920003' })).statusCode, 403);
    assert.equal((await eko.get(`/permohonan/${bombanaCase}/perbaikan-data`)).statusCode, 404);
    assert.equal((await eko.post(`/permohonan/${bombanaCase}/perbaikan-data`, { _csrf: await eko.csrf(), name: 'X', nik: '1471025505920003', phone: PERSON.phone, address: 'Y' })).statusCode, 404);
    assert.deepEqual(await applicantRow(), { name: PERSON.name, nik: PERSON.nik, address: PERSON.address });
  });

  it('saves the corrected details, records which changed (not their values), and the case can be sent again', async () => {
    const form = await citra.get(`/permohonan/${bombanaCase}/perbaikan-data`);
    const ok = await citra.post(`/permohonan/${bombanaCase}/perbaikan-data`, { _csrf: csrfOf(form.body), name: `${PERSON.name} <b>`, nik: '1471 0255 0592 0003', phone: PERSON.phone, address: PERSON.address });
    assert.equal(location(ok), `/permohonan/${bombanaCase}#perbaikan`);
    assert.deepEqual(await applicantRow(), { name: `${PERSON.name} <b>`, nik: '1471025505920003', address: PERSON.address });
    const event = await h.database.db.selectFrom('audit_events').select(['action', 'data']).where('case_id', '=', bombanaCase).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal(event.action, 'applicant_details_corrected');
    assert.deepEqual(event.data, { fields: ['name', 'nik'] });
    const page = await citra.get(`/permohonan/${bombanaCase}`);
    assert.ok(page.body.includes(`${PERSON.name} &lt;b&gt;`) || !page.body.includes(`${PERSON.name} <b>`), 'shown inert');
    const sent = await citra.post(`/permohonan/${bombanaCase}/kirim-ulang`, { _csrf: csrfOf(page.body) });
    assert.equal(location(sent), `/permohonan/${bombanaCase}`);
    assert.equal((await citra.get(`/permohonan/${bombanaCase}/perbaikan-data`)).statusCode, 409, 'once sent, the details are the office\'s again');
  });
});
