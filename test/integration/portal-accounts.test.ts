// Applicant accounts through the portal's forms: registering as a person or a company, the
// verification mail (through a real local SMTP server), password reset, the profile of an
// account made elsewhere, CSRF, bad input and rate limits.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verify } from '@node-rs/argon2';
import { DEMO_PASSWORD } from '../../src/app/seed-demo.ts';
import { Client, csrfOf, location, PERSON, registerVerifiedApplicant, startPortal, waitForMail, type PortalHarness } from '../helpers/portal.ts';

let h: PortalHarness;
before(async () => {
  h = await startPortal();
});
after(async () => {
  await h.close();
});

const COMPANY = { companyName: 'PT Sehat Sentosa', nib: '1234567890123', npwp: '01.234.567.8-901.000', address: 'Jl. Juanda 5, Samarinda', name: 'Budi Santoso', phone: '0811 555 123' };
const linkIn = (text: string, path: string) => {
  const m = new RegExp(`https://satupintu\\.example(${path.replace('?', '\\?')}[A-Za-z0-9_-]+)`).exec(text);
  assert.ok(m, `a ${path} link in: ${text}`);
  return m[1]!;
};
const userRow = (email: string) => h.database.db.selectFrom('users').selectAll().where('username', '=', email).executeTakeFirst();

