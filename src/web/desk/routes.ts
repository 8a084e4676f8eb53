// The officials' desk (issue: official desk). Registered by the server; filled in here.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.ts';

export async function registerDeskRoutes(_app: FastifyInstance, _deps: WebDeps): Promise<void> {}
