// Documents the desk prints from a case: the draft permit the back office and the reviewers
// read before paraf (unnumbered: the number is only taken at signing), the cover letter (surat
// pengantar) that asks the technical agency for its recommendation, the receipt (tanda terima
// berkas) handed to a walk-in applicant, and the archive sheet kept with the office's copy.
import { applicableRequirements } from '../../domain/definition/checklist.ts';
import type { ApplicationType, ServiceDefinition } from '../../domain/definition/schema.ts';
import type { Holder } from '../../domain/documents/holder.ts';
import { trackingUrl } from '../../domain/documents/links.ts';
import type { Office } from '../../domain/office/schema.ts';
import { renderPermitPdf } from '../../infra/documents/permit-pdf.ts';
import { renderReceiptPdf } from '../../infra/documents/receipt-pdf.ts';
import { renderCoverLetterPdf } from '../../infra/documents/cover-letter-pdf.ts';
import { renderArchiveCopyPdf, type ParafAction } from '../../infra/documents/archive-copy-pdf.ts';
import { controlCard } from '../workflow/control-card.ts';
import { actingTitle, parseActingFor } from '../../domain/workflow/acting-for.ts';
import { parafSheet } from './paraf-sheet.ts';
import { technicalAgency } from '../../domain/documents/technical-agency.ts';
import type { Db } from '../transaction.ts';
import { caseForStaff } from './case-access.ts';
import type { StaffContext } from './staff-context.ts';
import { AppError } from '../../domain/errors.ts';

async function holderOf(db: Db, applicantId: string): Promise<Holder> {
  const a = await db.selectFrom('applicants').selectAll().where('id', '=', applicantId).executeTakeFirstOrThrow();
  return a.kind === 'company'
    ? { kind: 'company', name: a.company_name ?? a.name, nib: a.nib ?? '', address: a.address ?? '-', responsiblePerson: a.name }
    : { kind: 'person', name: a.name, nik: a.nik ?? '', address: a.address ?? '-' };
}

// The position that signs the permit (or the given role's first position), as the office names
// it, and who holds it now.
async function permitSignatory(db: Db, office: Office, def: ServiceDefinition, role?: string): Promise<{ name: string; position: string }> {
  const sign = def.steps.find((s) => s.kind === 'sign' && (s.signs ?? 'permit') === 'permit');
  const positionId = def.roles.find((r) => r.id === (role ?? sign?.actor))?.positions[0];
  const position = office.positions.find((p) => p.id === positionId);
  const holder = positionId
    ? await db.selectFrom('user_positions as p').innerJoin('users as u', 'u.id', 'p.user_id').select('u.display_name')
      .where('p.office_id', '=', office.id).where('p.position_id', '=', positionId).orderBy('u.id').limit(1).executeTakeFirst()
    : undefined;
  return { name: holder?.display_name ?? '…………………………', position: `${position?.name ?? 'Kepala Dinas'} ${office.shortName}` };
}

export async function draftPermitPdf(db: Db, staff: StaffContext, caseId: string, publicUrl: string, now: Date): Promise<{ pdf: Uint8Array; fileName: string }> {
  const { row, def, internal } = await caseForStaff(db, staff, caseId);
  if (!internal || !def.steps.some((s) => s.kind === 'sign' && (s.signs ?? 'permit') === 'permit')) {
    throw new AppError('no_permit_draft', 404, { id: 'Layanan ini tidak menerbitkan surat izin yang dapat dipratinjau di sini.', en: 'This service issues no permit to preview here.' });
  }
  const recommendation = await db.selectFrom('audit_events').select('data').where('case_id', '=', row.id).where('action', '=', 'record-recommendation')
    .orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const conditions = (recommendation?.data as { recommendation?: { conditions?: string } } | undefined)?.recommendation?.conditions;
  const signatory = await permitSignatory(db, staff.office, def);
  const pdf = await renderPermitPdf({
    definition: def,
    office: staff.office,
    holder: await holderOf(db, row.applicant_id),
    // No number yet: the draft shows a dotted line where the number will be.
    number: null,
    issuedAt: now,
    signatory,
    // The verification code exists only once the permit is signed; the draft points to the page.
    verificationUrl: `${new URL(publicUrl).href.replace(/\/+$/, '')}/verifikasi`,
    ...(conditions ? { conditions: conditions.split(/\n+/).map((c) => c.trim()).filter(Boolean) } : {}),
  });
  return { pdf, fileName: `draf-izin-${row.tracking_code}.pdf` };
}

const noCoverLetter = () => new AppError('no_cover_letter', 404, { id: 'Layanan ini tidak meminta rekomendasi teknis; tidak ada surat pengantar.', en: 'This service asks for no technical recommendation; there is no cover letter.' });

