// /openapi.json, built from the zod schemas the API itself uses.
import { z } from 'zod';
import { stepActionSchema } from '../../app/workflow/act-on-step.ts';
import { submitApplicationSchema } from '../../app/workflow/submit-application.ts';
import { STEP_ACTIONS } from '../../domain/workflow/interpreter.ts';
import { errorBodySchema, officeListSchema, serviceDetailSchema, serviceListSchema } from './schemas.ts';
import { OTHER_ACTIONS } from './workflow-routes.ts';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) } });
const body = (schema: z.ZodType) => ({ required: true, content: json(schema, 'input') });
const authErrors = {
  '400': { description: 'Invalid input (every problem with its path)', content: json(errorBodySchema) },
  '401': { description: 'Not signed in', content: json(errorBodySchema) },
  '403': { description: 'Not allowed for this position', content: json(errorBodySchema) },
  '404': { description: 'Not found (also for another office\'s or applicant\'s case)', content: json(errorBodySchema) },
  '409': { description: 'Already handled: the case moved on', content: json(errorBodySchema) },
  '422': { description: 'Not valid at this step', content: json(errorBodySchema) },
};
const idempotency = { name: 'Idempotency-Key', in: 'header', required: false, description: 'Repeat a request safely: the same key returns the first answer', schema: { type: 'string', minLength: 8, maxLength: 128 } };
const errors = { '404': { description: 'Not found', content: json(errorBodySchema) } };
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });

export function buildOpenApi(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'satupintu API',
      version: '1',
      description: 'Public catalogue of permit services of one-stop permit offices (DPMPTSP). Messages are in Indonesian unless ?lang=en.',
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `satupintu token create --user USERNAME`' } } },
    paths: {
      '/api/v1/offices': {
        get: { operationId: 'listOffices', summary: 'Offices and their services', responses: { '200': { description: 'OK', content: json(officeListSchema) } } },
      },
      '/api/v1/offices/{office}/services': {
        get: {
          operationId: 'listServices', summary: 'Services of one office',
          parameters: [pathParam('office', 'Office id, e.g. kaltim')],
          responses: { '200': { description: 'OK', content: json(serviceListSchema) }, ...errors },
        },
      },
      '/api/v1/offices/{office}/services/{service}': {
        get: {
          operationId: 'getService', summary: 'The current definition of one service',
          parameters: [pathParam('office', 'Office id'), pathParam('service', 'Service slug')],
          responses: { '200': { description: 'OK', content: json(serviceDetailSchema) }, ...errors },
        },
      },
      '/api/v1/applications': {
        post: {
          operationId: 'submitApplication', summary: 'Submit an application (creates a case pinned to the current definition version)',
          security: [{ bearer: [] }], parameters: [idempotency], requestBody: body(submitApplicationSchema),
          responses: { '201': { description: 'Created: case id, tracking code, status, current step' }, ...authErrors },
        },
      },
      '/api/v1/applications/{id}': {
        get: {
          operationId: 'getApplication', summary: 'State, current step, due instants and history (kartu kendali)',
          security: [{ bearer: [] }], parameters: [pathParam('id', 'Case id')],
          responses: { '200': { description: 'OK' }, ...authErrors },
        },
      },
      '/api/v1/applications/{id}/actions/{action}': {
        post: {
          operationId: 'actOnApplication', summary: 'Act on the case',
          description: `Step actions (${STEP_ACTIONS.join(', ')}) take the step body below; ${OTHER_ACTIONS.join(', ')} take {step} / {step, assignee} / {note} / {reason}.`,
          security: [{ bearer: [] }], parameters: [pathParam('id', 'Case id'), { name: 'action', in: 'path', required: true, schema: { type: 'string', enum: [...STEP_ACTIONS, ...OTHER_ACTIONS] } }, idempotency],
          requestBody: body(stepActionSchema),
          responses: { '200': { description: 'The case after the action' }, ...authErrors },
        },
      },
      '/api/v1/tasks': {
        get: {
          operationId: 'listTasks', summary: 'Open tasks at the caller\'s roles, soonest due first (keyset pages)',
          security: [{ bearer: [] }],
          parameters: [
            { name: 'role', in: 'query', schema: { type: 'string' } },
            { name: 'after', in: 'query', schema: { type: 'string' }, description: 'The `next` cursor of the previous page' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
          ],
          responses: { '200': { description: 'OK' }, ...authErrors },
        },
      },
      '/healthz': {
        get: { operationId: 'health', summary: 'Liveness with database check', responses: { '200': { description: 'Up, database reachable' }, '503': { description: 'Database unreachable' } } },
      },
    },
  };
}
