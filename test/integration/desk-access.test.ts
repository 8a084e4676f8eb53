// The desk's authorization matrix: every route registered under /meja (read from the server
// itself) × every position of every seed office × a case of their own office and one of
// another office. Only the combinations this file allows succeed; every other answers 403 or
// 404 and writes nothing. A route added without a rule in DESK_RULES cannot be registered, and
// one added with a rule but without an expectation here fails this test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { actOnStep } from '../../src/app/workflow/act-on-step.ts';
import { DESK_RULES } from '../../src/web/desk/access.ts';
import { actorNamed } from '../helpers/workflow.ts';
import { deskOf, deskWorld, walkIn, where, type Desk, type DeskClient, type DeskWorld, type FormValues } from '../helpers/desk.ts';

// The positions of the seed offices (definitions/*/office.yaml), by what they may reach.
const STAFF: Record<string, string[]> = {
  kaltim: ['petugas-informasi', 'petugas-cs', 'petugas-loket-pendaftaran', 'verifikator', 'petugas-penghubung', 'petugas-administrasi', 'tim-teknis-dinkes', 'kasi-layanan', 'kabid-layanan', 'kepala-dinas', 'petugas-tata-usaha', 'petugas-loket-pengambilan', 'admin-kantor'],
  pekanbaru: ['front-office', 'back-office', 'analis-kebijakan-ahli-muda', 'analis-kebijakan-ahli-madya', 'sekretaris', 'kepala-dinas', 'pengelola-pengaduan', 'admin-kantor'],
  bombana: ['front-office', 'back-office', 'kepala-seksi', 'kabid-pelayanan', 'sekretaris-dinas', 'kepala-dinas', 'staf-sekretariat', 'tim-teknis-dinkes', 'admin-kantor'],
};
// Positions with no role in any service of their office.
const NO_ROLE = new Set(['kaltim.admin-kantor', 'pekanbaru.admin-kantor', 'pekanbaru.pengelola-pengaduan', 'bombana.admin-kantor']);
// Technical agencies: a case only once it reached their step; never the office's own documents.
const TECHNICAL = new Set(['kaltim.tim-teknis-dinkes', 'bombana.tim-teknis-dinkes']);
// Who receives files at the front (the landing step and the checking steps after it).
const INTAKE = new Set(['kaltim.petugas-cs', 'kaltim.petugas-loket-pendaftaran', 'kaltim.verifikator', 'pekanbaru.front-office', 'bombana.front-office', 'bombana.back-office']);
const SIGNERS = new Set(['kaltim.kepala-dinas', 'pekanbaru.kepala-dinas', 'bombana.kepala-dinas']);
const ADMINS = new Set(['kaltim.admin-kantor', 'pekanbaru.admin-kantor', 'bombana.admin-kantor']);

interface Target {
  name: string;
  office: string;
  caseId: string;
  documentId: string;
  sentToTechnicalTeam: boolean;
  actingId: string;
}

type Expect = (user: string, office: string, target: Target) => boolean;
const officeOf = (user: string) => user.split('.')[0]!;
const mayOpen: Expect = (u, _o, t) => officeOf(u) === t.office && !NO_ROLE.has(u) && (!TECHNICAL.has(u) || t.sentToTechnicalTeam);
const mayOpenAsOffice: Expect = (u, o, t) => mayOpen(u, o, t) && !TECHNICAL.has(u);

interface RouteCase {
  // Whether the route is about one case (:id), one file (:docId) or one assignment.
  scope: 'case' | 'document' | 'acting' | 'office';
  allowed: Expect;
  // What an allowed person posts: a form that passes authorization but changes nothing.
  form?: FormValues;
  multipart?: boolean;
}

