// The permit (surat izin) as an office issues it: letterhead, title and number, the legal basis
// from the Standar Pelayanan, the holder, the place of practice or business, the validity, the
// conditions of the technical recommendation, the place-and-date line and the signature block,
// with a QR code to the public verification page in the footer of every page (so each page of
// a longer permit can be checked on its own).
//
// The text is real text in embedded DejaVu Sans (searchable, selectable, read aloud); the title,
// author (the office), subject and language are set. Between the position and the name the block
// keeps an empty area for the signature and its visible stamp; renderPermitPdfWithLayout says
// where it is, for the signer.
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import { holderRows, type Holder } from '../../domain/documents/holder.ts';
import { localDateIn, placeAndDate } from '../../domain/documents/indonesian-date.ts';
import { permitValidity, validitySentence, type PermitValidity } from '../../domain/documents/validity.ts';
import type { Office } from '../../domain/office/schema.ts';
import {
  centred, closingAndSignature, contentLeft, contentWidth, continuationHeader, copiesTo, createFlow, ensure, fieldRows, finishDocument,
  footers, labelledList, letterhead, MM, numberedList, paragraph, PORTRAIT_SIZES, space, startDocument, titleBlock,
  type PageBox, type Paper, type Signatory, type TextStyle,
} from './layout.ts';

export type { Paper, PageBox, Signatory };
export type { Holder, PersonHolder, CompanyHolder } from '../../domain/documents/holder.ts';

export interface PermitPlace {
  // "Tempat praktik" for a person, "Tempat usaha" for a company when absent.
  label?: string;
  // e.g. "Laboratorium Klinik Sehat Bersama"
  name?: string;
  address: string;
}

export interface PermitPdfInput {
  // The definition the case was pinned to: permit title, legal basis, validity rule.
  definition: ServiceDefinition;
  // Letterhead, city of the place-and-date line, time zone of the dates.
  office: Office;
  holder: Holder;
  // From the numbering step; null prints a dotted line (a draft for paraf before numbering).
  number: string | null;
  // The instant of signature; its date on the office's wall clock is the issue date.
  issuedAt: Date;
  // When absent, computed from the definition's validity rule and the issue date.
  validity?: PermitValidity;
  // "Memperhatikan": the application, the technical recommendation, … (optional).
  considerations?: string[];
  // "Untuk": what the permit allows, e.g. "Menjalankan praktik sebagai Perekam Medis" (optional).
  purpose?: string;
  // The place of practice or business (optional).
  place?: PermitPlace;
  // "Dengan ketentuan": conditions from the technical recommendation (optional).
  conditions?: string[];
  signatory: Signatory;
  // {PUBLIC_URL}/verifikasi/{code}, encoded in the QR code.
  verificationUrl: string;
  // Tembusan (copies to), e.g. "Kepala Dinas Kesehatan Provinsi Kalimantan Timur" (optional).
  copiesTo?: string[];
  // A4 when absent.
  paper?: Paper;
}

export interface PermitLayout {
  paper: Paper;
  pageSize: { width: number; height: number };
  pages: number;
  // Where the signature and visible stamp go: PDF points, origin bottom left, 0-based page.
  stamp: PageBox;
  // The verification QR code on each page.
  qrCodes: PageBox[];
  issuedOn: string;
  validity: PermitValidity;
}

export const VERIFY_CAPTION = 'Pindai untuk memeriksa keaslian';
export const UNNUMBERED = '…………………………';
export const CORRECTION_CLAUSE =
  'Apabila di kemudian hari terdapat kekeliruan dalam surat izin ini, akan diadakan perbaikan sebagaimana mestinya.';

const MARGINS = { top: 15 * MM, right: 20 * MM, bottom: 12 * MM, left: 25 * MM };
const FOOTER = 27 * MM;
const BODY: TextStyle = { size: 10, leading: 13.5 };
const BASIS: TextStyle = { size: 9, leading: 11.8 };

export async function renderPermitPdf(input: PermitPdfInput): Promise<Uint8Array> {
  return (await renderPermitPdfWithLayout(input)).pdf;
}

export async function renderPermitPdfWithLayout(input: PermitPdfInput): Promise<{ pdf: Uint8Array; layout: PermitLayout }> {
  const { definition: def, office, holder } = input;
  const paper = input.paper ?? 'A4';
  if (!PORTRAIT_SIZES[paper]) throw new RangeError(`unknown paper "${String(paper)}" (A4 or F4)`);
  const issuedOn = localDateIn(input.issuedAt, office.timeZone);
  const validity = input.validity ?? permitValidity(def.permit.validity, issuedOn);
  const number = input.number?.trim() || UNNUMBERED;
  const title = def.permit.title.toLocaleUpperCase('id');

  const { doc, fonts } = await startDocument({
    title: `${def.permit.title} Nomor ${number}`,
    subject: `${def.permit.title} atas nama ${holder.name}, diterbitkan oleh ${office.name}`,
    author: office.name,
    keywords: [def.permit.title, number, office.shortName],
    date: input.issuedAt,
  });
  const f = createFlow(doc, fonts, paper, MARGINS, FOOTER);
  continuationHeader(f, `${title} · NOMOR: ${number}`);

  letterhead(f, office);
  titleBlock(f, title, [`NOMOR: ${number}`]);

  const column = { labelWidth: 30 * MM };
  labelledList(f, 'Dasar', def.standard.legalBasis, BASIS, { ...column, gap: 1 });
  if (input.considerations?.length) {
    space(f, 6);
    labelledList(f, 'Memperhatikan', input.considerations, BASIS, { ...column, gap: 1 });
  }

  space(f, 12);
  ensure(f, 6 * BODY.leading!);
  centred(f, 'MEMBERIKAN IZIN KEPADA:', { size: 10.5, bold: true, leading: 15 });
  space(f, 6);
  const rows = holderRows(holder);
  if (input.purpose) rows.push({ label: 'Untuk', value: input.purpose });
  if (input.place) {
    const label = input.place.label ?? (holder.kind === 'company' ? 'Tempat usaha' : 'Tempat praktik');
    rows.push({ label, value: [input.place.name, input.place.address].filter(Boolean).join(', ') });
  }
  fieldRows(f, rows, BODY, { x: contentLeft(f) + 8 * MM, labelWidth: 42 * MM });

  space(f, 10);
  paragraph(f, validitySentence(validity), BODY, { align: 'justify' });
  if (input.conditions?.length) {
    space(f, 6);
    ensure(f, 3 * BODY.leading!);
    paragraph(f, 'Dengan ketentuan:', BODY);
    numberedList(f, input.conditions, BODY, { x: contentLeft(f) + 2 * MM, gap: 1 });
  }
  const blockWidth = 82 * MM;
  space(f, 6);
  const stamp = closingAndSignature(f, CORRECTION_CLAUSE, BODY, {}, input.signatory, {
    placeDate: placeAndDate(office.city, issuedOn),
    x: contentLeft(f) + contentWidth(f) - blockWidth,
    width: blockWidth,
    stampHeight: 25 * MM,
    style: BODY,
  });
  copiesTo(f, input.copiesTo);

  const qrCodes = footers(f, { url: input.verificationUrl, caption: VERIFY_CAPTION });
  const pdf = await finishDocument(doc);
  return {
    pdf,
    layout: { paper, pageSize: { width: f.width, height: f.height }, pages: f.pages.length, stamp, qrCodes, issuedOn, validity },
  };
}
