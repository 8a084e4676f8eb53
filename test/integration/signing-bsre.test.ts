// Contract tests of the BSrE adapter against a local fake of the Esign Client Service that
// answers with each shape BSrE is known to answer with (API v2 and v1): success, wrong
// passphrase (2031), signer not registered (2011), no certificate (2021), wrong Basic auth
// (401), 500 with and without a file, a v1 document downloaded twice, and a service that never
// answers. The fake "signs" with the local signer, so the adapter's check of the output is real.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { AppError } from '../../src/domain/errors.ts';
import { v1SignFields, v2SignRequest, v2StatusRequest } from '../../src/infra/signing/bsre/bsre-api.ts';
import { createBsreSigner } from '../../src/infra/signing/bsre/bsre-signer.ts';
import type { BsreConfig, BsreSigner, SigningLog } from '../../src/infra/signing/bsre/bsre-signer.ts';
import { isSafeToRetry } from '../../src/infra/signing/errors.ts';
import { createLocalSigner } from '../../src/infra/signing/local-signer.ts';
import { checkSignedPdf } from '../../src/infra/signing/pdf-signature.ts';
import { selectSigner, signingConfigFromEnv } from '../../src/infra/signing/select-signer.ts';
import type { Signer, SignRequest } from '../../src/infra/signing/signer.ts';

// ---- the fake service ----

interface FakeUser {
  nik: string;
  email: string;
  passphrase: string;
  totp: string;
  status: string;
  name: string;
}

const USERS: FakeUser[] = [
  { nik: '6471010101800001', email: 'kadis@contoh.go.id', passphrase: 'Rahasia#Kadis1', totp: '918273', status: 'ISSUE', name: 'Ir. Hendra Gunawan, M.T.' },
  { nik: '6471010101800002', email: 'baru@contoh.go.id', passphrase: 'Rahasia#Baru2', totp: '111222', status: 'NOT_REGISTERED', name: 'Belum Terdaftar' },
  { nik: '6471010101800003', email: 'nocert@contoh.go.id', passphrase: 'Rahasia#Cert3', totp: '333444', status: 'NO_CERTIFICATE', name: 'Tanpa Sertifikat' },
  { nik: '6471010101800004', email: 'lama@contoh.go.id', passphrase: 'Rahasia#Lama4', totp: '555666', status: 'EXPIRED', name: 'Sertifikat Lama' },
];
const APP_USER = 'satupintu-app';
const APP_PASSWORD = 'app-Secret-77';

// How the fake answers a signature; 'normal' follows the user table.
type Mode = 'normal' | '500-with-file' | '500-unsigned-file' | '500-no-file' | '200-not-pdf' | '200-unsigned' | '200-error-body' | 'hang';

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  json?: Record<string, unknown>;
  fields?: Record<string, string>;
  file?: Uint8Array;
}

class FakeBsre {
  server!: Server;
  url = '';
  mode: Mode = 'normal';
  seen: Seen[] = [];
  private downloads = new Map<string, Uint8Array>();
  private nextId = 1;
  private signer: Signer;

