// The surat pengantar to the technical agency (seed 004, steps 5–8: drafted by the back office,
// initialled by the Kabid, signed by the Kadis, carried to the Dinas Kesehatan): an official
// letter asking for the pertimbangan teknis on one application, addressed to the head of the unit
// that holds the definition's external role, with the application's documents attached.
//
// Until the letter is numbered its number line is a dotted blank, as on a draft for paraf.
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import { holderRows, type Holder } from '../../domain/documents/holder.ts';
import { indonesianDateOf, placeAndDate, localDateIn, spelledCount } from '../../domain/documents/indonesian-date.ts';
import { technicalAgency } from '../../domain/documents/technical-agency.ts';
import type { Office } from '../../domain/office/schema.ts';
import {
  closingAndSignature, contentLeft, contentWidth, continuationHeader, copiesTo, createFlow, drawTextLine, fieldRows, finishDocument, footers,
  hanging, letterhead, MM, numberedList, paragraph, space, startDocument,
  type Paper, type Signatory, type TextStyle,
} from './layout.ts';

export interface CoverLetterPdfInput {
  definition: ServiceDefinition;
  office: Office;
  holder: Holder;
  trackingCode: string;
  // When the application was received (its date is named in the letter).
  receivedAt: Date;
  // The letter's own number; null (before numbering) prints "Nomor : ………".
  number: string | null;
  // The letter's date.
  date: Date;
  // "Kepala <unit of the external role>" when absent; required for a service without one.
  addressee?: string;
  // The line after "di" (default "Tempat").
  addresseePlace?: string;
  // "Biasa" when absent; "Segera" for an urgent letter.
  urgency?: string;
  // The documents sent with the letter.
  attachments: string[];
  signatory: Signatory;
  copiesTo?: string[];
  paper?: Paper;
}

export const BLANK_NUMBER = '……………………………';

const MARGINS = { top: 15 * MM, right: 20 * MM, bottom: 12 * MM, left: 25 * MM };
const BODY: TextStyle = { size: 10, leading: 14 };

export function coverLetterSubject(def: ServiceDefinition): string {
  return `Permohonan Pertimbangan Teknis ${def.name}`;
}

export async function renderCoverLetterPdf(input: CoverLetterPdfInput): Promise<Uint8Array> {
  const { definition: def, office } = input;
  const agency = technicalAgency(def, office);
  const addressee = input.addressee ?? (agency ? `Kepala ${agency.unitName}` : null);
  if (!addressee) throw new RangeError(`service ${def.slug} has no external role with a unit in office ${office.id}: give the addressee`);
  const subject = coverLetterSubject(def);
  const number = input.number?.trim() || BLANK_NUMBER;

  const { doc, fonts } = await startDocument({
    title: `Surat Pengantar ${subject}`,
    subject: `${subject} atas nama ${input.holder.name}, kepada ${addressee}`,
    author: office.name,
    keywords: ['surat pengantar', 'pertimbangan teknis', def.name, input.trackingCode],
    date: input.date,
  });
  const f = createFlow(doc, fonts, input.paper ?? 'A4', MARGINS, 8 * MM);
  continuationHeader(f, `${subject} · ${input.trackingCode}`);
  letterhead(f, office);

  drawTextLine(f, placeAndDate(office.city, localDateIn(input.date, office.timeZone)), contentLeft(f), f.y, BODY, 'right', contentWidth(f));
  f.y += BODY.leading! + 4;
  fieldRows(f, [
    { label: 'Nomor', value: number },
    { label: 'Sifat', value: input.urgency ?? 'Biasa' },
    { label: 'Lampiran', value: input.attachments.length ? `${spelledCount(1)} berkas` : '-' },
    { label: 'Hal', value: subject, bold: true },
  ], BODY, { labelWidth: 22 * MM, width: contentWidth(f) * 0.7 });

  space(f, 12);
  hanging(f, [{ label: 'Yth.', text: addressee }], BODY, { labelWidth: 9 * MM, width: contentWidth(f) * 0.7 });
  hanging(f, [{ text: 'di' }, { text: input.addresseePlace ?? 'Tempat' }], BODY, { x: contentLeft(f) + 9 * MM, width: contentWidth(f) * 0.6 });
  const indent = contentLeft(f) + 9 * MM;
  const width = contentWidth(f) - 9 * MM;

  space(f, 12);
  paragraph(f, 'Dengan hormat,', BODY, { x: indent });
  space(f, 4);
  paragraph(
    f,
    `Bersama ini kami sampaikan bahwa ${office.name} telah menerima permohonan ${def.name} ` +
      `pada tanggal ${indonesianDateOf(input.receivedAt, office.timeZone)} dengan kode lacak ${input.trackingCode}, atas nama:`,
    BODY,
    { x: indent, width, align: 'justify' },
  );
  space(f, 4);
  fieldRows(f, holderRows(input.holder), BODY, { x: indent + 8 * MM, labelWidth: 40 * MM });
  space(f, 6);
  paragraph(
    f,
    'Sehubungan dengan hal tersebut, kami mohon Saudara berkenan memberikan pertimbangan teknis atas permohonan ' +
      `tersebut sebagai dasar penerbitan ${def.permit.title}.` +
      (input.attachments.length ? ' Sebagai bahan pertimbangan, bersama ini kami lampirkan:' : ''),
    BODY,
    { x: indent, width, align: 'justify' },
  );
  if (input.attachments.length) numberedList(f, input.attachments, BODY, { x: indent + 2 * MM, width: width - 2 * MM });

  const blockWidth = 82 * MM;
  space(f, 6);
  closingAndSignature(f, 'Demikian kami sampaikan. Atas perhatian dan kerja sama Saudara, kami ucapkan terima kasih.', BODY, { x: indent, width }, input.signatory, {
    x: contentLeft(f) + contentWidth(f) - blockWidth,
    width: blockWidth,
    stampHeight: 24 * MM,
    style: BODY,
  });
  copiesTo(f, input.copiesTo);

  footers(f);
  return finishDocument(doc);
}
