// The public verification of a permit by its QR code, after the engine issued it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedDemo } from '../../src/app/seed-demo.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { buildServer } from '../../src/web/server.ts';
import { freshDatabase } from '../helpers/db.ts';
import { definitionsDir } from '../helpers/fixtures.ts';
import { drive, submitAs } from '../helpers/workflow.ts';

let database: Database;
let app: FastifyInstance;
let code: string;
let number: string;
const now = new Date('2026-11-23T03:00:00Z');

before(async () => {
  database = await freshDatabase();
  await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
  app = await buildServer({ database, publicUrl: 'http://localhost:3000', logLevel: 'silent', now: () => now });
  const sub = await submitAs(database.db, 'pemohon.demo', 'pekanbaru', 'sipatlm', new Date('2026-03-09T02:00:00Z'));
  await drive(database.db, sub.caseId, [
    { who: 'pekanbaru.front-office', action: 'decide', outcome: 'lengkap', at: '2026-03-09T02:10:00Z', expect: 3 },
    { who: 'pekanbaru.back-office', action: 'complete', at: '2026-03-09T02:20:00Z', expect: 4 },
    { who: 'pekanbaru.analis-kebijakan-ahli-muda', action: 'paraf', at: '2026-03-09T02:30:00Z', expect: 5 },
    { who: 'pekanbaru.analis-kebijakan-ahli-madya', action: 'paraf', at: '2026-03-09T02:40:00Z', expect: 6 },
    { who: 'pekanbaru.sekretaris', action: 'paraf', at: '2026-03-09T02:50:00Z', expect: 7 },
    { who: 'pekanbaru.kepala-dinas', action: 'sign', at: '2026-03-10T02:00:00Z', expect: 8 },
  ]);
  const p = await database.db.selectFrom('permits').select(['verification_code', 'number']).executeTakeFirstOrThrow();
  code = p.verification_code;
  number = p.number;
});
after(async () => {
  await app.close();
  await database.close();
});

describe('/verifikasi', () => {
  it('shows what the permit is, whose (masked), from which office, and that it stands', async () => {
    const res = await app.inject({ url: `/verifikasi/${code}` });
    assert.equal(res.statusCode, 200);
    for (const text of [number, 'Berlaku', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Pekanbaru', '10 Maret 2026', 'Si** Ra******']) assert.ok(res.body.includes(text), text);
    assert.ok(!res.body.includes('Siti Rahmawati') && !res.body.includes('6472015708900003'), 'no personal data in full');
    const lower = await app.inject({ url: `/verifikasi/${code.toLowerCase()}` });
    assert.equal(lower.statusCode, 200, 'codes typed in lower case are read kindly');
    const json = await app.inject({ url: `/api/v1/verifikasi/${code}` });
    assert.equal((json.json() as { status: string }).status, 'berlaku');
  });

  it('answers unknown, odd or huge codes with a clear "not found"', async () => {
    for (const bad of ['AAAAAAAAAAAAAAAA', 'abc', '%3Cscript%3E', 'X'.repeat(10_000), "0'%20or%201=1--"]) {
      const res = await app.inject({ url: `/verifikasi/${bad}` });
      assert.equal(res.statusCode, 404, bad.slice(0, 20));
      assert.ok(res.body.includes('Halaman tidak ditemukan') || res.body.includes('tidak ditemukan'));
    }
    const search = await app.inject({ url: `/verifikasi/cari?kode=${code.slice(0, 4)}-${code.slice(4)}` });
    assert.equal(search.statusCode, 303);
    assert.equal(search.headers.location, `/verifikasi/${code}`);
  });

  it('compares an uploaded file: not a PDF is refused; a PDF is checked against the issued one', async () => {
    const boundary = '----satupintu';
    const upload = (content: Buffer, filename: string) => app.inject({
      method: 'POST', url: `/verifikasi/${code}/periksa`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    const exe = await upload(Buffer.from('MZ\x90\x00 not a pdf at all'), 'izin.pdf');
    assert.equal(exe.statusCode, 422);
    assert.ok(exe.body.includes('bukan PDF'));
    const pdf = await upload(Buffer.from('%PDF-1.7\n%fake\n'), 'izin.pdf');
    assert.equal(pdf.statusCode, 200);
    assert.ok(pdf.body.includes('belum tersedia') || pdf.body.includes('BERBEDA'));
  });

  it('is rate-limited', async () => {
    let limited = 0;
    for (let i = 0; i < 40; i++) if ((await app.inject({ url: `/verifikasi/AAAAAAAAAAAAAAA${i % 10}` })).statusCode === 429) limited++;
    assert.ok(limited > 0);
  });
});
