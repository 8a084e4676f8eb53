// The audit trail is hash-chained per case: each event's hash covers its content and the
// previous event's hash, so rewriting or removing any event breaks every later link.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../definition/load.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  caseId: string;
  seq: number;
  at: string; // ISO instant with milliseconds
  action: string;
  stepFrom: number | null;
  stepTo: number | null;
  actorUserId: string | null;
  actorKind: 'staff' | 'applicant' | 'system';
  actorPosition: string | null;
  actingFor: string | null;
  note: string | null;
  data: unknown;
}

export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: 'hash_mismatch' | 'prev_mismatch' | 'seq_gap';
}

export function verifyChain(events: (AuditContent & { prevHash: string; hash: string })[]): ChainBreak | null {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.seq !== i + 1) return { seq: e.seq, reason: 'seq_gap' };
    if (e.prevHash !== prev) return { seq: e.seq, reason: 'prev_mismatch' };
    const { prevHash: _p, hash, ...content } = e;
    if (auditHash(prev, content) !== hash) return { seq: e.seq, reason: 'hash_mismatch' };
    prev = hash;
  }
  return null;
}
