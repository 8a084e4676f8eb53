// An application being written in the portal, one question per page and saved at every step:
// the application type, the yes/no questions that decide which requirements apply, and a file
// for each requirement to upload. A draft reads the service's current definition; the case is
// pinned to a version only when it is submitted.
import { applicableRequirements } from '../../domain/definition/checklist.ts';
import type { ApplicationType, Requirement, ServiceDefinition } from '../../domain/definition/schema.ts';
import { AppError } from '../../domain/errors.ts';
import type { Office } from '../../domain/office/schema.ts';
import { getService } from '../catalogue/get-service.ts';
import type { Db } from '../transaction.ts';

type Attribute = ServiceDefinition['attributes'][number];

export interface DraftDocument {
  id: string;
  requirementId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  storageKey: string;
  uploadedAt: Date;
}

export interface DraftView {
  id: string;
  userId: string;
  status: 'draft' | 'submitting' | 'submitted' | 'abandoned';
  caseId: string | null;
  officeId: string;
  serviceSlug: string;
  office: Office;
  def: ServiceDefinition;
  applicationType: ApplicationType | null;
  answers: Record<string, boolean>;
  // The questions that matter for the chosen type, in the definition's order.
  questions: Attribute[];
  // The requirements that apply to the type and answers so far.
  checklist: Requirement[];
  documents: DraftDocument[];
  totalBytes: number;
  updatedAt: Date;
}

export const draftNotFound = () => new AppError('draft_not_found', 404, { id: 'Draf permohonan tidak ditemukan.', en: 'Draft application not found.' });
export const draftClosed = () => new AppError('draft_closed', 409, {
  id: 'Permohonan ini sudah dikirim dan tidak dapat diubah lagi. Lihat keadaannya di Permohonan saya.',
  en: 'This application has been sent and can no longer be changed. See where it stands in My applications.',
});
const serviceNotFound = () => new AppError('service_not_found', 404, { id: 'Layanan tidak ditemukan.', en: 'Service not found.' });

// A requirement the applicant answers with a file: a document, or a statement on materai signed
// and scanned. Form fields are this online form itself; counter items are shown at the office.
export const needsFile = (r: Requirement) => r.kind === 'upload' || r.kind === 'materai_statement';

export function relevantQuestions(def: ServiceDefinition, type: ApplicationType | null): Attribute[] {
  if (!type) return [];
  const used = new Set(def.requirements.filter((r) => r.types === undefined || r.types.includes(type)).flatMap((r) => r.when));
  return def.attributes.filter((a) => used.has(a.id));
}

// Answers to questions that no longer matter (after changing the type) are kept in the draft but
// not sent with the application.
export function effectiveAnswers(view: Pick<DraftView, 'questions' | 'answers'>): Record<string, boolean> {
  return Object.fromEntries(view.questions.filter((q) => q.id in view.answers).map((q) => [q.id, view.answers[q.id] === true]));
}

