// Submitting an application: the case is created pinned to the service's current definition
// version, at its first tracked step, in one transaction with its first audit event.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { applicationTypeSchema } from '../../domain/definition/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { firstTrackedStep } from '../../domain/workflow/interpreter.ts';
import { trackingCode } from '../../domain/workflow/tracking-code.ts';
import type { Db, Tx } from '../transaction.ts';
import type { Actor } from './actor.ts';
import { moveTo, pinnedDefinition, type CaseRow } from './case-state.ts';
import { compiledOnce } from '../../infra/db/compiled-once.ts';
import { withIdempotency } from './idempotency.ts';
import { appendAudit, enqueue, rememberAuditHead } from './record.ts';
import { closeBatch, openBatch } from './write-batch.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const applicantInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    name: text(200),
    nik: z.string().regex(/^\d{16}$/, 'NIK harus 16 angka / NIK must be 16 digits'),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/, 'nomor telepon tidak valid / invalid phone number').optional(),
    email: z.string().trim().email().max(200).optional(),
    address: text(500).optional(),
  }),
  z.object({
    kind: z.literal('company'),
    name: text(200).describe('The person acting for the company'),
    companyName: text(200),
    nib: z.string().regex(/^\d{13}$/, 'NIB harus 13 angka / NIB must be 13 digits'),
    npwp: z.string().trim().regex(/^[0-9.-]{15,20}$/, 'NPWP tidak valid / invalid NPWP').optional(),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).optional(),
    email: z.string().trim().email().max(200).optional(),
    address: text(500).optional(),
  }),
]);

export const submitApplicationSchema = z.object({
  office: z.string().min(1).max(100),
  service: z.string().min(1).max(100),
  applicationType: applicationTypeSchema,
  answers: z.record(z.string().max(100), z.boolean()).default({}),
  applicant: applicantInputSchema.optional(),
  applicantId: z.string().regex(/^\d{1,18}$/).optional(),
  channel: z.enum(['online', 'counter', 'api']).default('api'),
});
export type SubmitApplicationInput = z.infer<typeof submitApplicationSchema>;

export interface SubmittedApplication {
  caseId: string;
  trackingCode: string;
  status: string;
  currentStep: number | null;
}

export async function submitApplication(db: Db, actor: Actor, input: SubmitApplicationInput, at: Date, idempotencyKey?: string): Promise<SubmittedApplication> {
  return db.transaction().execute((tx) =>
    withIdempotency(tx, actor, 'submit', idempotencyKey, input, () => submitIn(tx, actor, input, at)),
  );
}

