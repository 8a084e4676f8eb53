// Who is calling: a bearer token (scripts, integrations) or a browser session.
import type { FastifyRequest } from 'fastify';
import { userForToken } from '../app/auth/create-api-token.ts';
import type { Db } from '../app/transaction.ts';
import { loadActor, unauthenticated, type Actor } from '../app/workflow/actor.ts';
import { assertCsrf, currentSession } from './session.ts';


// The signed-in user's id, from a bearer token or a browser session (whose writes must carry
// its CSRF token). Enough for a use case that reads the actor itself (acting on a step,
// resubmitting).
export async function userOf(db: Db, req: FastifyRequest, now: Date): Promise<string> {
  const header = req.headers.authorization;
  if (!header) {
    const session = await currentSession(db, req, now);
    if (!session) throw unauthenticated();
    if (req.method !== 'GET' && req.method !== 'HEAD') assertCsrf(req, session);
    return session.userId;
  }
  const m = /^Bearer (\S{1,200})$/.exec(header);
  const userId = m ? await userForToken(db, m[1]!) : null;
  if (!userId) throw unauthenticated();
  return userId;
}

export async function actorOf(db: Db, req: FastifyRequest, now: Date): Promise<Actor> {
  return loadActor(db, await userOf(db, req, now), now);
}
