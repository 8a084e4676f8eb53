// The public pages in a real browser: readable on a 360 px phone, usable without JavaScript,
// and with no accessibility violation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedDemo } from '../../src/app/seed-demo.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { buildServer } from '../../src/web/server.ts';
import { axeViolations, browserTestsSkip, launchBrowser } from '../helpers/browser.ts';
import { freshDatabase } from '../helpers/db.ts';
import { definitionsDir } from '../helpers/fixtures.ts';

let database: Database;
let app: FastifyInstance;
let base: string;

describe('public pages in the browser', { skip: browserTestsSkip }, () => {
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

  const pages = ['/', '/layanan/kaltim', '/layanan/kaltim/izin-penyalur-alat-kesehatan', '/layanan/pekanbaru/sipatlm?jenis=perpanjangan', '/layanan/bombana/izin-praktek-perekam-medis?lang=en', '/masuk', '/verifikasi', '/layanan/tidak/ada'];

  it('have no accessibility violations and fit a 360 px screen without sideways scrolling', async () => {
    const browser = await launchBrowser({ width: 360 });
    try {
      const page = await browser.context.newPage();
      for (const path of pages) {
        await page.goto(base + path);
        assert.deepEqual(await axeViolations(page), [], path);
        // Runs in the page, where `document` exists; the test itself has no DOM types.
        const overflow = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        assert.ok(overflow <= 1, `${path} scrolls sideways by ${overflow}px`);
      }
    } finally {
      await browser.close();
    }
  });

  it('filter the checklist and switch language without JavaScript', async () => {
    const browser = await launchBrowser({ javaScriptEnabled: false, width: 360 });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${base}/layanan/pekanbaru/sipatlm`);
      await page.getByLabel('Jenis permohonan').selectOption('baru');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await page.waitForURL(/jenis=baru/);
      assert.equal(await page.getByText('Surat izin praktik asli (bagi perpanjangan)').count(), 0);
      await page.getByRole('link', { name: 'English' }).click();
      // The click starts a navigation; counting before it ends would read the Indonesian page.
      await page.getByRole('heading', { name: 'Requirements' }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Requirements' }).count(), 1);
    } finally {
      await browser.close();
    }
  });
});
