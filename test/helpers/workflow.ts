// Driving cases through the engine as the people in the SOP would.
import assert from 'node:assert/strict';
import type { Db } from '../../src/app/transaction.ts';
import { actOnStep } from '../../src/app/workflow/act-on-step.ts';
import { loadActor, type Actor } from '../../src/app/workflow/actor.ts';
import { resubmitApplication } from '../../src/app/workflow/resubmit-application.ts';
import { submitApplication } from '../../src/app/workflow/submit-application.ts';
import type { StepAction } from '../../src/domain/workflow/interpreter.ts';

export async function actorNamed(db: Db, username: string, at = new Date('2026-03-10T00:00:00Z')): Promise<Actor> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  assert.ok(user, `no user ${username}`);
  return loadActor(db, user.id, at);
}

export async function submitAs(db: Db, username: string, office: string, service: string, at: Date, extra: Partial<Parameters<typeof submitApplication>[2]> = {}) {
  const actor = await actorNamed(db, username, at);
  return submitApplication(db, actor, {
    office, service, applicationType: 'baru', answers: {}, channel: 'online',
    applicant: { kind: 'person', name: 'Siti Rahmawati', nik: '6472015708900003', phone: '081234567890', email: 'siti@example.test' },
    ...extra,
  }, at);
}

export type Move =
  | { who: string; action: StepAction; at: string; outcome?: string; reason?: string; expect: number | 'applicant' | 'completed' | 'rejected'; recommendation?: boolean }
  | { who: string; action: 'resubmit'; at: string; expect: number };

// Runs the moves in order, checking after each where the case stands.
export async function drive(db: Db, caseId: string, moves: Move[]): Promise<void> {
  for (const m of moves) {
    const at = new Date(m.at);
    const actor = await actorNamed(db, m.who, at);
    if (m.action === 'resubmit') {
      const r = await resubmitApplication(db, actor, caseId, 'Berkas sudah diperbaiki', at);
      assert.equal(r.currentStep, m.expect, `resubmit should resume at ${m.expect}`);
      continue;
    }
    const state = await db.selectFrom('cases').select(['current_step']).where('id', '=', caseId).executeTakeFirstOrThrow();
    const r = await actOnStep(db, actor, caseId, m.action, {
      step: state.current_step!,
      outcome: m.outcome,
      reason: m.reason,
      ...(m.recommendation ? { recommendation: { result: m.outcome === 'tidak-direkomendasikan' ? 'not_recommended' : 'recommended' } } : {}),
    }, at);
    const where = r.status === 'active' ? r.currentStep : r.status === 'waiting_applicant' ? 'applicant' : r.status;
    assert.equal(where, m.expect, `${m.who} ${m.action}${m.outcome ? `(${m.outcome})` : ''} at step ${state.current_step} should lead to ${m.expect}, got ${where}`);
  }
}
