// How an act on an existing case runs (ADR 9): it reads the case with the person acting, checks,
// and writes its transition in one statement guarded by the case's version, with no transaction
// around. If the case changed between read and write, nothing was written and the act starts
// again from a fresh read, where it usually finds the case moved on and says so.
//
// An act that carries an idempotency key, or writes alongside (what belongs to the same act,
// such as the scans a correction brings), runs in a transaction under the case's row lock
// instead, so the key or those writes commit with it or not at all.
import { AppError } from '../../domain/errors.ts';
import type { Db, Tx } from '../transaction.ts';
import { actorFrom, SYSTEM, unauthenticated, type Actor, type ActorRef } from './actor.ts';
import { lockCase, readCase, type CaseRead, type ReadAs } from './case-state.ts';
import { withIdempotency } from './idempotency.ts';
import { CaseChangedError, type Unit } from './write-batch.ts';

export const alreadyHandled = () => new AppError('already_handled', 409, {
  id: 'Permohonan ini sudah diproses atau sudah berpindah langkah. Muat ulang halaman untuk melihat keadaannya sekarang.',
  en: 'This application was already handled or has moved to another step. Reload to see where it is now.',
});

export interface CaseActOptions<T> {
  // Names the act for its idempotency key (with the case), and the request the key stands for.
  action: string;
  request: unknown;
  idempotencyKey?: string | undefined;
  alongside?: ((tx: Tx, result: T) => Promise<void>) | undefined;
}

const MAX_ATTEMPTS = 4;

// `act` gets the unit to write through (a transaction, or the connection reserved for the act),
// the case as read and the actor as read with it. It may open a transaction of its own on the
// connection (`unit.isTransaction` tells) when it needs the case's lock after all.
export async function actOnCase<T>(
  db: Db, who: ActorRef, caseId: string, at: Date, options: CaseActOptions<T>,
  act: (unit: Unit, read: CaseRead, actor: Actor) => Promise<T>,
): Promise<T> {
  const as: ReadAs | undefined = 'userId' in who ? { userId: who.userId, at } : undefined;
  const { idempotencyKey, alongside } = options;
  if (idempotencyKey !== undefined || alongside) {
    try {
      return await db.transaction().execute((tx) =>
        withIdempotency(tx, who, `case:${caseId}:${options.action}`, idempotencyKey, options.request, async () => {
          const locked = await lockCase(tx, caseId, as);
          const result = await act(tx, locked, actorRead(locked, as));
          if (alongside) await alongside(tx, result);
          return result;
        }),
      );
    } catch (err) {
      // Under the lock only a deadlock with another writer can get here; the person looks again.
      if (err instanceof CaseChangedError) throw alreadyHandled();
      throw err;
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.connection().execute(async (conn) => {
        const read = await readCase(conn, caseId, as);
        return act(conn, read, actorRead(read, as));
      });
    } catch (err) {
      if (!(err instanceof CaseChangedError)) throw err;
      // Someone else keeps changing the case: the person should look at it again.
      if (attempt === MAX_ATTEMPTS) throw alreadyHandled();
    }
  }
}

// The actor as read with the case; a user who no longer exists is signed out.
function actorRead(read: CaseRead, as: ReadAs | undefined): Actor {
  if (!as) return SYSTEM;
  const actor = actorFrom(read.actor, as.at);
  if (!actor) throw unauthenticated();
  return actor;
}
