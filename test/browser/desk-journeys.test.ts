// The officials' desk in a browser without JavaScript, one journey per seed service: each
// official at their own screen, finding their buttons by role and label, the case going round
// the return loops the SOP has; every role acts in turn on its own case page (the counter, the
// requirement check, the technical recommendation with its inspection record, the draft, paraf,
// signing with a second factor, as Plt. and many at once, numbering, handover). Only the
// applicant's own acts (sending online, answering a return) and the filler cases for the
// signature list go through the use cases.
// Every kind of desk page is scanned with axe once (with JavaScript, for axe) and must have no
// violation. One server and one chromium serve the whole file, to stay quick on a small CI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../src/app/seed-demo.ts';
import { actOnStep } from '../../src/app/workflow/act-on-step.ts';
import { resubmitApplication } from '../../src/app/workflow/resubmit-application.ts';
import { submitApplication } from '../../src/app/workflow/submit-application.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { buildServer } from '../../src/web/server.ts';
import { freshDatabase } from '../helpers/db.ts';
import { PDF, PNG } from '../helpers/desk.ts';
import { axeViolations, browserTestsSkip } from '../helpers/browser.ts';
import { deskOfficials, type DeskOfficials } from '../helpers/desk-browser.ts';
import { definitionsDir } from '../helpers/fixtures.ts';
import { actorNamed } from '../helpers/workflow.ts';

let database: Database;
let app: FastifyInstance;
let base: string;
let officials: DeskOfficials;
const scanned = new Map<string, string>();

const db = () => database.db;
const pdfFile = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(PDF) });

// Scans a kind of page once: the first time a journey reaches it, as the official who sees it.
async function scan(kind: string, username: string, path: string): Promise<void> {
  if (scanned.has(kind)) return;
  const page = await officials.axeAs(username);
  await page.goto(base + path);
  const violations = await axeViolations(page, { skipFrames: true });
  assert.deepEqual(violations, [], `${kind} (${path}) as ${username}: ${violations.join('\n')}`);
  scanned.set(kind, path);
}

async function openCase(username: string, caseId: string): Promise<Page> {
  const page = await officials.as(username);
  await page.goto(`${base}/meja/permohonan/${caseId}`);
  return page;
}

// Takes the way out of the step that the page offers under this label (the form is named by
// its heading), with a reason when the form asks for one, and waits for the case page again.
async function choose(page: Page, label: string, reason?: string): Promise<void> {
  const form = page.getByRole('form', { name: label, exact: true });
  if (reason !== undefined) await form.getByRole('textbox').fill(reason);
  await form.getByRole('button', { name: label, exact: true }).click();
  await page.waitForURL(/\/meja\/permohonan\/\d+\?pesan=/);
}

async function stepOf(caseId: string): Promise<number | string> {
  const c = await db().selectFrom('cases').select(['status', 'current_step']).where('id', '=', caseId).executeTakeFirstOrThrow();
  return c.status === 'active' ? c.current_step! : c.status;
}

// A step taken in the browser by the official whose turn it is: the case page's form for this
// action (and outcome), found by what it posts, and its button pressed.
async function actAs(username: string, caseId: string, action: Parameters<typeof actOnStep>[3], outcome?: string): Promise<void> {
  const before = await stepOf(caseId);
  assert.equal(typeof before, 'number', `case ${caseId} is at a step`);
  const page = await openCase(username, caseId);
  const selector = `form[action$="/tindakan"]:has(input[name="action"][value="${action}"])${outcome ? `:has(input[name="outcome"][value="${outcome}"])` : ''}`;
  const form = page.locator(selector);
  assert.equal(await form.count(), 1, `${username} is offered ${action}${outcome ? ` (${outcome})` : ''} at step ${before}`);
  await form.locator('button[type="submit"]').click();
  await page.waitForURL(/\/meja\/permohonan\/\d+\?pesan=/);
}

async function byEngine(username: string, caseId: string, action: Parameters<typeof actOnStep>[3], outcome?: string): Promise<void> {
  const step = await stepOf(caseId);
  await actOnStep(db(), await actorNamed(db(), username, new Date()), caseId, action, { step: step as number, outcome }, new Date());
}

