// The HTTP server: public catalogue pages, the JSON API and its OpenAPI document, health.
// Routes translate requests into use cases and results into pages or JSON; nothing else.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.ts';
import type { Database } from '../infra/db/database.ts';
import { registerApiRoutes } from './api/routes.ts';
import { registerWorkflowRoutes } from './api/workflow-routes.ts';
import { buildOpenApi } from './api/openapi.ts';
import { languageOf, translator } from './i18n.ts';
import { render } from './layout.ts';
import { messagePage } from './public/catalogue-pages.ts';
import { registerCatalogueRoutes } from './public/routes.ts';
import { registerVerificationRoutes } from './public/verification-routes.ts';
import { registerLoginRoutes } from './login-routes.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logMailer, type Mailer } from '../infra/mail/mailer.ts';
import { localStorage, type Storage } from '../infra/storage/storage.ts';
import type { WebDeps } from './deps.ts';
import { registerDeskRoutes } from './desk/routes.ts';
import { registerPortalRoutes } from './portal/routes.ts';

export interface ServerOptions {
  database: Database;
  publicUrl: string;
  logLevel?: string;
  // The clock of the service; tests pass a fixed one.
  now?: () => Date;
  storage?: Storage;
  mailer?: Mailer;
  maxFileBytes?: number;
  maxApplicationBytes?: number;
}

const isApi = (url: string) => url.startsWith('/api/');

export async function buildServer({ database, publicUrl, logLevel = 'info', now = () => new Date(), storage, mailer, maxFileBytes = 5 * 1024 * 1024, maxApplicationBytes = 50 * 1024 * 1024 }: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: logLevel,
      // Requests are logged by route and status only: query strings may carry personal data.
      serializers: {
        req: (req) => ({ method: req.method, url: req.url.split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    bodyLimit: 1024 * 1024,
    // Long parameters reach the routes, which answer them as unknown ids in the person's language.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 16384 },
  });

  const cookiePolicy = { secure: publicUrl.startsWith('https://') };
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    return payload;
  });

  app.setNotFoundHandler(async (req, reply) => sendError(req, reply, new AppError('not_found', 404, { id: 'Halaman atau data tidak ditemukan.', en: 'Page or resource not found.' })));
  app.setErrorHandler(async (err, req, reply) => {
    if (err instanceof AppError) return sendError(req, reply, err);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return sendError(req, reply, new AppError('bad_request', status, { id: 'Permintaan tidak valid.', en: 'Invalid request.' }));
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, new AppError('internal_error', 500, { id: 'Terjadi kesalahan pada sistem. Silakan coba lagi.', en: 'A system error occurred. Please try again.' }));
  });

  app.get('/healthz', async (_req, reply) => {
    const up = await database.ping();
    return reply.code(up ? 200 : 503).send({ status: up ? 'ok' : 'database_unreachable', database: database.kind });
  });

  const openapi = buildOpenApi(publicUrl);
  app.get('/openapi.json', async () => openapi);

  registerCatalogueRoutes(app, database.db, now);
  registerApiRoutes(app, database.db);
  registerWorkflowRoutes(app, database.db, now);
  await registerVerificationRoutes(app, database.db, now);
  await registerLoginRoutes(app, database.db, cookiePolicy, now);
  const deps: WebDeps = {
    db: database.db, now, publicUrl, cookiePolicy, maxFileBytes, maxApplicationBytes,
    storage: storage ?? localStorage(mkdtempSync(join(tmpdir(), 'satupintu-files-'))),
    mailer: mailer ?? logMailer((line) => app.log.info(line)),
  };
  await registerPortalRoutes(app, deps);
  await registerDeskRoutes(app, deps);

  return app;
}

// One place where an error becomes what the person sees: JSON on the API, a page elsewhere.
export async function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError): Promise<FastifyReply> {
  const lang = languageOf(req);
  if (isApi(req.url)) {
    const details = Array.isArray(err.details) ? { details: err.details } : {};
    return reply.code(err.status).type('application/json').send({ error: { code: err.code, message: err.userMessage[lang], messages: err.userMessage, ...details } });
  }
  const t = translator(lang);
  const title = err.status === 404 ? t('notFoundTitle') : t('errorTitle');
  const text = err.status === 404 ? t('notFoundBody') : err.userMessage[lang];
  return reply.code(err.status).type('text/html; charset=utf-8').send(await render(messagePage(lang, title, text, req.url)));
}