async function submitIn(tx: Tx, actor: Actor, input: SubmitApplicationInput, at: Date): Promise<SubmittedApplication> {
  const service = (await tx.executeQuery(currentVersion(tx, input.office, input.service))).rows[0];
  if (!service) throw new AppError('service_not_found', 404, { id: 'Layanan tidak ditemukan.', en: 'Service not found.' });
  if (actor.kind === 'staff' && actor.officeId !== input.office) {
    throw new AppError('forbidden', 403, { id: 'Anda hanya dapat mendaftarkan permohonan di kantor Anda.', en: 'You can only register applications at your own office.' });
  }
  if (actor.kind === 'system') throw new AppError('forbidden', 403, { id: 'Tidak diizinkan.', en: 'Not allowed.' });
  const def = await pinnedDefinition(tx, input.office, input.service, service.current_version);

  if (!def.applicationTypes.includes(input.applicationType)) {
    throw new AppError('invalid_application_type', 422, { id: `Jenis permohonan "${input.applicationType}" tidak tersedia untuk layanan ini.`, en: `Application type "${input.applicationType}" is not offered for this service.` });
  }
  const attributes = new Set(def.attributes.map((a) => a.id));
  const unknown = Object.keys(input.answers).filter((k) => !attributes.has(k));
  if (unknown.length > 0) {
    throw new AppError('invalid_answers', 422, { id: `Pertanyaan tidak dikenal: ${unknown.join(', ')}.`, en: `Unknown questions: ${unknown.join(', ')}.` });
  }

  const applicantId = await resolveApplicant(tx, actor, input);
  const first = firstTrackedStep(def);
  // A tracking code already taken (about one in 10^10 per case) writes nothing: draw another.
  let code = '';
  let created: CaseRow | undefined;
  for (let attempt = 0; !created; attempt++) {
    if (attempt === 5) throw new Error('no free tracking code after 5 draws');
    code = trackingCode((n) => randomBytes(n));
    created = (await tx.executeQuery(insertCase(tx, code, input.office, input.service, service.current_version, applicantId, input.applicationType,
      JSON.stringify(input.answers), input.channel, first.no, at))).rows[0];
  }
  // A new case: its chain starts here and it has no pauses yet.
  rememberAuditHead(tx, created.id, null);
  openBatch(tx);

  await appendAudit(tx, created.id, at, {
    action: 'submitted',
    stepFrom: null,
    stepTo: first.no,
    actor,
    data: { trackingCode: code, version: service.current_version, applicationType: input.applicationType, channel: input.channel },
  });
  await enqueue(tx, created.id, 'submitted', at, { trackingCode: code });
  const landing = await moveTo({ unit: tx, row: created, def, at, actor, fromStep: null, pauses: [] }, { kind: 'step', step: first.no }, null);
  await closeBatch(tx);
  return {
    caseId: created.id,
    trackingCode: code,
    status: landing.kind === 'step' ? 'active' : landing.kind === 'applicant' ? 'waiting_applicant' : landing.end,
    currentStep: landing.kind === 'step' ? landing.step : null,
  };
}

const currentVersion = compiledOnce((db, officeId: string, slug: string) =>
  db.selectFrom('services').select(['current_version']).where('office_id', '=', officeId).where('slug', '=', slug));

const insertCase = compiledOnce((db, tracking_code: string, office_id: string, service_slug: string, definition_version: number, applicant_id: string,
  application_type: string, answers: string, channel: SubmitApplicationInput['channel'], current_step: number, at: Date) =>
  db.insertInto('cases').values({
    tracking_code, office_id, service_slug, definition_version, applicant_id, application_type, answers, channel,
    status: sql.lit('active' as const), current_step, submitted_at: at, updated_at: at,
  }).onConflict((oc) => oc.column('tracking_code').doNothing()).returningAll());

async function resolveApplicant(tx: Tx, actor: Actor, input: SubmitApplicationInput): Promise<string> {
  if (input.applicantId) {
    const row = await tx.selectFrom('applicants').select(['id', 'user_id']).where('id', '=', input.applicantId).executeTakeFirst();
    // An applicant may only apply as themselves; the counter may pick any existing applicant.
    if (!row || (actor.kind === 'applicant' && row.user_id !== actor.userId)) {
      throw new AppError('applicant_not_found', 404, { id: 'Data pemohon tidak ditemukan.', en: 'Applicant not found.' });
    }
    return row.id;
  }
  if (actor.kind === 'applicant' && !input.applicant) {
    const own = await tx.selectFrom('applicants').select('id').where('user_id', '=', actor.userId).orderBy('id').limit(1).executeTakeFirst();
    if (own) return own.id;
  }
  const a = input.applicant;
  if (!a) throw new AppError('applicant_required', 422, { id: 'Data pemohon wajib diisi.', en: 'Applicant details are required.' });
  const row = await tx.insertInto('applicants').values({
    kind: a.kind,
    name: a.name,
    nik: a.kind === 'person' ? a.nik : null,
    nib: a.kind === 'company' ? a.nib : null,
    npwp: a.kind === 'company' ? (a.npwp ?? null) : null,
    company_name: a.kind === 'company' ? a.companyName : null,
    phone: a.phone ?? null,
    email: a.email ?? null,
    address: a.address ?? null,
    user_id: actor.kind === 'applicant' ? actor.userId : null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
