// /openapi.json, built from the zod schemas the API itself uses.
import { z } from 'zod';
import { errorBodySchema, officeListSchema, serviceDetailSchema, serviceListSchema } from './schemas.ts';

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', reused: 'inline' }) } });
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
      '/healthz': {
        get: { operationId: 'health', summary: 'Liveness with database check', responses: { '200': { description: 'Up, database reachable' }, '503': { description: 'Database unreachable' } } },
      },
    },
  };
}
