// The demo catalogue on a real database, through the HTTP server as a browser or client sees it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { importServiceDefinition } from '../../src/app/import-service-definition.ts';
import { seedDemo } from '../../src/app/seed-demo.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { buildServer } from '../../src/web/server.ts';
import { freshDatabase } from '../helpers/db.ts';
import { definitionsDir, minimalDefinition, readDefinitionSource } from '../helpers/fixtures.ts';

let database: Database;
let app: FastifyInstance;

before(async () => {
  database = await freshDatabase();
  const report = await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
  assert.deepEqual(report.failures, []);
  app = await buildServer({ database, publicUrl: 'http://localhost:3000', logLevel: 'silent' });
});
after(async () => {
  await app.close();
  await database.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('demo data', () => {
  it('has the three offices and four services', async () => {
    const offices = await database.db.selectFrom('offices').select('id').orderBy('id').execute();
    assert.deepEqual(offices.map((o) => o.id), ['bombana', 'kaltim', 'pekanbaru']);
    const services = await database.db.selectFrom('services').select(['office_id', 'slug']).orderBy('office_id').orderBy('slug').execute();
    assert.deepEqual(services.map((s) => `${s.office_id}/${s.slug}`), [
      'bombana/izin-praktek-perekam-medis',
      'kaltim/izin-laboratorium-klinik',
      'kaltim/izin-penyalur-alat-kesehatan',
      'pekanbaru/sipatlm',
    ]);
  });

  it('has a demo user able to act for every role of every service', async () => {
    const rows = await database.db.selectFrom('service_versions').select(['office_id', 'definition']).execute();
    for (const row of rows) {
      const def = row.definition as { roles: { id: string; kind: string; positions: string[] }[] };
      for (const role of def.roles.filter((r) => r.kind !== 'applicant')) {
        const holders = await database.db.selectFrom('user_positions').select('user_id')
          .where('office_id', '=', row.office_id).where('position_id', 'in', role.positions).execute();
        assert.ok(holders.length > 0, `no demo user for ${row.office_id} role ${role.id}`);
      }
    }
  });

  it('holds the national holidays and cuti bersama of 2025 and 2026', async () => {
    const days = await database.db.selectFrom('calendar_days').select(['day', 'kind']).where('calendar_id', '=', 'nasional').execute();
    const set = new Set(days.map((d) => `${d.day}:${d.kind}`));
    assert.ok(set.has('2026-03-19:holiday'), 'Nyepi 2026');
    assert.ok(set.has('2026-03-21:holiday') && set.has('2026-03-22:holiday'), 'Idul Fitri 1447 H');
    assert.ok(set.has('2026-03-20:collective_leave') && set.has('2026-03-23:collective_leave'), 'cuti bersama Idul Fitri 2026');
    assert.ok(set.has('2025-08-18:collective_leave'), 'cuti bersama 18 Agustus 2025 (amended decree)');
    assert.ok(set.has('2025-12-25:holiday') && set.has('2026-08-17:holiday'));
  });

  it('seeding again changes nothing', async () => {
    const again = await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
    assert.ok(again.services.every((s) => s.status === 'unchanged' && s.version === 1));
    assert.equal(again.users, 0);
  });
});

describe('importing definitions', () => {
  it('makes a new version only when the content changes', async () => {
    const source = readDefinitionSource('pekanbaru/sipatlm.yaml');
    const same = await importServiceDefinition(database.db, `# disunting ulang\n${source}`);
    assert.ok(same.ok && same.status === 'unchanged' && same.version === 1);
    const changed = await importServiceDefinition(database.db, source.replace('name: Surat Izin Praktik', 'name: SURAT Izin Praktik'));
    assert.ok(changed.ok && changed.status === 'new_version' && changed.version === 2, JSON.stringify(changed));
    const versions = await database.db.selectFrom('service_versions').select('version').where('slug', '=', 'sipatlm').execute();
    assert.equal(versions.length, 2);
    const back = await importServiceDefinition(database.db, source);
    assert.ok(back.ok && back.version === 1, 'restoring earlier content re-activates its version');
  });

  it('refuses a definition for an unknown office or naming another office\'s position, writing nothing', async () => {
    const unknown = await importServiceDefinition(database.db, minimalDefinition());
    assert.ok(!unknown.ok && unknown.issues[0]!.path === 'office');
    const foreign = await importServiceDefinition(database.db, minimalDefinition((d) => { d.office = 'kaltim'; d.roles[1].positions = ['front-office']; d.roles[2].positions = ['kepala-dinas']; }));
    assert.ok(!foreign.ok);
    assert.deepEqual(foreign.issues.map((i) => i.path), ['roles[1].positions[0]']);
    const rows = await database.db.selectFrom('services').select('slug').where('slug', '=', 'izin-contoh').execute();
    assert.equal(rows.length, 0);
  });
});

describe('public catalogue pages', () => {
  it('home lists every office and service', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    for (const name of ['Kalimantan Timur', 'Kota Pekanbaru', 'Kabupaten Bombana', 'Izin Laboratorium Klinik', 'Izin Penyalur Alat Kesehatan', 'SIPATLM', 'Izin Praktek Perekam Medis']) {
      assert.ok(res.body.includes(name), name);
    }
    assert.match(res.body, /<html lang="id">/);
    assert.ok(Buffer.byteLength(res.body) < 100_000);
  });

  it('a service page shows every Standar Pelayanan component and the steps with times', async () => {
    const res = await get('/layanan/kaltim/izin-laboratorium-klinik');
    assert.equal(res.statusCode, 200);
    for (const heading of ['Persyaratan', 'Sistem, mekanisme dan prosedur', 'Jangka waktu penyelesaian', 'Biaya/tarif', 'Produk pelayanan', 'Masa berlaku', 'Dasar hukum', 'Penanganan pengaduan', 'Sarana, prasarana', 'Kompetensi pelaksana', 'Pengawasan internal', 'Jumlah pelaksana', 'Jaminan keamanan']) {
      assert.ok(res.body.includes(heading), heading);
    }
    assert.ok(res.body.includes('Self Assessment yang ditandatangani oleh Penanggung Jawab Laboratorium'));
    assert.ok(res.body.includes('Hari H+4'));
    assert.ok(res.body.includes('SOP-LP2N-KES-06'));
    assert.ok(res.body.includes('5 (lima) tahun'));
    assert.ok(res.body.includes('<a class="apply" href="/ajukan/kaltim/izin-laboratorium-klinik">Ajukan permohonan secara daring</a>'), 'leads to the online application');
  });

  it('filters the checklist by application type without JavaScript', async () => {
    const all = await get('/layanan/pekanbaru/sipatlm');
    const baru = await get('/layanan/pekanbaru/sipatlm?jenis=baru');
    const renewal = await get('/layanan/pekanbaru/sipatlm?jenis=perpanjangan');
    const item = 'Surat izin praktik asli (bagi perpanjangan)';
    assert.ok(all.body.includes(item) && renewal.body.includes(item));
    assert.ok(!baru.body.includes(item));
    assert.match(renewal.body, /<option value="perpanjangan" selected>/);
    const nonsense = await get('/layanan/pekanbaru/sipatlm?jenis=%3Cscript%3E');
    assert.equal(nonsense.statusCode, 200);
    assert.ok(!nonsense.body.includes('<script>'));
  });

  it('switches to English and remembers it', async () => {
    const en = await get('/layanan/kaltim/izin-penyalur-alat-kesehatan?lang=en');
    assert.match(en.body, /<html lang="en">/);
    assert.ok(en.body.includes('Requirements') && en.body.includes('Surat Permohonan Kementerian Kesehatan'), 'interface in English, content in Indonesian');
    assert.match(String(en.headers['set-cookie']), /lang=en/);
    const next = await get('/', { cookie: 'lang=en' });
    assert.match(next.body, /<html lang="en">/);
  });

  it('answers an unknown office or service with a 404 page in Indonesian', async () => {
    for (const url of ['/layanan/atlantis', '/layanan/kaltim/izin-tidak-ada', '/layanan/pekanbaru/izin-laboratorium-klinik', '/tidak/ada']) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.ok(res.body.includes('Halaman tidak ditemukan'), url);
    }
    const long = await get(`/layanan/${'x'.repeat(5000)}`);
    assert.equal(long.statusCode, 404);
  });

  it('escapes text from the data it shows', async () => {
    const res = await get('/layanan/kaltim/izin-laboratorium-klinik');
    assert.ok(res.body.includes('P &amp; NP') || res.body.includes('&amp;'), 'ampersands in the SOP are escaped');
  });
});

