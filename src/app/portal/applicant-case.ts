// One case as its applicant follows it in the portal: where it stands (a timeline of the
// definition's steps), who it waits for, what to correct after a return, the reasons of a
// rejection, the files sent, the permit to download and whether the survey was answered.
import { applicableRequirements } from '../../domain/definition/checklist.ts';
import type { ApplicationType, Requirement, ServiceDefinition } from '../../domain/definition/schema.ts';
import type { Target } from '../../domain/definition/flow.ts';
import { officeSchema, type Office } from '../../domain/office/schema.ts';
import type { Db } from '../transaction.ts';
import type { Actor } from '../workflow/actor.ts';
import { pinnedDefinition } from '../workflow/case-state.ts';
import { getApplication, type ApplicationView } from '../workflow/get-application.ts';

export type StepState = 'done' | 'current' | 'next';

export interface TimelineItem {
  no: number;
  title: string;
  roleName: string;
  state: StepState;
  // When the step was last done, for done steps.
  at: string | null;
  // The current step's own due instant.
  dueAt: string | null;
}

export interface Correction {
  requirement: Requirement | null;
  requirementId: string;
  note: string;
}

export interface Return {
  at: string;
  reason: string | null;
  corrections: Correction[];
}

export interface CaseFile {
  id: string;
  requirementId: string | null;
  kind: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  storageKey: string;
  uploadedAt: Date;
}

export type WaitingFor =
  | { kind: 'office'; roleName: string; stepTitle: string; external: boolean }
  | { kind: 'applicant' }
  | null;

export interface ApplicantCase {
  view: ApplicationView;
  def: ServiceDefinition;
  office: Office;
  timeline: TimelineItem[];
  waitingFor: WaitingFor;
  lastReturn: Return | null;
  rejection: { at: string; reason: string | null } | null;
  files: CaseFile[];
  // The signed permit to download, from signing on.
  permit: CaseFile | null;
  surveyAnswered: boolean;
  // The requirements of this case (its type and answers).
  requirements: Requirement[];
}

interface HistoryEvent { seq: number; at: string; action: string; stepFrom: number | null; stepTo: number | null; note: string | null; data: unknown }

const targetOf = (e: HistoryEvent): Target | null => ((e.data ?? {}) as { target?: Target }).target ?? null;
const NOT_COMPLETIONS = new Set(['claimed', 'assigned', 'clock_started', 'escalated']);

// The tracked steps in the definition's order, each done, current or still to come. Steps before
// the one the case is at (or resumes at) are done; a closed, completed case has done them all.
export function timelineOf(def: ServiceDefinition, view: Pick<ApplicationView, 'status' | 'currentStep' | 'resumeStep'>, history: HistoryEvent[]): TimelineItem[] {
  const steps = def.steps.filter((s) => s.tracked);
  const roleName = new Map(def.roles.map((r) => [r.id, r.name]));
  const pivotNo = view.currentStep?.no ?? view.resumeStep;
  const pivot = pivotNo === null ? -1 : steps.findIndex((s) => s.no === pivotNo);
  const lastDone = (no: number) => [...history].reverse().find((e) => e.stepFrom === no && !NOT_COMPLETIONS.has(e.action))?.at ?? null;
  return steps.map((s, i) => {
    let state: StepState;
    if (view.status === 'completed') state = 'done';
    else if (pivot < 0) state = lastDone(s.no) ? 'done' : 'next';
    else if (i < pivot) state = 'done';
    else if (i === pivot && view.status === 'active') state = 'current';
    else state = 'next';
    return {
      no: s.no, title: s.title, roleName: roleName.get(s.actor) ?? s.actor, state,
      at: state === 'done' ? lastDone(s.no) : null,
      dueAt: state === 'current' ? view.currentStep?.dueAt ?? null : null,
    };
  });
}

export function lastReturnOf(def: ServiceDefinition, history: HistoryEvent[]): Return | null {
  const e = [...history].reverse().find((h) => targetOf(h)?.kind === 'applicant');
  if (!e) return null;
  const raw = ((e.data ?? {}) as { corrections?: { requirement: string; note: string }[] }).corrections ?? [];
  return {
    at: e.at,
    reason: e.note,
    corrections: raw.map((c) => ({ requirementId: c.requirement, requirement: def.requirements.find((r) => r.id === c.requirement) ?? null, note: c.note })),
  };
}