describe('registering', () => {
  it('a person: the account and applicant rows, a hashed verification token, the link by mail, then signing in', async () => {
    const c = new Client(h.app);
    const form = await c.get('/daftar/perorangan');
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('for="nik"') && form.body.includes('autocomplete="new-password"'));
    const res = await c.post('/daftar/perorangan', { _csrf: csrfOf(form.body), ...PERSON, nik: '1471 0255 0592 0002', email: ' Rina.Marlina@Example.test ', password: 'kata-sandi-rahasia-1' });
    assert.equal(location(res), '/daftar/periksa-email');
    const user = await userRow('rina.marlina@example.test');
    assert.ok(user, 'username is the email, lowercased');
    assert.equal(user.kind, 'applicant');
    assert.equal(user.email_verified_at, null);
    assert.ok(user.password_hash?.startsWith('$argon2') && (await verify(user.password_hash, 'kata-sandi-rahasia-1')));
    const applicant = await h.database.db.selectFrom('applicants').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.deepEqual([applicant.kind, applicant.nik, applicant.name, applicant.phone], ['person', '1471025505920002', PERSON.name, PERSON.phone]);

    const mail = await waitForMail(h.inbox, 'rina.marlina@example.test', /Verifikasi/);
    const link = linkIn(mail.text, '/daftar/verifikasi?token=');
    const token = link.split('=')[1]!;
    const stored = await h.database.db.selectFrom('portal_tokens').selectAll().where('user_id', '=', user.id).execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.token_hash, token, 'only the hash is stored');
    assert.ok(stored[0]!.expires_at > h.clock.now);

    const verified = await c.get(link);
    assert.equal(verified.statusCode, 200);
    assert.ok(verified.body.includes('Alamat email terverifikasi'));
    assert.ok((await userRow('rina.marlina@example.test'))?.email_verified_at);
    const again = await c.get(link);
    assert.equal(again.statusCode, 400, 'a link works once');
    assert.ok(again.body.includes('Tautan tidak berlaku'));

    await c.signIn('rina.marlina@example.test', 'kata-sandi-rahasia-1');
    const mine = await c.get('/permohonan');
    assert.equal(mine.statusCode, 200);
    assert.ok(mine.body.includes('Permohonan saya') && mine.body.includes(PERSON.name));
  });

  it('a company: NIB, NPWP digits, company name and the person acting for it', async () => {
    const c = new Client(h.app);
    const res = await c.submit('/daftar/badan-usaha', '/daftar/badan-usaha', { ...COMPANY, email: 'budi@sehat.example', password: 'perusahaan-sehat-2026' });
    assert.equal(location(res), '/daftar/periksa-email');
    const user = await userRow('budi@sehat.example');
    const a = await h.database.db.selectFrom('applicants').selectAll().where('user_id', '=', user!.id).executeTakeFirstOrThrow();
    assert.deepEqual([a.kind, a.company_name, a.nib, a.npwp, a.name, a.nik], ['company', 'PT Sehat Sentosa', '1234567890123', '012345678901000', 'Budi Santoso', null]);
    await waitForMail(h.inbox, 'budi@sehat.example', /Verifikasi/);
  });

  it('refuses empty, too long and wrongly formatted answers, naming each field, and keeps HTML inert', async () => {
    const c = new Client(h.app);
    const empty = await c.submit('/daftar/perorangan', '/daftar/perorangan', { name: '', nik: '', phone: '', address: '', email: '', password: '' });
    assert.equal(empty.statusCode, 400);
    for (const f of ['name', 'nik', 'phone', 'address', 'email', 'password']) assert.ok(empty.body.includes(`href="#${f}"`), `error for ${f}`);
    assert.ok(empty.body.includes('Isi NIK') && empty.body.includes('Isi alamat email'));

    const wrong = await c.submit('/daftar/perorangan', '/daftar/perorangan', {
      ...PERSON, name: `<script>alert("x")</script>${'a'.repeat(200)}`, nik: '147102550592000', email: 'bukan-email', password: 'pendek',
    });
    assert.equal(wrong.statusCode, 400);
    assert.ok(wrong.body.includes('NIK harus 16 angka; yang Anda isi 15 angka'));
    assert.ok(wrong.body.includes('Nama lengkap paling banyak 200 karakter'));
    assert.ok(wrong.body.includes('Isi alamat email yang benar'));
    assert.ok(wrong.body.includes('Kata sandi minimal 10 karakter'));
    assert.ok(!wrong.body.includes('<script>alert'), 'typed HTML is not markup');
    assert.ok(wrong.body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), 'it is shown back, escaped');

    const badDate = await c.submit('/daftar/perorangan', '/daftar/perorangan', { ...PERSON, nik: '1471029905920002', email: 'x@example.test', password: 'kata-sandi-panjang' });
    assert.ok(badDate.body.includes('NIK tidak sesuai format'), 'day 99 is no birth date');

    const company = await c.submit('/daftar/badan-usaha', '/daftar/badan-usaha', { ...COMPANY, nib: '12345ABC90123', npwp: '12.345', email: 'y@example.test', password: 'kata-sandi-panjang' });
    assert.equal(company.statusCode, 400);
    assert.ok(company.body.includes('NIB hanya berisi angka, tanpa huruf'));
    assert.ok(company.body.includes('NPWP harus 15 atau 16 angka'));
    assert.ok(company.body.includes('value="PT Sehat Sentosa"'), 'what was typed stays in the form');
    assert.equal(await userRow('x@example.test'), undefined);
    assert.equal(await userRow('y@example.test'), undefined);

    const en = await c.get('/daftar/perorangan?lang=en');
    const enRes = await c.post('/daftar/perorangan', { _csrf: csrfOf(en.body), ...PERSON, nik: '123', email: 'z@example.test', password: 'kata-sandi-panjang' });
    assert.ok(enRes.body.includes('The NIK must be 16 digits; you entered 3'));
    await c.get('/daftar?lang=id');
  });

  it('a form without its CSRF token, or with a stale one, is refused with 403 and nothing is written', async () => {
    const c = new Client(h.app);
    await c.get('/daftar/perorangan');
    const none = await c.post('/daftar/perorangan', { ...PERSON, email: 'tanpa-token@example.test', password: 'kata-sandi-panjang' });
    assert.equal(none.statusCode, 403);
    assert.ok(none.body.includes('Formulir ini sudah kedaluwarsa'));
    const stale = await c.post('/daftar/perorangan', { _csrf: 'A'.repeat(32), ...PERSON, email: 'tanpa-token@example.test', password: 'kata-sandi-panjang' });
    assert.equal(stale.statusCode, 403);
    const other = new Client(h.app);
    const foreign = await other.get('/daftar/perorangan');
    const crossed = await c.post('/daftar/perorangan', { _csrf: csrfOf(foreign.body), ...PERSON, email: 'tanpa-token@example.test', password: 'kata-sandi-panjang' });
    assert.equal(crossed.statusCode, 403, "another browser's token does not fit this cookie");
    assert.equal(await userRow('tanpa-token@example.test'), undefined);
  });

  it('an address that already has an account: the same answer on screen, a note to the owner, no second account', async () => {
    const c = new Client(h.app);
    const before = h.inbox.length;
    const res = await c.submit('/daftar/perorangan', '/daftar/perorangan', { ...PERSON, name: 'Orang Lain', email: 'RINA.MARLINA@example.test', password: 'kata-sandi-lain-99' });
    assert.equal(location(res), '/daftar/periksa-email');
    const note = await waitForMail(h.inbox.slice(before), 'rina.marlina@example.test', /sudah memiliki akun/);
    assert.ok(note.text.includes('/lupa-sandi') && !note.text.includes('token='));
    const users = await h.database.db.selectFrom('users').select('id').where('username', '=', 'rina.marlina@example.test').execute();
    assert.equal(users.length, 1);
    const u = await userRow('rina.marlina@example.test');
    assert.ok(await verify(u!.password_hash!, 'kata-sandi-rahasia-1'), 'the password did not change');
  });

  it('choosing person or company is one question; no choice is an error', async () => {
    const c = new Client(h.app);
    assert.equal(location(await c.get('/daftar?jenis=badan-usaha')), '/daftar/badan-usaha');
    const none = await c.get('/daftar?jenis=');
    assert.equal(none.statusCode, 400);
    assert.ok(none.body.includes('Pilih perorangan atau badan usaha') && none.body.includes('href="#jenis"'));
  });
});