describe('SOP documents from the definition', () => {
  it('gives the BPMN process and the SVG flowchart of each service, linked from its page', async () => {
    const page = await get('/layanan/bombana/izin-praktek-perekam-medis');
    for (const link of ['/layanan/bombana/izin-praktek-perekam-medis/proses.bpmn', '/layanan/bombana/izin-praktek-perekam-medis/bagan.svg', '/layanan/bombana/izin-praktek-perekam-medis/sop.pdf']) {
      assert.ok(page.body.includes(`href="${link}"`), link);
    }
    assert.match(page.body, /<img src="[^"]+bagan\.svg"[^>]* alt="Bagan alir Izin Praktek Perekam Medis: 18 langkah/);
    const bpmn = await get('/layanan/bombana/izin-praktek-perekam-medis/proses.bpmn');
    assert.equal(bpmn.statusCode, 200);
    assert.match(String(bpmn.headers['content-disposition']), /bombana-izin-praktek-perekam-medis\.bpmn/);
    assert.equal((bpmn.body.match(/<bpmn:lane /g) ?? []).length, 9);
    const svg = await get('/layanan/kaltim/izin-laboratorium-klinik/bagan.svg');
    assert.match(svg.headers['content-type'] as string, /image\/svg\+xml/);
    assert.ok(svg.body.startsWith('<svg') && svg.body.includes('PETUGAS PENGHUBUNG'));
    assert.equal((await get('/layanan/kaltim/tidak-ada/proses.bpmn')).statusCode, 404);
    const pdf = await get('/layanan/pekanbaru/sipatlm/sop.pdf?kertas=F4');
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal((await get('/layanan/atlantis/sipatlm/sop.pdf')).statusCode, 404);
  });
});