export function rejectionOf(history: HistoryEvent[]): { at: string; reason: string | null } | null {
  const e = [...history].reverse().find((h) => {
    const t = targetOf(h);
    return (t?.kind === 'end' && t.end === 'rejected') || h.action === 'reject';
  });
  return e ? { at: e.at, reason: e.note } : null;
}

export async function getApplicantCase(db: Db, actor: Actor, caseId: string, now: Date): Promise<ApplicantCase> {
  const view = await getApplication(db, actor, caseId, now);
  const def = await pinnedDefinition(db, view.office, view.service, view.definitionVersion);
  const officeRow = await db.selectFrom('offices').select('document').where('id', '=', view.office).executeTakeFirstOrThrow();
  const caseRow = await db.selectFrom('cases').select(['answers', 'application_type']).where('id', '=', view.id).executeTakeFirstOrThrow();
  const answers = (caseRow.answers ?? {}) as Record<string, boolean>;
  const requirements = applicableRequirements(def, caseRow.application_type as ApplicationType, answers);
  const docs = await db.selectFrom('case_documents').select(['id', 'requirement_id', 'kind', 'file_name', 'media_type', 'size_bytes', 'storage_key', 'uploaded_at'])
    .where('case_id', '=', view.id).where('superseded_at', 'is', null).where('kind', 'in', ['requirement', 'permit', 'receipt']).orderBy('id').execute();
  const files = docs.map((d) => ({ id: d.id, requirementId: d.requirement_id, kind: d.kind, fileName: d.file_name, mediaType: d.media_type, sizeBytes: d.size_bytes, storageKey: d.storage_key, uploadedAt: d.uploaded_at }));
  // The signed permit, once its document is made (by a job, after the signing step), until the
  // case ends otherwise; a permit signed again after a correction replaces the earlier one.
  const issued = await db.selectFrom('permits').select('document_hash').where('case_id', '=', view.id).where('status', '=', 'issued').where('document_hash', 'is not', null).executeTakeFirst();
  const permitFile = issued && (view.status === 'active' || view.status === 'completed')
    ? [...files].reverse().find((f) => f.kind === 'permit' && f.storageKey === issued.document_hash) ?? null
    : null;
  const survey = await db.selectFrom('ikm_case_responses').select('case_id').where('case_id', '=', view.id).executeTakeFirst();
  const history = view.history;
  const step = view.currentStep ? def.steps.find((s) => s.no === view.currentStep!.no) : undefined;
  const role = step ? def.roles.find((r) => r.id === step.actor) : undefined;
  const waitingFor: WaitingFor = view.status === 'waiting_applicant' ? { kind: 'applicant' }
    : view.status === 'active' && step && role ? { kind: 'office', roleName: role.name, stepTitle: step.title, external: role.kind === 'external' }
      : null;
  return {
    view, def, office: officeSchema.parse(officeRow.document),
    timeline: timelineOf(def, view, history),
    waitingFor,
    lastReturn: view.status === 'waiting_applicant' ? lastReturnOf(def, history) : null,
    rejection: view.status === 'rejected' ? rejectionOf(history) : null,
    files: files.filter((f) => f.kind === 'requirement'),
    permit: permitFile,
    surveyAnswered: Boolean(survey),
    requirements,
  };
}

export interface CaseSummary {
  id: string;
  trackingCode: string;
  serviceName: string;
  officeId: string;
  timeZone: string;
  status: string;
  submittedAt: Date;
  updatedAt: Date;
}

export async function listApplicantCases(db: Db, userId: string): Promise<CaseSummary[]> {
  const rows = await db.selectFrom('cases as c').innerJoin('applicants as a', 'a.id', 'c.applicant_id')
    .innerJoin('services as s', (j) => j.onRef('s.office_id', '=', 'c.office_id').onRef('s.slug', '=', 'c.service_slug'))
    .innerJoin('offices as o', 'o.id', 'c.office_id')
    .select(['c.id', 'c.tracking_code', 'c.office_id', 'c.status', 'c.submitted_at', 'c.updated_at', 's.name', 'o.time_zone'])
    .where('a.user_id', '=', userId).orderBy('c.submitted_at', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: r.id, trackingCode: r.tracking_code, serviceName: r.name, officeId: r.office_id, timeZone: r.time_zone, status: r.status, submittedAt: r.submitted_at, updatedAt: r.updated_at }));
}
