// The applicant portal under test: a seeded database, a real local SMTP server that keeps what
// it receives, a server built with a nodemailer transport to it and a clock the test moves,
// and a small browser-like client (cookies, CSRF tokens, url-encoded and multipart forms).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { SMTPServer } from 'smtp-server';
import { seedDemo } from '../../src/app/seed-demo.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { smtpMailer, type Mailer } from '../../src/infra/mail/mailer.ts';
import { localStorage, type Storage } from '../../src/infra/storage/storage.ts';
import { buildServer } from '../../src/web/server.ts';
import { dispatchOutbox, type Channel } from '../../src/app/workflow/dispatch-outbox.ts';
import { freshDatabase } from './db.ts';
import { definitionsDir } from './fixtures.ts';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

// A real SMTP server on loopback, port chosen by the system.
export async function startSmtp(): Promise<{ url: string; inbox: ReceivedMail[]; close(): Promise<void> }> {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const parsed = parseMail(Buffer.concat(chunks).toString('utf8'));
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parsed });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, inbox, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Enough of RFC 5322/2045 for nodemailer's plain-text messages: headers, then a body that may be
// quoted-printable or base64; encoded-word subjects.
export function parseMail(raw: string): { subject: string; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const subject = header('Subject').replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' '))).replace(/\?=\s+=\?/g, '');
  const body = rest.join('\n\n');
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'quoted-printable' ? decodeQp(body) : encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { subject, text: text.replace(/\r\n/g, '\n') };
}

