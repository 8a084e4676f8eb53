// The applicant portal ("Permohonan"): accounts (/daftar, /lupa-sandi, /akun), applying one
// question per page (/ajukan/{office}/{service}, drafts under /permohonan/draf), following and
// correcting cases, receipts, permits, the IKM survey and complaints (/permohonan), and the
// public tracking page (/lacak). Registered by the server with the shared web dependencies.
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.ts';
import { registerAccountRoutes } from './account-routes.ts';
import { registerApplyRoutes } from './apply-routes.ts';
import { registerCaseRoutes } from './case-routes.ts';
import { CSS_PATH, portalCss } from './components.ts';
import { rateLimited } from './limits.ts';

// The outbox channel that mails applicants (returned, ready for pickup, completed, rejected),
// for the dispatcher: dispatchOutbox(db, [portalMailChannel({ db, mailer, publicUrl })], now).
export { portalMailChannel } from '../../app/portal/mail-channel.ts';

export async function registerPortalRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  await app.register(async (scope) => {
    // Limits are set per route (see limits.ts); the rest of the portal is not limited here.
    await scope.register(rateLimit, { global: false, errorResponseBuilder: () => rateLimited() });
    await scope.register(multipart, { limits: { fileSize: deps.maxFileBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25 } });

    scope.get(CSS_PATH, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(portalCss));

    registerAccountRoutes(scope, deps);
    registerApplyRoutes(scope, deps);
    registerCaseRoutes(scope, deps);
  });
}
