// The satupintu command as an operator uses it: separate processes, real data folders.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { onPostgres } from '../helpers/db.ts';
import { minimalDefinition, root } from '../helpers/fixtures.ts';

const bin = join(root, 'bin/satupintu.mjs');
const temp = mkdtempSync(join(tmpdir(), 'satupintu-cli-'));
after(() => rmSync(temp, { recursive: true, force: true }));

// The CLI tests exercise the embedded database; the PostgreSQL run covers the same code paths
// through the integration tests.
const env = (extra: Record<string, string> = {}) => {
  const e: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: 'warn', ...extra };
  delete e.DATABASE_URL;
  return e;
};
const run = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [bin, ...args], { cwd: root, env: env(extra), encoding: 'utf8', timeout: 120_000 });

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

function startServer(dataDir: string, port: number): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [bin, 'serve'], { cwd: root, env: env({ DATA_DIR: dataDir, PORT: String(port) }) });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}

async function waitForHealth(port: number, timeoutMs = 60_000): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/healthz`);
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null) return resolve();
  child.once('exit', () => resolve());
  child.kill('SIGTERM');
});

describe('satupintu lint-sop', () => {
  it('passes the four seed definitions', () => {
    const r = run(['lint-sop', 'definitions/kaltim/izin-laboratorium-klinik.yaml', 'definitions/kaltim/izin-penyalur-alat-kesehatan.yaml', 'definitions/pekanbaru/sipatlm.yaml', 'definitions/bombana/izin-praktek-perekam-medis.yaml']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.match(/: OK /g)?.length, 4);
  });

  it('exits 1 listing every error of a malformed file with its path', () => {
    const file = join(temp, 'rusak.yaml');
    writeFileSync(file, minimalDefinition((d) => { d.steps[1].actor = 'kasi'; d.steps[1].outcomes[0].to = 40; delete d.permit; }));
    const r = run(['lint-sop', file]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /permit: /);
    assert.match(r.stderr, /steps\[1\]\.actor: tidak ada peran "kasi"/);
    assert.match(r.stderr, /steps\[1\]\.outcomes\[0\]\.to: tidak ada langkah 40 \(no step 40\)/);
  });

  it('exits 1 on a file that is missing or not YAML', () => {
    assert.equal(run(['lint-sop', join(temp, 'tidak-ada.yaml')]).status, 1);
    const junk = join(temp, 'junk.yaml');
    writeFileSync(junk, '\u0000\u0001{{{ not: [yaml');
    const r = run(['lint-sop', junk]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /YAML/);
  });
});

describe('satupintu serve, import-sop and export-sop', { skip: onPostgres ? false : false }, () => {
  it('serves the demo, keeps its data across a restart, and refuses a second owner of the data folder', async () => {
    const dataDir = join(temp, 'data');
    const port = await freePort();
    const first = startServer(dataDir, port);
    try {
      const health = await waitForHealth(port);
      assert.equal(health.status, 200, first.output());
      const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      assert.ok(home.includes('Izin Laboratorium Klinik') && home.includes('SIPATLM'));

      const second = run(['serve'], { DATA_DIR: dataDir, PORT: String(await freePort()) });
      assert.equal(second.status, 1);
      assert.match(second.stderr, /sedang dipakai oleh proses lain/);
      assert.match(second.stderr, /in use by another process/);
    } finally {
      await stop(first.child);
    }

    // Change a definition while the server is down; the import makes version 2 and survives.
    const changed = join(temp, 'sipatlm.yaml');
    writeFileSync(changed, execFileSync('cat', [join(root, 'definitions/pekanbaru/sipatlm.yaml')], { encoding: 'utf8' }).replace('2 hari kerja (dengan persyaratan lengkap)', '2 hari kerja (dengan persyaratan lengkap dan benar)'));
    const imported = run(['import-sop', changed], { DATA_DIR: dataDir });
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /pekanbaru\/sipatlm v2 new_version/);
    const again = run(['import-sop', changed], { DATA_DIR: dataDir });
    assert.match(again.stdout, /v2 unchanged/);

    const exported = run(['export-sop', '--office', 'pekanbaru', '--service', 'sipatlm'], { DATA_DIR: dataDir });
    assert.equal(exported.status, 0, exported.stderr);
    assert.equal(JSON.parse(exported.stdout).standard !== undefined, true);
    assert.match(exported.stdout, /lengkap dan benar/);
    assert.equal(run(['export-sop', '--office', 'pekanbaru', '--service', 'tidak-ada'], { DATA_DIR: dataDir }).status, 1);

    const restarted = startServer(dataDir, port);
    try {
      assert.equal((await waitForHealth(port)).status, 200, restarted.output());
      const svc = await (await fetch(`http://127.0.0.1:${port}/api/v1/offices/pekanbaru/services/sipatlm`)).json() as { version: number };
      assert.equal(svc.version, 2, 'the imported version survived the restart and the demo seed did not overwrite it');
    } finally {
      await stop(restarted.child);
    }
  });

  it('refuses bad configuration with a clear message', () => {
    const r = run(['migrate'], { PORT: 'delapan-ribu', DATA_DIR: join(temp, 'bad') });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Konfigurasi tidak valid/);
    assert.match(r.stderr, /port/);
  });

  it('refuses to run on a Node older than 22', (t) => {
    const candidates = spawnSync('sh', ['-c', 'which -a node nodejs 2>/dev/null'], { encoding: 'utf8', env: { PATH: '/usr/local/bin:/usr/bin:/bin' } }).stdout.split('\n').filter(Boolean);
    const old = candidates.find((n) => Number(spawnSync(n, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim()) < 22);
    if (!old) return t.skip('no Node older than 22 on this machine');
    const r = spawnSync(old, [bin, 'serve'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /membutuhkan Node\.js 22/);
  });
});
