// The service definition: one office's Standar Pelayanan and SOP for one service, as data.
// Every field here is read by the interpreter, the catalogue, the documents or the linter;
// nothing in the product mentions a particular service.
import { z } from 'zod';

const text = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'gunakan huruf kecil, angka dan tanda hubung (slug)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'tanggal harus berformat YYYY-MM-DD');

export const APPLICATION_TYPES = ['baru', 'perpanjangan', 'perubahan'] as const;
export const applicationTypeSchema = z.enum(APPLICATION_TYPES);
export type ApplicationType = z.infer<typeof applicationTypeSchema>;

const signatorySchema = z.object({
  name: text.optional(),
  position: text.optional(),
  date: isoDate.optional(),
});

export const documentControlSchema = z.object({
  code: text.optional(),
  revision: text.optional(),
  madeOn: isoDate.optional(),
  revisedOn: isoDate.optional(),
  effectiveOn: isoDate.optional(),
  madeBy: signatorySchema.optional(),
  checkedBy: signatorySchema.optional(),
  approvedBy: signatorySchema.optional(),
  distribution: z
    .array(z.object({ holder: text, status: text, copyNumber: z.string().optional() }))
    .default([]),
  revisions: z
    .array(z.object({ number: text, date: text, change: text, revisedBy: text.optional(), approvedBy: text.optional() }))
    .default([]),
  coordinationParaf: z.array(text).default([]),
});

export const complaintChannelSchema = z.object({
  kind: z.enum(['kotak_saran', 'surat', 'email', 'website', 'telepon', 'fax', 'sms', 'langsung', 'petugas', 'formulir', 'survei', 'lainnya']),
  label: text,
  value: text.optional(),
});

export const complaintsSchema = z.object({
  channels: z.array(complaintChannelSchema).min(1),
  responseDays: z.number().int().positive().optional(),
  categories: z.array(z.object({ id: slug, label: text, handling: text })).default([]),
  procedure: z.array(text).default([]),
});

const competenceGroupSchema = z.object({ group: text.optional(), items: z.array(text).min(1) });

// PermenPANRB 15/2014 components, plus the identity page of an SOP AP (PermenPANRB 35/2012).
export const standardSchema = z.object({
  legalBasis: z.array(text).min(1),
  fee: z.object({ amount: z.number().nonnegative(), text: text }),
  product: text,
  complaints: complaintsSchema,
  facilities: z.array(text).default([]),
  staffCompetence: z.array(competenceGroupSchema).default([]),
  internalControl: z.array(text).default([]),
  staffCount: z
    .object({
      items: z.array(z.object({ label: text, count: z.number().int().positive().optional(), roles: z.array(slug).default([]) })).min(1),
      note: text.optional(),
    })
    .optional(),
  serviceGuarantee: z.array(text).default([]),
  securityGuarantee: z.array(text).default([]),
  performanceEvaluation: z.array(text).default([]),
  purpose: z.array(text).default([]),
  scope: text.optional(),
  definitions: z.array(z.object({ term: text, meaning: text })).default([]),
  performanceIndicators: z.array(text).default([]),
  relatedSops: z.array(z.object({ title: text, code: text.optional() })).default([]),
  equipment: z.array(text).default([]),
  warnings: z.array(text).default([]),
  records: z.array(text).default([]),
  staffQualifications: z.array(text).default([]),
});

export const attributeSchema = z.object({
  id: slug,
  question: text,
  help: text.optional(),
});

export const REQUIREMENT_KINDS = ['upload', 'form_field', 'materai_statement', 'counter'] as const;

export const requirementSchema = z.object({
  id: slug,
  text: text,
  kind: z.enum(REQUIREMENT_KINDS).default('upload'),
  // Application types this requirement applies to; absent means every type of the service.
  types: z.array(applicationTypeSchema).min(1).optional(),
  // Applicant attributes (yes/no answers) that must all be true for the requirement to apply.
  when: z.array(slug).default([]),
  optional: z.boolean().default(false),
  note: text.optional(),
});

export const ROLE_KINDS = ['applicant', 'staff', 'external'] as const;

export const roleSchema = z.object({
  id: slug,
  name: text,
  kind: z.enum(ROLE_KINDS).default('staff'),
  // Positions (jabatan) of the office that hold this role; empty only for the applicant.
  positions: z.array(slug).default([]),
});

