// The applicant portal (issue: applicant portal). Registered by the server; filled in here.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.ts';

export async function registerPortalRoutes(_app: FastifyInstance, _deps: WebDeps): Promise<void> {}
