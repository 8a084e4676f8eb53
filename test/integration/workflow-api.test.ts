// The engine over HTTP: bearer tokens, every action, and bad requests answered clearly.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiToken } from '../../src/app/auth/create-api-token.ts';
import { seedDemo } from '../../src/app/seed-demo.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { readDefinitionsFolder } from '../../src/infra/definitions-folder.ts';
import { buildServer } from '../../src/web/server.ts';
import { freshDatabase } from '../helpers/db.ts';
import { definitionsDir } from '../helpers/fixtures.ts';

let database: Database;
let app: FastifyInstance;
const tokens: Record<string, string> = {};
const now = new Date('2026-03-09T02:00:00Z');

before(async () => {
  database = await freshDatabase();
  await seedDemo(database.db, readDefinitionsFolder(definitionsDir));
  app = await buildServer({ database, publicUrl: 'http://localhost:3000', logLevel: 'silent', now: () => now });
  for (const u of ['pemohon.demo', 'pekanbaru.front-office', 'pekanbaru.back-office', 'kaltim.petugas-cs']) tokens[u] = (await createApiToken(database.db, u, 'test')).token;
});
after(async () => {
  await app.close();
  await database.close();
});

type Res = Awaited<ReturnType<FastifyInstance['inject']>>;
const call = (method: 'GET' | 'POST', url: string, as?: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Res> =>
  app.inject({ method, url, payload: payload as string, headers: { ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}), ...headers } });
const errorCode = (r: Res) => (r.json() as { error: { code: string } }).error.code;

const application = {
  office: 'pekanbaru', service: 'sipatlm', applicationType: 'baru',
  applicant: { kind: 'person', name: 'Rina Marlina', nik: '1471025505920002', email: 'rina@example.test' },
};

