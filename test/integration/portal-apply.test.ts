// Applying in the portal: one question per page with every answer saved, the computed
// checklist, uploads judged by their bytes, check-your-answers, one case per double submit,
// the receipt (page and PDF), who may open which file, and the public tracking page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { DEMO_PASSWORD } from '../../src/app/seed-demo.ts';
import {
  Client, csrfOf, mainOf, fakeExe, fillDraft, location, registerVerifiedApplicant, startPortal, tinyPdf, tinyPng, PERSON,
  type PortalHarness,
} from '../helpers/portal.ts';

let h: PortalHarness;
let ani: Client;
let budi: Client;
before(async () => {
  h = await startPortal({ maxFileBytes: 200 * 1024, maxApplicationBytes: 600 * 1024 });
  ani = await registerVerifiedApplicant(h, 'ani@example.test');
  budi = await registerVerifiedApplicant(h, 'budi@example.test');
});
after(async () => {
  await h.close();
});

const SIPATLM_FILES = ['surat-permohonan', 'ktp', 'pas-foto', 'ijazah', 'str', 'rekomendasi-organisasi-profesi', 'surat-keterangan-sehat', 'pernyataan-tempat-kerja', 'rekomendasi-dinas-kesehatan', 'pernyataan-kebenaran-berkas'];
const countCases = async () => (await h.database.db.selectFrom('cases').select('id').execute()).length;

async function newDraft(c: Client, office = 'pekanbaru', service = 'sipatlm'): Promise<string> {
  const start = await c.get(`/ajukan/${office}/${service}`);
  return /^\/permohonan\/draf\/\d+/.exec(location(await c.post(`/ajukan/${office}/${service}`, { _csrf: csrfOf(start.body) })))![0];
}

async function upload(c: Client, url: string, file: { fileName: string; type: string; bytes: Uint8Array } | null, csrf?: string) {
  const page = await c.get(url);
  return c.postMultipart(url, { _csrf: csrf ?? csrfOf(page.body) }, file ? { name: 'berkas', ...file } : undefined);
}

describe('the start page', () => {
  it('is at a stable address, and asks a signed-out visitor to sign in and come back', async () => {
    const anon = new Client(h.app);
    const page = await anon.get('/ajukan/pekanbaru/sipatlm');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Ajukan permohonan Surat Izin Praktik Ahli Teknologi Laboratorium Medik (SIPATLM)'));
    assert.ok(page.body.includes('href="/masuk?next=%2Fajukan%2Fpekanbaru%2Fsipatlm"'));
    assert.equal((await anon.get('/ajukan/pekanbaru/tidak-ada')).statusCode, 404);
    assert.equal(location(await anon.post('/ajukan/pekanbaru/sipatlm', {})), '/masuk?next=%2Fajukan%2Fpekanbaru%2Fsipatlm');
    const en = await anon.get('/ajukan/pekanbaru/sipatlm?lang=en');
    assert.ok(en.body.includes('Sign in to apply'));
    await anon.get('/ajukan/pekanbaru/sipatlm?lang=id');
  });

  it('starting needs the session CSRF token', async () => {
    assert.equal((await ani.post('/ajukan/pekanbaru/sipatlm', {})).statusCode, 403);
    assert.equal((await ani.post('/ajukan/pekanbaru/sipatlm', { _csrf: 'basi' })).statusCode, 403);
  });
});