describe('JSON API', () => {
  it('lists offices with their services', async () => {
    const res = await get('/api/v1/offices');
    assert.equal(res.statusCode, 200);
    const body = res.json() as { offices: { id: string; services: { slug: string }[] }[] };
    assert.equal(body.offices.length, 3);
    assert.equal(body.offices.reduce((n, o) => n + o.services.length, 0), 4);
  });

  it('gives one office\'s services and one service\'s definition', async () => {
    const list = await get('/api/v1/offices/kaltim/services');
    assert.deepEqual((list.json() as { services: { slug: string }[] }).services.map((s) => s.slug).sort(), ['izin-laboratorium-klinik', 'izin-penyalur-alat-kesehatan']);
    const svc = await get('/api/v1/offices/bombana/services/izin-praktek-perekam-medis');
    const body = svc.json() as { version: number; definition: { steps: unknown[]; standard: { product: string } } };
    assert.equal(body.definition.steps.length, 18);
    assert.equal(body.definition.standard.product, 'Izin Praktek Asisten Apoteker');
  });

  it('answers unknown office and service with a JSON 404 and an error code', async () => {
    const office = await get('/api/v1/offices/atlantis/services');
    assert.equal(office.statusCode, 404);
    assert.equal((office.json() as { error: { code: string } }).error.code, 'office_not_found');
    const svc = await get('/api/v1/offices/kaltim/services/tidak-ada');
    assert.equal((svc.json() as { error: { code: string; message: string } }).error.code, 'service_not_found');
    assert.equal((svc.json() as { error: { message: string } }).error.message, 'Layanan tidak ditemukan.');
    const en = await get('/api/v1/offices/kaltim/services/tidak-ada?lang=en');
    assert.equal((en.json() as { error: { message: string } }).error.message, 'Service not found.');
  });

  it('publishes an OpenAPI document generated from the schemas', async () => {
    const res = await get('/openapi.json');
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/api/v1/offices', '/api/v1/offices/{office}/services', '/api/v1/offices/{office}/services/{service}', '/api/v1/applications', '/api/v1/applications/{id}/actions/{action}', '/api/v1/tasks', '/healthz']) assert.ok(p in doc.paths, p);
    assert.ok(JSON.stringify(doc).includes('"clockStart"'), 'the definition schema is in the document');
  });

  it('reports health with the database reachable', async () => {
    const res = await get('/healthz');
    assert.equal(res.statusCode, 200);
    assert.equal((res.json() as { status: string }).status, 'ok');
  });
});