  constructor(certsDir: string) {
    this.signer = createLocalSigner({ certsDir });
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        res.writeHead(599).end(String(err));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private containerError(res: ServerResponse, status: number, error: string, path: string): void {
    this.json(res, status, { timestamp: '2026-03-09T02:30:00.000+0000', status, error, path });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const path = req.url ?? '/';
    const seen: Seen = { method: req.method ?? '', path, authorization: req.headers.authorization };
    this.seen.push(seen);
    const expected = 'Basic ' + Buffer.from(`${APP_USER}:${APP_PASSWORD}`).toString('base64');
    if (req.headers.authorization !== expected) return this.containerError(res, 401, 'Unauthorized', path);

    if (req.method === 'POST' && path === '/api/v2/user/check/status') {
      seen.json = JSON.parse(raw.toString('utf8'));
      v2StatusRequest.parse(seen.json);
      const user = USERS.find((u) => u.nik === seen.json!.nik || u.email === seen.json!.email);
      if (!user || user.status === 'NOT_REGISTERED') return this.json(res, 400, { status_code: 2011, status: 'NOT_REGISTERED', message: 'Pengguna tidak terdaftar' });
      return this.json(res, 200, { status_code: 1111, status: user.status, message: `Status sertifikat ${user.status}` });
    }
    const v1Status = /^\/api\/user\/status\/(\d+)$/.exec(path);
    if (req.method === 'GET' && v1Status) {
      const user = USERS.find((u) => u.nik === v1Status[1]);
      if (!user || user.status === 'NOT_REGISTERED') return this.json(res, 200, { status_code: 1110, message: 'NIK belum terdaftar' });
      return this.json(res, 200, { status_code: user.status === 'ISSUE' ? 1111 : 1100, status: user.status, message: 'OK' });
    }
    if (req.method === 'POST' && path === '/api/v2/sign/pdf') {
      seen.json = JSON.parse(raw.toString('utf8'));
      const body = v2SignRequest.parse(seen.json);
      const user = USERS.find((u) => u.nik === body.nik || u.email === body.email);
      const pdf = new Uint8Array(Buffer.from(body.file[0]!, 'base64'));
      seen.file = pdf;
      return this.sign(res, path, user, body.passphrase ?? body.totp, body.passphrase ? 'passphrase' : 'totp', pdf, (signed) =>
        this.json(res, 200, { time: 1834, file: [Buffer.from(signed).toString('base64')] }),
      );
    }
    if (req.method === 'POST' && path === '/api/sign/pdf') {
      const form = await new Response(raw, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      const fields: Record<string, string> = {};
      let pdf: Uint8Array | undefined;
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') fields[k] = v;
        else if (k === 'file') pdf = new Uint8Array(await v.arrayBuffer());
      }
      seen.fields = fields;
      seen.file = pdf;
      v1SignFields.parse(fields);
      const user = USERS.find((u) => u.nik === fields.nik);
      return this.sign(res, path, user, fields.passphrase, 'passphrase', pdf!, (signed) => {
        const id = `dok-${this.nextId++}`;
        this.downloads.set(id, signed);
        res.writeHead(200, { 'content-type': 'application/pdf', id_dokumen: id }).end(signed);
      });
    }
    const download = /^\/api\/sign\/download\/([\w-]+)$/.exec(path);
    if (req.method === 'GET' && download) {
      const doc = this.downloads.get(download[1]!);
      if (!doc) return this.json(res, 404, { status_code: 404, error: 'Dokumen tidak ditemukan atau sudah diunduh' });
      this.downloads.delete(download[1]!);
      return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(doc);
    }
    return this.containerError(res, 404, 'Not Found', path);
  }

  private async sign(
    res: ServerResponse,
    path: string,
    user: FakeUser | undefined,
    secret: string | undefined,
    kind: 'passphrase' | 'totp',
    pdf: Uint8Array,
    ok: (signed: Uint8Array) => void,
  ): Promise<void> {
    if (this.mode === 'hang') return; // never answers; the client gives up
    if (!user || user.status === 'NOT_REGISTERED') return this.json(res, 400, { error: 'User tidak terdaftar', status_code: 2011 });
    if (user.status === 'NO_CERTIFICATE') return this.json(res, 400, { error: 'User tidak memiliki sertifikat', status_code: 2021 });
    if (secret !== (kind === 'passphrase' ? user.passphrase : user.totp)) {
      // Real installs have been seen echoing the NIK back; the adapter must not pass it on.
      return this.json(res, 400, { error: `Passphrase anda salah (NIK ${user.nik})`, status_code: 2031 });
    }
    if (this.mode === '500-no-file') return this.containerError(res, 500, 'Internal Server Error', path);
    if (this.mode === '200-not-pdf') return this.json(res, 200, { time: 10, file: [Buffer.from('<html>bukan pdf</html>').toString('base64')] });
    if (this.mode === '200-unsigned') return this.json(res, 200, { time: 10, file: [Buffer.from(pdf).toString('base64')] });
    if (this.mode === '200-error-body') return this.json(res, 200, { error: 'Passphrase anda salah', status_code: 2031 });
    if (this.mode === '500-unsigned-file') return this.json(res, 500, { error: 'Gagal', file: [Buffer.from(pdf).toString('base64')] });
    const signed = await this.signer.sign(pdf, {
      signer: { id: `bsre-${user.email.split('@')[0]}`, name: user.name, position: 'Kepala Dinas', office: 'Pemerintah Kota Contoh' },
      reason: 'BSrE',
      location: 'Indonesia',
    });
    if (this.mode === '500-with-file') return this.json(res, 500, { error: 'Internal Server Error', file: [Buffer.from(signed).toString('base64')] });
    ok(signed);
  }
}

// ---- the adapter under test ----

let work: string;
let fake: FakeBsre;
const logs: { level: string; fields: Record<string, unknown>; message: string }[] = [];
const errors: AppError[] = [];
const log: SigningLog = {
  info: (fields, message) => logs.push({ level: 'info', fields, message }),
  warn: (fields, message) => logs.push({ level: 'warn', fields, message }),
};

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'satupintu-signing-bsre-'));
  fake = new FakeBsre(join(work, 'fake-certs'));
  await fake.start();
});
after(async () => {
  await fake.stop();
  rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  fake.mode = 'normal';
  fake.seen = [];
});

