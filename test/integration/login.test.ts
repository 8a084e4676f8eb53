// Signing in and out in the browser's way: cookies, CSRF, wrong passwords, lock-out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedDemo, DEMO_PASSWORD } from '../../src/app/seed-demo.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { buildServer } from '../../src/web/server.ts';
import { freshDatabase } from '../helpers/db.ts';
import { definitionsDir } from '../helpers/fixtures.ts';

let database: Database;
let app: FastifyInstance;
before(async () => {
  database = await freshDatabase();
  await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
  app = await buildServer({ database, publicUrl: 'https://satupintu.example', logLevel: 'silent' });
});
after(async () => {
  await app.close();
  await database.close();
});

const cookieOf = (res: { headers: Record<string, unknown> }, name: string) => {
  const all = ([] as string[]).concat((res.headers['set-cookie'] as string | string[] | undefined) ?? []);
  const c = all.find((x) => x.startsWith(`${name}=`));
  return c ? { value: c.split(';')[0]!.slice(name.length + 1), raw: c } : null;
};

async function formToken() {
  const page = await app.inject({ url: '/masuk' });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  return { token, cookie: cookieOf(page, 'sp_csrf')!.value };
}

const post = (url: string, form: Record<string, string>, cookies: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ') } });

describe('/masuk', () => {
  it('signs a staff member in with a secure httpOnly cookie, and out again', async () => {
    const { token, cookie } = await formToken();
    const res = await post('/masuk', { _csrf: token, username: 'pekanbaru.front-office', password: DEMO_PASSWORD }, { sp_csrf: cookie });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/meja');
    const session = cookieOf(res, 'sp_sesi')!;
    assert.match(session.raw, /HttpOnly/i);
    assert.match(session.raw, /Secure/i);
    assert.match(session.raw, /SameSite=Lax/i);
    const home = await app.inject({ url: '/', headers: { cookie: `sp_sesi=${session.value}` } });
    assert.ok(home.body.includes('Demo Petugas Front Office'));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
    const noToken = await post('/keluar', {}, { sp_sesi: session.value });
    assert.equal(noToken.statusCode, 403);
    const out = await post('/keluar', { _csrf: csrf }, { sp_sesi: session.value });
    assert.equal(out.statusCode, 303);
    const after = await app.inject({ url: '/', headers: { cookie: `sp_sesi=${session.value}` } });
    assert.ok(!after.body.includes('Demo Petugas Front Office'), 'the session is gone');
  });

  it('an applicant signs in with their email and lands on their applications', async () => {
    const { token, cookie } = await formToken();
    const res = await post('/masuk', { _csrf: token, username: 'pemohon.demo@example.test', password: DEMO_PASSWORD }, { sp_csrf: cookie });
    assert.equal(res.headers.location, '/permohonan');
  });

  it('refuses a missing or stale CSRF token, empty fields, and a wrong password, in Indonesian', async () => {
    const { token, cookie } = await formToken();
    assert.equal((await post('/masuk', { username: 'x', password: 'y' }, { sp_csrf: cookie })).statusCode, 403);
    assert.equal((await post('/masuk', { _csrf: 'basi', username: 'x', password: 'y' }, { sp_csrf: cookie })).statusCode, 403);
    const empty = await post('/masuk', { _csrf: token, username: '', password: '' }, { sp_csrf: cookie });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.body.includes('Isi nama pengguna atau email') && empty.body.includes('href="#password"'));
    const wrong = await post('/masuk', { _csrf: token, username: 'pekanbaru.back-office', password: 'salah' }, { sp_csrf: cookie });
    assert.equal(wrong.statusCode, 401);
    assert.ok(wrong.body.includes('Nama pengguna atau kata sandi salah.'));
    const script = await post('/masuk', { _csrf: token, username: '<script>alert(1)</script>', password: 'x' }, { sp_csrf: cookie });
    assert.ok(!script.body.includes('<script>alert(1)</script>') && script.body.includes('&lt;script&gt;'));
  });

  it('locks an account name after five failures, even with the right password', async () => {
    const { token, cookie } = await formToken();
    for (let i = 0; i < 5; i++) await post('/masuk', { _csrf: token, username: 'bombana.kepala-dinas', password: `salah-${i}` }, { sp_csrf: cookie });
    const locked = await post('/masuk', { _csrf: token, username: 'bombana.kepala-dinas', password: DEMO_PASSWORD }, { sp_csrf: cookie });
    assert.equal(locked.statusCode, 429);
    assert.ok(locked.body.includes('Terlalu banyak percobaan'));
  });

  it('never follows a sign-in redirect to another site', async () => {
    const { token, cookie } = await formToken();
    const res = await post('/masuk', { _csrf: token, username: 'kaltim.kepala-dinas', password: DEMO_PASSWORD, next: '//evil.example/x' }, { sp_csrf: cookie });
    assert.equal(res.headers.location, '/meja');
  });
});
