// The desk in a real browser: each official signed in in a context of their own. Browser
// journeys run with BROWSER_TESTS=1 (the CI runs them once, on PostgreSQL).
import { chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/app/seed-demo.ts';
import { CHROMIUM } from './browser.ts';

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
  const browser = await chromium.launch(CHROMIUM);
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
