// Who is calling: a bearer token (scripts, integrations) or a browser session.
import type { FastifyRequest } from 'fastify';
import { userForToken } from '../app/auth/create-api-token.ts';
import type { Db } from '../app/transaction.ts';
import { loadActor, type Actor } from '../app/workflow/actor.ts';
import { AppError } from '../domain/errors.ts';
import { assertCsrf, currentSession } from './session.ts';

export const unauthenticated = () => new AppError('unauthenticated', 401, { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' });

// A bearer token, or a browser session (whose writes must carry its CSRF token).
export async function actorOf(db: Db, req: FastifyRequest, now: Date): Promise<Actor> {
  const header = req.headers.authorization;
  if (!header) {
    const session = await currentSession(db, req, now);
    if (!session) throw unauthenticated();
    if (req.method !== 'GET' && req.method !== 'HEAD') assertCsrf(req, session);
    return loadActor(db, session.userId, now.toISOString().slice(0, 10));
  }
  const m = /^Bearer (\S{1,200})$/.exec(header);
  const userId = m ? await userForToken(db, m[1]!) : null;
  if (!userId) throw unauthenticated();
  return loadActor(db, userId, now.toISOString().slice(0, 10));
}
