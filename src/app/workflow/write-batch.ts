// The writes that end a transition (close the task, append the audit events, open the next task,
// move the case, queue the outbox) depend on nothing read after them, so they go to the server
// as one statement, a chain of data-modifying CTEs: each statement costs a round trip and a
// wake-up of the server's process, and a transition is mostly these writes.
//
// A batch belongs to one transaction. Writes made while none is open run at once, as before.
import { CompiledQuery, type Compilable } from 'kysely';
import type { Tx } from '../transaction.ts';

const batches = new WeakMap<Tx, CompiledQuery[]>();

export function openBatch(tx: Tx): void {
  batches.set(tx, []);
}

// Runs the write now, or with the others when the transaction has a batch open.
export async function write(tx: Tx, query: Compilable): Promise<void> {
  const batch = batches.get(tx);
  if (batch) batch.push(query.compile());
  else await tx.executeQuery(query);
}

// Sends what the batch holds, in one statement; the batch stays open for what follows.
export async function flushBatch(tx: Tx): Promise<void> {
  const batch = batches.get(tx);
  if (!batch || batch.length === 0) return;
  const queries = batch.splice(0);
  if (queries.length === 1) {
    await tx.executeQuery(queries[0]!);
    return;
  }
  const parameters: unknown[] = [];
  const parts = queries.map((q, i) => {
    const offset = parameters.length;
    parameters.push(...q.parameters);
    // Kysely writes values as $n parameters and never inlines them, so renumbering the
    // placeholders is all it takes to chain the statements.
    return `w${i} as (${q.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
  });
  await tx.executeQuery(CompiledQuery.raw(`with ${parts.join(', ')} select 1`, parameters));
}

export async function closeBatch(tx: Tx): Promise<void> {
  await flushBatch(tx);
  batches.delete(tx);
}
