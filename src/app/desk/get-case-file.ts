// One case as the desk shows it: the applicant, the requirement checklist with the documents
// and the latest verdict on each, the kartu kendali, the clock, the permit, and what this
// official may do at the step the case is at.
import { elapsedWorkingMs, remainingWorkingMs, slaState, type SlaState } from '../../domain/calendar/working-calendar.ts';
import { applicableRequirements } from '../../domain/definition/checklist.ts';
import type { ApplicationType, Requirement, ServiceDefinition, Step } from '../../domain/definition/schema.ts';
import { maskNik } from '../../domain/documents/personal-data.ts';
import { approverRoles, stepOf } from '../../domain/workflow/interpreter.ts';
import type { Db } from '../transaction.ts';
import { loadClock } from '../workflow/clock.ts';
import { controlCard, type ControlCardRow } from '../workflow/control-card.ts';
import { DUE_SOON_WORKING_MS } from '../workflow/get-application.ts';
import { caseForStaff, type CaseAccess } from './case-access.ts';
import { colleaguesFor, type Colleague } from './colleagues.ts';
import { intakeRoles } from '../../domain/workflow/intake-roles.ts';
import type { StaffContext } from './staff-context.ts';
import { recommendationChoices, stepChoices, type RecommendationChoice, type StepChoice } from './step-actions.ts';

export interface CaseDocument {
  id: string;
  requirementId: string | null;
  kind: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedAt: Date;
  uploadedBy: string | null;
}

export interface Verdict {
  verdict: 'sesuai' | 'tidak_ada' | 'perlu_perbaikan';
  note: string | null;
  stepNo: number;
  decidedAt: Date;
  decidedBy: string;
}

export interface ChecklistRow {
  requirement: Requirement;
  documents: CaseDocument[];
  verdict: Verdict | null;
  originalSeen: boolean;
}

export interface CaseClockView {
  startedAt: Date | null;
  dueAt: Date | null;
  pauses: { from: Date; to: Date | null; reason: string }[];
  elapsedWorkingMs: number | null;
  workingMsLeft: number | null;
  sla: SlaState | null;
  timeZone: string;
}

export interface PermitView {
  id: string;
  number: string;
  status: string;
  issuedAt: Date;
  validFrom: string;
  validUntil: string | null;
  signatory: string | null;
  signatoryPosition: string;
  actingFor: string | null;
  registeredAt: Date | null;
  handedOverAt: Date | null;
}

export interface DeskPermissions {
  // The official holds the role of the step the case is at, and the task is free or theirs.
  act: boolean;
  claim: boolean;
  assign: boolean;
  colleagues: Colleague[];
  choices: StepChoice[];
  recommendation: RecommendationChoice[];
  verdicts: boolean;
  resubmit: boolean;
  draft: boolean;
}

export interface RecommendationRecord {
  at: Date;
  by: string | null;
  result: 'recommended' | 'recommended_with_conditions' | 'not_recommended';
  outcomeLabel: string | null;
  conditions: string | null;
  documentHash: string | null;
  inspection: { date: string; team: string[]; findings: string } | null;
  reason: string | null;
}

export interface CaseFile {
  access: CaseAccess;
  def: ServiceDefinition;
  id: string;
  trackingCode: string;
  status: string;
  channel: string;
  applicationType: ApplicationType;
  answers: Record<string, boolean>;
  submittedAt: Date;
  closedAt: Date | null;
  applicant: { kind: 'person' | 'company'; name: string; companyName: string | null; nik: string | null; nikMasked: boolean; nib: string | null; npwp: string | null; phone: string | null; email: string | null; address: string | null };
  step: Step | null;
  task: { id: string; dueAt: Date | null; assigneeId: string | null; assigneeName: string | null } | null;
  resumeStep: number | null;
  checklist: ChecklistRow[];
  otherDocuments: CaseDocument[];
  card: (ControlCardRow & { roleName: string; positionName: string | null })[];
  clock: CaseClockView;
  permit: PermitView | null;
  handover: { mode: string; collectorName: string | null; collectorRelation: string | null; identityChecked: boolean; receiptSigned: boolean; deliveredTo: string | null; recordedAt: Date } | null;
  intake: { queueNumber: string | null; registeredAt: Date } | null;
  // The corrections asked of the applicant at the latest return, per requirement.
  corrections: { requirement: string; note: string }[];
  // The technical team's latest recommendation, as recorded with its action.
  recommendation: RecommendationRecord | null;
  permissions: DeskPermissions;
}