describe('forgotten password', () => {
  it('sends a single-use link that expires, sets the new password and signs out every session', async () => {
    const email = 'lupa@example.test';
    const signedIn = await registerVerifiedApplicant(h, email, 'sandi-lama-123456');
    const c = new Client(h.app);
    const before = h.inbox.length;
    assert.equal(location(await c.submit('/lupa-sandi', '/lupa-sandi', { email: 'LUPA@example.test' })), '/lupa-sandi/periksa-email');
    const mail = await waitForMail(h.inbox.slice(before), email, /Atur ulang kata sandi/);
    const link = linkIn(mail.text, '/lupa-sandi/atur?token=');
    const form = await c.get(link);
    assert.equal(form.statusCode, 200);
    const token = link.split('=')[1]!;
    const short = await c.post('/lupa-sandi/atur', { _csrf: csrfOf(form.body), token, password: 'pendek' });
    assert.equal(short.statusCode, 400);
    assert.ok(short.body.includes('Kata sandi minimal 10 karakter'));
    const noCsrf = await c.post('/lupa-sandi/atur', { token, password: 'sandi-baru-987654' });
    assert.equal(noCsrf.statusCode, 403);
    const done = await c.post('/lupa-sandi/atur', { _csrf: csrfOf(form.body), token, password: 'sandi-baru-987654' });
    assert.equal(done.statusCode, 200);
    assert.ok(done.body.includes('Kata sandi diganti'));
    assert.equal(location(await signedIn.get('/permohonan')).startsWith('/masuk'), true, 'the old session is gone');
    const reused = await c.post('/lupa-sandi/atur', { _csrf: csrfOf(form.body), token, password: 'sandi-ketiga-55555' });
    assert.equal(reused.statusCode, 400, 'the link works once');
    const fresh = new Client(h.app);
    await fresh.signIn(email, 'sandi-baru-987654');

    // An expired link: one hour later it no longer opens the form.
    const before2 = h.inbox.length;
    await c.submit('/lupa-sandi', '/lupa-sandi', { email });
    const second = linkIn((await waitForMail(h.inbox.slice(before2), email, /Atur ulang/)).text, '/lupa-sandi/atur?token=');
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + 61 * 60_000);
    try {
      const expired = await c.get(second);
      assert.equal(expired.statusCode, 400);
      assert.ok(expired.body.includes('Tautan tidak berlaku'));
    } finally {
      h.clock.now = saved;
    }
  });

  it('answers the same for an address without an account, and sends nothing', async () => {
    const c = new Client(h.app);
    const before = h.inbox.length;
    assert.equal(location(await c.submit('/lupa-sandi', '/lupa-sandi', { email: 'tidak-ada@example.test' })), '/lupa-sandi/periksa-email');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(h.inbox.slice(before).filter((m) => m.to.includes('tidak-ada@example.test')).length, 0);
    const bad = await c.submit('/lupa-sandi', '/lupa-sandi', { email: '<b>x</b>' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('&lt;b&gt;x&lt;/b&gt;'));
  });

  it('a made-up or malformed token opens nothing', async () => {
    const c = new Client(h.app);
    assert.equal((await c.get(`/lupa-sandi/atur?token=${'A'.repeat(43)}`)).statusCode, 400);
    assert.equal((await c.get('/lupa-sandi/atur?token=%27%20or%201%3D1')).statusCode, 400);
    assert.equal((await c.get(`/daftar/verifikasi?token=${'B'.repeat(43)}`)).statusCode, 400);
  });
});