describe('one question per page, saved at every step', () => {
  it('asks the type, then only the questions that matter for it, then shows the checklist by kind', async () => {
    const draft = await newDraft(ani, 'kaltim', 'izin-penyalur-alat-kesehatan');
    const typePage = await ani.get(`${draft}/jenis`);
    assert.ok(typePage.body.includes('<legend><span class="caption">') && typePage.body.includes('<h1>Apa jenis permohonan Anda?</h1>'));
    const none = await ani.post(`${draft}/jenis`, { _csrf: csrfOf(typePage.body) });
    assert.equal(none.statusCode, 400);
    assert.ok(none.body.includes('Pilih jenis permohonan') && none.body.includes('href="#jenis"'));
    const wrong = await ani.post(`${draft}/jenis`, { _csrf: csrfOf(typePage.body), jenis: 'perpanjangan' });
    assert.equal(wrong.statusCode, 400, 'a type the service does not offer');
    const first = location(await ani.post(`${draft}/jenis`, { _csrf: csrfOf(typePage.body), jenis: 'baru' }));
    assert.equal(first, `${draft}/pertanyaan/pma`);
    const saved = await h.database.db.selectFrom('portal_drafts').select(['application_type']).where('id', '=', draft.split('/').pop()!).executeTakeFirstOrThrow();
    assert.equal(saved.application_type, 'baru', 'saved at once');

    const q = await ani.get(first);
    assert.ok(q.body.includes('Apakah perusahaan merupakan Perusahaan Penanaman Modal Asing (PMA)?'));
    assert.ok(q.body.includes('Pertanyaan 1 dari 4'), 'the change-only questions are not asked for a new permit');
    const empty = await ani.post(first, { _csrf: csrfOf(q.body) });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.body.includes('Pilih ya atau tidak'));
    let at = location(await ani.post(first, { _csrf: csrfOf(q.body), jawaban: 'ya' }));
    for (const answer of ['tidak', 'tidak', 'tidak']) at = location(await ani.post(at, { _csrf: csrfOf((await ani.get(at)).body), jawaban: answer }));
    assert.equal(at, `${draft}/persyaratan`);
    const list = await ani.get(at);
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('Dokumen yang diunggah'));

    // Resumable from "Permohonan saya": the list shows it and its address continues where it was.
    const mine = await ani.get('/permohonan');
    assert.ok(mine.body.includes(`href="${draft}"`) && mine.body.includes('Izin Penyalur Alat Kesehatan'));
    assert.equal(location(await ani.get(draft)), `${draft}/persyaratan`);

    // Another applicant's draft answers as if it did not exist.
    const foreign = await budi.get(`${draft}/jenis`);
    assert.equal(foreign.statusCode, 404);
    assert.equal(mainOf((await budi.get('/permohonan/draf/999999/jenis')).body), mainOf(foreign.body));
    assert.equal((await budi.post(`${draft}/jenis`, { _csrf: await budi.csrf(), jenis: 'baru' })).statusCode, 404);
  });

  it('explains each kind of requirement: upload, form field, statement on materai, shown at the counter', async () => {
    const draft = await newDraft(ani, 'bombana', 'izin-praktek-perekam-medis');
    const at = location(await ani.get(draft));
    assert.equal(at, `${draft}/persyaratan`, 'one type only: nothing to ask');
    const list = (await ani.get(at)).body;
    assert.ok(list.includes('Ditunjukkan di loket') && list.includes('Map Snelhektek Plastik'));
    assert.ok(list.includes('Isian formulir') && list.includes('Mengisi Formulir Permohonan'));
    assert.ok(list.includes('tidak perlu mengunggah'));
    const materai = await newDraft(ani, 'kaltim', 'izin-laboratorium-klinik');
    const t = await ani.get(`${materai}/jenis`);
    const next = location(await ani.post(`${materai}/jenis`, { _csrf: csrfOf(t.body), jenis: 'baru' }));
    const page = (await ani.get(next.endsWith('persyaratan') ? next : `${materai}/persyaratan`)).body;
    assert.ok(page.includes('Surat pernyataan bermaterai') && page.includes('tanda tangani di atas materai'));
    assert.equal((await ani.get(`${draft}/berkas/map-snelhektek`)).statusCode, 404, 'no upload page for a counter item');
  });
});