export async function getCaseFile(db: Db, staff: StaffContext, caseId: string, now: Date): Promise<CaseFile> {
  const access = await caseForStaff(db, staff, caseId);
  const { row, def, held } = access;
  const applicant = await db.selectFrom('applicants').selectAll().where('id', '=', row.applicant_id).executeTakeFirstOrThrow();
  const step = row.current_step === null ? null : stepOf(def, row.current_step);
  const taskRow = step === null ? undefined : await db.selectFrom('tasks as t').leftJoin('users as u', 'u.id', 't.assignee_user_id')
    .select(['t.id', 't.due_at', 't.assignee_user_id', 'u.display_name']).where('t.case_id', '=', row.id).where('t.step_no', '=', step.no).where('t.status', '=', 'open').executeTakeFirst();

  const docs = await db.selectFrom('case_documents as d').leftJoin('users as u', 'u.id', 'd.uploaded_by')
    .select(['d.id', 'd.requirement_id', 'd.kind', 'd.file_name', 'd.media_type', 'd.size_bytes', 'd.uploaded_at', 'u.display_name'])
    .where('d.case_id', '=', row.id).where('d.superseded_at', 'is', null).orderBy('d.id').execute();
  const documents: CaseDocument[] = docs.map((d) => ({ id: d.id, requirementId: d.requirement_id, kind: d.kind, fileName: d.file_name, mediaType: d.media_type, sizeBytes: d.size_bytes, uploadedAt: d.uploaded_at, uploadedBy: d.display_name }));
  const verdictRows = await db.selectFrom('requirement_verdicts as v').innerJoin('users as u', 'u.id', 'v.decided_by')
    .select(['v.requirement_id', 'v.verdict', 'v.note', 'v.step_no', 'v.decided_at', 'u.display_name'])
    .where('v.case_id', '=', row.id).orderBy('v.decided_at', 'desc').orderBy('v.id', 'desc').execute();
  const intake = await db.selectFrom('counter_intakes').selectAll().where('case_id', '=', row.id).executeTakeFirst();
  const seen = new Set(intake?.originals_seen ?? []);
  const requirements = applicableRequirements(def, row.application_type as ApplicationType, row.answers);
  const checklist: ChecklistRow[] = requirements.map((r) => {
    const v = verdictRows.find((x) => x.requirement_id === r.id);
    return {
      requirement: r,
      documents: documents.filter((d) => d.requirementId === r.id),
      verdict: v ? { verdict: v.verdict, note: v.note, stepNo: v.step_no, decidedAt: v.decided_at, decidedBy: v.display_name } : null,
      originalSeen: seen.has(r.id),
    };
  });
  const listed = new Set(requirements.map((r) => r.id));

  const office = staff.office;
  const positionName = new Map(office.positions.map((p) => [p.id, p.name]));
  const card = (await controlCard(db, row.id)).map((c) => ({ ...c, roleName: def.roles.find((r) => r.id === c.role)?.name ?? c.role, positionName: c.position ? positionName.get(c.position) ?? c.position : null }));

  const calendar = (await loadClock(db, row.office_id)).calendar;
  const pauses = await db.selectFrom('case_pauses').select(['paused_at', 'resumed_at', 'reason']).where('case_id', '=', row.id).orderBy('paused_at').execute();
  const end = row.closed_at ?? now;
  let elapsed: number | null = null;
  if (row.clock_started_at) {
    const start = row.clock_started_at;
    elapsed = elapsedWorkingMs(calendar, start, end);
    for (const p of pauses) {
      const from = p.paused_at > start ? p.paused_at : start;
      const to = p.resumed_at ?? end;
      if (to > from) elapsed -= elapsedWorkingMs(calendar, from, to);
    }
    elapsed = Math.max(0, elapsed);
  }
  const running = row.status === 'active' && row.due_at !== null;

  const permitRow = await db.selectFrom('permits as p').leftJoin('users as u', 'u.id', 'p.signed_by').selectAll('p').select('u.display_name as signer')
    .where('p.case_id', '=', row.id).orderBy('p.id', 'desc').limit(1).executeTakeFirst();
  const handoverRow = permitRow ? await db.selectFrom('permit_handovers').selectAll().where('permit_id', '=', permitRow.id).executeTakeFirst() : undefined;

  const lastReturn = await db.selectFrom('audit_events').select(['data']).where('case_id', '=', row.id)
    .where('action', 'in', ['decide', 'return-to-applicant', 'return', 'reject', 'complete']).orderBy('seq', 'desc').execute();
  const withCorrections = lastReturn.find((e) => Array.isArray((e.data as { corrections?: unknown }).corrections));
  const corrections = row.status === 'waiting_applicant' && withCorrections ? (withCorrections.data as { corrections: { requirement: string; note: string }[] }).corrections : [];

  const recEvent = await db.selectFrom('audit_events as e').leftJoin('users as u', 'u.id', 'e.actor_user_id').select(['e.at', 'e.data', 'e.note', 'u.display_name'])
    .where('e.case_id', '=', row.id).where('e.action', 'in', ['record-recommendation', 'reject', 'return-to-applicant']).orderBy('e.seq', 'desc').execute();
  const rec = recEvent.find((e) => (e.data as { recommendation?: unknown }).recommendation !== undefined);
  const recData = rec ? (rec.data as { outcomeLabel?: string | null; recommendation: { result: RecommendationRecord['result']; conditions?: string; documentHash?: string; inspection?: RecommendationRecord['inspection'] } }) : null;

  const assignee = taskRow?.assignee_user_id ?? null;
  const mine = step !== null && held.has(step.actor);
  const free = assignee === null || assignee === staff.userId;
  const act = row.status === 'active' && mine && free && taskRow !== undefined;
  const supervisor = [...approverRoles(def)].some((r) => held.has(r));
  const assign = row.status === 'active' && taskRow !== undefined && step !== null && (mine || supervisor);

  return {
    access,
    def,
    id: row.id,
    trackingCode: row.tracking_code,
    status: row.status,
    channel: row.channel,
    applicationType: row.application_type as ApplicationType,
    answers: row.answers,
    submittedAt: row.submitted_at,
    closedAt: row.closed_at,
    applicant: {
      kind: applicant.kind,
      name: applicant.name,
      companyName: applicant.company_name,
      // The NIK in full only for the office's own staff; a technical agency sees it masked.
      nik: applicant.nik === null ? null : access.internal ? applicant.nik : maskNik(applicant.nik),
      nikMasked: !access.internal,
      nib: applicant.nib,
      npwp: applicant.npwp,
      phone: applicant.phone,
      email: applicant.email,
      address: applicant.address,
    },
    step,
    task: taskRow ? { id: taskRow.id, dueAt: taskRow.due_at, assigneeId: assignee, assigneeName: taskRow.display_name } : null,
    resumeStep: row.resume_step,
    checklist,
    otherDocuments: documents.filter((d) => d.requirementId === null || !listed.has(d.requirementId)),
    card,
    clock: {
      startedAt: row.clock_started_at,
      dueAt: row.due_at,
      pauses: pauses.map((p) => ({ from: p.paused_at, to: p.resumed_at, reason: p.reason })),
      elapsedWorkingMs: elapsed,
      workingMsLeft: running ? remainingWorkingMs(calendar, now, row.due_at!) : null,
      sla: running ? slaState(calendar, now, row.due_at!, DUE_SOON_WORKING_MS) : null,
      timeZone: office.timeZone,
    },
    permit: permitRow ? {
      id: permitRow.id, number: permitRow.number, status: permitRow.status, issuedAt: permitRow.issued_at, validFrom: permitRow.valid_from, validUntil: permitRow.valid_until,
      signatory: permitRow.signer, signatoryPosition: positionName.get(permitRow.signatory_position) ?? permitRow.signatory_position, actingFor: permitRow.acting_for,
      registeredAt: permitRow.registered_at, handedOverAt: permitRow.handed_over_at,
    } : null,
    handover: handoverRow ? { mode: handoverRow.mode, collectorName: handoverRow.collector_name, collectorRelation: handoverRow.collector_relation, identityChecked: handoverRow.identity_checked, receiptSigned: handoverRow.receipt_signed, deliveredTo: handoverRow.delivered_to, recordedAt: handoverRow.recorded_at } : null,
    intake: intake ? { queueNumber: intake.queue_number, registeredAt: intake.registered_at } : null,
    corrections,
    recommendation: rec && recData ? {
      at: rec.at, by: rec.display_name, result: recData.recommendation.result, outcomeLabel: recData.outcomeLabel ?? null, conditions: recData.recommendation.conditions ?? null,
      documentHash: recData.recommendation.documentHash ?? null, inspection: recData.recommendation.inspection ?? null, reason: rec.note,
    } : null,
    permissions: {
      act,
      claim: row.status === 'active' && mine && assignee === null && taskRow !== undefined,
      assign,
      colleagues: assign && step ? (await colleaguesFor(db, row.office_id, def, step.actor, staff.today)).filter((c) => c.id !== assignee) : [],
      choices: act && step ? stepChoices(def, step) : [],
      recommendation: act && step && step.kind === 'external' ? recommendationChoices(def, step) : [],
      verdicts: act && step !== null && step.checks !== undefined,
      resubmit: row.status === 'waiting_applicant' && intakeRoles(def).some((r) => held.has(r)),
      draft: access.internal && def.steps.some((s) => s.kind === 'sign' && (s.signs ?? 'permit') === 'permit'),
    },
  };
}