const bsre = (over: Partial<BsreConfig> = {}): BsreSigner =>
  createBsreSigner({ baseUrl: fake.url, version: 'v2', username: APP_USER, password: APP_PASSWORD, ...over }, { log });

async function permitPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const title of ['SURAT IZIN USAHA PERDAGANGAN', 'Lampiran: Daftar Barang Dagangan']) {
    doc.addPage([595.28, 841.89]).drawText(title, { x: 56, y: 780, size: 13, font });
  }
  return doc.save();
}

const [kadis, unregistered, noCert, expired] = USERS as [FakeUser, FakeUser, FakeUser, FakeUser];
const request = (user: FakeUser, over: Partial<SignRequest> = {}): SignRequest => ({
  signer: { id: `user-${user.nik.slice(-1)}`, name: user.name, position: 'Kepala Dinas', office: 'DPMPTSP Kota Contoh', nik: user.nik },
  reason: 'Penerbitan izin',
  location: 'Samarinda',
  secret: { passphrase: user.passphrase },
  ...over,
});

// The adapter's error, kept for the secrecy check at the end.
async function failsWith(p: Promise<unknown>, code: string): Promise<AppError> {
  let caught: unknown;
  await assert.rejects(p, (e: unknown) => {
    caught = e;
    return e instanceof AppError && e.code === code;
  });
  errors.push(caught as AppError);
  return caught as AppError;
}

const signCalls = () => fake.seen.filter((s) => s.path === '/api/v2/sign/pdf' || s.path === '/api/sign/pdf');

