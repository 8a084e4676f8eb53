// Writing history: every action appends one audit event, chained to the case's previous one,
// and messages others must hear about go to the outbox in the same atomic write.
import { auditHash, GENESIS_HASH, type AuditContent } from '../../domain/workflow/audit-chain.ts';
import { compiledOnce } from '../../infra/db/compiled-once.ts';
import type { Actor } from './actor.ts';
import { write, type Unit } from './write-batch.ts';

export interface AuditInput {
  action: string;
  stepFrom: number | null;
  stepTo: number | null;
  actor: Actor;
  actorPosition?: string | null;
  actingFor?: string | null;
  note?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

// The head of each case's chain as this unit of work knows it (read with the case, then
// advanced by each append), so an append needs no read of its own. Keyed by the unit:
// it ends with it.
const heads = new WeakMap<Unit, Map<string, AuditHead | null>>();

export function rememberAuditHead(unit: Unit, caseId: string, head: AuditHead | null): void {
  let known = heads.get(unit);
  if (!known) heads.set(unit, (known = new Map()));
  known.set(caseId, head);
}

// The caller holds the case row lock, has just created the case, or writes with the case's
// version guard (which undoes the append if the chain moved on meanwhile).
export async function appendAudit(unit: Unit, caseId: string, at: Date, input: AuditInput): Promise<void> {
  const known = heads.get(unit);
  const last = known?.has(caseId)
    ? known.get(caseId)
    : await unit.selectFrom('audit_events').select(['seq', 'hash']).where('case_id', '=', caseId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const content: AuditContent = {
    caseId,
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    action: input.action,
    stepFrom: input.stepFrom,
    stepTo: input.stepTo,
    actorUserId: input.actor.kind === 'system' ? null : input.actor.userId,
    actorKind: input.actor.kind,
    actorPosition: input.actorPosition ?? null,
    actingFor: input.actingFor ?? null,
    note: input.note ?? null,
    data: input.data ?? {},
  };
  const prev = last?.hash ?? GENESIS_HASH;
  const hash = auditHash(prev, content);
  await write(unit, insertAuditEvent(unit, caseId, content.seq, at, content.action, content.stepFrom, content.stepTo, content.actorUserId,
    content.actorKind, content.actorPosition, content.actingFor, content.note, JSON.stringify(content.data), prev, hash));
  rememberAuditHead(unit, caseId, { seq: content.seq, hash });
}

const insertAuditEvent = compiledOnce((db, case_id: string, seq: number, at: Date, action: string, step_from: number | null, step_to: number | null,
  actor_user_id: string | null, actor_kind: Actor['kind'], actor_position: string | null, acting_for: string | null, note: string | null,
  data: string, prev_hash: string, hash: string) =>
  db.insertInto('audit_events').values({ case_id, seq, at, action, step_from, step_to, actor_user_id, actor_kind, actor_position, acting_for, note, data, prev_hash, hash }));

export const OUTBOX_TOPICS = ['submitted', 'returned', 'technical_recommendation_requested', 'signed', 'ready_for_pickup', 'overdue', 'completed', 'rejected', 'withdrawn', 'resubmitted'] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

export async function enqueue(unit: Unit, caseId: string, topic: OutboxTopic, at: Date, payload: Record<string, unknown>): Promise<void> {
  await write(unit, insertOutbox(unit, caseId, topic, JSON.stringify(payload), at));
}

const insertOutbox = compiledOnce((db, case_id: string, topic: OutboxTopic, payload: string, created_at: Date) =>
  db.insertInto('outbox').values({ case_id, topic, payload, created_at }));
