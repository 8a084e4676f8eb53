// An applicant's whole journey in a real browser, found by role and label: registering, the
// verification mail, signing in, applying one question per page with uploads, the receipt, a
// return for correction and the resubmission, the survey and a complaint — every portal page
// scanned with axe (no violation), then the same journey again with JavaScript off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pendingPermitDocuments, producePermitDocument } from '../../src/app/permits/produce-permit-document.ts';
import { DEMO_PASSWORD } from '../../src/app/seed-demo.ts';
import { submitApplication } from '../../src/app/workflow/submit-application.ts';
import { renderPermitForSigning } from '../../src/infra/documents/permit-renderer.ts';
import { selectSigner } from '../../src/infra/signing/select-signer.ts';
import { seedDemo } from '../../src/app/seed-demo.ts';
import { actOnStep } from '../../src/app/workflow/act-on-step.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { smtpMailer } from '../../src/infra/mail/mailer.ts';
import { localStorage, type Storage } from '../../src/infra/storage/storage.ts';
import { buildServer } from '../../src/web/server.ts';
import { freshDatabase } from '../helpers/db.ts';
import { definitionsDir } from '../helpers/fixtures.ts';
import { PERSON, startSmtp, tinyPdf, tinyPng, waitForMail, type ReceivedMail } from '../helpers/portal.ts';
import { axeViolations, browserTestsSkip, launchBrowser } from '../helpers/browser.ts';
import { actorNamed, drive } from '../helpers/workflow.ts';

// The portal as on a small laptop.
const openBrowser = (javaScriptEnabled: boolean) => launchBrowser({ javaScriptEnabled, width: 1024, height: 800 });

let database: Database;
let app: FastifyInstance;
let base: string;
let inbox: ReceivedMail[];
let closeSmtp: () => Promise<void>;
let storage: Storage;
let filesDir: string | undefined;
const scanned = new Map<string, string[]>();

// Scans the page the browser is on and remembers what axe found, by path; and weighs it as a
// first visit would fetch it (the document and everything it loaded).
async function scan(page: Page): Promise<void> {
  const path = new URL(page.url()).pathname.replace(/\/\d+(?=\/|$)/g, '/{id}');
  const problems = await axeViolations(page);
  scanned.set(path, [...(scanned.get(path) ?? []), ...problems]);
  assert.deepEqual(problems, [], `${path}: ${problems.join('\n')}`);
  // Runs in the page; the test's own types know no DOM.
  const size = await page.evaluate(() => {
    type Timing = { transferSize: number; encodedBodySize: number };
    const perf = (globalThis as unknown as { performance: { getEntriesByType(type: string): Timing[] } }).performance;
    return [...perf.getEntriesByType('navigation'), ...perf.getEntriesByType('resource')].reduce((n, e) => n + Math.max(e.transferSize, e.encodedBodySize), 0);
  });
  assert.ok(size > 0 && size < 100 * 1024, `${path} weighs ${size} bytes over the wire`);
}

// Every request a page makes must go to the server itself: no fonts, scripts or styles from
// elsewhere.
function watchOrigins(page: Page, seen: string[]): void {
  page.on('request', (r) => {
    if (!r.url().startsWith(`${base}/`) && !r.url().startsWith('data:')) seen.push(r.url());
  });
}

const COMPANY = {
  companyName: 'PT Alkes Borneo Sejahtera', nib: '9120001234567', npwp: '01.234.567.8-722.000', address: 'Jl. Pahlawan No. 12, Samarinda',
  name: 'Yusuf Kurniawan', phone: '0813 5000 1234',
};

interface RegisterOptions { withScan?: boolean; company?: boolean }