describe('BSrE API v2', () => {
  it('checks the status, signs and returns the checked, signed PDF', async () => {
    const input = await permitPdf();
    const out = await bsre().sign(input, request(kadis, { visibleStamp: { page: 1, x: 330, y: 80, width: 220, height: 60 }, contactInfo: 'dpmptsp@contoh.go.id' }));
    assert.equal(checkSignedPdf(out).ok, true);
    assert.deepEqual(fake.seen.map((s) => `${s.method} ${s.path}`), ['POST /api/v2/user/check/status', 'POST /api/v2/sign/pdf']);
    assert.deepEqual(fake.seen[0]!.json, { nik: kadis.nik });
    const body = fake.seen[1]!.json!;
    assert.equal(body.nik, kadis.nik);
    assert.equal(body.passphrase, kadis.passphrase);
    assert.equal(body.totp, undefined);
    assert.deepEqual(body.signatureProperties, [{ tampilan: 'INVISIBLE', reason: 'Penerbitan izin', location: 'Samarinda', contactInfo: 'dpmptsp@contoh.go.id' }]);
    // satupintu drew the stamp into the document it sent.
    const sent = fake.seen[1]!.file!;
    assert.notDeepEqual(sent, input);
    assert.equal((await PDFDocument.load(out)).getPageCount(), 2);
    assert.equal(fake.seen[1]!.authorization, 'Basic ' + Buffer.from(`${APP_USER}:${APP_PASSWORD}`).toString('base64'));
  });

  it('signs with an email and a TOTP instead of NIK and passphrase', async () => {
    const out = await bsre().sign(await permitPdf(), request(kadis, { signer: { ...request(kadis).signer, nik: undefined, email: kadis.email }, secret: { totp: kadis.totp } }));
    assert.equal(checkSignedPdf(out).ok, true);
    const body = signCalls()[0]!.json!;
    assert.equal(body.email, kadis.email);
    assert.equal(body.totp, kadis.totp);
    assert.equal(body.nik, undefined);
    assert.equal(body.passphrase, undefined);
  });

  it('reports the status of signers', async () => {
    const s = bsre();
    assert.deepEqual(await s.status(request(kadis).signer), { ready: true, status: 'ISSUE' });
    const u = await s.status(request(unregistered).signer);
    assert.equal(u.ready, false);
    assert.equal(u.status, 'NOT_REGISTERED');
    assert.match(u.message!.id, /belum terdaftar/);
    assert.equal((await s.status(request(expired).signer)).status, 'EXPIRED');
  });

  it('wrong passphrase (2031)', async () => {
    const err = await failsWith(bsre().sign(await permitPdf(), request(kadis, { secret: { passphrase: 'salah-sekali' } })), 'signing_wrong_passphrase');
    assert.equal(err.status, 422);
    assert.equal(err.userMessage.id, 'Passphrase tanda tangan elektronik salah.');
    assert.equal((err.details as { vendorCode: number }).vendorCode, 2031);
  });

  it('a signer not registered (2011) is stopped by the status check, before the passphrase is sent', async () => {
    await failsWith(bsre().sign(await permitPdf(), request(unregistered)), 'signing_signer_not_registered');
    assert.equal(signCalls().length, 0);
  });

  it('2011 and 2021 from the signing call itself, when the status check is off', async () => {
    await failsWith(bsre({ checkStatusBeforeSigning: false }).sign(await permitPdf(), request(unregistered)), 'signing_signer_not_registered');
    await failsWith(bsre({ checkStatusBeforeSigning: false }).sign(await permitPdf(), request(noCert)), 'signing_no_certificate');
    assert.equal(signCalls().length, 2);
  });

  it('a certificate that is not ISSUE cannot sign', async () => {
    const err = await failsWith(bsre().sign(await permitPdf(), request(expired)), 'signing_certificate_not_ready');
    assert.match(err.userMessage.id, /kedaluwarsa/);
    await failsWith(bsre().sign(await permitPdf(), request(noCert)), 'signing_no_certificate');
  });

  it('wrong application credentials (401)', async () => {
    const wrong = bsre({ password: 'bukan-ini' });
    await failsWith(wrong.status(request(kadis).signer), 'signing_provider_auth_failed');
    const err = await failsWith(wrong.sign(await permitPdf(), request(kadis)), 'signing_provider_auth_failed');
    assert.equal(err.status, 502);
    await failsWith(bsre({ password: 'bukan-ini', checkStatusBeforeSigning: false }).sign(await permitPdf(), request(kadis)), 'signing_provider_auth_failed');
  });

  it('a 500 that carries a signed file is accepted after checking the file', async () => {
    fake.mode = '500-with-file';
    const out = await bsre().sign(await permitPdf(), request(kadis));
    assert.equal(checkSignedPdf(out).ok, true);
    assert.ok(logs.some((l) => l.level === 'warn' && /accepted after checking/.test(l.message)));
  });

  it('a 500 without a file, or with a file that is not signed, is a failure', async () => {
    fake.mode = '500-no-file';
    const err = await failsWith(bsre().sign(await permitPdf(), request(kadis)), 'signing_provider_error');
    assert.equal((err.details as { httpStatus: number }).httpStatus, 500);
    fake.mode = '500-unsigned-file';
    await failsWith(bsre().sign(await permitPdf(), request(kadis)), 'signing_provider_error');
  });

  it('a 200 is checked too: not a PDF, or a PDF without a signature, is refused', async () => {
    fake.mode = '200-not-pdf';
    await failsWith(bsre().sign(await permitPdf(), request(kadis)), 'signing_output_invalid');
    fake.mode = '200-unsigned';
    const err = await failsWith(bsre().sign(await permitPdf(), request(kadis)), 'signing_output_invalid');
    assert.equal((err.details as { reason: string }).reason, 'no signature');
    fake.mode = '200-error-body';
    await failsWith(bsre().sign(await permitPdf(), request(kadis)), 'signing_wrong_passphrase');
  });

  it('a timeout after sending is an unknown outcome, and the signature is not sent again', async () => {
    fake.mode = 'hang';
    const err = await failsWith(bsre({ signTimeoutMs: 400 }).sign(await permitPdf(), request(kadis)), 'signing_outcome_unknown');
    assert.equal(err.status, 504);
    assert.match(err.userMessage.id, /mungkin sudah ditandatangani/);
    assert.equal(isSafeToRetry(err), false);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(signCalls().length, 1);
  });

  it('a service that cannot be reached is unavailable (nothing was sent)', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const s = bsre({ baseUrl: `http://127.0.0.1:${port}`, checkStatusBeforeSigning: false });
    const err = await failsWith(s.sign(await permitPdf(), request(kadis)), 'signing_unavailable');
    assert.equal(err.status, 503);
    assert.equal(isSafeToRetry(err), true);
    await failsWith(s.status(request(kadis).signer), 'signing_unavailable');
  });

  it('refuses a request it cannot send: no passphrase, no identity, a malformed NIK', async () => {
    await failsWith(bsre().sign(await permitPdf(), request(kadis, { secret: {} })), 'signing_secret_required');
    await failsWith(bsre().sign(await permitPdf(), request(kadis, { signer: { ...request(kadis).signer, nik: undefined } })), 'signing_identity_missing');
    await failsWith(bsre().sign(await permitPdf(), request(kadis, { signer: { ...request(kadis).signer, nik: '12345' } })), 'signing_identity_invalid');
    await failsWith(bsre().sign(new TextEncoder().encode('bukan pdf'), request(kadis)), 'signing_invalid_pdf');
    assert.equal(fake.seen.length, 0);
  });
});