describe('an account made elsewhere', () => {
  it('the demo applicant completes its details once before applying', async () => {
    const c = new Client(h.app);
    await c.signIn('pemohon.demo@example.test', DEMO_PASSWORD);
    const choose = await c.get('/akun/profil?next=/ajukan/pekanbaru/sipatlm');
    assert.equal(choose.statusCode, 200);
    assert.equal(location(await c.get('/akun/profil?jenis=perorangan&next=/ajukan/pekanbaru/sipatlm')), '/akun/profil/perorangan?next=%2Fajukan%2Fpekanbaru%2Fsipatlm');
    const form = await c.get('/akun/profil/perorangan?next=/ajukan/pekanbaru/sipatlm');
    const bad = await c.post('/akun/profil/perorangan', { _csrf: csrfOf(form.body), ...PERSON, nik: '12345' });
    assert.equal(bad.statusCode, 400);
    const stale = await c.post('/akun/profil/perorangan', { _csrf: 'basi', ...PERSON });
    assert.equal(stale.statusCode, 403);
    const ok = await c.post('/akun/profil/perorangan', { _csrf: csrfOf(form.body), ...PERSON, next: '/ajukan/pekanbaru/sipatlm' });
    assert.equal(location(ok), '/ajukan/pekanbaru/sipatlm');
    const demo = await userRow('pemohon.demo');
    const rows = await h.database.db.selectFrom('applicants').select('id').where('user_id', '=', demo!.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(location(await c.get('/akun/profil')), '/permohonan', 'done once');
  });

  it('staff are sent to their desk, not shown applicant pages', async () => {
    const c = new Client(h.app);
    await c.signIn('pekanbaru.front-office', DEMO_PASSWORD);
    const res = await c.get('/permohonan');
    assert.equal(res.statusCode, 403);
  });

  it('signed-out visitors are sent to sign in and brought back', async () => {
    const c = new Client(h.app);
    assert.equal(location(await c.get('/permohonan')), '/masuk?next=%2Fpermohonan');
  });
});

describe('rate limits', () => {
  it('password reset requests from one address stop after ten in ten minutes', async () => {
    const c = new Client(h.app);
    const page = await c.get('/lupa-sandi');
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await c.post('/lupa-sandi', { _csrf: csrfOf(page.body), email: `orang${i}@example.test` })).statusCode);
    assert.ok(codes.includes(429), codes.join(','));
    const limited = await c.post('/lupa-sandi', { _csrf: csrfOf(page.body), email: 'lagi@example.test' });
    assert.equal(limited.statusCode, 429);
    assert.ok(limited.body.includes('Terlalu banyak permintaan'));
  });

  it('reset mails to one account are limited per hour whoever asks', async () => {
    await registerVerifiedApplicant(h, 'banjir@example.test');
    const before = h.inbox.length;
    const { requestPasswordReset } = await import('../../src/app/portal/reset-password.ts');
    const links = [];
    for (let i = 0; i < 5; i++) links.push(await requestPasswordReset(h.database.db, 'banjir@example.test', h.clock.now));
    assert.equal(links.filter(Boolean).length, 3);
    assert.equal(h.inbox.length, before);
  });
});