// The letter is the one a step signs as a letter (seed 004: the Kadis, after the Kabid's paraf);
// where the SOP has no such step it goes out under the permit's signatory. Once signed it
// carries the date and the name (with Plt./Plh.) of whoever signed it; until then it is a draft
// dated today, which is what the reviewers initial.
export async function coverLetterPdf(db: Db, staff: StaffContext, caseId: string, now: Date): Promise<{ pdf: Uint8Array; fileName: string }> {
  const { row, def } = await caseForStaff(db, staff, caseId);
  if (!technicalAgency(def, staff.office)) throw noCoverLetter();
  const letterStep = def.steps.find((s) => s.kind === 'sign' && s.signs === 'letter');
  const signed = letterStep
    ? await db.selectFrom('audit_events as e').leftJoin('users as u', 'u.id', 'e.actor_user_id').select(['e.at', 'e.acting_for', 'e.actor_position', 'u.display_name'])
      .where('e.case_id', '=', row.id).where('e.action', '=', 'sign').where('e.step_from', '=', letterStep.no).orderBy('e.seq', 'desc').limit(1).executeTakeFirst()
    : undefined;
  let signatory: { name: string; position: string; acting?: boolean };
  if (signed?.display_name) {
    const position = staff.office.positions.find((p) => p.id === signed.actor_position)?.name ?? 'Kepala Dinas';
    signatory = { name: signed.display_name, position: `${position} ${staff.office.shortName}`, ...(signed.acting_for ? { acting: true } : {}) };
  } else {
    signatory = await permitSignatory(db, staff.office, def, letterStep?.actor);
  }
  const documents = await db.selectFrom('case_documents').select('requirement_id').where('case_id', '=', row.id).where('kind', '=', 'requirement').where('superseded_at', 'is', null).execute();
  const attached = new Set(documents.map((d) => d.requirement_id ?? ''));
  const requirements = applicableRequirements(def, row.application_type as ApplicationType, row.answers).filter((r) => attached.has(r.id));
  const pdf = await renderCoverLetterPdf({
    definition: def,
    office: staff.office,
    holder: await holderOf(db, row.applicant_id),
    trackingCode: row.tracking_code,
    receivedAt: row.submitted_at,
    number: null,
    date: signed?.at ?? now,
    attachments: requirements.map((r) => r.text),
    signatory,
  });
  return { pdf, fileName: `surat-pengantar-${row.tracking_code}.pdf` };
}

export async function receiptPdf(db: Db, staff: StaffContext, caseId: string, publicUrl: string): Promise<{ pdf: Uint8Array; fileName: string }> {
  const { row, def, internal } = await caseForStaff(db, staff, caseId);
  if (!internal) throw new AppError('receipt_not_available', 404, { id: 'Tanda terima tidak tersedia.', en: 'No receipt available.' });
  const intake = await db.selectFrom('counter_intakes as i').innerJoin('users as u', 'u.id', 'i.registered_by').innerJoin('user_positions as p', 'p.user_id', 'u.id')
    .select(['i.originals_seen', 'u.display_name', 'p.position_id']).where('i.case_id', '=', row.id).limit(1).executeTakeFirst();
  const documents = await db.selectFrom('case_documents').select('requirement_id').where('case_id', '=', row.id).where('kind', '=', 'requirement').where('superseded_at', 'is', null).execute();
  const received = new Set([...documents.map((d) => d.requirement_id ?? ''), ...(intake?.originals_seen ?? [])]);
  const requirements = applicableRequirements(def, row.application_type as ApplicationType, row.answers);
  const pdf = await renderReceiptPdf({
    definition: def,
    office: staff.office,
    trackingCode: row.tracking_code,
    trackingUrl: trackingUrl(publicUrl, row.tracking_code),
    holder: await holderOf(db, row.applicant_id),
    applicationType: row.application_type as ApplicationType,
    receivedAt: row.submitted_at,
    documents: requirements.filter((r) => received.has(r.id)).map((r) => r.text),
    completion: row.due_at ? { kind: 'date', due: row.due_at } : { kind: 'rule' },
    ...(intake ? { receivedBy: { name: intake.display_name, position: staff.office.positions.find((p) => p.id === intake.position_id)?.name ?? intake.position_id } } : {}),
  });
  return { pdf, fileName: `tanda-terima-${row.tracking_code}.pdf` };
}

// "plt:kepala-dinas" → "Plt. Kepala Dinas": who an acting official signed for.
function actingLabel(staff: StaffContext, actingFor: string | null): string | null {
  const acting = parseActingFor(actingFor);
  if (!acting) return null;
  return `${actingTitle(acting.kind)} ${staff.office.positions.find((p) => p.id === acting.positionId)?.name ?? acting.positionId}`;
}

const parafActions: Record<string, ParafAction> = { paraf: 'paraf', sign: 'tanda_tangan', number: 'penomoran' };

// The lembar arsip kept with the office's copy of the permit: the paraf sheet and the kartu
// kendali, from the case's history.
export async function archiveCopyPdf(db: Db, staff: StaffContext, caseId: string, now: Date): Promise<{ pdf: Uint8Array; fileName: string }> {
  const { row, def, internal } = await caseForStaff(db, staff, caseId);
  if (!internal) throw new AppError('case_not_found', 404, { id: 'Permohonan tidak ditemukan.', en: 'Application not found.' });
  const sheet = await parafSheet(db, staff, caseId);
  const card = await controlCard(db, row.id);
  const permit = await db.selectFrom('permits').select(['number', 'issued_at']).where('case_id', '=', row.id).where('status', '=', 'issued').executeTakeFirst();
  const pdf = await renderArchiveCopyPdf({
    definition: def,
    office: staff.office,
    trackingCode: row.tracking_code,
    holder: await holderOf(db, row.applicant_id),
    permitNumber: permit?.number ?? null,
    issuedAt: permit?.issued_at ?? null,
    paraf: sheet.entries.filter((e) => e.action in parafActions).map((e) => ({
      step: e.step, position: actingLabel(staff, e.actingFor) ?? e.position ?? '', name: e.who ?? '—', action: parafActions[e.action]!, at: e.at,
    })),
    controlCard: card.map((c) => ({ step: c.step, role: c.role, receivedAt: c.receivedAt, actedAt: c.actedAt, by: c.actedBy, result: c.outcome ?? c.action })),
    printedAt: now,
  });
  return { pdf, fileName: `arsip-${row.tracking_code}.pdf` };
}
