// After the signing transaction has fixed the permit's number, its document is rendered,
// signed (locally, or by the certified provider, which can take seconds) and stored; then a
// short transaction records its hash. Run by a job, so no web request waits on a signature.
import type { Holder } from '../../domain/documents/holder.ts';
import { verificationUrl } from '../../domain/documents/links.ts';
import { officeSchema } from '../../domain/office/schema.ts';
import type { Db } from '../transaction.ts';
import type { PermitPdfInput } from '../../infra/documents/permit-pdf.ts';
import type { Signer, VisibleStamp } from '../../infra/signing/signer.ts';
import type { Storage } from '../../infra/storage/storage.ts';
import { pinnedDefinition } from '../workflow/case-state.ts';

export interface PermitDocumentDeps {
  render(input: PermitPdfInput): Promise<{ pdf: Uint8Array; stamp: VisibleStamp }>;
  signer: Signer;
  storage: Storage;
  publicUrl: string;
}

// Issued permits whose document is not made yet, oldest first.
export async function pendingPermitDocuments(db: Db, limit = 20): Promise<string[]> {
  const rows = await db.selectFrom('permits').select('id').where('status', '=', 'issued').where('document_hash', 'is', null).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function producePermitDocument(db: Db, deps: PermitDocumentDeps, permitId: string): Promise<{ hash: string } | null> {
  const p = await db.selectFrom('permits as p').innerJoin('cases as c', 'c.id', 'p.case_id').innerJoin('applicants as a', 'a.id', 'c.applicant_id')
    .innerJoin('offices as o', 'o.id', 'p.office_id').leftJoin('users as u', 'u.id', 'p.signed_by')
    .select(['p.id', 'p.case_id', 'p.number', 'p.verification_code', 'p.issued_at', 'p.document_hash', 'p.status', 'p.signatory_position', 'p.acting_for', 'p.signed_by',
      'c.office_id', 'c.service_slug', 'c.definition_version', 'a.kind as applicant_kind', 'a.name', 'a.nik', 'a.nib', 'a.company_name', 'a.address',
      'o.document as office_doc', 'u.display_name as signer_name'])
    .where('p.id', '=', permitId).executeTakeFirst();
  if (!p || p.document_hash !== null || p.status !== 'issued') return null;

  const def = await pinnedDefinition(db, p.office_id, p.service_slug, p.definition_version);
  const office = officeSchema.parse(p.office_doc);
  const position = await db.selectFrom('positions').select('name').where('office_id', '=', p.office_id).where('id', '=', p.signatory_position).executeTakeFirst();
  const recommendation = await db.selectFrom('audit_events').select('data').where('case_id', '=', p.case_id).where('action', '=', 'record-recommendation').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const conditions = (recommendation?.data as { recommendation?: { conditions?: string } } | undefined)?.recommendation?.conditions;
  const holder: Holder = p.applicant_kind === 'company'
    ? { kind: 'company', name: p.company_name ?? p.name, nib: p.nib ?? '', address: p.address ?? '-', responsiblePerson: p.name }
    : { kind: 'person', name: p.name, nik: p.nik ?? '', address: p.address ?? '-' };
  const positionName = `${position?.name ?? p.signatory_position} ${office.shortName}`;

  const { pdf, stamp } = await deps.render({
    definition: def, office, holder, number: p.number, issuedAt: p.issued_at,
    signatory: { name: p.signer_name ?? '-', position: positionName, acting: p.acting_for !== null },
    verificationUrl: verificationUrl(deps.publicUrl, p.verification_code),
    ...(conditions ? { conditions: conditions.split(/\n+/).map((c) => c.trim()).filter(Boolean) } : {}),
  });
  const signed = await deps.signer.sign(pdf, {
    signer: { id: p.signed_by ?? `office-${p.office_id}`, name: p.signer_name ?? office.name, position: positionName, office: office.name },
    reason: `Penerbitan ${def.permit.title} nomor ${p.number}`,
    location: office.city,
    signingTime: p.issued_at,
    timeZone: office.timeZone,
    visibleStamp: stamp,
  });
  const hash = await deps.storage.put(signed);
  const recorded = await db.transaction().execute(async (tx) => {
    // Another worker may have finished first: keep the first document, never overwrite it.
    // Nor document a permit revoked meanwhile (its case rejected or withdrawn).
    const updated = await tx.updateTable('permits').set({ document_hash: hash }).where('id', '=', p.id).where('document_hash', 'is', null)
      .where('status', '=', 'issued').returning('id').executeTakeFirst();
    if (!updated) return false;
    await tx.insertInto('case_documents').values({
      case_id: p.case_id, kind: 'permit', storage_key: hash, file_name: `izin-${p.number.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`,
      media_type: 'application/pdf', size_bytes: signed.byteLength, uploaded_by: null, uploaded_at: new Date(),
    }).execute();
    return true;
  });
  return recorded ? { hash } : null;
}
