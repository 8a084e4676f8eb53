// Delivers outbox messages to their channels. Each (message, channel) is delivered at most
// once: the delivery row is written in the same transaction that marks it, so a crash or a
// second dispatcher never sends twice.
import { sql } from 'kysely';
import type { Db } from '../transaction.ts';

export interface OutboxMessage {
  id: string;
  caseId: string | null;
  topic: string;
  payload: unknown;
}

// A channel that reads the database does so through the dispatcher's transaction: PGlite has a
// single connection, so a lookup on another one would wait on this transaction for ever.
export type Channel = { name: string; deliver(message: OutboxMessage, db: Db): Promise<Record<string, unknown>> };

export async function dispatchOutbox(db: Db, channels: Channel[], now: Date, batch = 100): Promise<number> {
  let delivered = 0;
  for (;;) {
    const n = await db.transaction().execute(async (tx) => {
      // SKIP LOCKED lets several dispatchers share the queue without waiting on each other.
      const rows = await tx.selectFrom('outbox').select(['id', 'case_id', 'topic', 'payload']).where('dispatched_at', 'is', null)
        .orderBy('id').limit(batch).forUpdate().modifyEnd(sql`skip locked`).execute();
      for (const r of rows) {
        for (const ch of channels) {
          const seen = await tx.selectFrom('deliveries').select('channel').where('outbox_id', '=', r.id).where('channel', '=', ch.name).executeTakeFirst();
          if (seen) continue;
          const detail = await ch.deliver({ id: r.id, caseId: r.case_id, topic: r.topic, payload: r.payload }, tx);
          await tx.insertInto('deliveries').values({ outbox_id: r.id, channel: ch.name, delivered_at: now, detail: JSON.stringify(detail) }).execute();
        }
        await tx.updateTable('outbox').set({ dispatched_at: now, attempts: sql`attempts + 1` }).where('id', '=', r.id).execute();
      }
      return rows.length;
    });
    delivered += n;
    if (n < batch) return delivered;
  }
}