describe('uploads', () => {
  let draft: string;
  before(async () => {
    draft = await newDraft(ani);
    const t = await ani.get(`${draft}/jenis`);
    await ani.post(`${draft}/jenis`, { _csrf: csrfOf(t.body), jenis: 'baru' });
  });

  const refused = async (file: { fileName: string; type: string; bytes: Uint8Array } | null, status: number, text: string) => {
    const res = await upload(ani, `${draft}/berkas/ktp`, file);
    assert.equal(res.statusCode, status, res.body.slice(0, 300));
    assert.ok(res.body.includes(text), `"${text}" in the page`);
    assert.ok(res.body.includes('href="#berkas"'), 'the error summary links to the file field');
  };

  it('refuses a renamed program, an empty file, an oversized one, a PDF that does not open, other types, and no file', async () => {
    await refused({ fileName: 'ktp.pdf', type: 'application/pdf', bytes: fakeExe }, 422, 'program komputer, bukan dokumen');
    await refused({ fileName: 'ktp.pdf', type: 'application/pdf', bytes: new Uint8Array(0) }, 422, 'kosong (0 byte)');
    const big = Buffer.concat([Buffer.from(await tinyPdf()), Buffer.alloc(210 * 1024, 0x20)]);
    await refused({ fileName: 'ktp.pdf', type: 'application/pdf', bytes: big }, 413, 'Berkas lebih besar dari 0,2 MB');
    await refused({ fileName: 'ktp.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\nini bukan isi PDF yang benar') }, 422, 'PDF ini rusak atau tidak dapat dibuka');
    await refused({ fileName: 'ktp.png', type: 'image/png', bytes: Buffer.from('halo, ini teks biasa') }, 422, 'Jenis berkas ini tidak diterima');
    await refused(null, 400, 'Pilih berkas yang akan diunggah');
    const docs = await h.database.db.selectFrom('case_documents').select('id').where('draft_id', '=', draft.split('/').pop()!).execute();
    assert.equal(docs.length, 0, 'nothing was kept');
  });

  it('needs the session CSRF token in the multipart form', async () => {
    const noToken = await ani.postMultipart(`${draft}/berkas/ktp`, {}, { name: 'berkas', fileName: 'ktp.pdf', type: 'application/pdf', bytes: await tinyPdf() });
    assert.equal(noToken.statusCode, 403);
    const stale = await upload(ani, `${draft}/berkas/ktp`, { fileName: 'ktp.pdf', type: 'application/pdf', bytes: await tinyPdf() }, 'basi-basi-basi');
    assert.equal(stale.statusCode, 403);
  });

  it('judges by the bytes: a PNG named .pdf is kept as a PNG; a replacement supersedes the earlier file', async () => {
    const res = await upload(ani, `${draft}/berkas/ktp`, { fileName: "KTP Tom & Jerry's <b>.pdf", type: 'application/pdf', bytes: tinyPng });
    assert.equal(location(res), `${draft}/berkas/pas-foto`, 'on to the next file');
    const doc = await h.database.db.selectFrom('case_documents').selectAll().where('draft_id', '=', draft.split('/').pop()!).executeTakeFirstOrThrow();
    assert.equal(doc.media_type, 'image/png');
    assert.equal(doc.requirement_id, 'ktp');
    assert.match(doc.file_name, /\.png$/);
    const again = await ani.get(`${draft}/berkas/ktp`);
    assert.ok(again.body.includes('KTP Tom &amp; Jerry&#39;s b.png') && !again.body.includes('<b>'), 'the name is shown, inert, without markup characters');
    await upload(ani, `${draft}/berkas/ktp`, { fileName: 'ktp.pdf', type: 'application/pdf', bytes: await tinyPdf('ktp baru') });
    const rows = await h.database.db.selectFrom('case_documents').select(['superseded_at', 'media_type']).where('draft_id', '=', draft.split('/').pop()!).orderBy('id').execute();
    assert.equal(rows.length, 2);
    assert.ok(rows[0]!.superseded_at !== null && rows[1]!.superseded_at === null);
  });

  it('accepts a JPEG whatever its name; refuses a Linux program and a script named like documents', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
    assert.equal((await upload(ani, `${draft}/berkas/pas-foto`, { fileName: 'pas foto.png', type: 'image/png', bytes: jpeg })).statusCode, 303);
    const row = await h.database.db.selectFrom('case_documents').select(['media_type', 'file_name']).where('draft_id', '=', draft.split('/').pop()!)
      .where('requirement_id', '=', 'pas-foto').where('superseded_at', 'is', null).executeTakeFirstOrThrow();
    assert.deepEqual([row.media_type, row.file_name], ['image/jpeg', 'pas foto.jpg']);
    await refused({ fileName: 'ktp.jpg', type: 'image/jpeg', bytes: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100)]) }, 422, 'program komputer');
    await refused({ fileName: 'ktp.pdf', type: 'application/pdf', bytes: Buffer.from('#!/bin/sh\nrm -rf /\n') }, 422, 'program komputer');
  });

  it('a double click on upload keeps one current file for the requirement', async () => {
    const page = await ani.get(`${draft}/berkas/ijazah`);
    const send = async (text: string) => ani.postMultipart(`${draft}/berkas/ijazah`, { _csrf: csrfOf(page.body) }, { name: 'berkas', fileName: 'ijazah.pdf', type: 'application/pdf', bytes: await tinyPdf(text) });
    const results = await Promise.all([send('satu'), send('dua'), send('tiga')]);
    assert.deepEqual(results.map((r) => r.statusCode), [303, 303, 303]);
    const current = await h.database.db.selectFrom('case_documents').select('id').where('draft_id', '=', draft.split('/').pop()!)
      .where('requirement_id', '=', 'ijazah').where('superseded_at', 'is', null).execute();
    assert.equal(current.length, 1);
    const check = await ani.get(`${draft}/periksa`);
    assert.equal((check.body.match(new RegExp(`href="${draft}/berkas/ijazah"`, 'g')) ?? []).length, 1);
  });

  it('refuses a file that would take the application over its total size', async () => {
    const padded = async (n: number) => Buffer.concat([Buffer.from(await tinyPdf()), Buffer.alloc(n, 0x20)]);
    for (const id of ['ijazah', 'str', 'surat-permohonan']) {
      const res = await upload(ani, `${draft}/berkas/${id}`, { fileName: `${id}.pdf`, type: 'application/pdf', bytes: await padded(190 * 1024) });
      assert.equal(res.statusCode, 303, `${id}: ${res.statusCode}`);
    }
    const over = await upload(ani, `${draft}/berkas/pas-foto`, { fileName: 'foto.pdf', type: 'application/pdf', bytes: await padded(60 * 1024) });
    assert.equal(over.statusCode, 413);
    assert.ok(over.body.includes('Jumlah ukuran semua berkas permohonan ini akan melebihi'));
    // Replacing a large file with a small one is fine: the replaced file no longer counts.
    assert.equal((await upload(ani, `${draft}/berkas/str`, { fileName: 'str.pdf', type: 'application/pdf', bytes: await tinyPdf() })).statusCode, 303);
    assert.equal((await upload(ani, `${draft}/berkas/pas-foto`, { fileName: 'foto.pdf', type: 'application/pdf', bytes: await padded(60 * 1024) })).statusCode, 303);
  });
});

