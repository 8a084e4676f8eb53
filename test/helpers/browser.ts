// Browser tests drive Debian's chromium through playwright-core against a real server on
// loopback. They run when BROWSER_TESTS=1 (the CI runs them once, on PostgreSQL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const browserTestsSkip = process.env.BROWSER_TESTS === '1' ? false : 'browser journeys run with BROWSER_TESTS=1 (once in CI, on PostgreSQL)';

// Debian's chromium, never a downloaded one, with nothing that reaches out of the machine.
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
};

export async function launchBrowser(options: { javaScriptEnabled?: boolean; width?: number; height?: number } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'satupintu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
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

// Every WCAG 2.1 A/AA rule axe knows; the page must have no violation. The files a desk case page
// shows in frames (PDF viewers) are not our markup and may be left out.
export async function axeViolations(page: Page, options: { skipFrames?: boolean } = {}): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const result = await (options.skipFrames ? builder.exclude('iframe') : builder).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
