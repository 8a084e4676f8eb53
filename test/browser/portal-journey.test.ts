// An applicant's whole journey in a real browser, found by role and label: registering, the
// verification mail, signing in, applying one question per page with uploads, the receipt, a
// return for correction and the resubmission, the survey and a complaint — every portal page
// scanned with axe (no violation), then the same journey again with JavaScript off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../src/app/seed-demo.ts';
import { actOnStep } from '../../src/app/workflow/act-on-step.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { smtpMailer } from '../../src/infra/mail/mailer.ts';
import { buildServer } from '../../src/web/server.ts';
import { freshDatabase } from '../helpers/db.ts';
import { definitionsDir } from '../helpers/fixtures.ts';
import { PERSON, startSmtp, tinyPdf, tinyPng, waitForMail, type ReceivedMail } from '../helpers/portal.ts';
import { accessibilityProblems, openBrowser, portalBrowserSkip } from '../helpers/portal-browser.ts';
import { actorNamed, drive } from '../helpers/workflow.ts';

let database: Database;
let app: FastifyInstance;
let base: string;
let inbox: ReceivedMail[];
let closeSmtp: () => Promise<void>;
const scanned = new Map<string, string[]>();

// Scans the page the browser is on and remembers what axe found, by path.
async function scan(page: Page): Promise<void> {
  const path = new URL(page.url()).pathname.replace(/\/\d+(?=\/|$)/g, '/{id}');
  const problems = await accessibilityProblems(page);
  scanned.set(path, [...(scanned.get(path) ?? []), ...problems]);
  assert.deepEqual(problems, [], `${path}: ${problems.join('\n')}`);
  const size = Buffer.byteLength(await page.content());
  assert.ok(size < 100 * 1024, `${path} is ${size} bytes`);
}

