// Signing in and out in the browser's way: cookies, CSRF, wrong passwords, lock-out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedDemo, DEMO_PASSWORD } from '../../src/app/seed-demo.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { buildServer } from '../../src/web/server.ts';
import { Secret, TOTP } from 'otpauth';
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

describe('/masuk/kode: the second step for an official with an authenticator app', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const codeAt = (ms: number) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: ms });
  before(async () => {
    await database.db.updateTable('users').set({ totp_secret: secret }).where('username', '=', 'pekanbaru.kepala-dinas').execute();
  });
  const signInWithPassword = async () => {
    const { token, cookie } = await formToken();
    const res = await post('/masuk', { _csrf: token, username: 'pekanbaru.kepala-dinas', password: DEMO_PASSWORD, next: '/meja/tanda-tangan' }, { sp_csrf: cookie });
    assert.equal(res.headers.location, '/masuk/kode?next=%2Fmeja%2Ftanda-tangan', `${res.statusCode} ${res.body.slice(0, 3000)}`);
    return cookieOf(res, 'sp_sesi')!.value;
  };

  it('opens nothing until the code is given, then opens the desk', async () => {
    const session = await signInWithPassword();
    const desk = await app.inject({ url: '/meja', headers: { cookie: `sp_sesi=${session}` } });
    assert.equal(desk.headers.location, '/masuk/kode?next=%2Fmeja', 'the desk asks for the code first');
    const home = await app.inject({ url: '/', headers: { cookie: `sp_sesi=${session}` } });
    assert.ok(!home.body.includes('Demo Kepala Dinas'), 'not signed in yet');
    const page = await app.inject({ url: '/masuk/kode?next=%2Fmeja', headers: { cookie: `sp_sesi=${session}` } });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Masukkan kode 6 angka dari aplikasi autentikator Anda.'));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    assert.equal((await post('/masuk/kode', { code: codeAt(Date.now()) }, { sp_sesi: session })).statusCode, 403, 'no CSRF token');
    const wrong = await post('/masuk/kode', { _csrf: csrf, code: '12345x' }, { sp_sesi: session });
    assert.equal(wrong.statusCode, 422);
    assert.ok(wrong.body.includes('Kode verifikasi salah atau sudah dipakai'));
    const code = codeAt(Date.now());
    const ok = await post('/masuk/kode', { _csrf: csrf, code, next: '/meja' }, { sp_sesi: session });
    assert.equal(ok.headers.location, '/meja');
    assert.equal((await app.inject({ url: '/meja', headers: { cookie: `sp_sesi=${session}` } })).statusCode, 200);

    // The same code cannot open a second session.
    const other = await signInWithPassword();
    const otherCsrf = /name="_csrf" value="([^"]+)"/.exec((await app.inject({ url: '/masuk/kode', headers: { cookie: `sp_sesi=${other}` } })).body)![1]!;
    assert.equal((await post('/masuk/kode', { _csrf: otherCsrf, code }, { sp_sesi: other })).statusCode, 422);
  });

  it('stops guessing after five wrong codes', async () => {
    const session = await signInWithPassword();
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await app.inject({ url: '/masuk/kode', headers: { cookie: `sp_sesi=${session}` } })).body)![1]!;
    for (let i = 0; i < 5; i++) await post('/masuk/kode', { _csrf: csrf, code: '000000' }, { sp_sesi: session });
    const locked = await post('/masuk/kode', { _csrf: csrf, code: codeAt(Date.now() + 30_000) }, { sp_sesi: session });
    assert.equal(locked.statusCode, 429);
    assert.equal((await app.inject({ url: '/meja', headers: { cookie: `sp_sesi=${session}` } })).statusCode, 303);
  });

  it('asks nothing of those without an app, and nothing of sessions opened before it was registered', async () => {
    const { token, cookie } = await formToken();
    const res = await post('/masuk', { _csrf: token, username: 'bombana.front-office', password: DEMO_PASSWORD }, { sp_csrf: cookie });
    assert.equal(res.headers.location, '/meja');
    const session = cookieOf(res, 'sp_sesi')!.value;
    await database.db.updateTable('users').set({ totp_secret: secret }).where('username', '=', 'bombana.front-office').execute();
    assert.equal((await app.inject({ url: '/meja', headers: { cookie: `sp_sesi=${session}` } })).statusCode, 200);
  });
});