describe('BSrE API v1', () => {
  it('checks the status, signs with a multipart form, and the document downloads once only', async () => {
    const s = bsre({ version: 'v1' });
    const out = await s.sign(await permitPdf(), request(kadis, { visibleStamp: { page: 0, x: 330, y: 80, width: 220, height: 60 } }));
    assert.equal(checkSignedPdf(out).ok, true);
    assert.deepEqual(fake.seen.map((x) => `${x.method} ${x.path}`), [`GET /api/user/status/${kadis.nik}`, 'POST /api/sign/pdf']);
    assert.deepEqual(fake.seen[1]!.fields, { nik: kadis.nik, passphrase: kadis.passphrase, tampilan: 'invisible', reason: 'Penerbitan izin', location: 'Samarinda' });
    const id = logs.findLast((l) => l.message === 'document signed')!.fields.documentId as string;
    assert.match(id, /^dok-\d+$/);
    const first = await s.downloadV1(id);
    assert.deepEqual(first, out);
    await failsWith(s.downloadV1(id), 'signing_download_gone');
  });

  it('wrong passphrase (2031), not registered (1110 at the status check), 401', async () => {
    await failsWith(bsre({ version: 'v1' }).sign(await permitPdf(), request(kadis, { secret: { passphrase: 'keliru' } })), 'signing_wrong_passphrase');
    await failsWith(bsre({ version: 'v1' }).sign(await permitPdf(), request(unregistered)), 'signing_signer_not_registered');
    await failsWith(bsre({ version: 'v1', username: 'orang-lain' }).sign(await permitPdf(), request(kadis)), 'signing_provider_auth_failed');
  });

  it('needs a NIK and a passphrase (v1 knows no email or TOTP)', async () => {
    await failsWith(bsre({ version: 'v1' }).sign(await permitPdf(), request(kadis, { signer: { ...request(kadis).signer, nik: undefined, email: kadis.email } })), 'signing_identity_missing');
    await failsWith(bsre({ version: 'v1' }).sign(await permitPdf(), request(kadis, { secret: { totp: kadis.totp } })), 'signing_secret_required');
  });
});

describe('choosing the signer', () => {
  it('from a configuration object, and from the environment', () => {
    assert.equal(selectSigner({ kind: 'local', certsDir: join(work, 'certs') }).kind, 'local');
    const b = selectSigner({ kind: 'bsre', baseUrl: 'http://10.1.2.3:8080', version: 'v1', username: 'u', password: 'p' });
    assert.equal(b.kind, 'bsre');
    assert.equal(b.secretRequired, true);
    assert.deepEqual(signingConfigFromEnv({}, 'data'), { kind: 'local', certsDir: join('data', 'certs') });
    assert.deepEqual(signingConfigFromEnv({ SIGNER: 'bsre', BSRE_BASE_URL: 'http://esign.local', BSRE_USERNAME: 'u', BSRE_PASSWORD: 'p' }, 'data'), {
      kind: 'bsre',
      baseUrl: 'http://esign.local',
      version: 'v2',
      username: 'u',
      password: 'p',
    });
  });

  it('a bad configuration names the fields, never their values', () => {
    assert.throws(
      () => selectSigner({ kind: 'bsre', baseUrl: 'ftp://x', version: 'v2', username: 'u', password: '' }),
      (e: unknown) => e instanceof AppError && e.code === 'signing_config_invalid' && /baseUrl/.test(e.message) && /password/.test(e.message),
    );
  });
});

describe('secrecy', () => {
  it('no NIK, email, passphrase, TOTP or application password in any log line or error', () => {
    assert.ok(logs.length > 10 && errors.length > 15);
    const secrets = [APP_PASSWORD, ...USERS.flatMap((u) => [u.nik, u.email, u.passphrase, u.totp]), 'salah-sekali', 'keliru'];
    const written = JSON.stringify({
      logs,
      errors: errors.map((e) => ({ message: e.message, user: e.userMessage, details: e.details, stack: e.stack })),
    });
    for (const s of secrets) assert.ok(!written.includes(s), `a secret leaked: ${s.slice(0, 3)}…`);
    // The NIK the fake echoed in its 2031 message was redacted, not dropped silently.
    assert.match(written, /Passphrase anda salah \(NIK \[disembunyikan\]\)/);
  });
});
