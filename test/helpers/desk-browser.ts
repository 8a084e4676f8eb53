// The desk in a real browser: Debian's chromium through playwright-core, a fresh profile per
// launch, an axe scan that must find nothing. Browser journeys run with BROWSER_TESTS=1 (the CI
// runs them once, on PostgreSQL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/app/seed-demo.ts';

export const deskBrowserSkip = process.env.BROWSER_TESTS === '1' ? false : 'desk browser journeys run only with BROWSER_TESTS=1 (once in CI, on PostgreSQL)';

export async function launchDeskBrowser(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'satupintu-desk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    javaScriptEnabled,
    viewport: { width: 1280, height: 900 },
    locale: 'id-ID',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// WCAG 2.1 A and AA. The files shown inside a case page (PDF viewers in frames) are not our
// markup and are left out of the scan.
export async function deskAxe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('iframe').analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

export async function signInAs(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/masuk`);
  if (await page.getByRole('button', { name: 'Keluar' }).count()) {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.goto(`${base}/masuk`);
  }
  await page.getByLabel('Nama pengguna atau email').fill(username);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(/\/meja$/);
}

// One chromium for a whole file, and a context per official (their own cookies, as on their own
// computer): each signs in once, and the journeys move from one official's page to the next.
export interface DeskOfficials {
  // The official's page without JavaScript, where the journeys act.
  as(username: string): Promise<Page>;
  // The official's page with JavaScript, for axe.
  axeAs(username: string): Promise<Page>;
  close(): Promise<void>;
}

export async function deskOfficials(base: string): Promise<DeskOfficials> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const pages = new Map<string, Page>();
  const open = async (username: string, javaScriptEnabled: boolean) => {
    const key = `${username}|${javaScriptEnabled}`;
    let page = pages.get(key);
    if (!page) {
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
      page = await context.newPage();
      await signInAs(page, base, username);
      pages.set(key, page);
    }
    return page;
  };
  return {
    as: (username) => open(username, false),
    axeAs: (username) => open(username, true),
    close: () => browser.close(),
  };
}