const EXPECTATIONS: Record<string, RouteCase> = {
  'GET /meja': { scope: 'office', allowed: () => true },
  'GET /meja/permohonan/:id': { scope: 'case', allowed: mayOpen },
  'GET /meja/permohonan/:id/paraf': { scope: 'case', allowed: mayOpen },
  'GET /meja/permohonan/:id/draf.pdf': { scope: 'case', allowed: mayOpenAsOffice },
  'GET /meja/permohonan/:id/tanda-terima.pdf': { scope: 'case', allowed: mayOpenAsOffice },
  'GET /meja/permohonan/:id/arsip.pdf': { scope: 'case', allowed: mayOpenAsOffice },
  'GET /meja/permohonan/:id/survei': { scope: 'case', allowed: mayOpenAsOffice },
  // The target cases are not handed over yet: the allowed are told the survey is not open.
  'POST /meja/permohonan/:id/survei': { scope: 'case', allowed: mayOpenAsOffice, form: { unsur1: 4 } },
  // Every target case's service asks a technical agency except Pekanbaru's SIPATLM (404 there).
  'GET /meja/permohonan/:id/surat-pengantar.pdf': { scope: 'case', allowed: (u, o, t) => mayOpen(u, o, t) && t.office !== 'pekanbaru' },
  // Actions name a step the case is not at: the allowed are told it was already handled.
  'POST /meja/permohonan/:id/ambil': { scope: 'case', allowed: mayOpen, form: { step: 99 } },
  'POST /meja/permohonan/:id/tugaskan': { scope: 'case', allowed: mayOpen, form: { step: 99, assignee: 1 } },
  'POST /meja/permohonan/:id/verifikasi': { scope: 'case', allowed: mayOpen, form: { step: 99 } },
  'POST /meja/permohonan/:id/tindakan': { scope: 'case', allowed: mayOpen, form: { step: 99, action: 'complete' } },
  'POST /meja/permohonan/:id/rekomendasi': { scope: 'case', allowed: mayOpen, form: { step: 99, result: 'recommended' }, multipart: true },
  'POST /meja/permohonan/:id/penyerahan': { scope: 'case', allowed: mayOpen, form: { step: 99, mode: 'electronic', deliveredTo: 'x@example.test' } },
  // Not waiting on the applicant: the allowed are told so.
  'POST /meja/permohonan/:id/perbaikan': { scope: 'case', allowed: (u, o, t) => mayOpen(u, o, t) && INTAKE.has(u), form: {}, multipart: true },
  'GET /meja/berkas/:docId': { scope: 'document', allowed: mayOpen },
  'GET /meja/loket': { scope: 'office', allowed: (u) => INTAKE.has(u) },
  'POST /meja/loket': { scope: 'office', allowed: (u) => INTAKE.has(u), form: { langkah: 'pemohon' }, multipart: true },
  'GET /meja/tanda-tangan': { scope: 'office', allowed: (u) => SIGNERS.has(u) },
  'POST /meja/tanda-tangan': { scope: 'office', allowed: (u) => SIGNERS.has(u), form: {} },
  'GET /meja/register': { scope: 'office', allowed: (u) => !TECHNICAL.has(u) },
  'GET /meja/akun': { scope: 'office', allowed: () => true },
  'POST /meja/akun/dua-langkah': { scope: 'office', allowed: () => true, form: { secret: 'bukan-rahasia', code: '000000' } },
  'GET /meja/admin': { scope: 'office', allowed: (u) => ADMINS.has(u) },
  'POST /meja/admin/pengaturan': { scope: 'office', allowed: (u) => ADMINS.has(u), form: {} },
  'POST /meja/admin/pelaksana': { scope: 'office', allowed: (u) => ADMINS.has(u), form: { position: 'tidak-ada' } },
  // An assignment of the admin's own office is removed; another office's is not found.
  'POST /meja/admin/pelaksana/:assignmentId/hapus': { scope: 'acting', allowed: (u, _o, t) => ADMINS.has(u) && officeOf(u) === t.office, form: {} },
};

// The routes under /meja as the server registered them, from its route tree.
function deskRoutes(app: FastifyInstance): string[] {
  const out: string[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)(?:[├└]── )?(\S+) \(([A-Z, ]+)\)$/.exec(line.replace(/\s+$/, ''));
    if (!m) continue;
    const depth = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const path = (stack[stack.length - 1]?.path ?? '') + m[2]!;
    stack.push({ depth, path: path === '/' ? '/' : path });
    const full = path.startsWith('/') ? path : `/${path}`;
    if (full !== '/meja' && !full.startsWith('/meja/')) continue;
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD') out.push(`${method} ${full.replace(/^\/\//, '/')}`);
  }
  return out.sort();
}