async function register(page: Page, email: string, o: RegisterOptions = {}): Promise<void> {
  const withScan = o.withScan ?? false;
  await page.goto(`${base}/daftar`);
  if (withScan && !o.company) await scan(page);
  if (!o.company) {
    await page.getByRole('button', { name: 'Lanjutkan' }).click();
    if (withScan) await scan(page);
    await page.getByText('Pilih perorangan atau badan usaha').first().waitFor();
  }
  await page.getByLabel(o.company ? 'Badan usaha (perusahaan)' : 'Perorangan').check();
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  if (o.company) {
    await page.getByRole('heading', { name: 'Data perusahaan' }).waitFor();
    await page.getByLabel('Nama perusahaan').fill(COMPANY.companyName);
    await page.getByLabel('NIB (Nomor Induk Berusaha)').fill('91200O1234567');
    await page.getByLabel('NPWP perusahaan').fill(COMPANY.npwp);
    await page.getByLabel('Alamat perusahaan').fill(COMPANY.address);
    await page.getByLabel('Nama penanggung jawab').fill(COMPANY.name);
    await page.getByLabel('Nomor telepon atau HP').fill(COMPANY.phone);
    await page.getByLabel('Alamat email').fill(email);
    await page.getByLabel('Kata sandi').fill('kata-sandi-rahasia-1');
    await page.getByRole('button', { name: 'Buat akun' }).click();
    // A letter O typed for a zero: the summary names the field, the rest stays filled in.
    await page.getByRole('link', { name: 'NIB hanya berisi angka, tanpa huruf' }).waitFor();
    if (withScan) await scan(page);
    assert.equal(await page.getByLabel('Nama perusahaan').inputValue(), COMPANY.companyName);
    await page.getByLabel('NIB (Nomor Induk Berusaha)').fill(COMPANY.nib);
    await page.getByLabel('Kata sandi').fill('kata-sandi-rahasia-1');
  } else {
    await page.getByRole('button', { name: 'Buat akun' }).click();
    if (withScan) await scan(page);
    await page.getByRole('link', { name: 'Isi NIK' }).waitFor();
    await page.getByLabel('Nama lengkap').fill(PERSON.name);
    await page.getByLabel('NIK').fill(PERSON.nik);
    await page.getByLabel('Nomor telepon atau HP').fill(PERSON.phone);
    await page.getByLabel('Alamat', { exact: true }).fill(PERSON.address);
    await page.getByLabel('Alamat email').fill(email);
    await page.getByLabel('Kata sandi').fill('kata-sandi-rahasia-1');
  }
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await page.getByRole('heading', { name: 'Periksa email Anda' }).waitFor();
  if (withScan && !o.company) await scan(page);
  const mail = await waitForMail(inbox, email, /Verifikasi/);
  const link = /(http:\/\/127\.0\.0\.1:\d+\/daftar\/verifikasi\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
  await page.goto(link);
  await page.getByRole('heading', { name: 'Alamat email terverifikasi' }).waitFor();
  if (withScan && !o.company) await scan(page);
  await page.getByRole('link', { name: 'Masuk' }).last().click();
  await page.getByLabel('Nama pengguna atau email').fill(email);
  await page.getByLabel('Kata sandi').fill('kata-sandi-rahasia-1');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('heading', { name: 'Permohonan saya' }).waitFor();
  if (withScan && !o.company) await scan(page);
}

interface ApplyOptions {
  office: string;
  service: string;
  // The label of the application type, when the service offers more than one.
  type?: string;
  // Answers by attribute id; unanswered questions are answered "Tidak".
  answers?: Record<string, 'Ya' | 'Tidak'>;
  // Scan the pages of these kinds (by the last part of their path, e.g. "persyaratan").
  scanPages?: Set<string>;
  // Send the first page of these kinds empty first, and scan the error it shows.
  errorsOn?: Set<string>;
}

let pdfBytes: Buffer | undefined;
const pdf = async () => (pdfBytes ??= Buffer.from(await tinyPdf()));

// From the service's apply page to the receipt, the way a person would: the type, each question,
// the checklist, a file for each requirement that asks for one (optional ones skipped), check
// and send. Returns the case id, tracking code and the files uploaded.
async function apply(page: Page, o: ApplyOptions): Promise<{ caseId: string; code: string; uploaded: number; skipped: number }> {
  const scanIf = async (kind: string) => {
    if (o.scanPages?.has(kind)) await scan(page);
  };
  const next = async (click: () => Promise<void>) => {
    const before = page.url();
    await click();
    await page.waitForURL((u) => u.toString() !== before);
  };
  await page.goto(`${base}/ajukan/${o.office}/${o.service}`);
  await scanIf('ajukan');
  await next(() => page.getByRole('button', { name: 'Mulai' }).click());
  let uploaded = 0;
  let skipped = 0;
  const errorsShown = new Set<string>();
  for (let guard = 0; guard < 80 && !page.url().endsWith('/periksa'); guard++) {
    const url = new URL(page.url()).pathname;
    if (url.endsWith('/jenis')) {
      await page.getByRole('group', { name: /Apa jenis permohonan Anda/ }).waitFor();
      await scanIf('jenis');
      if (o.errorsOn?.has('jenis')) {
        await page.getByRole('button', { name: 'Lanjutkan' }).click();
        await page.getByRole('link', { name: 'Pilih jenis permohonan' }).waitFor();
        await scanIf('jenis');
      }
      await page.getByLabel(o.type ?? 'Baru', { exact: true }).check();
      await next(() => page.getByRole('button', { name: 'Lanjutkan' }).click());
    } else if (url.includes('/pertanyaan/')) {
      const id = url.split('/').pop()!;
      await scanIf('pertanyaan');
      if (o.errorsOn?.has('pertanyaan') && !errorsShown.has('pertanyaan')) {
        errorsShown.add('pertanyaan');
        await page.getByRole('button', { name: 'Lanjutkan' }).click();
        await page.getByRole('link', { name: 'Pilih ya atau tidak' }).waitFor();
        await scanIf('pertanyaan');
      }
      await page.getByLabel(o.answers?.[id] ?? 'Tidak', { exact: true }).check();
      await next(() => page.getByRole('button', { name: 'Lanjutkan' }).click());
    } else if (url.endsWith('/persyaratan')) {
      await page.getByRole('heading', { name: 'Persyaratan untuk permohonan Anda' }).waitFor();
      await scanIf('persyaratan');
      await next(() => page.getByRole('link', { name: 'Lanjutkan' }).click());
    } else if (url.includes('/berkas/')) {
      const skip = page.getByRole('link', { name: 'Lewati' });
      if (await skip.count() > 0) {
        await scanIf('berkas-opsional');
        skipped++;
        await next(() => skip.click());
        continue;
      }
      if (uploaded === 0) await scanIf('berkas');
      if (uploaded === 0 && o.errorsOn?.has('berkas')) {
        await page.getByRole('button', { name: 'Unggah dan lanjutkan' }).click();
        await page.getByRole('link', { name: 'Pilih berkas yang akan diunggah.' }).waitFor();
        await scanIf('berkas');
      }
      await page.getByLabel('Pilih berkas').setInputFiles({ name: 'dokumen.pdf', mimeType: 'application/pdf', buffer: await pdf() });
      uploaded++;
      await next(() => page.getByRole('button', { name: 'Unggah dan lanjutkan' }).click());
    } else {
      assert.fail(`unexpected page ${url}`);
    }
  }
  await page.getByRole('heading', { name: 'Periksa jawaban Anda sebelum mengirim' }).waitFor();
  await scanIf('periksa');
  if (o.errorsOn?.has('periksa')) {
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    await page.getByRole('link', { name: /Centang pernyataan/ }).waitFor();
    await scanIf('periksa');
  }
  await page.getByLabel(/Saya menyatakan bahwa data dan dokumen/).check();
  await next(() => page.getByRole('button', { name: 'Kirim permohonan' }).click());
  await page.getByRole('heading', { name: 'Permohonan terkirim' }).waitFor();
  await scanIf('tanda-terima');
  const caseId = /\/permohonan\/(\d+)\/tanda-terima/.exec(page.url())![1]!;
  const code = (await page.locator('.panel .code').textContent())!.trim();
  return { caseId, code, uploaded, skipped };
}

// The receipt's PDF, fetched with the browser's own session.
async function receiptPdfOf(page: Page, caseId: string, code: string): Promise<void> {
  const res = await page.request.get(`${base}/permohonan/${caseId}/tanda-terima.pdf`);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  const doc = await PDFDocument.load(await res.body());
  assert.ok(doc.getTitle()?.includes(code));
}

async function followCase(page: Page, withScan: boolean): Promise<void> {
  await page.getByRole('link', { name: 'Lihat perjalanan permohonan' }).click();
  await page.getByRole('heading', { name: 'Perjalanan permohonan' }).waitFor();
  if (withScan) await scan(page);
}

describe('the applicant portal in the browser', { skip: browserTestsSkip }, () => {
  before(async () => {
    database = await freshDatabase();
    await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
    const smtp = await startSmtp();
    inbox = smtp.inbox;
    closeSmtp = smtp.close;
    // The address is known only once listening; mail links must point at it.
    const port = 20000 + Math.floor(Math.random() * 20000);
    base = `http://127.0.0.1:${port}`;
    filesDir = mkdtempSync(join(tmpdir(), 'satupintu-portal-files-'));
    storage = localStorage(filesDir);
    app = await buildServer({ database, publicUrl: base, logLevel: 'silent', storage, mailer: smtpMailer(smtp.url, 'satupintu <noreply@satupintu.example>') });
    await app.listen({ port, host: '127.0.0.1' });
  });
  after(async () => {
    await app?.close();
    await closeSmtp?.();
    await database?.close();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  it('a whole journey with JavaScript on, every page without an accessibility violation', async () => {
    const browser = await openBrowser(true);
    try {
      const page = await browser.context.newPage();
      await register(page, 'jalan@example.test', { withScan: true });
      const { caseId, code } = await apply(page, {
        office: 'pekanbaru', service: 'sipatlm', errorsOn: new Set(['jenis', 'berkas', 'periksa']),
        scanPages: new Set(['ajukan', 'jenis', 'persyaratan', 'berkas', 'periksa', 'tanda-terima']),
      });
      await followCase(page, true);

      // The office returns the file for one correction.
      await actOnStep(database.db, await actorNamed(database.db, 'pekanbaru.front-office', new Date()), caseId, 'decide', {
        step: 2, outcome: 'tidak-lengkap', reason: 'KTP buram', corrections: [{ requirement: 'ktp', note: 'Pindai ulang KTP dengan jelas' }],
      }, new Date());
      await page.goto(`${base}/permohonan/${caseId}`);
      await page.getByRole('heading', { name: 'Yang perlu Anda perbaiki' }).waitFor();
      await scan(page);
      // The details form is open while the case waits on the applicant; saved unchanged, it changes nothing.
      await page.goto(`${base}/permohonan/${caseId}/perbaikan-data`);
      await scan(page);
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByRole('heading', { name: 'Yang perlu Anda perbaiki' }).waitFor();
      await page.getByRole('link', { name: /Unggah berkas pengganti/ }).click();
      await scan(page);
      await page.getByLabel('Pilih berkas').setInputFiles({ name: 'ktp.png', mimeType: 'image/png', buffer: tinyPng });
      await page.getByRole('button', { name: 'Unggah dan lanjutkan' }).click();
      await page.getByRole('button', { name: 'Kirim ulang permohonan' }).click();
      await page.getByText('Sedang diproses').first().waitFor();

      await drive(database.db, caseId, [
        { who: 'pekanbaru.front-office', action: 'decide', outcome: 'lengkap', at: new Date().toISOString(), expect: 3 },
        { who: 'pekanbaru.back-office', action: 'complete', at: new Date().toISOString(), expect: 4 },
        { who: 'pekanbaru.analis-kebijakan-ahli-muda', action: 'paraf', at: new Date().toISOString(), expect: 5 },
        { who: 'pekanbaru.analis-kebijakan-ahli-madya', action: 'paraf', at: new Date().toISOString(), expect: 6 },
        { who: 'pekanbaru.sekretaris', action: 'paraf', at: new Date().toISOString(), expect: 7 },
        { who: 'pekanbaru.kepala-dinas', action: 'sign', at: new Date().toISOString(), expect: 8 },
        { who: 'pekanbaru.back-office', action: 'number', at: new Date().toISOString(), expect: 9 },
        { who: 'pekanbaru.front-office', action: 'handover', at: new Date().toISOString(), expect: 'completed' },
      ]);
      await page.goto(`${base}/permohonan/${caseId}`);
      await scan(page);
      await page.getByRole('link', { name: /isi survei kepuasan/ }).click();
      await scan(page);
      await page.getByRole('group', { name: /1\. Bagaimana pendapat Saudara tentang kesesuaian persyaratan/ }).getByLabel('Sangat sesuai').check();
      await page.getByRole('group', { name: /8\. Bagaimana pendapat Saudara tentang kualitas sarana/ }).getByLabel('Baik', { exact: true }).check();
      await page.getByLabel('Pendidikan terakhir').selectOption('sma');
      await page.getByRole('button', { name: 'Kirim survei' }).click();
      await page.getByRole('heading', { name: 'Terima kasih' }).waitFor();
      await scan(page);
      const answers = await database.db.selectFrom('ikm_answers').select(['unsur', 'score']).orderBy('unsur').execute();
      assert.deepEqual(answers.map((a) => [a.unsur, a.score]), [[1, 4], [9, 3]]);

      await page.goto(`${base}/permohonan/${caseId}/pengaduan`);
      await scan(page);
      await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
      await scan(page);
      await page.getByLabel('Waktu penyelesaian atau keterlambatan').check();
      await page.getByLabel('Isi pengaduan').fill('Izin terlambat satu hari.');
      await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
      await page.getByRole('heading', { name: 'Pengaduan terkirim' }).waitFor();
      await scan(page);

      await page.goto(`${base}/permohonan/${caseId}/tanda-terima`);
      await scan(page);
      await page.goto(`${base}/permohonan?lang=en`);
      await scan(page);
      await page.goto(`${base}/permohonan?lang=id`);

      // Public and signed-out pages.
      await page.getByRole('button', { name: 'Keluar' }).click();
      for (const path of ['/lacak', `/lacak/${code}`, '/lupa-sandi', '/daftar/badan-usaha', '/ajukan/kaltim/izin-penyalur-alat-kesehatan']) {
        await page.goto(base + path);
        await scan(page);
      }
      await page.goto(`${base}/lacak`);
      await page.getByLabel('Kode lacak').fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Lacak' }).click();
      await page.getByText('Selesai', { exact: true }).first().waitFor();
      assert.ok(!(await page.content()).includes(PERSON.nik));
    } finally {
      await browser.close();
    }
    assert.ok(scanned.size >= 20, `scanned ${[...scanned.keys()].join(', ')}`);
  });

  it('the same journey with JavaScript off', async () => {
    const browser = await openBrowser(false);
    try {
      const page = await browser.context.newPage();
      await register(page, 'tanpa-js@example.test');
      const { caseId, code, uploaded } = await apply(page, { office: 'pekanbaru', service: 'sipatlm' });
      await receiptPdfOf(page, caseId, code);
      await followCase(page, false);
      await page.getByText('Penerimaan dan pemeriksaan berkas', { exact: true }).waitFor();
      const docs = await database.db.selectFrom('case_documents').select('id').where('case_id', '=', caseId).execute();
      assert.equal(docs.length, 10);
      assert.equal(uploaded, 10);
    } finally {
      await browser.close();
    }
  });

  it('a company applies for a medical devices distributor permit: its answers decide the checklist', async () => {
    const browser = await openBrowser(true);
    const elsewhere: string[] = [];
    try {
      const page = await browser.context.newPage();
      watchOrigins(page, elsewhere);
      await register(page, 'alkes@example.test', { withScan: true, company: true });
      const { caseId, code, uploaded, skipped } = await apply(page, {
        office: 'kaltim', service: 'izin-penyalur-alat-kesehatan', type: 'Baru', answers: { pma: 'Ya', elektromedik: 'Ya' },
        errorsOn: new Set(['pertanyaan']), scanPages: new Set(['pertanyaan', 'persyaratan', 'berkas-opsional', 'periksa', 'tanda-terima']),
      });
      // 23 files every new permit needs, the BKPM licence of a foreign-owned company, the
      // workshop and after-sales papers of an electromedical distributor; the list of
      // technicians is optional, and nothing about radiation is asked.
      assert.deepEqual([uploaded, skipped], [26, 1]);
      const received = page.getByRole('list').filter({ hasText: 'Surat Permohonan Kementerian Kesehatan' });
      for (const text of ['Izin Usaha dari BKPM (untuk PMA)', 'Daftar peralatan bengkel', 'Surat Pernyataan jaminan purnajual']) {
        await received.getByText(text).first().waitFor();
      }
      assert.equal(await received.getByText('Petugas Proteksi Radiasi').count(), 0);
      assert.equal(await received.getByText('Daftar Nama Teknisi').count(), 0);
      await receiptPdfOf(page, caseId, code);
      const row = await database.db.selectFrom('cases as c').innerJoin('applicants as a', 'a.id', 'c.applicant_id')
        .select(['c.answers', 'c.application_type', 'a.kind', 'a.nib', 'a.company_name']).where('c.id', '=', caseId).executeTakeFirstOrThrow();
      assert.deepEqual(row.answers, { pma: true, elektromedik: true, radiasi: false, 'ada-teknisi': false });
      assert.deepEqual([row.application_type, row.kind, row.nib, row.company_name], ['baru', 'company', COMPANY.nib, COMPANY.companyName]);
      await followCase(page, false);
      await page.getByText('Petugas Layanan Loket Pendaftaran', { exact: false }).first().waitFor();
    } finally {
      await browser.close();
    }
    assert.deepEqual(elsewhere, [], 'every request stays on the server');
  });

  it('the medical records permit of Bombana: one type, so the checklist comes first, with what to show at the counter', async () => {
    const browser = await openBrowser(true);
    const elsewhere: string[] = [];
    try {
      const page = await browser.context.newPage();
      watchOrigins(page, elsewhere);
      await register(page, 'perekam@example.test');
      const { caseId, code, uploaded } = await apply(page, {
        office: 'bombana', service: 'izin-praktek-perekam-medis', scanPages: new Set(['persyaratan', 'periksa', 'tanda-terima']),
      });
      assert.equal(uploaded, 7);
      await page.getByRole('heading', { name: 'Yang perlu ditunjukkan di loket' }).waitFor();
      await page.getByRole('listitem').filter({ hasText: 'Map Snelhektek Plastik' }).first().waitFor();
      await page.getByText(/Sabtu|Senin|Selasa|Rabu|Kamis|Jumat|Minggu/).filter({ hasText: 'WITA' }).first().waitFor();
      await receiptPdfOf(page, caseId, code);
      await followCase(page, false);
      const row = await database.db.selectFrom('cases').select(['application_type', 'channel', 'current_step']).where('id', '=', caseId).executeTakeFirstOrThrow();
      assert.deepEqual([row.application_type, row.channel], ['baru', 'online']);
    } finally {
      await browser.close();
    }
    assert.deepEqual(elsewhere, []);
  });

  it('a renewal of a clinical laboratory permit in Kalimantan Timur, with JavaScript off', async () => {
    const browser = await openBrowser(false);
    try {
      const page = await browser.context.newPage();
      await register(page, 'lab-klinik@example.test');
      const { caseId, code, uploaded } = await apply(page, { office: 'kaltim', service: 'izin-laboratorium-klinik', type: 'Perpanjangan' });
      assert.equal(uploaded, 14, 'ten documents and four signed statements on materai');
      await page.getByText('Perpanjangan', { exact: true }).waitFor();
      await receiptPdfOf(page, caseId, code);
      await followCase(page, false);
      const docs = await database.db.selectFrom('case_documents').select('requirement_id').where('case_id', '=', caseId).where('superseded_at', 'is', null).execute();
      assert.equal(docs.length, 14);
      assert.ok(docs.some((d) => d.requirement_id === 'pernyataan-pemantapan-mutu'));
      const row = await database.db.selectFrom('cases').select('application_type').where('id', '=', caseId).executeTakeFirstOrThrow();
      assert.equal(row.application_type, 'perpanjangan');
    } finally {
      await browser.close();
    }
  });

  it('the pages no journey above reaches: profile, drafts, a signed permit, a rejection, an answered survey, password reset, a wrong code', async () => {
    const browser = await openBrowser(true);
    const elsewhere: string[] = [];
    const certs = mkdtempSync(join(tmpdir(), 'satupintu-portal-certs-'));
    try {
      const page = await browser.context.newPage();
      watchOrigins(page, elsewhere);
      // The demo account was made without applicant details: it completes them once.
      await page.goto(`${base}/masuk`);
      await page.getByLabel('Nama pengguna atau email').fill('pemohon.demo@example.test');
      await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByRole('heading', { name: 'Permohonan saya' }).waitFor();
      await page.goto(`${base}/akun/profil`);
      await scan(page);
      await page.getByLabel('Perorangan').check();
      await page.getByRole('button', { name: 'Lanjutkan' }).click();
      await page.getByRole('heading', { name: 'Lengkapi data pemohon' }).waitFor();
      await scan(page);
      await page.getByLabel('NIK').fill('12345');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByRole('link', { name: /NIK harus 16 angka/ }).waitFor();
      await scan(page);
      await page.getByLabel('Nama lengkap').fill('Pemohon Demo');
      await page.getByLabel('NIK').fill(PERSON.nik);
      await page.getByLabel('Nomor telepon atau HP').fill(PERSON.phone);
      await page.getByLabel('Alamat', { exact: true }).fill(PERSON.address);
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/akun/profil'));

      // A draft left half-way: listed with its delete button, and offered again on the start page.
      await page.goto(`${base}/ajukan/bombana/izin-praktek-perekam-medis`);
      await page.getByRole('button', { name: 'Mulai' }).click();
      await page.getByRole('heading', { name: 'Persyaratan untuk permohonan Anda' }).waitFor();
      await page.goto(`${base}/permohonan`);
      await page.getByRole('button', { name: /Hapus draf/ }).waitFor();
      await scan(page);
      await page.goto(`${base}/ajukan/bombana/izin-praktek-perekam-medis`);
      await page.getByRole('button', { name: 'Mulai permohonan baru' }).waitFor();
      await scan(page);

      const demo = await database.db.selectFrom('users as u').innerJoin('applicants as a', 'a.user_id', 'u.id').select(['u.id', 'a.id as applicantId'])
        .where('u.username', '=', 'pemohon.demo').executeTakeFirstOrThrow();
      const applyAs = async (office: string, service: string) => (await submitApplication(database.db, { kind: 'applicant', userId: demo.id }, {
        office, service, applicationType: 'baru', answers: {}, applicantId: demo.applicantId, channel: 'online',
      }, new Date())).caseId;
      const now = () => new Date().toISOString();

      // Rejected on the technical agency's advice: the reasons and the legal basis.
      const rejected = await applyAs('bombana', 'izin-praktek-perekam-medis');
      await drive(database.db, rejected, [
        { who: 'bombana.front-office', action: 'complete', at: now(), expect: 3 },
        { who: 'bombana.back-office', action: 'decide', outcome: 'lengkap', at: now(), expect: 4 },
        { who: 'bombana.back-office', action: 'complete', at: now(), expect: 5 },
        { who: 'bombana.back-office', action: 'complete', at: now(), expect: 6 },
        { who: 'bombana.kabid-pelayanan', action: 'paraf', at: now(), expect: 7 },
        { who: 'bombana.kepala-dinas', action: 'sign', at: now(), expect: 8 },
        { who: 'bombana.back-office', action: 'complete', at: now(), expect: 9 },
        { who: 'bombana.tim-teknis-dinkes', action: 'record-recommendation', outcome: 'tidak-direkomendasikan', reason: 'STR sudah tidak berlaku', recommendation: true, at: now(), expect: 'rejected' },
      ]);
      await page.goto(`${base}/permohonan/${rejected}`);
      await page.getByRole('heading', { name: 'Dasar hukum' }).waitFor();
      await page.getByText('STR sudah tidak berlaku').waitFor();
      await scan(page);

      // Signed: the permit, signed by the documents job, is there to download before the handover.
      const signed = await applyAs('pekanbaru', 'sipatlm');
      await drive(database.db, signed, [
        { who: 'pekanbaru.front-office', action: 'decide', outcome: 'lengkap', at: now(), expect: 3 },
        { who: 'pekanbaru.back-office', action: 'complete', at: now(), expect: 4 },
        { who: 'pekanbaru.analis-kebijakan-ahli-muda', action: 'paraf', at: now(), expect: 5 },
        { who: 'pekanbaru.analis-kebijakan-ahli-madya', action: 'paraf', at: now(), expect: 6 },
        { who: 'pekanbaru.sekretaris', action: 'paraf', at: now(), expect: 7 },
        { who: 'pekanbaru.kepala-dinas', action: 'sign', at: now(), expect: 8 },
      ]);
      const deps = { render: renderPermitForSigning, signer: selectSigner({ kind: 'local', certsDir: certs }), storage, publicUrl: base };
      for (const id of await pendingPermitDocuments(database.db)) await producePermitDocument(database.db, deps, id);
      await page.goto(`${base}/permohonan/${signed}`);
      await page.getByRole('heading', { name: 'Izin Anda sudah ditandatangani' }).waitFor();
      await scan(page);
      const href = await page.getByRole('link', { name: 'Unduh izin (PDF)' }).getAttribute('href');
      const permit = await page.request.get(`${base}${href}`);
      assert.equal(permit.status(), 200);
      assert.ok((await permit.body()).includes('/ByteRange'), 'the signed document');

      // Handed over; the survey answered once, then thanked.
      await drive(database.db, signed, [
        { who: 'pekanbaru.back-office', action: 'number', at: now(), expect: 9 },
        { who: 'pekanbaru.front-office', action: 'handover', at: now(), expect: 'completed' },
      ]);
      await page.goto(`${base}/permohonan/${signed}/survei`);
      await page.getByRole('button', { name: 'Kirim survei' }).click();
      await page.getByRole('link', { name: 'Jawab paling sedikit satu pertanyaan' }).waitFor();
      await scan(page);
      await page.getByRole('group', { name: /2\. Bagaimana pemahaman Saudara tentang kemudahan prosedur/ }).getByLabel('Sangat mudah').check();
      await page.getByRole('button', { name: 'Kirim survei' }).click();
      await page.getByRole('heading', { name: 'Terima kasih' }).waitFor();
      await page.goto(`${base}/permohonan/${signed}/survei`);
      await page.getByText('sudah Anda isi').waitFor();
      await scan(page);

      // Signed out: a forgotten password, from the request to the new one.
      await page.getByRole('button', { name: 'Keluar' }).click();
      await page.goto(`${base}/lupa-sandi`);
      await page.getByLabel('Alamat email').fill('pemohon.demo@example.test');
      await page.getByRole('button', { name: 'Kirim tautan' }).click();
      await page.getByRole('heading', { name: 'Periksa email Anda' }).waitFor();
      await scan(page);
      const mail = await waitForMail(inbox, 'pemohon.demo@example.test', /Atur ulang kata sandi/);
      await page.goto(/(http:\/\/127\.0\.0\.1:\d+\/lupa-sandi\/atur\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!);
      await page.getByRole('heading', { name: 'Buat kata sandi baru' }).waitFor();
      await scan(page);
      await page.getByLabel('Kata sandi').fill('pendek');
      await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
      await page.getByRole('link', { name: /Kata sandi minimal 10 karakter/ }).waitFor();
      await scan(page);
      await page.getByLabel('Kata sandi').fill('kata-sandi-demo-baru');
      await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
      await page.getByRole('heading', { name: 'Kata sandi diganti' }).waitFor();
      await scan(page);

      await page.goto(`${base}/lacak`);
      await page.getByLabel('Kode lacak').fill('0O1I');
      await page.getByRole('button', { name: 'Lacak' }).click();
      await page.getByRole('heading', { name: 'Ada yang perlu diperbaiki' }).waitFor();
      await scan(page);
    } finally {
      await browser.close();
      rmSync(certs, { recursive: true, force: true });
    }
    assert.deepEqual(elsewhere, []);
  });
});
