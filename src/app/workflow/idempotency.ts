// Idempotency keys: a retried request with the same key gets the first answer instead of a
// second transition. The key is stored in the same transaction as the action's effects, so a
// crash before commit leaves neither.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from '../../domain/definition/load.ts';
import { AppError } from '../../domain/errors.ts';
import type { Tx } from '../transaction.ts';
import type { ActorRef } from './actor.ts';

export async function withIdempotency<T>(tx: Tx, actor: ActorRef, action: string, key: string | undefined, request: unknown, run: () => Promise<T>): Promise<T> {
  if (key === undefined) return run();
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw new AppError('invalid_idempotency_key', 400, { id: 'Kunci idempotensi harus 8–128 huruf, angka, atau _.:-', en: 'The idempotency key must be 8–128 letters, digits or _.:-' });
  }
  const scope = `${'userId' in actor ? actor.userId : 'system'}:${action}`;
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  // Serialise requests carrying the same key: the second waits for the first to commit, then
  // finds its answer.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${scope}|${key}`}, 0))`.execute(tx);
  const previous = await tx.selectFrom('idempotency_keys').select(['request_hash', 'response']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  if (previous) {
    if (previous.request_hash !== requestHash) {
      throw new AppError('idempotency_key_reused', 422, { id: 'Kunci idempotensi ini sudah dipakai untuk permintaan lain.', en: 'This idempotency key was used for a different request.' });
    }
    return previous.response as T;
  }
  const result = await run();
  const inserted = await tx.insertInto('idempotency_keys').values({ scope, key, request_hash: requestHash, response: JSON.stringify(result) })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing()).returning('key').executeTakeFirst();
  if (!inserted) {
    // Another transaction took the key first; this one must not commit its effects.
    throw new AppError('already_handled', 409, { id: 'Permintaan ini sudah diproses.', en: 'This request was already handled.' });
  }
  return result;
}