let world: DeskWorld;
let desk: Desk;
const targets: Record<string, Target> = {};

async function engine(username: string, caseId: string, action: Parameters<typeof actOnStep>[3], outcome?: string) {
  const c = await world.database.db.selectFrom('cases').select('current_step').where('id', '=', caseId).executeTakeFirstOrThrow();
  await actOnStep(world.database.db, await actorNamed(world.database.db, username, world.clock.now), caseId, action, { step: c.current_step!, outcome }, world.clock.tick(1));
}

before(async () => {
  world = await deskWorld('2026-05-04T00:30:00Z');
  desk = deskOf(world);
  const db = world.database.db;
  const make = async (name: string, office: string, username: string, service: string, identifier: string, moves: [string, Parameters<typeof actOnStep>[3], string?][], sent: boolean) => {
    const { caseId } = await walkIn(desk, username, { service, identifier, applicant: { applicantId: 'baru', name: `Pemohon ${name}` } });
    for (const [who, action, outcome] of moves) await engine(who, caseId, action, outcome);
    const doc = await db.selectFrom('case_documents').select('id').where('case_id', '=', caseId).limit(1).executeTakeFirstOrThrow();
    const holder = await db.selectFrom('users').select('id').where('username', '=', `${office}.front-office`).executeTakeFirst()
      ?? await db.selectFrom('users').select('id').where('username', '=', `${office}.petugas-cs`).executeTakeFirstOrThrow();
    const acting = await db.insertInto('acting_assignments').values({ office_id: office, position_id: 'kepala-dinas', user_id: holder.id, kind: 'plh', from_day: '2026-06-01', to_day: '2026-06-05' }).returning('id').executeTakeFirstOrThrow();
    targets[name] = { name, office, caseId, documentId: doc.id, sentToTechnicalTeam: sent, actingId: acting.id };
  };
  const toVerification: [string, Parameters<typeof actOnStep>[3], string?][] = [['kaltim.petugas-cs', 'decide', 'lengkap'], ['kaltim.petugas-loket-pendaftaran', 'complete']];
  await make('kaltim-not-sent', 'kaltim', 'kaltim.petugas-cs', 'izin-laboratorium-klinik', '6472015708900011', toVerification, false);
  await make('kaltim-sent', 'kaltim', 'kaltim.petugas-cs', 'izin-laboratorium-klinik', '6472015708900012', [...toVerification, ['kaltim.verifikator', 'decide', 'lengkap'], ['kaltim.petugas-penghubung', 'complete']], true);
  await make('pekanbaru', 'pekanbaru', 'pekanbaru.front-office', 'sipatlm', '1471025505920011', [['pekanbaru.front-office', 'decide', 'lengkap']], false);
  await make('bombana-passed', 'bombana', 'bombana.front-office', 'izin-praktek-perekam-medis', '7406014409950011', [
    ['bombana.front-office', 'complete'], ['bombana.back-office', 'decide', 'lengkap'], ['bombana.back-office', 'complete'], ['bombana.back-office', 'complete'],
    ['bombana.kabid-pelayanan', 'paraf', 'paraf'], ['bombana.kepala-dinas', 'sign', 'tandatangani'], ['bombana.back-office', 'complete'], ['bombana.tim-teknis-dinkes', 'decide', 'direkomendasikan'],
  ], true);
  // The admin's removal of the acting assignments of one office is tried on this case's office.
  assert.equal(await where(world, targets['kaltim-not-sent']!.caseId), 7);
  assert.equal(await where(world, targets['bombana-passed']!.caseId), 10);
});
after(async () => world.close());

// Own office: every case of that office; other office: one case of another office.
function targetsFor(user: string): Target[] {
  const office = officeOf(user);
  const own = Object.values(targets).filter((t) => t.office === office);
  const other = { kaltim: 'pekanbaru', pekanbaru: 'bombana-passed', bombana: 'kaltim-sent' }[office as 'kaltim' | 'pekanbaru' | 'bombana'];
  return [...own, targets[other]!];
}

