// Driving the officials' desk over HTTP as a browser would: sign in at /masuk with the
// pre-session CSRF token, keep the session cookie, post forms (url-encoded or multipart with
// files) carrying the session's CSRF token, follow the redirects the desk answers with.
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, seedDemo } from '../../src/app/seed-demo.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { localStorage } from '../../src/infra/storage/storage.ts';
import { buildServer } from '../../src/web/server.ts';
import { freshDatabase } from './db.ts';
import { definitionsDir } from './fixtures.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DeskWorld {
  database: Database;
  app: FastifyInstance;
  clock: { now: Date; tick(minutes?: number): Date; set(iso: string): Date };
  close(): Promise<void>;
}

// A seeded database and a server whose clock the test moves (sessions last 12 hours, so a test
// keeps its moves within a working day or signs in again).
export async function deskWorld(start = '2026-03-09T00:30:00Z', options: { maxFileBytes?: number } = {}): Promise<DeskWorld> {
  const database = await freshDatabase();
  await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
  const files = mkdtempSync(join(tmpdir(), 'satupintu-desk-files-'));
  const clock = {
    now: new Date(start),
    tick(minutes = 1) {
      clock.now = new Date(clock.now.getTime() + minutes * 60_000);
      return clock.now;
    },
    set(iso: string) {
      clock.now = new Date(iso);
      return clock.now;
    },
  };
  const app = await buildServer({ database, publicUrl: 'https://satupintu.example', logLevel: 'silent', now: () => clock.now, storage: localStorage(files), ...options });
  return {
    database, app, clock,
    async close() {
      await app.close();
      await database.close();
      rmSync(files, { recursive: true, force: true });
    },
  };
}

const cookieOf = (res: LightMyRequestResponse, name: string) => {
  const all = ([] as string[]).concat((res.headers['set-cookie'] as string | string[] | undefined) ?? []);
  const c = all.find((x) => x.startsWith(`${name}=`));
  return c ? c.split(';')[0]!.slice(name.length + 1) : null;
};

export const csrfIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];

export interface FilePart {
  field: string;
  name: string;
  type: string;
  bytes: Uint8Array;
}

export type FormValues = Record<string, string | string[] | number | undefined>;

export interface DeskClient {
  username: string;
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, form?: FormValues): Promise<LightMyRequestResponse>;
  postMultipart(url: string, form: FormValues, files?: FilePart[]): Promise<LightMyRequestResponse>;
}

let address = 1;

export async function signIn(app: FastifyInstance, username: string): Promise<DeskClient> {
  // Each sign-in from its own address, so the per-address limit on /masuk does not trip.
  const remoteAddress = `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address++ & 255}`;
  const form = await app.inject({ url: '/masuk', remoteAddress });
  const pre = csrfIn(form.body)!;
  const preCookie = cookieOf(form, 'sp_csrf')!;
  const res = await app.inject({
    method: 'POST', url: '/masuk', remoteAddress,
    payload: new URLSearchParams({ _csrf: pre, username, password: DEMO_PASSWORD }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sp_csrf=${preCookie}` },
  });
  assert.equal(res.statusCode, 303, `${username} should sign in: ${res.statusCode}`);
  const session = cookieOf(res, 'sp_sesi')!;
  const home = await app.inject({ url: '/', headers: { cookie: `sp_sesi=${session}` } });
  const csrf = csrfIn(home.body);
  assert.ok(csrf, `a CSRF token for ${username}`);
  const cookie = `sp_sesi=${session}`;
  const encode = (form: FormValues) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) {
      if (v === undefined) continue;
      for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
    }
    return p;
  };
  return {
    username, cookie, csrf,
    get: (url) => app.inject({ url, headers: { cookie } }),
    post: (url, form = {}) => app.inject({ method: 'POST', url, payload: encode({ _csrf: csrf, ...form }).toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } }),
    postMultipart: (url, form, files = []) => {
      const { body, contentType } = multipartBody({ _csrf: csrf, ...form }, files);
      return app.inject({ method: 'POST', url, payload: body, headers: { cookie, 'content-type': contentType } });
    },
  };
}

export function multipartBody(form: FormValues, files: FilePart[]): { body: Buffer; contentType: string } {
  const boundary = `----satupintu${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(form)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${String(x)}\r\n`));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${f.field}"; filename="${f.name}"\r\ncontent-type: ${f.type}\r\n\r\n`));
    chunks.push(Buffer.from(f.bytes));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// Small real files of each accepted kind (their first bytes are what the desk checks).
export const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'));
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde]);
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
export const pdfNamed = (field: string, name = `${field}.pdf`, content = `${field}`): FilePart => ({
  field, name, type: 'application/pdf',
  bytes: new Uint8Array(Buffer.concat([Buffer.from(PDF), Buffer.from(`% ${content}\n`)])),
});

// The case id a desk redirect points to.
export function caseIdFrom(res: LightMyRequestResponse): string {
  const m = /^\/meja\/permohonan\/(\d+)/.exec(String(res.headers.location ?? ''));
  assert.ok(m, `expected a redirect to a case, got ${res.statusCode} ${res.headers.location ?? ''}\n${res.body.slice(0, 2000)}`);
  return m[1]!;
}

export function expectRedirect(res: LightMyRequestResponse, what: string): string {
  assert.equal(res.statusCode, 303, `${what}: expected a redirect, got ${res.statusCode}\n${pageText(res.body).slice(0, 1500)}`);
  return String(res.headers.location);
}

// The text of a PDF the desk served, as pdftotext reads it (poppler-utils, which CI installs),
// with every run of whitespace as one space.
export function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'satupintu-desk-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, bytes);
    const r = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `pdftotext: ${r.error?.message ?? r.stderr}`);
    return r.stdout.replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The visible text of a page, for messages in assertions.
