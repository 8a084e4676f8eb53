// Runs the whole suite with Node's test runner and ends with one line a CI can read:
// "N passed, N failed". Against PGlite by default; against PostgreSQL when DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const patterns = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test/**/*.test.ts'];
const dir = mkdtempSync(join(tmpdir(), 'satupintu-tests-'));
const tap = join(dir, 'results.tap');
const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`satupintu tests on ${database}`);

const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...patterns],
  { stdio: 'inherit', env: process.env },
);

const summary = readFileSync(tap, 'utf8');
rmSync(dir, { recursive: true, force: true });
const count = (name: string) => Number(summary.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
const passed = count('pass');
// A suite whose own body throws is reported "not ok" without counting as a failed test, so
// top-level "not ok" lines count too.
const failedSuites = (summary.match(/^not ok /gm) ?? []).length;
const failed = Math.max(count('fail') + count('cancelled'), failedSuites);
const skipped = count('skipped');
console.log(`${database}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(result.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