async function trackingCode(caseId: string): Promise<string> {
  return (await db().selectFrom('cases').select('tracking_code').where('id', '=', caseId).executeTakeFirstOrThrow()).tracking_code;
}

async function submitOnline(office: string, service: string, name: string, nik: string): Promise<string> {
  const r = await submitApplication(db(), await actorNamed(db(), 'pemohon.demo', new Date()), {
    office, service, applicationType: 'baru', answers: {}, channel: 'online', applicant: { kind: 'person', name, nik, email: 'pemohon.demo@example.test' },
  }, new Date());
  return r.caseId;
}

// The counter's three pages: service and type, the identifier (and questions), then the
// applicant and a scan for every requirement.
async function walkIn(username: string, o: { service: string; identifier: string; answers?: string[]; fill: Record<string, string>; scanKind?: string }): Promise<string> {
  const page = await officials.as(username);
  await page.goto(`${base}/meja`);
  await page.getByRole('link', { name: 'Loket pendaftaran' }).click();
  await page.getByLabel('Layanan').selectOption({ label: o.service });
  await page.getByLabel('Jenis permohonan').selectOption('baru');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  for (const q of o.answers ?? []) await page.getByRole('checkbox', { name: q }).check();
  await page.getByLabel(/NIK \(perorangan/).fill(o.identifier);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  for (const [label, value] of Object.entries(o.fill)) await page.getByLabel(label, { exact: true }).fill(value);
  const inputs = page.getByLabel(/^Berkas persyaratan \d+$/);
  const n = await inputs.count();
  assert.ok(n >= 3, `${o.service}: ${n} requirements`);
  for (let i = 0; i < n; i++) await inputs.nth(i).setInputFiles(i === 0 ? { name: 'scan.png', mimeType: 'image/png', buffer: Buffer.from(PNG) } : pdfFile(`berkas-${i + 1}.pdf`));
  await page.getByRole('button', { name: 'Daftarkan permohonan' }).click();
  await page.waitForURL(/\/meja\/permohonan\/\d+\?pesan=terdaftar/);
  return /\/meja\/permohonan\/(\d+)/.exec(page.url())![1]!;
}

// The technical team's form: result, conditions, the berita acara of the field inspection, and
// the signed letter.
async function recommend(username: string, caseId: string, o: { result?: RegExp; conditions?: string; team: string; findings: string }): Promise<Page> {
  const page = await openCase(username, caseId);
  // "Recommended" is the first result and is preselected.
  if (o.result) await page.getByRole('radio', { name: o.result }).check();
  if (o.conditions) await page.getByLabel(/Syarat \(wajib/).fill(o.conditions);
  await page.getByLabel('Tanggal pemeriksaan').fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('Anggota tim (satu nama per baris)').fill(o.team);
  await page.getByLabel('Temuan').fill(o.findings);
  await page.getByLabel('Surat rekomendasi yang sudah ditandatangani (PDF)').setInputFiles(pdfFile('rekomendasi.pdf'));
  await page.getByRole('button', { name: 'Kirim rekomendasi' }).click();
  await page.waitForURL(/pesan=rekomendasi/);
  await page.getByText('Rekomendasi teknis tercatat.').waitFor();
  return page;
}

async function handOver(username: string, caseId: string, o: { electronic: string } | { name: string; relation: string }): Promise<Page> {
  const page = await openCase(username, caseId);
  if ('electronic' in o) {
    await page.getByRole('radio', { name: 'Dikirim secara elektronik' }).check();
    await page.getByLabel('Dikirim ke (email atau akun portal)').fill(o.electronic);
  } else {
    await page.getByLabel('Nama pengambil').fill(o.name);
    await page.getByLabel('Hubungan dengan pemohon').selectOption(o.relation);
    await page.getByLabel(/Identitas pengambil sudah diperiksa/).check();
  }
  await page.getByRole('button', { name: 'Catat penyerahan dan selesaikan' }).click();
  await page.waitForURL(/pesan=penyerahan/);
  await page.getByText('Penyerahan izin tercatat; permohonan selesai.').waitFor();
  assert.equal(await stepOf(caseId), 'completed');
  return page;
}

// The office's date today (the acting assignment is for a range of the office's days).
const officeDay = (offsetHours: number, plusDays = 0) => new Date(Date.now() + offsetHours * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);

describe('the desk in the browser', { skip: browserTestsSkip }, () => {
  before(async () => {
    database = await freshDatabase();
    await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
    app = await buildServer({ database, publicUrl: 'http://127.0.0.1', logLevel: 'silent' });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    officials = await deskOfficials(base);
  });
  after(async () => {
    await officials?.close();
    await app?.close();
    await database?.close();
  });

  it('Pekanbaru SIPATLM: a walk-in registered at the counter, checked, drafted, initialled, signed from the signature list, numbered and handed over', async () => {
    const fo = 'pekanbaru.front-office';
    await scan('worklist', fo, '/meja');
    await scan('counter: service', fo, '/meja/loket');
    await scan('counter: questions', fo, '/meja/loket?layanan=sipatlm&jenis=baru');
    // The counter's third page (the applicant and the scans) is reached only by a form post.
    const counterAxe = await officials.axeAs(fo);
    await counterAxe.goto(`${base}/meja/loket?layanan=sipatlm&jenis=baru`);
    await counterAxe.getByLabel(/NIK \(perorangan/).fill('1471025505920002');
    await counterAxe.getByRole('button', { name: 'Lanjut' }).click();
    await counterAxe.getByLabel('Nama lengkap sesuai KTP').waitFor();
    assert.deepEqual(await axeViolations(counterAxe, { skipFrames: true }), [], 'counter: applicant and files');
    scanned.set('counter: applicant and files', 'POST /meja/loket');
    await scan('account', fo, '/meja/akun');
    await scan('register, empty', fo, '/meja/register');
    await scan('not found', fo, '/meja/permohonan/999999');
    await scan('worklist in English', fo, '/meja?lang=en');
    await (await officials.axeAs(fo)).goto(`${base}/meja?lang=id`);

    // The counter: service and type, then the NIK, then the applicant and the scans.
    const page = await officials.as(fo);
    await page.goto(`${base}/meja`);
    await page.getByRole('link', { name: 'Loket pendaftaran' }).click();
    await page.getByLabel('Layanan').selectOption({ label: 'Surat Izin Praktik Ahli Teknologi Laboratorium Medik (SIPATLM)' });
    await page.getByLabel('Jenis permohonan').selectOption('baru');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel(/NIK \(perorangan/).fill('1471025505920002');
    await page.getByLabel('Nomor antrian (jika ada)').fill('B-004');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Nama lengkap sesuai KTP').fill('Rina Marlina');
    await page.getByLabel('Nomor telepon').fill('081234567001');
    const inputs = page.getByLabel(/^Berkas persyaratan \d+$/);
    const n = await inputs.count();
    assert.ok(n >= 9);
    for (let i = 0; i < n; i++) {
      await inputs.nth(i).setInputFiles(i === 1 ? { name: 'ktp.png', mimeType: 'image/png', buffer: Buffer.from(PNG) } : pdfFile(`berkas-${i + 1}.pdf`));
    }
    await page.getByRole('button', { name: 'Daftarkan permohonan' }).click();
    await page.waitForURL(/\/meja\/permohonan\/\d+\?pesan=terdaftar/);
    const caseUrl = page.url().split('?')[0]!.replace(base, '');
    const caseId = caseUrl.split('/').pop()!;
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    assert.match(heading ?? '', /^Permohonan [2-9A-HJKMNP-Z]/);
    await page.getByText('Permohonan terdaftar. Cetak tanda terima untuk pemohon.').waitFor();
    await page.getByRole('link', { name: 'Cetak tanda terima berkas (PDF)' }).waitFor();
    await scan('case: requirement check', fo, caseUrl);
    await scan('paraf sheet, empty', fo, `${caseUrl}/paraf`);

    // The front office checks each requirement and declares the file complete.
    const sesuai = page.getByRole('radio', { name: 'Sesuai' });
    for (let i = 0; i < (await sesuai.count()); i++) await sesuai.nth(i).check();
    await page.getByRole('button', { name: 'Simpan hasil pemeriksaan' }).click();
    await page.waitForURL(/pesan=verifikasi/);
    await page.getByRole('button', { name: 'Lengkap dan memenuhi syarat' }).click();
    await page.waitForURL(/pesan=decide/);

    // The back office drafts, from their worklist.
    const bo = await officials.as('pekanbaru.back-office');
    await bo.goto(`${base}/meja`);
    const code = (heading ?? '').replace('Permohonan ', '').trim();
    await bo.getByRole('link', { name: code }).click();
    await bo.getByRole('link', { name: 'Pratinjau draf surat izin (PDF)' }).waitFor();
    await scan('case: drafting', 'pekanbaru.back-office', caseUrl);
    await bo.getByRole('button', { name: 'Selesai, teruskan ke langkah berikutnya' }).click();
    await bo.waitForURL(/pesan=complete/);

    for (const reviewer of ['pekanbaru.analis-kebijakan-ahli-muda', 'pekanbaru.analis-kebijakan-ahli-madya', 'pekanbaru.sekretaris']) {
      const p = await openCase(reviewer, caseId);
      await p.getByRole('button', { name: 'Paraf', exact: true }).click();
      await p.waitForURL(/pesan=paraf/);
    }
    await scan('paraf sheet', 'pekanbaru.sekretaris', `${caseUrl}/paraf`);

    // The head of office signs from the signature list.
    const kadis = 'pekanbaru.kepala-dinas';
    await scan('signature list', kadis, '/meja/tanda-tangan');
    await scan('case: signing', kadis, caseUrl);
    const sign = await officials.as(kadis);
    await sign.goto(`${base}/meja`);
    await sign.getByRole('link', { name: 'Tanda tangan', exact: true }).click();
    await sign.getByRole('checkbox', { name: `Pilih ${code}` }).check();
    await sign.getByRole('button', { name: 'Tanda tangani yang dipilih' }).click();
    await sign.getByText(/ditandatangani, nomor 503\/\d{4}\/SIPATLM/).waitFor();

    const number = await openCase('pekanbaru.back-office', caseId);
    await number.getByRole('button', { name: 'Registrasi nomor izin' }).click();
    await number.waitForURL(/pesan=number/);

    await scan('case: handover', fo, caseUrl);
    await handOver(fo, caseId, { name: 'Rina Marlina', relation: 'pemohon' });
    await scan('case: closed', fo, caseUrl);
    await scan('paper survey', fo, `${caseUrl}/survei`);
    await scan('forbidden', fo, '/meja/admin');
    await scan('supervision tab', 'pekanbaru.sekretaris', '/meja?tab=pengawasan');
    await scan('register', fo, '/meja/register');
    await scan('office admin', 'pekanbaru.admin-kantor', '/meja/admin');
  });

  it('Kaltim laboratorium klinik: an online application through verification, the liaison’s return to the applicant, the technical recommendation with its inspection record, a draft sent back, signing with a mandatory second factor, and electronic delivery', async () => {
    const caseId = await submitOnline('kaltim', 'izin-laboratorium-klinik', 'Siti Rahmawati', '6472015708900003');
    const url = `/meja/permohonan/${caseId}`;
    assert.equal(await stepOf(caseId), 4);

    // Customer service checks the file; registration passes it to verification.
    await choose(await openCase('kaltim.petugas-cs', caseId), 'Berkas lengkap dan benar, diteruskan ke loket pendaftaran');
    await choose(await openCase('kaltim.petugas-loket-pendaftaran', caseId), 'Selesai, teruskan ke langkah berikutnya');
    assert.equal(await stepOf(caseId), 7);

    // The verifier finds the first requirement wanting: a note on it, the rest in order, and the
    // file goes back through the liaison.
    await scan('case: verification', 'kaltim.verifikator', url);
    const v = await openCase('kaltim.verifikator', caseId);
    const first = v.getByRole('group', { name: 'Hasil pemeriksaan: persyaratan 1', exact: true });
    await first.getByRole('radio', { name: 'Perlu perbaikan' }).check();
    await first.getByLabel('Catatan').fill('Surat permohonan belum ditandatangani');
    const sesuai = v.getByRole('radio', { name: 'Sesuai' });
    for (let i = 1; i < (await sesuai.count()); i++) await sesuai.nth(i).check();
    await v.getByRole('button', { name: 'Simpan hasil pemeriksaan' }).click();
    await v.waitForURL(/pesan=verifikasi/);
    await v.getByText('Hasil pemeriksaan persyaratan disimpan.').waitFor();
    await choose(v, 'Belum lengkap dan benar, dikembalikan kepada pemohon melalui petugas penghubung', 'Berkas belum lengkap');
    assert.equal(await stepOf(caseId), 8);
    const liaison = await openCase('kaltim.petugas-penghubung', caseId);
    await choose(liaison, 'Selesai, teruskan ke langkah berikutnya');
    assert.equal(await stepOf(caseId), 'waiting_applicant');
    await liaison.getByText(/Surat permohonan belum ditandatangani/).first().waitFor();
    await scan('case: waiting for the applicant', 'kaltim.petugas-penghubung', url);

    // The applicant answers from the portal; verification passes it on, and the liaison sends it
    // to the health office with the cover letter.
    await resubmitApplication(db(), await actorNamed(db(), 'pemohon.demo', new Date()), caseId, 'Surat permohonan sudah ditandatangani', new Date());
    assert.equal(await stepOf(caseId), 7);
    await actAs('kaltim.verifikator', caseId, 'decide', 'lengkap');
    const send = await openCase('kaltim.petugas-penghubung', caseId);
    const letter = await send.request.get(base + (await send.getByRole('link', { name: 'Surat pengantar ke instansi teknis (PDF)' }).getAttribute('href'))!);
    assert.equal(letter.status(), 200);
    assert.equal(letter.headers()['content-type'], 'application/pdf');
    await choose(send, 'Selesai, teruskan ke langkah berikutnya');
    assert.equal(await stepOf(caseId), 10);

    // The technical team (Dinas Kesehatan) records its recommendation with conditions and the
    // berita acara of its field inspection.
    const tim = 'kaltim.tim-teknis-dinkes';
    await scan('worklist: technical team', tim, '/meja');
    await scan('case: technical recommendation', tim, url);
    const rec = await recommend(tim, caseId, { result: /Direkomendasikan dengan syarat/, conditions: 'Menyediakan alat pemadam api ringan', team: 'dr. Andi Pratama\nNurul Hidayah, S.KM.', findings: 'Ruang laboratorium sesuai denah.' });
    await rec.getByText('dr. Andi Pratama, Nurul Hidayah, S.KM.', { exact: false }).waitFor();
    assert.equal(await stepOf(caseId), 11);

    // Drafting and the paraf chain; the Kabid sends the draft back once.
    const adm = await openCase('kaltim.petugas-administrasi', caseId);
    await adm.getByText('Menyediakan alat pemadam api ringan').first().waitFor();
    await choose(adm, 'Selesai, teruskan ke langkah berikutnya');
    await choose(await openCase('kaltim.kasi-layanan', caseId), 'Sudah memenuhi syarat dan benar, diparaf & diserahkan ke Kabid');
    await choose(await openCase('kaltim.kabid-layanan', caseId), 'Ada kesalahan pada draft, diminta untuk diperbaiki kembali', 'Nama penanggung jawab salah ketik');
    assert.equal(await stepOf(caseId), 11);
    await actAs('kaltim.petugas-administrasi', caseId, 'complete');
    await actAs('kaltim.kasi-layanan', caseId, 'paraf', 'paraf');
    await actAs('kaltim.kabid-layanan', caseId, 'paraf', 'paraf');
    assert.equal(await stepOf(caseId), 14);

    // The office admin makes a second factor mandatory for signing; the head of office registers
    // an authenticator app and signs with its code.
    const admin = await officials.as('kaltim.admin-kantor');
    await admin.goto(`${base}/meja/admin`);
    await admin.getByRole('checkbox', { name: /Wajibkan verifikasi dua langkah/ }).check();
    await admin.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await admin.waitForURL(/pesan=disimpan/);
    const kadis = await officials.as('kaltim.kepala-dinas');
    // Signed in before registering the app: a later sign-in would ask for its code first.
    await officials.axeAs('kaltim.kepala-dinas');
    await kadis.goto(`${base}/meja/akun`);
    const secret = (await kadis.locator('code.secret').first().textContent())!.trim();
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    await kadis.getByLabel('Kode verifikasi', { exact: true }).fill(totp.generate());
    await kadis.getByRole('button', { name: 'Daftarkan autentikator' }).click();
    await kadis.waitForURL(/pesan=disimpan/);
    await scan('case: signing with a second factor', 'kaltim.kepala-dinas', url);
    await kadis.goto(base + url);
    // The code of the next period: the one just used for registering cannot be used again.
    await kadis.getByLabel('Kode verifikasi dari aplikasi autentikator').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await choose(kadis, 'Sudah memenuhi syarat dan benar, surat izin ditandatangani');
    assert.equal(await stepOf(caseId), 15);
    const labPermit = await db().selectFrom('permits').select('number').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    await kadis.getByText(labPermit.number, { exact: true }).waitFor();
    await admin.goto(`${base}/meja/admin`);
    await admin.getByRole('checkbox', { name: /Wajibkan verifikasi dua langkah/ }).uncheck();
    await admin.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await admin.waitForURL(/pesan=disimpan/);

    await actAs('kaltim.petugas-tata-usaha', caseId, 'number');
    await handOver('kaltim.petugas-loket-pengambilan', caseId, { electronic: 'siti@example.test' });
    assert.equal((await db().selectFrom('permit_handovers').select('delivered_to').where('case_id', '=', caseId).executeTakeFirstOrThrow()).delivered_to, 'siti@example.test');
  });

  it('Kaltim penyalur alat kesehatan: a company at the counter, the help desk and back, the technical team’s recommendation, a head of division acting as Plt. head of office signing, and collection by an employee', async () => {
    const cs = 'kaltim.petugas-cs';
    const caseId = await walkIn(cs, {
      service: 'Izin Penyalur Alat Kesehatan (PAK)', identifier: '9120301234567',
      fill: { 'Nama perusahaan': 'PT Alkes Borneo Sejahtera', 'Nama penanggung jawab': 'Budi Santoso', 'Nomor telepon': '0541123456' },
    });
    assert.equal(await stepOf(caseId), 4);
    const url = `/meja/permohonan/${caseId}`;
    await scan('case: a company at customer service', cs, url);

    // Customer service sends the applicant to the help desk, which hands the file back.
    const page = await openCase(cs, caseId);
    await choose(page, 'Diarahkan ke help desk');
    assert.equal(await stepOf(caseId), 5);
    await choose(page, 'Selesai, teruskan ke langkah berikutnya');
    assert.equal(await stepOf(caseId), 4);
    await choose(page, 'Lengkap dan benar, diserahkan ke loket pendaftaran');
    await actAs('kaltim.petugas-loket-pendaftaran', caseId, 'complete');
    await actAs('kaltim.verifikator', caseId, 'decide', 'lengkap');
    await actAs('kaltim.petugas-penghubung', caseId, 'complete');
    await recommend('kaltim.tim-teknis-dinkes', caseId, { team: 'Ir. Wahyu', findings: 'Gudang memenuhi cara distribusi yang baik.' });
    await actAs('kaltim.petugas-administrasi', caseId, 'complete');
    await actAs('kaltim.kasi-layanan', caseId, 'paraf', 'paraf');
    await actAs('kaltim.kabid-layanan', caseId, 'paraf', 'paraf');
    assert.equal(await stepOf(caseId), 14);

    // The head of office is away: the office admin makes the head of division Plt. for this week.
    const admin = await officials.as('kaltim.admin-kantor');
    await admin.goto(`${base}/meja/admin`);
    await admin.getByLabel('Jabatan yang dilaksanakan').selectOption('kepala-dinas');
    await admin.getByLabel('Pelaksana', { exact: true }).selectOption({ label: 'Demo Kepala Bidang Layanan Perizinan dan Non Perizinan (kaltim.kabid-layanan)' });
    await admin.getByLabel('Jenis', { exact: true }).selectOption('plt');
    await admin.getByLabel('Mulai tanggal').fill(officeDay(8));
    await admin.getByLabel('Sampai tanggal').fill(officeDay(8, 4));
    await admin.getByRole('button', { name: 'Tambah', exact: true }).click();
    await admin.waitForURL(/pesan=disimpan/);
    await admin.getByRole('button', { name: /Hapus penugasan Demo Kepala Bidang/ }).waitFor();
    await scan('office admin with an acting official', 'kaltim.admin-kantor', '/meja/admin');

    // The Plt. signs from the signature list that is now theirs.
    const kabid = await officials.as('kaltim.kabid-layanan');
    await kabid.goto(`${base}/meja`);
    await kabid.getByRole('link', { name: 'Tanda tangan', exact: true }).click();
    await kabid.getByRole('checkbox', { name: `Pilih ${await trackingCode(caseId)}` }).check();
    await kabid.getByRole('button', { name: 'Tanda tangani yang dipilih' }).click();
    await kabid.getByText(/ditandatangani, nomor/).waitFor();
    await scan('signature list with results', 'kaltim.kabid-layanan', '/meja/tanda-tangan');
    const permit = await db().selectFrom('permits').select(['number', 'acting_for']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(permit.acting_for, 'plt:kepala-dinas');
    await kabid.goto(`${base}${url}/paraf`);
    await kabid.getByText(/Plt\.\s+Kepala Dinas/).first().waitFor();

    // Tata usaha numbers; the pickup counter records the employee who collected it.
    const tu = await openCase('kaltim.petugas-tata-usaha', caseId);
    await tu.getByRole('button', { name: 'Registrasi nomor izin' }).click();
    await tu.waitForURL(/pesan=number/);
    await handOver('kaltim.petugas-loket-pengambilan', caseId, { name: 'Dewi Lestari', relation: 'karyawan' });
    const register = await officials.as('kaltim.petugas-tata-usaha');
    await register.goto(`${base}/meja/register`);
    const row = register.getByRole('row').filter({ hasText: permit.number });
    await row.getByText('(Plt.)').waitFor();
  });

  it('Bombana perekam medis: a walk-in returned to the front office and corrected at the counter, the cover letter initialled and signed, the health office’s consideration, the paraf chain, several permits signed at once, numbering and handover', async () => {
    const fo = 'bombana.front-office';
    const caseId = await walkIn(fo, {
      service: 'Izin Praktek Perekam Medis', identifier: '7406014409950001',
      fill: { 'Nama lengkap sesuai KTP': 'Wa Ode Sitti', 'Nomor telepon': '085241000111', Alamat: 'Kasipute, Rumbia' },
    });
    const url = `/meja/permohonan/${caseId}`;
    await choose(await openCase(fo, caseId), 'Selesai, teruskan ke langkah berikutnya');
    assert.equal(await stepOf(caseId), 3);

    // The back office finds a document missing and returns the file to the front office.
    const bo = await openCase('bombana.back-office', caseId);
    const last = bo.getByRole('group', { name: /^Hasil pemeriksaan: persyaratan \d+$/ }).last();
    await last.getByRole('radio', { name: 'Tidak ada' }).check();
    await last.getByLabel('Catatan').fill('Dokumen belum dilampirkan');
    const groups = bo.getByRole('group', { name: /^Hasil pemeriksaan: persyaratan \d+$/ });
    for (let i = 0; i < (await groups.count()) - 1; i++) await groups.nth(i).getByRole('radio', { name: 'Sesuai' }).check();
    await bo.getByRole('button', { name: 'Simpan hasil pemeriksaan' }).click();
    await bo.waitForURL(/pesan=verifikasi/);
    await choose(bo, 'Berkas tidak lengkap, dikembalikan kepada FO', 'Satu dokumen belum ada');
    assert.equal(await stepOf(caseId), 'waiting_applicant');

    // The applicant brings the document to the counter.
    await scan('case: a correction at the counter', fo, url);
    const counter = await openCase(fo, caseId);
    await counter.getByText('Dokumen belum dilampirkan').first().waitFor();
    const correction = counter.getByRole('form', { name: 'Terima perbaikan berkas di loket' });
    await correction.locator('input[type=file]').first().setInputFiles(pdfFile('susulan.pdf'));
    await correction.getByLabel('Catatan', { exact: true }).fill('Dokumen dibawa langsung');
    await correction.getByRole('button', { name: 'Ajukan kembali ke proses' }).click();
    await counter.waitForURL(/pesan=perbaikan/);
    assert.equal(await stepOf(caseId), 2);

    await actAs(fo, caseId, 'complete');
    await actAs('bombana.back-office', caseId, 'decide', 'lengkap');
    await actAs('bombana.back-office', caseId, 'complete');
    assert.equal(await stepOf(caseId), 5);

    // The cover letter to the health office: drafted, initialled by the Kabid, signed by the Kadis.
    const draft = await openCase('bombana.back-office', caseId);
    await draft.getByRole('link', { name: 'Surat pengantar ke instansi teknis (PDF)' }).waitFor();
    await choose(draft, 'Selesai, teruskan ke langkah berikutnya');
    await scan('case: paraf of the cover letter', 'bombana.kabid-pelayanan', url);
    await choose(await openCase('bombana.kabid-pelayanan', caseId), 'Paraf');
    await choose(await openCase('bombana.kepala-dinas', caseId), 'Tandatangani');
    assert.equal(await stepOf(caseId), 8);
    assert.equal((await db().selectFrom('permits').select('id').where('case_id', '=', caseId).execute()).length, 0, 'a letter takes no permit number');
    await actAs('bombana.back-office', caseId, 'complete');

    // The health office's consideration, with its inspection.
    await recommend('bombana.tim-teknis-dinkes', caseId, { team: 'dr. La Ode Rahman', findings: 'Dokumen sesuai.' });
    await actAs('bombana.kepala-dinas', caseId, 'complete');
    await actAs('bombana.kabid-pelayanan', caseId, 'complete');
    await actAs('bombana.back-office', caseId, 'complete');
    assert.equal(await stepOf(caseId), 13);

    // The paraf chain: Kasi, Kabid, Sekretaris, each in turn.
    for (const reviewer of ['bombana.kepala-seksi', 'bombana.kabid-pelayanan', 'bombana.sekretaris-dinas']) await choose(await openCase(reviewer, caseId), 'Paraf');
    assert.equal(await stepOf(caseId), 16);

    // Two more permits are waiting; the Kadis signs all three at once from the signature list.
    const others: string[] = [];
    for (const [name, nik] of [['La Ode Baru', '7406014409950002'], ['Wa Ode Nur', '7406014409950003']] as const) {
      const id = await submitOnline('bombana', 'izin-praktek-perekam-medis', name, nik);
      const moves: [string, Parameters<typeof actOnStep>[3], string?][] = [
        [fo, 'complete'], ['bombana.back-office', 'decide', 'lengkap'], ['bombana.back-office', 'complete'], ['bombana.back-office', 'complete'],
        ['bombana.kabid-pelayanan', 'paraf', 'paraf'], ['bombana.kepala-dinas', 'sign', 'tandatangani'], ['bombana.back-office', 'complete'],
        ['bombana.tim-teknis-dinkes', 'decide', 'direkomendasikan'], ['bombana.kepala-dinas', 'complete'], ['bombana.kabid-pelayanan', 'complete'], ['bombana.back-office', 'complete'],
        ['bombana.kepala-seksi', 'paraf', 'paraf'], ['bombana.kabid-pelayanan', 'paraf', 'paraf'], ['bombana.sekretaris-dinas', 'paraf', 'paraf'],
      ];
      // Filler for the signature list: moved through the engine, as its steps are shown above.
      for (const [who, action, outcome] of moves) await byEngine(who, id, action, outcome);
      others.push(id);
    }
    const kadis = await officials.as('bombana.kepala-dinas');
    await kadis.goto(`${base}/meja/tanda-tangan`);
    for (const id of [caseId, ...others]) await kadis.getByRole('checkbox', { name: `Pilih ${await trackingCode(id)}` }).check();
    await kadis.getByRole('button', { name: 'Tanda tangani yang dipilih' }).click();
    await kadis.getByText(/ditandatangani, nomor 503\/\d{3}\/SIPRM/).first().waitFor();
    assert.equal(await kadis.getByText(/ditandatangani, nomor 503\/\d{3}\/SIPRM/).count(), 3);
    for (const id of [caseId, ...others]) assert.equal(await stepOf(id), 17);

    const sek = await openCase('bombana.staf-sekretariat', caseId);
    await sek.getByRole('button', { name: 'Registrasi nomor izin' }).click();
    await sek.waitForURL(/pesan=number/);
    await handOver(fo, caseId, { name: 'La Ode Baru', relation: 'kuasa' });
    const sheet = await officials.as(fo);
    await sheet.goto(`${base}${url}/paraf`);
    for (const who of ['Demo Kepala Seksi', 'Demo Sekretaris Dinas']) await sheet.getByText(who).first().waitFor();
  });

  it('every kind of desk page was scanned with axe and had no violation', () => {
    const kinds = [...scanned.keys()];
    assert.ok(kinds.length >= 29, kinds.join(', '));
  });
});