describe('sending', () => {
  let caseId: string;
  let code: string;
  let draft: string;

  it('the check page lists every answer and file with a change link, and needs the declaration', async () => {
    ({ draft } = await fillDraft(ani, 'pekanbaru', 'sipatlm', { type: 'baru' }));
    const check = await ani.get(`${draft}/periksa`);
    assert.equal(check.statusCode, 200);
    for (const id of SIPATLM_FILES) assert.ok(check.body.includes(`href="${draft}/berkas/${id}"`), `change link for ${id}`);
    assert.ok(check.body.includes(PERSON.nik) && check.body.includes(PERSON.name));
    const undeclared = await ani.post(`${draft}/kirim`, { _csrf: csrfOf(check.body) });
    assert.equal(undeclared.statusCode, 400);
    assert.ok(undeclared.body.includes('Centang pernyataan') && undeclared.body.includes('href="#pernyataan"'));
    assert.equal((await ani.post(`${draft}/kirim`, { pernyataan: 'ya' })).statusCode, 403);
    assert.equal(await countCases(), 0);
  });

  it('a double submit makes one case, with the draft\'s files linked to it, and leads to the receipt', async () => {
    const check = await ani.get(`${draft}/periksa`);
    const form = { _csrf: csrfOf(check.body), pernyataan: 'ya' };
    const [a, b] = await Promise.all([ani.post(`${draft}/kirim`, form), ani.post(`${draft}/kirim`, form)]);
    const c = await ani.post(`${draft}/kirim`, form);
    assert.equal(location(a), location(b));
    assert.equal(location(a), location(c));
    assert.equal(await countCases(), 1);
    caseId = /\/permohonan\/(\d+)\/tanda-terima/.exec(location(a))![1]!;
    const row = await h.database.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.channel, 'online');
    assert.equal(row.application_type, 'baru');
    assert.equal(row.current_step, 2);
    code = row.tracking_code;
    const docs = await h.database.db.selectFrom('case_documents').select(['requirement_id', 'case_id']).where('draft_id', '=', draft.split('/').pop()!).where('superseded_at', 'is', null).execute();
    assert.deepEqual(docs.map((d) => d.requirement_id).sort(), [...SIPATLM_FILES].sort());
    assert.ok(docs.every((d) => d.case_id === caseId));
    // The draft is closed: its pages lead to the case.
    assert.equal(location(await ani.get(`${draft}/jenis`)), `/permohonan/${caseId}`);
    const mine = await ani.get('/permohonan');
    assert.ok(mine.body.includes(code) && !mine.body.includes(`href="${draft}"`));
  });

  it('a retry after the case was made but before its files were linked (a crash, a lost answer) finds the same case', async () => {
    const id = draft.split('/').pop()!;
    // As if the process stopped right after submitApplication committed.
    await h.database.db.updateTable('portal_drafts').set({ status: 'submitting', case_id: null }).where('id', '=', id).execute();
    await h.database.db.updateTable('case_documents').set({ case_id: null }).where('draft_id', '=', id).execute();
    const check = await ani.get(`${draft}/periksa`);
    assert.equal(check.statusCode, 409, 'a draft being sent cannot be edited');
    const retry = await ani.post(`${draft}/kirim`, { _csrf: await ani.csrf(), pernyataan: 'ya' });
    assert.equal(location(retry), `/permohonan/${caseId}/tanda-terima`);
    assert.equal(await countCases(), 1);
    const linked = await h.database.db.selectFrom('case_documents').select('case_id').where('draft_id', '=', id).where('superseded_at', 'is', null).execute();
    assert.ok(linked.length === SIPATLM_FILES.length && linked.every((d) => d.case_id === caseId));
  });

  it('the receipt shows the code, the service, the time on the office clock, the files and the promised completion', async () => {
    const page = await ani.get(`/permohonan/${caseId}/tanda-terima`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(code));
    assert.ok(page.body.includes('Senin, 9 Maret 2026 pukul 09.00 WIB'), 'received at 02.00 UTC = 09.00 in Pekanbaru');
    assert.ok(page.body.includes('Foto copy KTP (ktp.pdf)'));
    assert.ok(page.body.includes('2 hari kerja (dengan persyaratan lengkap), dihitung sejak berkas dinyatakan lengkap'), 'the rule, as the clock starts later');
    assert.ok(Buffer.byteLength(page.body) < 100 * 1024);
    const pdf = await ani.get(`/permohonan/${caseId}/tanda-terima.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    assert.ok(doc.getPageCount() >= 1);
    assert.ok(doc.getTitle()?.includes(code));
    assert.equal((await budi.get(`/permohonan/${caseId}/tanda-terima.pdf`)).statusCode, 404);
  });

  it('the case page shows the timeline, the current step and what the office waits for', async () => {
    const page = await ani.get(`/permohonan/${caseId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('class="done"><strong>Permintaan informasi dan penyerahan berkas'));
    assert.ok(page.body.includes('class="current"><strong>Penerimaan dan pemeriksaan berkas'));
    assert.ok(page.body.includes('class="next"><strong>Penyerahan surat izin kepada pemohon'));
    assert.ok(page.body.includes('Saat ini:') && page.body.includes('Front Office'));
    assert.ok(Buffer.byteLength(page.body) < 100 * 1024);
  });

  it('another applicant learns nothing: the same 404 as a case that does not exist', async () => {
    const foreign = await budi.get(`/permohonan/${caseId}`);
    assert.equal(foreign.statusCode, 404);
    const missing = await budi.get('/permohonan/987654321');
    assert.equal(mainOf(foreign.body), mainOf(missing.body));
    assert.ok(!foreign.body.includes(code));
    assert.equal((await budi.get('/permohonan/abc')).statusCode, 404);
  });

  it('files open for their applicant and the office of the case only; ids cannot be walked', async () => {
    const doc = await h.database.db.selectFrom('case_documents').selectAll().where('case_id', '=', caseId).where('requirement_id', '=', 'ktp').where('superseded_at', 'is', null).executeTakeFirstOrThrow();
    const href = `/permohonan/berkas/${doc.id}/${doc.storage_key.slice(0, 32)}`;
    const page = await ani.get(`/permohonan/${caseId}`);
    assert.ok(page.body.includes(`href="${href}"`));
    const mine = await ani.get(href);
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.headers['content-type'], 'application/pdf');
    assert.deepEqual(new Uint8Array(mine.rawPayload), await h.storage.get(doc.storage_key));
    const notMine = await budi.get(href);
    assert.equal(notMine.statusCode, 404);
    assert.equal(mainOf(notMine.body), mainOf((await budi.get(`/permohonan/berkas/99999/${'0'.repeat(32)}`)).body), 'no hint that it exists');
    assert.equal((await ani.get(`/permohonan/berkas/${doc.id}/${'0'.repeat(32)}`)).statusCode, 404, 'the id alone opens nothing');
    assert.ok(location(await new Client(h.app).get(href)).startsWith('/masuk'));
    const desk = new Client(h.app);
    await desk.signIn('pekanbaru.front-office', DEMO_PASSWORD);
    assert.equal((await desk.get(href)).statusCode, 200, 'the office of the case');
    const elsewhere = new Client(h.app);
    await elsewhere.signIn('kaltim.petugas-cs', DEMO_PASSWORD);
    assert.equal((await elsewhere.get(href)).statusCode, 404, 'another office');
  });

  it('the public tracking page shows service, status and dates, never personal data', async () => {
    const anon = new Client(h.app);
    const page = await anon.get(`/lacak/${code}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Surat Izin Praktik Ahli Teknologi Laboratorium Medik') && page.body.includes('Sedang diproses'));
    assert.ok(page.body.includes('9 Maret 2026'));
    for (const secret of [PERSON.name, PERSON.nik, PERSON.phone, 'ani@example.test', 'Rina']) assert.ok(!page.body.includes(secret), `no ${secret}`);
    assert.equal(location(await anon.get(`/lacak/${code.toLowerCase().replace('-', '')}`)), `/lacak/${code}`);
    assert.equal(location(await anon.get(`/lacak/cari?kode=${code.toLowerCase()}`)), `/lacak/${code}`);
    const unknown = await anon.get('/lacak/ABCD-EFGH');
    assert.equal(unknown.statusCode, 404);
    const search = await anon.get('/lacak/cari?kode=%3Cscript%3E');
    assert.equal(search.statusCode, 404);
    assert.ok(search.body.includes('&lt;script&gt;') && !search.body.includes('<script>'));
  });

  it('the public tracking page is rate-limited', async () => {
    const anon = new Client(h.app);
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) codes.push((await anon.get(`/lacak/ABCD-EFG${'HJKMNPQRSTUVWXYZ23456789'[i % 24]}`)).statusCode);
    assert.ok(codes.includes(429), codes.join(','));
  });
});

describe('before sending', () => {
  it('an unverified address cannot send, and is offered a new link', async () => {
    const c = new Client(h.app);
    await c.submit('/daftar/perorangan', '/daftar/perorangan', { ...PERSON, email: 'belum@example.test', password: 'kata-sandi-panjang' });
    await c.signIn('belum@example.test', 'kata-sandi-panjang');
    const { draft } = await fillDraft(c, 'pekanbaru', 'sipatlm');
    const check = await c.get(`${draft}/periksa`);
    assert.ok(check.body.includes('belum terverifikasi') && check.body.includes('action="/akun/verifikasi-ulang"'));
    const res = await c.post(`${draft}/kirim`, { _csrf: csrfOf(check.body), pernyataan: 'ya' });
    assert.equal(res.statusCode, 403);
    assert.ok(res.body.includes('Verifikasi alamat email Anda dulu'));
    const before = h.inbox.length;
    const resend = await c.post('/akun/verifikasi-ulang', { _csrf: csrfOf(check.body) });
    assert.equal(resend.statusCode, 200);
    assert.ok(h.inbox.length >= before);
    assert.equal(await countCases(), 1);
  });

  it('a required file missing is named on the check page', async () => {
    const draft = await newDraft(budi);
    const t = await budi.get(`${draft}/jenis`);
    await budi.post(`${draft}/jenis`, { _csrf: csrfOf(t.body), jenis: 'perpanjangan' });
    const check = await budi.get(`${draft}/periksa`);
    assert.ok(check.body.includes('Belum diunggah'));
    assert.ok(check.body.includes('Surat izin praktik asli (bagi perpanjangan)') && check.body.includes('Ditunjukkan di loket'));
    const res = await budi.post(`${draft}/kirim`, { _csrf: csrfOf(check.body), pernyataan: 'ya' });
    assert.equal(res.statusCode, 400);
    assert.ok(res.body.includes('Unggah berkas yang wajib sebelum mengirim: Surat Permohonan'));
  });
});

describe("another applicant's draft, and forms without their token", () => {
  let draft: string;
  let draftId: string;
  before(async () => {
    ({ draft } = await fillDraft(ani, 'kaltim', 'izin-penyalur-alat-kesehatan', { answers: { pma: 'ya' } }));
    draftId = draft.split('/').pop()!;
  });
  const current = () => h.database.db.selectFrom('case_documents').select(['requirement_id']).where('draft_id', '=', draftId).where('superseded_at', 'is', null).execute();
  const row = () => h.database.db.selectFrom('portal_drafts').select(['status', 'application_type', 'answers']).where('id', '=', draftId).executeTakeFirstOrThrow();

  it('every page and form of it answers 404, the same as a draft that does not exist, and changes nothing', async () => {
    const before = { docs: (await current()).length, row: await row() };
    const missing = '/permohonan/draf/987654321';
    for (const page of ['', '/jenis', '/pertanyaan/pma', '/persyaratan', '/berkas/izin-usaha-bkpm', '/periksa']) {
      const foreign = await budi.get(`${draft}${page}`);
      assert.equal(foreign.statusCode, 404, `GET ${page}`);
      assert.equal(mainOf(foreign.body), mainOf((await budi.get(`${missing}${page}`)).body), `no hint on ${page}`);
      assert.ok(!foreign.body.includes('Izin Penyalur'), `nothing of the draft on ${page}`);
    }
    const csrf = await budi.csrf();
    const posts: [string, Record<string, string>][] = [
      ['/jenis', { jenis: 'perubahan' }], ['/pertanyaan/pma', { jawaban: 'tidak' }], ['/berkas/izin-usaha-bkpm/hapus', {}], ['/hapus', {}], ['/kirim', { pernyataan: 'ya' }],
    ];
    for (const [page, form] of posts) assert.equal((await budi.post(`${draft}${page}`, { _csrf: csrf, ...form })).statusCode, 404, `POST ${page}`);
    const upload = await budi.postMultipart(`${draft}/berkas/izin-usaha-bkpm`, { _csrf: csrf }, { name: 'berkas', fileName: 'x.pdf', type: 'application/pdf', bytes: await tinyPdf() });
    assert.equal(upload.statusCode, 404);
    assert.deepEqual({ docs: (await current()).length, row: await row() }, before);
    assert.equal(await countCases(), 1, 'no case was made');
  });

  it('the forms of a draft without the token, or with a stale one: 403 and nothing changes', async () => {
    const before = { docs: await current(), row: await row() };
    for (const token of [undefined, 'basi-basi-basi-basi']) {
      const form = (extra: Record<string, string>) => (token ? { _csrf: token, ...extra } : extra);
      for (const [page, fields] of [['/jenis', { jenis: 'perubahan' }], ['/pertanyaan/pma', { jawaban: 'tidak' }], ['/berkas/izin-usaha-bkpm/hapus', {}], ['/hapus', {}]] as const) {
        const res = await ani.post(`${draft}${page}`, form(fields));
        assert.equal(res.statusCode, 403, `${page} with ${token ?? 'no token'}`);
        assert.ok(res.body.includes('Formulir ini sudah kedaluwarsa'));
      }
      assert.equal((await ani.post('/akun/verifikasi-ulang', form({}))).statusCode, 403);
    }
    assert.deepEqual({ docs: await current(), row: await row() }, before);
    assert.ok((await current()).some((d) => d.requirement_id === 'izin-usaha-bkpm'), 'the file asked for by the answer is still there');
  });

  it('the owner, with the token, can remove an optional file and drop the draft', async () => {
    const remove = await ani.submit(`${draft}/berkas/daftar-nama-teknisi`, `${draft}/berkas/daftar-nama-teknisi/hapus`, {});
    assert.equal(location(remove), `${draft}/berkas/daftar-nama-teknisi`);
    const dropped = await ani.submit('/permohonan', `${draft}/hapus`, {});
    assert.equal(location(dropped), '/permohonan');
    assert.equal((await row()).status, 'abandoned');
    assert.equal((await ani.get(`${draft}/periksa`)).statusCode, 404);
    assert.ok(!(await ani.get('/permohonan')).body.includes(`href="${draft}"`));
  });
});