function decodeQp(s: string): string {
  const joined = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export async function waitForMail(inbox: ReceivedMail[], to: string, subject: RegExp, timeoutMs = 5000): Promise<ReceivedMail> {
  const started = Date.now();
  for (;;) {
    const m = inbox.find((x) => x.to.includes(to) && subject.test(x.subject));
    if (m) return m;
    if (Date.now() - started > timeoutMs) assert.fail(`no mail to ${to} matching ${subject}; inbox: ${inbox.map((x) => `${x.to.join(',')}: ${x.subject}`).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface PortalHarness {
  database: Database;
  app: FastifyInstance;
  inbox: ReceivedMail[];
  storage: Storage;
  clock: { now: Date };
  publicUrl: string;
  // The same kind of transport the server sends with, for the outbox's mail channel.
  mailer: Mailer;
  close(): Promise<void>;
}

export async function startPortal(options: { maxFileBytes?: number; maxApplicationBytes?: number; now?: Date } = {}): Promise<PortalHarness> {
  const database = await freshDatabase();
  await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
  const smtp = await startSmtp();
  const files = mkdtempSync(join(tmpdir(), 'satupintu-portal-files-'));
  const storage = localStorage(files);
  const clock = { now: options.now ?? new Date('2026-03-09T02:00:00Z') };
  const publicUrl = 'https://satupintu.example';
  const mailer = smtpMailer(smtp.url, 'satupintu <noreply@satupintu.example>');
  const app = await buildServer({
    database, publicUrl, logLevel: 'silent', now: () => clock.now, storage, mailer,
    maxFileBytes: options.maxFileBytes ?? 200 * 1024, maxApplicationBytes: options.maxApplicationBytes ?? 2 * 1024 * 1024,
  });
  return {
    database, app, inbox: smtp.inbox, storage, clock, publicUrl, mailer,
    async close() {
      await app.close();
      await smtp.close();
      await database.close();
      rmSync(files, { recursive: true, force: true });
    },
  };
}

export type Res = LightMyRequestResponse;

export interface FilePart {
  name: string;
  fileName: string;
  type: string;
  bytes: Uint8Array;
}

export function multipartBody(fields: Record<string, string>, file?: FilePart): { payload: Buffer; contentType: string } {
  const boundary = `----satupintu${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(Buffer.from(file.bytes));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const csrfOf = (body: string): string => {
  const m = /name="_csrf" value="([^"]+)"/.exec(body);
  assert.ok(m, 'the page has a form with a CSRF token');
  return m[1]!;
};

// A browser in miniature: keeps cookies, follows nothing by itself.
export class Client {
  readonly cookies = new Map<string, string>();
  private readonly app: FastifyInstance;
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  private remember(res: Res): Res {
    const all = ([] as string[]).concat((res.headers['set-cookie'] as string | string[] | undefined) ?? []);
    for (const c of all) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<Res> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader } }));
  }

  async post(url: string, form: Record<string, string>): Promise<Res> {
    return this.remember(await this.app.inject({
      method: 'POST', url, payload: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader },
    }));
  }

  async postMultipart(url: string, fields: Record<string, string>, file?: FilePart): Promise<Res> {
    const { payload, contentType } = multipartBody(fields, file);
    return this.remember(await this.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType, cookie: this.cookieHeader } }));
  }

  // Opens the page, then posts its form with its CSRF token and the given fields.
  async submit(pageUrl: string, action: string, form: Record<string, string>): Promise<Res> {
    const page = await this.get(pageUrl);
    assert.equal(page.statusCode, 200, `${pageUrl}: ${page.statusCode}`);
    return this.post(action, { _csrf: csrfOf(page.body), ...form });
  }

  async signIn(email: string, password: string): Promise<void> {
    const res = await this.submit('/masuk', '/masuk', { username: email, password });
    assert.equal(res.statusCode, 303, `sign in as ${email}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  }

  async csrf(url = '/permohonan'): Promise<string> {
    return csrfOf((await this.get(url)).body);
  }
}

export const location = (res: Res): string => {
  assert.ok(res.statusCode === 303 || res.statusCode === 302 || res.statusCode === 301, `expected a redirect, got ${res.statusCode}: ${res.body.slice(0, 400)}`);
  return String(res.headers.location);
};

export async function tinyPdf(text = 'dokumen'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 200]);
  page.drawText(text, { x: 20, y: 100, size: 12 });
  return doc.save();
}

// A 1×1 PNG.
export const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// The start of a Windows program.
export const fakeExe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

export const PERSON = {
  name: 'Rina Marlina', nik: '1471025505920002', phone: '0812 3456 7890', address: 'Jl. Sudirman No. 1, Pekanbaru',
};

// Registers a person through /daftar, opens the verification link from the mail and signs in.
export async function registerVerifiedApplicant(h: PortalHarness, email: string, password = 'kata-sandi-rahasia-1'): Promise<Client> {
  const c = new Client(h.app);
  const res = await c.submit('/daftar/perorangan', '/daftar/perorangan', { ...PERSON, email, password });
  assert.equal(location(res), '/daftar/periksa-email');
  const mail = await waitForMail(h.inbox, email, /Verifikasi/);
  const link = /https:\/\/satupintu\.example(\/daftar\/verifikasi\?token=[A-Za-z0-9_-]+)/.exec(mail.text);
  assert.ok(link, mail.text);
  assert.equal((await c.get(link[1]!)).statusCode, 200);
  await c.signIn(email, password);
  return c;
}

// Walks a new application from /ajukan/{office}/{service} to its check page the way a person
// would: the type, each question, the checklist, a PDF for every file asked. Returns the draft's
// address and the requirements a file was uploaded for.
export async function fillDraft(c: Client, office: string, service: string, o: { type?: string; answers?: Record<string, 'ya' | 'tidak'> } = {}): Promise<{ draft: string; uploaded: string[] }> {
  const start = await c.get(`/ajukan/${office}/${service}`);
  assert.equal(start.statusCode, 200);
  let at = location(await c.post(`/ajukan/${office}/${service}`, { _csrf: csrfOf(start.body) }));
  const draft = /^\/permohonan\/draf\/\d+/.exec(at)![0];
  const uploaded: string[] = [];
  for (let guard = 0; guard < 100; guard++) {
    if (at.endsWith('/periksa')) return { draft, uploaded };
    const page = await c.get(at);
    assert.equal(page.statusCode, 200, `${at}: ${page.statusCode}`);
    if (at.endsWith('/jenis')) {
      at = location(await c.post(at, { _csrf: csrfOf(page.body), jenis: o.type ?? 'baru' }));
    } else if (at.includes('/pertanyaan/')) {
      const id = at.split('/').pop()!;
      at = location(await c.post(at, { _csrf: csrfOf(page.body), jawaban: o.answers?.[id] ?? 'tidak' }));
    } else if (at.endsWith('/persyaratan')) {
      at = /<a class="button" href="([^"]+)">/.exec(page.body)![1]!;
    } else if (at.includes('/berkas/')) {
      const id = at.split('/').pop()!;
      const res = await c.postMultipart(at, { _csrf: csrfOf(page.body) }, { name: 'berkas', fileName: `${id}.pdf`, type: 'application/pdf', bytes: await tinyPdf(id) });
      uploaded.push(id);
      at = location(res);
    } else {
      assert.fail(`unexpected page ${at}`);
    }
  }
  assert.fail('the draft never reached its check page');
}

export async function submitDraftPage(c: Client, draft: string): Promise<Res> {
  const page = await c.get(`${draft}/periksa`);
  assert.equal(page.statusCode, 200);
  return c.post(`${draft}/kirim`, { _csrf: csrfOf(page.body), pernyataan: 'ya' });
}

// The page's own content, without the header (whose language link names the address).
export const mainOf = (body: string): string => body.slice(body.indexOf('<main'), body.indexOf('</main>'));

// Delivers the outbox through the given channel, with the product's dispatcher.
export async function dispatchMail(h: PortalHarness, channel: Channel): Promise<number> {
  return dispatchOutbox(h.database.db, [channel], h.clock.now);
}
