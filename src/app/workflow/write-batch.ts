// The writes that end a transition (close the task, append the audit events, open the next task,
// move the case, queue the outbox) depend on nothing read after them, so they go to the server
// as one statement, a chain of data-modifying CTEs: each statement costs a round trip and a
// wake-up of the server's process, and a transition is mostly these writes.
//
// One write may be a guard: the case's update, made only if the case's version is still the one
// the action read. The statement then ends by asserting that the guard hit its row; if it did
// not, the server undoes the whole statement and the action learns the case changed (ADR 9).
// A statement is atomic on its own, so a batch needs no transaction around it.
//
// A batch belongs to one unit of work: a transaction, or the connection an action reserved.
// Writes made while none is open run at once.
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { preparedOnPostgres } from '../../infra/db/database.ts';
import type { DB } from '../../infra/db/types.ts';

// A transaction, or a connection reserved for one action (`db.connection()`): either way an
// object of its own, which keys what the action has read and what it is about to write.
export type Unit = Kysely<DB>;

// The case was changed by someone else between the action's read and its write. Nothing of the
// write landed; the action may be tried again from a fresh read.
export class CaseChangedError extends Error {
  constructor() {
    super('the case changed since it was read');
    this.name = 'CaseChangedError';
  }
}

// What the server answers when a concurrent writer got there first: the guard's own error, or
// the constraints that only a second transition from the same state can break (the next audit
// sequence number, a second open task for one step), or a deadlock between two such writers.
const CONFLICT_CODES = new Set(['SP409', '40P01', '40001']);
const CONFLICT_CONSTRAINTS = new Set(['audit_events_case_id_seq_key', 'tasks_one_open_per_step']);

export function asCaseChanged(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string };
  if (CONFLICT_CODES.has(e.code ?? '') || (e.code === '23505' && CONFLICT_CONSTRAINTS.has(e.constraint ?? ''))) return new CaseChangedError();
  return err;
}

interface Batch {
  queries: CompiledQuery[];
  guard: number | null;
}

const batches = new WeakMap<Unit, Batch>();

export function openBatch(unit: Unit): void {
  batches.set(unit, { queries: [], guard: null });
}

// Runs the write now, or with the others when the unit has a batch open. A guard must return
// its row (`returning`) and hit exactly one.
export async function write(unit: Unit, query: Compilable | CompiledQuery, options: { guard?: boolean } = {}): Promise<void> {
  const batch = batches.get(unit);
  if (batch) {
    if (options.guard) batch.guard = batch.queries.length;
    batch.queries.push('compile' in query ? query.compile() : query);
    return;
  }
  try {
    const result = await unit.executeQuery(query);
    if (options.guard && result.rows.length !== 1) throw new CaseChangedError();
  } catch (err) {
    throw asCaseChanged(err);
  }
}

// Kysely writes values as $n parameters and never inlines them, so renumbering the placeholders
// is all it takes to chain the statements. A transition's parts come in a few shapes at a few
// offsets, so the renumbered texts are kept.
const renumberedTexts = new Map<string, string>();

function renumbered(sql: string, offset: number): string {
  if (offset === 0) return sql;
  const key = `${offset}|${sql}`;
  let text = renumberedTexts.get(key);
  if (text === undefined) {
    text = sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    if (renumberedTexts.size >= 2000) renumberedTexts.clear();
    renumberedTexts.set(key, text);
  }
  return text;
}

// Sends what the batch holds, in one statement; the batch stays open for what follows.
export async function flushBatch(unit: Unit): Promise<void> {
  const batch = batches.get(unit);
  if (!batch || batch.queries.length === 0) return;
  const queries = batch.queries.splice(0);
  const guard = batch.guard;
  batch.guard = null;
  if (queries.length === 1 && guard === null) {
    await unit.executeQuery(queries[0]!).catch((err: unknown) => {
      throw asCaseChanged(err);
    });
    return;
  }
  const parameters: unknown[] = [];
  const parts = queries.map((q, i) => {
    const offset = parameters.length;
    parameters.push(...q.parameters);
    return `w${i} as (${renumbered(q.sql, offset)})`;
  });
  // Reading the guard's row makes it run before the main query can finish; the assertion
  // raises when it hit none, and the raise undoes every part of the statement. (The guard hits
  // one row at most, by its key; `coalesce` rather than `count(*)` spares an aggregate, whose
  // set-up is a good part of a statement this short.)
  const tail = guard === null ? 'select 1' : `select assert_case_unchanged(coalesce((select 1 from w${guard}), 0))`;
  const text = `with ${parts.join(', ')} ${tail}`;
  // A transition's write comes in a few shapes, run over and over.
  preparedOnPostgres(text);
  try {
    await unit.executeQuery(CompiledQuery.raw(text, parameters));
  } catch (err) {
    throw asCaseChanged(err);
  }
}

export async function closeBatch(unit: Unit): Promise<void> {
  await flushBatch(unit);
  batches.delete(unit);
}