describe('applications over the API', () => {
  it('submits, reads, acts through every kind of action, and tracks who may see it', async () => {
    const created = await call('POST', '/api/v1/applications', 'pemohon.demo', application);
    assert.equal(created.statusCode, 201, created.body);
    const { caseId, trackingCode, currentStep } = created.json() as { caseId: string; trackingCode: string; currentStep: number };
    assert.match(trackingCode, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    assert.equal(currentStep, 2);

    const tasks = await call('GET', '/api/v1/tasks?role=front-office', 'pekanbaru.front-office');
    assert.ok((tasks.json() as { items: { caseId: string }[] }).items.some((t) => t.caseId === caseId));

    const claim = await call('POST', `/api/v1/applications/${caseId}/actions/claim`, 'pekanbaru.front-office', { step: 2 });
    assert.equal(claim.statusCode, 200, claim.body);
    const decide = await call('POST', `/api/v1/applications/${caseId}/actions/return-to-applicant`, 'pekanbaru.front-office', {
      step: 2, outcome: 'tidak-lengkap', reason: 'Pas foto belum ada', corrections: [{ requirement: (await firstRequirement()), note: 'Lampirkan pas foto 3x4' }],
    });
    assert.equal(decide.statusCode, 200, decide.body);
    assert.equal((decide.json() as { status: string }).status, 'waiting_applicant');

    const resubmit = await call('POST', `/api/v1/applications/${caseId}/actions/resubmit`, 'pemohon.demo', { note: 'Pas foto sudah dilampirkan' });
    assert.equal(resubmit.statusCode, 200, resubmit.body);

    const view = await call('GET', `/api/v1/applications/${caseId}`, 'pemohon.demo');
    const body = view.json() as { status: string; currentStep: { no: number; roleName: string }; history: { action: string; actor: string | null }[] };
    assert.equal(body.status, 'active');
    assert.equal(body.currentStep.no, 2);
    assert.deepEqual(body.history.map((h) => h.action), ['submitted', 'applicant_step', 'claimed', 'return-to-applicant', 'resubmitted']);
    assert.ok(body.history.every((h) => h.actor === null), 'the applicant sees positions, not officials\' names');

    const staffView = await call('GET', `/api/v1/applications/${caseId}`, 'pekanbaru.front-office');
    const sv = staffView.json() as { sla: string | null; controlCard: { step: number; action: string | null }[] };
    assert.equal(sv.sla, null, 'no due instant before the file is complete');
    assert.deepEqual(sv.controlCard.map((r) => [r.step, r.action]), [[2, 'return-to-applicant'], [2, null]]);
    assert.ok((staffView.json() as { history: { actor: string | null }[] }).history.some((h) => h.actor === 'Demo Front Office' || h.actor?.startsWith('Demo')));

    for (const who of ['kaltim.petugas-cs']) {
      const foreign = await call('GET', `/api/v1/applications/${caseId}`, who);
      assert.equal(foreign.statusCode, 404);
      assert.equal(errorCode(foreign), 'case_not_found');
    }

    const withdraw = await call('POST', `/api/v1/applications/${caseId}/actions/withdraw`, 'pemohon.demo', { reason: 'Pindah tempat praktik' });
    assert.equal((withdraw.json() as { status: string }).status, 'withdrawn');
    const late = await call('POST', `/api/v1/applications/${caseId}/actions/decide`, 'pekanbaru.front-office', { step: 2, outcome: 'lengkap' });
    assert.equal(late.statusCode, 409);
    assert.equal(errorCode(late), 'already_handled');
  });

  it('a double submit with the same Idempotency-Key makes one case', async () => {
    const headers = { 'idempotency-key': 'kirim-ulang-12345' };
    const a = await call('POST', '/api/v1/applications', 'pemohon.demo', application, headers);
    const b = await call('POST', '/api/v1/applications', 'pemohon.demo', application, headers);
    assert.equal(a.statusCode, 201);
    assert.deepEqual(b.json(), a.json());
    const cases = await database.db.selectFrom('cases').select('id').where('tracking_code', '=', (a.json() as { trackingCode: string }).trackingCode).execute();
    assert.equal(cases.length, 1);
  });
});

describe('bad requests', () => {
  it('without a token, or with a wrong or revoked one: 401 in the person\'s language', async () => {
    const none = await call('POST', '/api/v1/applications', undefined, application);
    assert.equal(none.statusCode, 401);
    assert.equal((none.json() as { error: { message: string } }).error.message, 'Silakan masuk terlebih dahulu.');
    const wrong = await app.inject({ method: 'GET', url: '/api/v1/tasks?lang=en', headers: { authorization: `Bearer sp_${'A'.repeat(43)}` } });
    assert.equal(wrong.statusCode, 401);
    assert.equal((wrong.json() as { error: { message: string } }).error.message, 'Please sign in first.');
    const garbage = await app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    assert.equal(garbage.statusCode, 401);
  });

  it('malformed JSON, wrong types, too long, unknown fields: 400 naming every problem, nothing written', async () => {
    const before = await database.db.selectFrom('cases').select('id').execute();
    const malformed = await app.inject({ method: 'POST', url: '/api/v1/applications', payload: '{"office": "pekanbaru",', headers: { authorization: `Bearer ${tokens['pemohon.demo']}`, 'content-type': 'application/json' } });
    assert.equal(malformed.statusCode, 400);
    assert.equal(errorCode(malformed), 'bad_request');
    const wrongTypes = await call('POST', '/api/v1/applications', 'pemohon.demo', { ...application, applicationType: 42, answers: { pma: 'ya' }, applicant: { kind: 'person', name: 'x'.repeat(500), nik: '123456789012345' } });
    assert.equal(wrongTypes.statusCode, 400);
    const details = (wrongTypes.json() as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    for (const p of ['applicationType', 'answers.pma', 'applicant.name', 'applicant.nik']) assert.ok(details.includes(p), `${p} in ${details.join(',')}`);
    const huge = await call('POST', '/api/v1/applications', 'pemohon.demo', { ...application, note: 'x'.repeat(2 * 1024 * 1024) });
    assert.equal(huge.statusCode, 413);
    const unknownQuestion = await call('POST', '/api/v1/applications', 'pemohon.demo', { ...application, answers: { pma: true } });
    assert.equal(unknownQuestion.statusCode, 422);
    assert.equal(errorCode(unknownQuestion), 'invalid_answers');
    const wrongType = await call('POST', '/api/v1/applications', 'pemohon.demo', { ...application, applicationType: 'perubahan' });
    assert.equal(errorCode(wrongType), 'invalid_application_type');
    const after = await database.db.selectFrom('cases').select('id').execute();
    assert.equal(after.length, before.length);
  });

  it('an unknown action, a bad step body, or an outcome the decision does not have', async () => {
    const created = await call('POST', '/api/v1/applications', 'pemohon.demo', application);
    const { caseId } = created.json() as { caseId: string };
    const unknown = await call('POST', `/api/v1/applications/${caseId}/actions/hapus`, 'pekanbaru.front-office', { step: 2 });
    assert.equal(unknown.statusCode, 404);
    assert.equal(errorCode(unknown), 'unknown_action');
    const badStep = await call('POST', `/api/v1/applications/${caseId}/actions/decide`, 'pekanbaru.front-office', { step: 'dua', outcome: 'lengkap' });
    assert.equal(badStep.statusCode, 400);
    const badOutcome = await call('POST', `/api/v1/applications/${caseId}/actions/decide`, 'pekanbaru.front-office', { step: 2, outcome: 'mungkin' });
    assert.equal(badOutcome.statusCode, 422);
    assert.equal(errorCode(badOutcome), 'unknown_outcome');
    const notMine = await call('POST', `/api/v1/applications/${caseId}/actions/decide`, 'pekanbaru.back-office', { step: 2, outcome: 'lengkap' });
    assert.equal(notMine.statusCode, 403);
    assert.equal(errorCode(notMine), 'not_your_step');
    const badId = await call('GET', '/api/v1/applications/abc', 'pemohon.demo');
    assert.equal(badId.statusCode, 404);
    const badCursor = await call('GET', '/api/v1/tasks?limit=100000', 'pekanbaru.front-office');
    assert.equal(badCursor.statusCode, 400);
  });
});

async function firstRequirement(): Promise<string> {
  const v = await database.db.selectFrom('service_versions').select('definition').where('slug', '=', 'sipatlm').executeTakeFirstOrThrow();
  return (v.definition as { requirements: { id: string }[] }).requirements[2]!.id;
}
