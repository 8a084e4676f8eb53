// Checks every case's audit chain and names the first broken link.
import { verifyChain, type ChainBreak } from '../../domain/workflow/audit-chain.ts';
import type { Db } from '../transaction.ts';

export interface AuditVerification {
  cases: number;
  events: number;
  firstBreak: (ChainBreak & { caseId: string; trackingCode: string }) | null;
}

export async function verifyAudit(db: Db): Promise<AuditVerification> {
  const cases = await db.selectFrom('cases').select(['id', 'tracking_code']).orderBy('id').execute();
  let events = 0;
  for (const c of cases) {
    const rows = await db.selectFrom('audit_events').selectAll().where('case_id', '=', c.id).orderBy('seq').execute();
    events += rows.length;
    const broken = verifyChain(rows.map((r) => ({
      caseId: r.case_id, seq: r.seq, at: r.at.toISOString(), action: r.action, stepFrom: r.step_from, stepTo: r.step_to,
      actorUserId: r.actor_user_id, actorKind: r.actor_kind, actorPosition: r.actor_position, actingFor: r.acting_for, note: r.note,
      data: r.data, prevHash: r.prev_hash, hash: r.hash,
    })));
    if (broken) return { cases: cases.length, events, firstBreak: { ...broken, caseId: c.id, trackingCode: c.tracking_code } };
  }
  return { cases: cases.length, events, firstBreak: null };
}
