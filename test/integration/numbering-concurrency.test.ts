// Permit numbers from two app processes at once, and after one of them is killed mid-way:
// exactly 1..N, no gap, no duplicate.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { seedDemo } from '../../src/app/seed-demo.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { freshDatabase, onPostgres } from '../helpers/db.ts';
import { definitionsDir, root } from '../helpers/fixtures.ts';

let database: Database;
let url: string;
const skip = !onPostgres && 'needs PostgreSQL: two processes cannot share an embedded database';

before(async () => {
  if (!onPostgres) return;
  database = await freshDatabase();
  await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
  const name = (await sql<{ db: string }>`select current_database() as db`.execute(database.db)).rows[0]!.db;
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  url = u.toString();
  await sql`create table test_issued_numbers (seq integer primary key, process text not null)`.execute(database.db);
});
after(async () => {
  if (database) await database.close();
});

function issuer(count: number, label: string) {
  const child = spawn(process.execPath, ['test/helpers/issue-numbers.ts', url, String(count), label], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const started = new Promise<void>((resolve) => child.stdout.on('data', () => { if (out.includes('started')) resolve(); }));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? null : code)));
  return { child, started, exited, output: () => out };
}

const issuedNumbers = async () => (await sql<{ seq: number }>`select seq from test_issued_numbers order by seq`.execute(database.db)).rows.map((r) => r.seq);
const counter = async () => (await database.db.selectFrom('number_counters').select('last_value').where('series', '=', 'uji-nomor').executeTakeFirst())?.last_value ?? 0;

describe('permit numbering across processes', { skip }, () => {
  it('two processes issuing 1,000 numbers together give exactly 1..1000', async () => {
    const a = issuer(500, 'a');
    const b = issuer(500, 'b');
    assert.deepEqual(await Promise.all([a.exited, b.exited]), [0, 0]);
    const seqs = await issuedNumbers();
    assert.equal(seqs.length, 1000);
    assert.deepEqual(seqs, Array.from({ length: 1000 }, (_, i) => i + 1));
    assert.equal(await counter(), 1000);
  });

  it('killing one process mid-way loses no committed number and issues none twice', async () => {
    const a = issuer(600, 'c');
    const b = issuer(600, 'd');
    await a.started;
    a.child.kill('SIGKILL');
    assert.equal(await a.exited, null, 'the first process was killed');
    assert.equal(await b.exited, 0);
    const seqs = await issuedNumbers();
    // Every number the counter gave out belongs to a committed row: the killed process's
    // transaction in flight was rolled back with its increment.
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
    assert.equal(await counter(), seqs.length);
    assert.ok(seqs.length >= 1000 + 600 + 50, `the survivor finished and the killed one had issued some: ${seqs.length}`);
  });
});
