// A walk-in application at the front counter: an existing applicant (found by NIK or NIB) or a
// new one, the service, type and answers, the originals the officer saw, the scans taken. The
// engine submits it (channel "counter"); the scans and what the counter saw are then recorded in
// one transaction with an entry in the case's history. The form carries an idempotency key, so
// a double click or a retry registers one application.
import { z } from 'zod';
import { applicableRequirements } from '../../domain/definition/checklist.ts';
import { applicationTypeSchema } from '../../domain/definition/schema.ts';
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../transaction.ts';
import { lockCase } from '../workflow/case-state.ts';
import { appendAudit } from '../workflow/record.ts';
import { applicantInputSchema, submitApplication, type SubmittedApplication } from '../workflow/submit-application.ts';
import type { StoredUpload } from './documents.ts';
import type { StaffContext } from './staff-context.ts';

export const walkInSchema = z.object({
  service: z.string().min(1).max(100),
  applicationType: applicationTypeSchema,
  answers: z.record(z.string().max(100), z.boolean()).default({}),
  applicantId: z.string().regex(/^\d{1,18}$/).optional(),
  applicant: applicantInputSchema.optional(),
  queueNumber: z.string().trim().min(1).max(20).regex(/^[A-Za-z0-9 -]+$/).optional(),
  originalsSeen: z.array(z.string().min(1).max(100)).max(200).default([]),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
export type WalkInInput = z.infer<typeof walkInSchema>;

export interface ApplicantMatch {
  id: string;
  kind: 'person' | 'company';
  name: string;
  companyName: string | null;
  nik: string | null;
  nib: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

// Exact NIK (16 digits) or NIB (13 digits) only: the counter confirms an identity it holds in
// hand, it does not browse people.
export async function findApplicants(db: Db, identifier: string): Promise<ApplicantMatch[]> {
  const id = identifier.replace(/[\s.-]/g, '');
  if (!/^\d{13}$|^\d{16}$/.test(id)) return [];
  const rows = await db.selectFrom('applicants').selectAll().where(id.length === 16 ? 'nik' : 'nib', '=', id).orderBy('id', 'desc').limit(20).execute();
  return rows.map((a) => ({ id: a.id, kind: a.kind, name: a.name, companyName: a.company_name, nik: a.nik, nib: a.nib, phone: a.phone, email: a.email, address: a.address }));
}

export const missingRequirements = (texts: string[]) => new AppError('requirements_missing', 422, {
  id: `Berkas belum lengkap. Pindai dokumen atau tandai aslinya sudah dilihat untuk: ${texts.join('; ')}.`,
  en: `The file is incomplete. Scan the document or mark the original as seen for: ${texts.join('; ')}.`,
}, texts);

export async function registerWalkIn(db: Db, staff: StaffContext, input: WalkInInput, uploads: StoredUpload[], at: Date): Promise<SubmittedApplication> {
  const service = staff.intakeServices.find((s) => s.slug === input.service);
  if (!service) {
    throw new AppError('forbidden', 403, { id: 'Anda tidak bertugas menerima permohonan layanan ini di loket.', en: 'You do not receive applications for this service at the counter.' });
  }
  if (!input.applicantId && !input.applicant) throw new AppError('applicant_required', 422, { id: 'Pilih pemohon yang ada atau isi data pemohon baru.', en: 'Choose an existing applicant or enter a new one.' });
  const def = service.def;
  const attributes = new Set(def.attributes.map((a) => a.id));
  const answers = Object.fromEntries(Object.entries(input.answers).filter(([k]) => attributes.has(k)));
  if (!def.applicationTypes.includes(input.applicationType)) {
    throw new AppError('invalid_application_type', 422, { id: 'Jenis permohonan tidak tersedia untuk layanan ini.', en: 'This application type is not offered for this service.' });
  }
  const applicable = applicableRequirements(def, input.applicationType, answers);
  const ids = new Set(applicable.map((r) => r.id));
  const stray = [...uploads.map((u) => u.field), ...input.originalsSeen].filter((id) => !ids.has(id));
  if (stray.length) throw new AppError('unknown_requirement', 422, { id: `Persyaratan tidak berlaku: ${stray.join(', ')}.`, en: `Requirements that do not apply: ${stray.join(', ')}.` });
  const received = new Set([...uploads.map((u) => u.field), ...input.originalsSeen]);
  const missing = applicable.filter((r) => !r.optional && r.kind !== 'form_field' && !received.has(r.id));
  if (missing.length) throw missingRequirements(missing.map((r) => r.text));

  const submitted = await submitApplication(db, staff.actor, {
    office: staff.office.id,
    service: input.service,
    applicationType: input.applicationType,
    answers,
    channel: 'counter',
    ...(input.applicantId ? { applicantId: input.applicantId } : { applicant: input.applicant }),
  }, at, `loket-${input.idempotencyKey}`);

  await db.transaction().execute(async (tx) => {
    const { row } = await lockCase(tx, submitted.caseId);
    // A retried form finds its application already recorded.
    const done = await tx.selectFrom('counter_intakes').select('case_id').where('case_id', '=', row.id).executeTakeFirst();
    if (done) return;
    for (const u of uploads) {
      await tx.insertInto('case_documents').values({
        case_id: row.id, requirement_id: u.field, kind: 'requirement', storage_key: u.storageKey, file_name: u.fileName,
        media_type: u.mediaType, size_bytes: u.sizeBytes, uploaded_by: staff.userId, uploaded_at: at,
      }).execute();
    }
    await tx.insertInto('counter_intakes').values({
      case_id: row.id, queue_number: input.queueNumber ?? null, originals_seen: JSON.stringify(input.originalsSeen), registered_by: staff.userId, registered_at: at,
    }).execute();
    await appendAudit(tx, row.id, at, {
      action: 'counter_intake', stepFrom: null, stepTo: null, actor: staff.actor,
      data: { documents: uploads.map((u) => ({ requirement: u.field, sha256: u.storageKey })), originalsSeen: input.originalsSeen, queueNumber: input.queueNumber ?? null },
    });
  });
  return submitted;
}
