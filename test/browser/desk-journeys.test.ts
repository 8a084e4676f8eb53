// The officials' desk in a browser without JavaScript: a walk-in registered at the counter,
// checked, drafted, initialled, signed from the signature list, numbered and handed over, each
// official finding their buttons by role and label; and an accessibility scan of every desk page
// (in a second browser, with JavaScript for axe) that must find no violation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../src/app/seed-demo.ts';
import { actOnStep } from '../../src/app/workflow/act-on-step.ts';
import { submitApplication } from '../../src/app/workflow/submit-application.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { buildServer } from '../../src/web/server.ts';
import { freshDatabase } from '../helpers/db.ts';
import { PDF, PNG } from '../helpers/desk.ts';
import { deskAxe, deskBrowserSkip, launchDeskBrowser, signInAs } from '../helpers/desk-browser.ts';
import { definitionsDir } from '../helpers/fixtures.ts';
import { actorNamed } from '../helpers/workflow.ts';

let database: Database;
let app: FastifyInstance;
let base: string;

describe('the desk in the browser', { skip: deskBrowserSkip }, () => {
  before(async () => {
    database = await freshDatabase();
    await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
    app = await buildServer({ database, publicUrl: 'http://127.0.0.1', logLevel: 'silent' });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  async function scan(page: Page, path: string, seen: string[]) {
    await page.goto(base + path);
    const violations = await deskAxe(page);
    assert.deepEqual(violations, [], `${path}: ${violations.join('\n')}`);
    seen.push(path);
  }

  it('registers a walk-in at the counter and takes it to handover, without JavaScript, and every page passes axe', async () => {
    const journey = await launchDeskBrowser(false);
    const checker = await launchDeskBrowser(true);
    const scanned: string[] = [];
    try {
      const page = await journey.context.newPage();
      const axePage = await checker.context.newPage();
      await signInAs(page, base, 'pekanbaru.front-office');
      await signInAs(axePage, base, 'pekanbaru.front-office');
      await scan(axePage, '/meja', scanned);
      await scan(axePage, '/meja/loket', scanned);
      await scan(axePage, '/meja/loket?layanan=sipatlm&jenis=baru', scanned);
      await scan(axePage, '/meja/akun', scanned);
      await scan(axePage, '/meja/register', scanned);
      await scan(axePage, '/meja/permohonan/999999', scanned);
      await scan(axePage, '/meja?lang=en', scanned);
      await axePage.goto(`${base}/meja?lang=id`);

      // The counter: service and type, then the NIK, then the applicant and the scans.
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
        await inputs.nth(i).setInputFiles(i === 1 ? { name: 'ktp.png', mimeType: 'image/png', buffer: Buffer.from(PNG) } : { name: `berkas-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
      }
      await page.getByRole('button', { name: 'Daftarkan permohonan' }).click();
      await page.waitForURL(/\/meja\/permohonan\/\d+\?pesan=terdaftar/);
      const caseUrl = page.url().split('?')[0]!.replace(base, '');
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      assert.match(heading ?? '', /^Permohonan [2-9A-HJKMNP-Z]/);
      assert.ok(await page.getByText('Permohonan terdaftar. Cetak tanda terima untuk pemohon.').isVisible());
      assert.ok(await page.getByRole('link', { name: 'Cetak tanda terima berkas (PDF)' }).isVisible());
      await scan(axePage, caseUrl, scanned);
      await scan(axePage, `${caseUrl}/paraf`, scanned);

      // The front office checks each requirement and declares the file complete.
      const sesuai = page.getByRole('radio', { name: 'Sesuai' });
      for (let i = 0; i < (await sesuai.count()); i++) await sesuai.nth(i).check();
      await page.getByRole('button', { name: 'Simpan hasil pemeriksaan' }).click();
      await page.waitForURL(/pesan=verifikasi/);
      await page.getByRole('button', { name: 'Lengkap dan memenuhi syarat' }).click();
      await page.waitForURL(/pesan=decide/);

      // The back office drafts, from their worklist.
      await signInAs(page, base, 'pekanbaru.back-office');
      const code = (heading ?? '').replace('Permohonan ', '').trim();
      await page.getByRole('link', { name: code }).click();
      assert.ok(await page.getByRole('link', { name: 'Pratinjau draf surat izin (PDF)' }).isVisible());
      await signInAs(axePage, base, 'pekanbaru.back-office');
      await scan(axePage, caseUrl, scanned);
      await page.getByRole('button', { name: 'Selesai, teruskan ke langkah berikutnya' }).click();
      await page.waitForURL(/pesan=complete/);

      for (const reviewer of ['pekanbaru.analis-kebijakan-ahli-muda', 'pekanbaru.analis-kebijakan-ahli-madya', 'pekanbaru.sekretaris']) {
        await signInAs(page, base, reviewer);
        await page.goto(base + caseUrl);
        await page.getByRole('button', { name: 'Paraf', exact: true }).click();
        await page.waitForURL(/pesan=paraf/);
      }
      await signInAs(axePage, base, 'pekanbaru.sekretaris');
      await scan(axePage, `${caseUrl}/paraf`, scanned);

      // The head of office signs from the signature list.
      await signInAs(page, base, 'pekanbaru.kepala-dinas');
      await signInAs(axePage, base, 'pekanbaru.kepala-dinas');
      await scan(axePage, '/meja/tanda-tangan', scanned);
      await scan(axePage, caseUrl, scanned);
      await page.getByRole('link', { name: 'Tanda tangan', exact: true }).click();
      await page.getByRole('checkbox', { name: `Pilih ${code}` }).check();
      await page.getByRole('button', { name: 'Tanda tangani yang dipilih' }).click();
      assert.ok(await page.getByText(/ditandatangani, nomor 503\/\d{4}\/SIPATLM/).isVisible());

      await signInAs(page, base, 'pekanbaru.back-office');
      await page.goto(base + caseUrl);
      await page.getByRole('button', { name: 'Registrasi nomor izin' }).click();
      await page.waitForURL(/pesan=number/);

      await signInAs(page, base, 'pekanbaru.front-office');
      await signInAs(axePage, base, 'pekanbaru.front-office');
      await scan(axePage, caseUrl, scanned);
      await page.goto(base + caseUrl);
      await page.getByLabel('Nama pengambil').fill('Rina Marlina');
      await page.getByLabel('Hubungan dengan pemohon').selectOption('pemohon');
      await page.getByLabel(/Identitas pengambil sudah diperiksa/).check();
      await page.getByRole('button', { name: 'Catat penyerahan dan selesaikan' }).click();
      await page.waitForURL(/pesan=penyerahan/);
      assert.ok(await page.getByText('Penyerahan izin tercatat; permohonan selesai.').isVisible());
      await scan(axePage, caseUrl, scanned);
      await scan(axePage, '/meja/register', scanned);

      await signInAs(axePage, base, 'pekanbaru.admin-kantor');
      await scan(axePage, '/meja/admin', scanned);
      assert.ok(scanned.length >= 15, scanned.join(', '));
    } finally {
      await journey.close();
      await checker.close();
    }
  });

  it('the technical team’s recommendation form and the verifier’s check pass axe too', async () => {
    const db = database.db;
    const at = new Date();
    const sub = await submitApplication(db, await actorNamed(db, 'pemohon.demo', at), {
      office: 'kaltim', service: 'izin-laboratorium-klinik', applicationType: 'baru', answers: {}, channel: 'api', applicant: { kind: 'person', name: 'Siti Rahmawati', nik: '6472015708900003' },
    }, at);
    const move = async (who: string, action: Parameters<typeof actOnStep>[3], outcome?: string) => {
      const c = await db.selectFrom('cases').select('current_step').where('id', '=', sub.caseId).executeTakeFirstOrThrow();
      await actOnStep(db, await actorNamed(db, who, at), sub.caseId, action, { step: c.current_step!, outcome }, new Date());
    };
    await move('kaltim.petugas-cs', 'decide', 'lengkap');
    await move('kaltim.petugas-loket-pendaftaran', 'complete');
    const browser = await launchDeskBrowser(true);
    const scanned: string[] = [];
    try {
      const page = await browser.context.newPage();
      await signInAs(page, base, 'kaltim.verifikator');
      await scan(page, `/meja/permohonan/${sub.caseId}`, scanned);
      assert.ok(await page.getByRole('button', { name: 'Simpan hasil pemeriksaan' }).isVisible());
      await move('kaltim.verifikator', 'decide', 'lengkap');
      await move('kaltim.petugas-penghubung', 'complete');
      await signInAs(page, base, 'kaltim.tim-teknis-dinkes');
      await scan(page, `/meja/permohonan/${sub.caseId}`, scanned);
      await page.getByRole('radio', { name: /Direkomendasikan dengan syarat/ }).check();
      await page.getByLabel(/Syarat \(wajib/).fill('Menyediakan APAR');
      await page.getByLabel('Tanggal pemeriksaan').fill('2026-05-04');
      await page.getByLabel('Surat rekomendasi yang sudah ditandatangani (PDF)').setInputFiles({ name: 'pertek.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
      await page.getByRole('button', { name: 'Kirim rekomendasi' }).click();
      await page.waitForURL(/pesan=rekomendasi/);
      await scan(page, `/meja/permohonan/${sub.caseId}`, scanned);
      await scan(page, '/meja', scanned);
    } finally {
      await browser.close();
    }
  });
});
