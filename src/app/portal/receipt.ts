// The receipt (tanda terima) of an online application: what the page and the PDF show.
import type { ApplicationType } from '../../domain/definition/schema.ts';
import type { Holder } from '../../domain/documents/holder.ts';
import { trackingUrl } from '../../domain/documents/links.ts';
import type { ReceiptCompletion } from '../../infra/documents/receipt-pdf.ts';
import { renderReceiptPdf } from '../../infra/documents/receipt-pdf.ts';
import type { Db } from '../transaction.ts';
import type { Actor } from '../workflow/actor.ts';
import { getApplicantCase, type ApplicantCase } from './applicant-case.ts';

export const CLOCK_START_TEXT = {
  submission: { id: 'permohonan diterima', en: 'the application is received' },
  complete_file: { id: 'berkas dinyatakan lengkap', en: 'the file is found complete' },
  technical_recommendation: { id: 'rekomendasi teknis diterima', en: 'the technical recommendation is received' },
} as const;

export interface Receipt {
  ac: ApplicantCase;
  holder: Holder;
  documents: string[];
  completion: ReceiptCompletion;
  trackingUrl: string;
}

// A date when the clock runs; otherwise the rule, e.g. counted from the technical recommendation.
export function completionOf(ac: ApplicantCase): ReceiptCompletion {
  if (ac.view.clockStartedAt && ac.view.dueAt) return { kind: 'date', due: new Date(ac.view.dueAt) };
  const st = ac.def.serviceTime;
  return { kind: 'rule', text: `Waktu penyelesaian ${st.text}, dihitung sejak ${CLOCK_START_TEXT[st.clockStart].id}.` };
}

export async function getReceipt(db: Db, actor: Actor, caseId: string, publicUrl: string, now: Date): Promise<Receipt> {
  const ac = await getApplicantCase(db, actor, caseId, now);
  const a = await db.selectFrom('cases as c').innerJoin('applicants as a', 'a.id', 'c.applicant_id')
    .select(['a.kind', 'a.name', 'a.nik', 'a.nib', 'a.company_name', 'a.address']).where('c.id', '=', ac.view.id).executeTakeFirstOrThrow();
  const holder: Holder = a.kind === 'company'
    ? { kind: 'company', name: a.company_name ?? a.name, nib: a.nib ?? '-', address: a.address ?? '-', responsiblePerson: a.name }
    : { kind: 'person', name: a.name, nik: a.nik ?? '', address: a.address ?? '-' };
  const text = new Map(ac.def.requirements.map((r) => [r.id, r.text]));
  const documents = ac.files.map((f) => `${f.requirementId ? text.get(f.requirementId) ?? f.requirementId : f.fileName} (${f.fileName})`);
  return { ac, holder, documents, completion: completionOf(ac), trackingUrl: trackingUrl(publicUrl, ac.view.trackingCode) };
}

export async function receiptPdf(r: Receipt): Promise<Uint8Array> {
  return renderReceiptPdf({
    definition: r.ac.def, office: r.ac.office, trackingCode: r.ac.view.trackingCode, trackingUrl: r.trackingUrl, holder: r.holder,
    applicationType: r.ac.view.applicationType as ApplicationType, receivedAt: new Date(r.ac.view.submittedAt), documents: r.documents, completion: r.completion,
  });
}