async function register(page: Page, email: string, withScan: boolean): Promise<void> {
  await page.goto(`${base}/daftar`);
  if (withScan) await scan(page);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  if (withScan) await scan(page);
  assert.ok(await page.getByText('Pilih perorangan atau badan usaha').first().isVisible());
  await page.getByLabel('Perorangan').check();
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await page.getByRole('button', { name: 'Buat akun' }).click();
  if (withScan) await scan(page);
  assert.ok(await page.getByRole('link', { name: 'Isi NIK' }).isVisible(), 'the error summary names the field');
  await page.getByLabel('Nama lengkap').fill(PERSON.name);
  await page.getByLabel('NIK').fill(PERSON.nik);
  await page.getByLabel('Nomor telepon atau HP').fill(PERSON.phone);
  await page.getByLabel('Alamat', { exact: true }).fill(PERSON.address);
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('kata-sandi-rahasia-1');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await page.getByRole('heading', { name: 'Periksa email Anda' }).waitFor();
  if (withScan) await scan(page);
  const mail = await waitForMail(inbox, email, /Verifikasi/);
  const link = /(http:\/\/127\.0\.0\.1:\d+\/daftar\/verifikasi\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
  await page.goto(link);
  await page.getByRole('heading', { name: 'Alamat email terverifikasi' }).waitFor();
  if (withScan) await scan(page);
  await page.getByRole('link', { name: 'Masuk' }).last().click();
  await page.getByLabel('Nama pengguna atau email').fill(email);
  await page.getByLabel('Kata sandi').fill('kata-sandi-rahasia-1');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('heading', { name: 'Permohonan saya' }).waitFor();
  if (withScan) await scan(page);
}

// From the service's apply page to the receipt; returns the case id and tracking code.
async function apply(page: Page, withScan: boolean): Promise<{ caseId: string; code: string }> {
  await page.goto(`${base}/ajukan/pekanbaru/sipatlm`);
  if (withScan) await scan(page);
  await page.getByRole('button', { name: 'Mulai' }).click();
  await page.getByRole('group', { name: /Apa jenis permohonan Anda/ }).waitFor();
  if (withScan) await scan(page);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  if (withScan) await scan(page);
  await page.getByLabel('Baru').check();
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await page.getByRole('heading', { name: 'Persyaratan untuk permohonan Anda' }).waitFor();
  if (withScan) await scan(page);
  await page.getByRole('link', { name: 'Lanjutkan' }).click();
  let first = true;
  while (/\/berkas\//.test(page.url())) {
    if (first && withScan) {
      await scan(page);
      await page.getByRole('button', { name: 'Unggah dan lanjutkan' }).click();
      assert.ok(await page.getByRole('link', { name: 'Pilih berkas yang akan diunggah.' }).isVisible());
      await scan(page);
    }
    first = false;
    const before = page.url();
    await page.getByLabel('Pilih berkas').setInputFiles({ name: 'dokumen.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await tinyPdf()) });
    await page.getByRole('button', { name: 'Unggah dan lanjutkan' }).click();
    await page.waitForURL((u) => u.toString() !== before);
  }
  await page.getByRole('heading', { name: 'Periksa jawaban Anda sebelum mengirim' }).waitFor();
  if (withScan) await scan(page);
  await page.getByRole('button', { name: 'Kirim permohonan' }).click();
  assert.ok(await page.getByRole('link', { name: /Centang pernyataan/ }).isVisible());
  if (withScan) await scan(page);
  await page.getByLabel(/Saya menyatakan bahwa data dan dokumen/).check();
  await page.getByRole('button', { name: 'Kirim permohonan' }).click();
  await page.getByRole('heading', { name: 'Permohonan terkirim' }).waitFor();
  if (withScan) await scan(page);
  const caseId = /\/permohonan\/(\d+)\/tanda-terima/.exec(page.url())![1]!;
  const code = (await page.locator('.panel .code').textContent())!.trim();
  await page.getByRole('link', { name: 'Lihat perjalanan permohonan' }).click();
  await page.getByRole('heading', { name: 'Perjalanan permohonan' }).waitFor();
  if (withScan) await scan(page);
  return { caseId, code };
}

describe('the applicant portal in the browser', { skip: portalBrowserSkip }, () => {
  before(async () => {
    database = await freshDatabase();
    await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
    const smtp = await startSmtp();
    inbox = smtp.inbox;
    closeSmtp = smtp.close;
    // The address is known only once listening; mail links must point at it.
    const port = 20000 + Math.floor(Math.random() * 20000);
    base = `http://127.0.0.1:${port}`;
    app = await buildServer({ database, publicUrl: base, logLevel: 'silent', mailer: smtpMailer(smtp.url, 'satupintu <noreply@satupintu.example>') });
    await app.listen({ port, host: '127.0.0.1' });
  });
  after(async () => {
    await app?.close();
    await closeSmtp?.();
    await database?.close();
  });

  it('a whole journey with JavaScript on, every page without an accessibility violation', async () => {
    const browser = await openBrowser(true);
    try {
      const page = await browser.context.newPage();
      await register(page, 'jalan@example.test', true);
      const { caseId, code } = await apply(page, true);

      // The office returns the file for one correction.
      await actOnStep(database.db, await actorNamed(database.db, 'pekanbaru.front-office', new Date()), caseId, 'decide', {
        step: 2, outcome: 'tidak-lengkap', reason: 'KTP buram', corrections: [{ requirement: 'ktp', note: 'Pindai ulang KTP dengan jelas' }],
      }, new Date());
      await page.goto(`${base}/permohonan/${caseId}`);
      await page.getByRole('heading', { name: 'Yang perlu Anda perbaiki' }).waitFor();
      await scan(page);
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
      await register(page, 'tanpa-js@example.test', false);
      const { caseId } = await apply(page, false);
      assert.ok(await page.getByText('Penerimaan dan pemeriksaan berkas', { exact: true }).isVisible());
      const docs = await database.db.selectFrom('case_documents').select('id').where('case_id', '=', caseId).execute();
      assert.equal(docs.length, 10);
      await page.goto(`${base}/permohonan/${caseId}/tanda-terima.pdf`).catch(() => null);
    } finally {
      await browser.close();
    }
  });
});