export async function startDraft(db: Db, userId: string, officeId: string, slug: string, now: Date): Promise<string> {
  const svc = await getService(db, officeId, slug);
  if (!svc) throw serviceNotFound();
  const only = svc.definition.applicationTypes.length === 1 ? svc.definition.applicationTypes[0]! : null;
  const row = await db.insertInto('portal_drafts').values({
    user_id: userId, office_id: officeId, service_slug: slug, application_type: only, answers: '{}', created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function loadDraft(db: Db, userId: string, draftId: string): Promise<DraftView> {
  if (!/^\d{1,18}$/.test(draftId)) throw draftNotFound();
  const row = await db.selectFrom('portal_drafts').selectAll().where('id', '=', draftId).executeTakeFirst();
  // Someone else's draft answers like one that does not exist.
  if (!row || row.user_id !== userId || row.status === 'abandoned') throw draftNotFound();
  const svc = await getService(db, row.office_id, row.service_slug);
  if (!svc) throw draftNotFound();
  const def = svc.definition;
  const type = row.application_type && def.applicationTypes.includes(row.application_type) ? row.application_type : null;
  const answers = (row.answers ?? {}) as Record<string, boolean>;
  const questions = relevantQuestions(def, type);
  const checklist = type ? applicableRequirements(def, type, effectiveAnswers({ questions, answers })) : [];
  const docs = await db.selectFrom('case_documents').select(['id', 'requirement_id', 'file_name', 'media_type', 'size_bytes', 'storage_key', 'uploaded_at'])
    .where('draft_id', '=', row.id).where('kind', '=', 'requirement').where('superseded_at', 'is', null).orderBy('id').execute();
  const applicable = new Set(checklist.map((r) => r.id));
  const documents = docs.filter((d) => d.requirement_id !== null && applicable.has(d.requirement_id)).map((d) => ({
    id: d.id, requirementId: d.requirement_id!, fileName: d.file_name, mediaType: d.media_type, sizeBytes: d.size_bytes, storageKey: d.storage_key, uploadedAt: d.uploaded_at,
  }));
  return {
    id: row.id, userId: row.user_id, status: row.status, caseId: row.case_id, officeId: row.office_id, serviceSlug: row.service_slug,
    office: svc.office, def, applicationType: type, answers, questions, checklist, documents,
    totalBytes: documents.reduce((n, d) => n + d.sizeBytes, 0), updatedAt: row.updated_at,
  };
}

export function assertEditable(view: DraftView): void {
  if (view.status !== 'draft') throw draftClosed();
}

export async function chooseApplicationType(db: Db, view: DraftView, type: string, now: Date): Promise<void> {
  assertEditable(view);
  if (!(view.def.applicationTypes as string[]).includes(type)) {
    throw new AppError('invalid_application_type', 400, { id: 'Pilih jenis permohonan', en: 'Choose the type of application' });
  }
  await db.updateTable('portal_drafts').set({ application_type: type as ApplicationType, updated_at: now }).where('id', '=', view.id).execute();
}

export async function answerQuestion(db: Db, view: DraftView, attributeId: string, answer: boolean, now: Date): Promise<void> {
  assertEditable(view);
  if (!view.questions.some((q) => q.id === attributeId)) throw draftNotFound();
  const answers = { ...view.answers, [attributeId]: answer };
  await db.updateTable('portal_drafts').set({ answers: JSON.stringify(answers), updated_at: now }).where('id', '=', view.id).execute();
}

export async function abandonDraft(db: Db, view: DraftView, now: Date): Promise<void> {
  assertEditable(view);
  await db.updateTable('portal_drafts').set({ status: 'abandoned', updated_at: now }).where('id', '=', view.id).where('status', '=', 'draft').execute();
}

// Required files not uploaded yet.
export function missingFiles(view: DraftView): Requirement[] {
  const have = new Set(view.documents.map((d) => d.requirementId));
  return view.checklist.filter((r) => needsFile(r) && !r.optional && !have.has(r.id));
}

// Where a resumed draft continues: the first thing still to answer, else the check page.
export function resumePage(view: DraftView): string {
  if (!view.applicationType) return 'jenis';
  const open = view.questions.find((q) => !(q.id in view.answers));
  if (open) return `pertanyaan/${open.id}`;
  if (view.documents.length === 0) return 'persyaratan';
  const missing = missingFiles(view)[0];
  return missing ? `berkas/${missing.id}` : 'periksa';
}

// The page after a given one in the question-per-page order.
export function pageAfter(view: DraftView, page: string): string {
  const order = ['jenis', ...view.questions.map((q) => `pertanyaan/${q.id}`), 'persyaratan', ...view.checklist.filter(needsFile).map((r) => `berkas/${r.id}`), 'periksa'];
  const i = order.indexOf(page);
  return i >= 0 && i + 1 < order.length ? order[i + 1]! : 'periksa';
}

export function pageBefore(view: DraftView, page: string): string | null {
  const order = [...(view.def.applicationTypes.length > 1 ? ['jenis'] : []), ...view.questions.map((q) => `pertanyaan/${q.id}`), 'persyaratan', ...view.checklist.filter(needsFile).map((r) => `berkas/${r.id}`), 'periksa'];
  const i = order.indexOf(page);
  return i > 0 ? order[i - 1]! : null;
}

export interface DraftSummary {
  id: string;
  serviceName: string;
  officeId: string;
  serviceSlug: string;
  timeZone: string;
  updatedAt: Date;
}

export async function listDrafts(db: Db, userId: string): Promise<DraftSummary[]> {
  const rows = await db.selectFrom('portal_drafts as d').innerJoin('services as s', (j) => j.onRef('s.office_id', '=', 'd.office_id').onRef('s.slug', '=', 'd.service_slug'))
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .select(['d.id', 'd.office_id', 'd.service_slug', 'd.updated_at', 's.name', 'o.time_zone']).where('d.user_id', '=', userId).where('d.status', 'in', ['draft', 'submitting'])
    .orderBy('d.updated_at', 'desc').limit(100).execute();
  return rows.map((r) => ({ id: r.id, serviceName: r.name, officeId: r.office_id, serviceSlug: r.service_slug, timeZone: r.time_zone, updatedAt: r.updated_at }));
}
