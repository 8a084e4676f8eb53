// The JSON API's shapes. The same zod schemas check what the API sends and generate
// /openapi.json, so the document cannot drift from the answers.
import { z } from 'zod';
import { serviceDefinitionSchema } from '../../domain/definition/schema.ts';
import { officeSchema } from '../../domain/office/schema.ts';

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('Stable machine-readable code'),
    message: z.string().describe('Message in the requested language'),
    messages: z.object({ id: z.string(), en: z.string() }),
  }),
}).meta({ id: 'Error' });

export const serviceSummarySchema = z.object({
  slug: z.string(),
  name: z.string(),
  version: z.number().int(),
  href: z.string(),
}).meta({ id: 'ServiceSummary' });

export const officeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  level: officeSchema.shape.level,
  region: z.string(),
  timeZone: officeSchema.shape.timeZone,
  address: z.string(),
  serviceHours: officeSchema.shape.serviceHours,
  services: z.array(serviceSummarySchema),
}).meta({ id: 'OfficeSummary' });

export const officeListSchema = z.object({ offices: z.array(officeSummarySchema) }).meta({ id: 'OfficeList' });
export const serviceListSchema = z.object({ office: z.string(), services: z.array(serviceSummarySchema) }).meta({ id: 'ServiceList' });

export const serviceDetailSchema = z.object({
  office: z.string(),
  slug: z.string(),
  version: z.number().int(),
  contentHash: z.string(),
  definition: serviceDefinitionSchema,
}).meta({ id: 'ServiceDetail' });