async function footprint() {
  const db = world.database.db;
  const n = async (t: 'audit_events' | 'tasks' | 'requirement_verdicts' | 'case_documents' | 'permits' | 'permit_handovers' | 'counter_intakes' | 'cases' | 'second_factor_uses') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    audit: await n('audit_events'), tasks: await n('tasks'), verdicts: await n('requirement_verdicts'), documents: await n('case_documents'), permits: await n('permits'),
    handovers: await n('permit_handovers'), intakes: await n('counter_intakes'), cases: await n('cases'), codes: await n('second_factor_uses'),
    claimed: (await db.selectFrom('tasks').select('id').where('assignee_user_id', 'is not', null).execute()).length,
  };
}

describe('the desk’s authorization matrix', () => {
  it('every route under /meja has a rule in DESK_RULES and an expectation here, and no rule is left over', () => {
    const routes = deskRoutes(world.app);
    assert.ok(routes.length >= 20, routes.join('\n'));
    assert.deepEqual(routes, Object.keys(DESK_RULES).sort(), 'registered routes and DESK_RULES agree');
    assert.deepEqual(routes, Object.keys(EXPECTATIONS).sort(), 'every route has its expectation in this test');
  });

  it('only the allowed combinations of route, position and office succeed; the others are 403/404 and write nothing', async () => {
    const users = Object.entries(STAFF).flatMap(([office, positions]) => positions.map((p) => `${office}.${p}`));
    const failures: string[] = [];
    let checked = 0;
    const before = await footprint();
    for (const user of users) {
      const client = await desk.as(user);
      for (const key of deskRoutes(world.app)) {
        const rc = EXPECTATIONS[key]!;
        const [method, pattern] = key.split(' ') as ['GET' | 'POST', string];
        const variants: (Target | null)[] = rc.scope === 'office' ? [null] : targetsFor(user);
        for (const target of variants) {
          const url = pattern.replace(':id', target?.caseId ?? '').replace(':docId', target?.documentId ?? '').replace(':assignmentId', target?.actingId ?? '');
          const allowed = rc.allowed(user, officeOf(user), target ?? targets[`${officeOf(user) === 'kaltim' ? 'kaltim-not-sent' : officeOf(user) === 'pekanbaru' ? 'pekanbaru' : 'bombana-passed'}`]!);
          const res = await send(client, method, url, rc);
          checked++;
          const ok = method === 'GET' ? res === 200 : [200, 303, 400, 409, 422].includes(res);
          const refused = res === 403 || res === 404;
          if (allowed ? !ok : !refused) failures.push(`${user} ${method} ${url} (${target?.name ?? 'office'}): ${res}, expected ${allowed ? 'allowed' : '403/404'}`);
        }
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${checked} combinations wrong`);
    const after = await footprint();
    // The only writes: each administrator removed their own office's acting assignment and
    // saved the (unchanged) office setting.
    assert.deepEqual(after, before);
    assert.equal((await world.database.db.selectFrom('acting_assignments').select('id').where('from_day', '=', '2026-06-01').execute()).length, 0);
  });

  it('applicants have no desk, and a visitor is sent to sign in', async () => {
    const applicant = await desk.as('pemohon.demo');
    for (const key of Object.keys(DESK_RULES)) {
      const [method, pattern] = key.split(' ') as ['GET' | 'POST', string];
      const t = targets.pekanbaru!;
      const url = pattern.replace(':id', t.caseId).replace(':docId', t.documentId).replace(':assignmentId', t.actingId);
      assert.equal(await send(applicant, method, url, EXPECTATIONS[key]!), 403, `${method} ${url} for an applicant`);
      const anonymous = await world.app.inject({ method, url, ...(method === 'POST' ? { payload: 'step=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) });
      if (method === 'GET') {
        assert.equal(anonymous.statusCode, 303, url);
        assert.match(String(anonymous.headers.location), /^\/masuk\?next=/);
      } else {
        assert.equal(anonymous.statusCode, 401, url);
      }
    }
  });
});

async function send(client: DeskClient, method: 'GET' | 'POST', url: string, rc: RouteCase): Promise<number> {
  if (method === 'GET') return (await client.get(url)).statusCode;
  return (rc.multipart ? await client.postMultipart(url, rc.form ?? {}) : await client.post(url, rc.form ?? {})).statusCode;
}