export const DURATION_UNITS = ['minutes', 'hours', 'working_hours', 'working_days', 'calendar_days'] as const;
export const durationUnitSchema = z.enum(DURATION_UNITS);

export const effortSchema = z
  .object({ min: z.number().positive(), max: z.number().positive().optional(), unit: durationUnitSchema })
  .refine((e) => e.max === undefined || e.max >= e.min, { message: 'max harus ≥ min', path: ['max'] });

// A place a transition can lead: a step number, back to the applicant for correction
// (the clock pauses, and resubmission resumes at a step), or an end of the case.
export const targetSchema = z.union([
  z.number().int().positive(),
  z.object({ step: z.number().int().positive() }).strict(),
  z.object({ applicant: z.object({ resumeAt: z.number().int().positive() }).strict() }).strict(),
  z.object({ end: z.enum(['completed', 'rejected']) }).strict(),
]);
export type TargetInput = z.infer<typeof targetSchema>;

export const outcomeSchema = z.object({
  id: slug,
  label: text,
  to: targetSchema,
  // A reason must be given when taking this outcome (returns and rejections).
  requiresReason: z.boolean().optional(),
});

export const STEP_KINDS = ['task', 'decision', 'paraf', 'sign', 'number', 'handover', 'external', 'notify', 'applicant'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const stepSchema = z.object({
  no: z.number().int().positive(),
  actor: slug,
  kind: z.enum(STEP_KINDS),
  title: text,
  activity: text,
  quality: z
    .object({
      completeness: z.array(text).default([]),
      time: text.optional(),
      output: z.array(text).default([]),
    })
    .default({ completeness: [], output: [] }),
  // Working-day offset from day H (the day the service clock starts), as the SOP's "H+4".
  due: z.string().regex(/^H(\+\d+)?$/, 'tulis tenggat sebagai H atau H+N').optional(),
  effort: effortSchema.optional(),
  note: text.optional(),
  // Requirements this step examines (for the checklist shown to its actor); "all" for a full check.
  checks: z.union([z.literal('all'), z.array(slug)]).optional(),
  // The next place when the step has a single way forward; defaults to the following step.
  next: targetSchema.optional(),
  outcomes: z.array(outcomeSchema).optional(),
  // Steps done outside the system (asking for information at the desk) are shown, not tracked.
  tracked: z.boolean().default(true),
  // What a sign step signs: the permit (the default), or a letter such as the cover letter to
  // the technical agency. The permit is numbered and issued when it is signed.
  signs: z.enum(['permit', 'letter']).optional(),
});

export const CLOCK_STARTS = ['submission', 'complete_file', 'technical_recommendation'] as const;

export const serviceTimeSchema = z.object({
  length: z.number().positive(),
  unit: z.enum(['working_days', 'working_hours', 'calendar_days']),
  clockStart: z.enum(CLOCK_STARTS),
  // The step whose start starts the clock (the receipt of a complete file, or of the pertek).
  clockStartStep: z.number().int().positive(),
  pauseWhileWithApplicant: z.boolean().default(true),
  text: text,
});

export const validitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('years'), years: z.number().int().positive(), text: text.optional() }),
  z.object({ kind: z.literal('while_operating'), text: text.optional() }),
  z.object({ kind: z.literal('none'), text: text.optional() }),
]);

export const permitSchema = z.object({
  template: slug,
  title: text,
  numbering: z.object({ series: slug, pattern: text }),
  validity: validitySchema,
  copies: z.array(z.enum(['pemohon', 'arsip', 'verifikasi'])).default(['pemohon', 'arsip']),
  renewable: z.boolean().default(false),
});

export const serviceDefinitionSchema = z.object({
  schemaVersion: z.literal(1),
  office: slug,
  slug: slug,
  name: text,
  summary: text.optional(),
  sourceDocument: text.optional(),
  documentControl: documentControlSchema.default({ distribution: [], revisions: [], coordinationParaf: [] }),
  standard: standardSchema,
  applicationTypes: z.array(applicationTypeSchema).min(1),
  attributes: z.array(attributeSchema).default([]),
  requirements: z.array(requirementSchema).min(1),
  roles: z.array(roleSchema).min(1),
  steps: z.array(stepSchema).min(1),
  serviceTime: serviceTimeSchema,
  permit: permitSchema,
});

export type ServiceDefinition = z.infer<typeof serviceDefinitionSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Requirement = z.infer<typeof requirementSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