export const pageText = (body: string) => body.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

// ---- driving a case through the desk pages ---------------------------------------------------

export interface Desk {
  world: DeskWorld;
  as(username: string): Promise<DeskClient>;
}

export function deskOf(world: DeskWorld): Desk {
  const clients = new Map<string, DeskClient>();
  return {
    world,
    async as(username) {
      let c = clients.get(username);
      if (!c) {
        c = await signIn(world.app, username);
        clients.set(username, c);
      }
      return c;
    },
  };
}

export interface PageForm {
  action: string;
  fields: Record<string, string[]>;
  html: string;
}

// The forms of a page with their hidden and preset values (enough to find what a page offers).
export function formsOf(body: string): PageForm[] {
  const out: PageForm[] = [];
  for (const m of body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const action = /action="([^"]*)"/.exec(m[1]!)?.[1] ?? '';
    const fields: Record<string, string[]> = {};
    for (const i of m[2]!.matchAll(/<input\b([^>]*)>/g)) {
      const name = /name="([^"]*)"/.exec(i[1]!)?.[1];
      const value = /value="([^"]*)"/.exec(i[1]!)?.[1] ?? '';
      if (name) (fields[name] ??= []).push(value);
    }
    out.push({ action, fields, html: m[0] });
  }
  return out;
}

export async function caseRow(world: DeskWorld, caseId: string) {
  return world.database.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
}

export type Where = number | 'applicant' | 'completed' | 'rejected';

export async function where(world: DeskWorld, caseId: string): Promise<Where> {
  const c = await caseRow(world, caseId);
  return c.status === 'active' ? c.current_step! : c.status === 'waiting_applicant' ? 'applicant' : (c.status as 'completed' | 'rejected');
}

// Opens the case page as `who`, finds the form the page offers for the action (and outcome),
// posts it with the step number the page carries, and checks where the case went.
export async function act(desk: Desk, username: string, caseId: string, action: string, opts: { outcome?: string; reason?: string; secondFactor?: string; expect: Where }): Promise<void> {
  const who = await desk.as(username);
  desk.world.clock.tick(5);
  const page = await who.get(`/meja/permohonan/${caseId}`);
  assert.equal(page.statusCode, 200, `${username} opens case ${caseId}: ${pageText(page.body).slice(0, 500)}`);
  const form = formsOf(page.body).find((f) => f.action.endsWith('/tindakan') && f.fields.action?.[0] === action && (opts.outcome === undefined || f.fields.outcome?.[0] === opts.outcome));
  assert.ok(form, `${username} should be offered ${action}${opts.outcome ? ` (${opts.outcome})` : ''} on case ${caseId} at ${await where(desk.world, caseId)}; offered: ${JSON.stringify(formsOf(page.body).filter((f) => f.action.endsWith('/tindakan')).map((f) => [f.fields.action?.[0], f.fields.outcome?.[0]]))}`);
  const res = await who.post(`/meja/permohonan/${caseId}/tindakan`, {
    step: form.fields.step![0], action, outcome: opts.outcome, reason: opts.reason, secondFactor: opts.secondFactor,
  });
  expectRedirect(res, `${username} ${action}`);
  assert.equal(await where(desk.world, caseId), opts.expect, `${username} ${action}${opts.outcome ? `(${opts.outcome})` : ''} should lead to ${opts.expect}`);
}

// The walk-in registration at the counter, through its three pages; every applicable
// requirement is scanned (a small PDF each) unless listed in `seen`.
export async function walkIn(desk: Desk, username: string, o: {
  service: string; type?: string; identifier: string; answers?: string[]; queueNumber?: string;
  applicant: Record<string, string>; seen?: string[]; skip?: string[]; files?: FilePart[];
}): Promise<{ caseId: string; requirements: string[] }> {
  const who = await desk.as(username);
  desk.world.clock.tick(5);
  const answersPage = await who.get(`/meja/loket?layanan=${o.service}&jenis=${o.type ?? 'baru'}`);
  assert.equal(answersPage.statusCode, 200, pageText(answersPage.body).slice(0, 500));
  const details = await who.postMultipart('/meja/loket', { langkah: 'pemohon', service: o.service, applicationType: o.type ?? 'baru', identifier: o.identifier, answer: o.answers ?? [], queueNumber: o.queueNumber });
  assert.equal(details.statusCode, 200, pageText(details.body).slice(0, 800));
  const form = formsOf(details.body).find((f) => f.fields.langkah?.[0] === 'kirim')!;
  const requirements = [...details.body.matchAll(/name="file-([a-z0-9-]+)"/g)].map((m) => m[1]!);
  const seen = new Set(o.seen ?? []);
  const skip = new Set(o.skip ?? []);
  const files = o.files ?? requirements.filter((r) => !seen.has(r) && !skip.has(r)).map((r) => pdfNamed(`file-${r}`, `${r}.pdf`));
  const res = await who.postMultipart('/meja/loket', {
    langkah: 'kirim', service: o.service, applicationType: o.type ?? 'baru', identifier: o.identifier, answer: o.answers ?? [], queueNumber: o.queueNumber,
    idempotencyKey: form.fields.idempotencyKey![0], seen: [...seen],
    // The applicant the page offers first (an existing one found by the identifier) unless told.
    applicantId: form.fields.applicantId?.[0], ...o.applicant,
  }, files);
  return { caseId: caseIdFrom(res), requirements };
}
