// The portal in a real browser: Debian's chromium through playwright-core, a fresh profile per
// launch, JavaScript on or off; an axe scan (WCAG 2.1 A and AA) of a page. Only with
// BROWSER_TESTS=1 (the CI runs these once, on PostgreSQL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const portalBrowserSkip: string | false = process.env.BROWSER_TESTS === '1'
  ? false
  : 'browser journeys of the portal run only with BROWSER_TESTS=1 (the CI runs them once, on PostgreSQL, with Debian chromium)';

export async function openBrowser(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'satupintu-portal-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    javaScriptEnabled,
    locale: 'id-ID',
    viewport: { width: 1024, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function accessibilityProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
