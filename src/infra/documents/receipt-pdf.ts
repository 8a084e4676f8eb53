// The tanda terima berkas: what the applicant takes home (or downloads) when the office accepts
// an application. The tracking code is the largest thing on the page, with a QR code to the
// public tracking page beside it; then the service, when it was received (on the office's clock,
// "Senin, 9 Maret 2026 pukul 10.00 WITA"), the documents received and the promised completion —
// a date, or the rule when the clock only starts later (on receipt of the technical
// recommendation).
import type { ApplicationType, ServiceDefinition } from '../../domain/definition/schema.ts';
import { holderRows, type Holder } from '../../domain/documents/holder.ts';
import { formatIndonesianDateTime, formatIndonesianDayDate, localDateIn } from '../../domain/documents/indonesian-date.ts';
import type { Office } from '../../domain/office/schema.ts';
import {
  boxAt, contentLeft, contentWidth, createFlow, drawQrCode, drawTextLine, ensure, fieldRows, finishDocument, footers, GREY,
  letterhead, MM, numberedList, paragraph, signatureBlock, space, startDocument, titleBlock, wrapBalanced,
  type Paper, type Signatory, type TextStyle,
} from './layout.ts';

export type ReceiptCompletion =
  // The clock runs from the receipt: the date the permit is promised for.
  | { kind: 'date'; due: Date }
  // The clock starts later (e.g. on the technical recommendation): the rule, the definition's
  // serviceTime.text when absent.
  | { kind: 'rule'; text?: string };

export interface ReceiptPdfInput {
  definition: ServiceDefinition;
  office: Office;
  trackingCode: string;
  // {PUBLIC_URL}/lacak/{trackingCode}, encoded in the QR code.
  trackingUrl: string;
  holder: Holder;
  applicationType?: ApplicationType;
  receivedAt: Date;
  // The documents received, as listed on the checklist.
  documents: string[];
  completion: ReceiptCompletion;
  // The officer at the counter; an online application has none and says so instead.
  receivedBy?: Signatory;
  paper?: Paper;
}

export const TRACK_CAPTION = 'Pindai untuk melacak status permohonan';

const MARGINS = { top: 15 * MM, right: 20 * MM, bottom: 12 * MM, left: 25 * MM };
const BODY: TextStyle = { size: 10, leading: 13.5 };
const TYPE_LABELS: Record<ApplicationType, string> = { baru: 'Baru', perpanjangan: 'Perpanjangan', perubahan: 'Perubahan' };

export async function renderReceiptPdf(input: ReceiptPdfInput): Promise<Uint8Array> {
  const { definition: def, office } = input;
  const paper = input.paper ?? 'A4';
  const { doc, fonts } = await startDocument({
    title: `Tanda Terima Berkas ${def.name} ${input.trackingCode}`,
    subject: `Tanda terima berkas permohonan ${def.name}, ${office.name}`,
    author: office.name,
    keywords: ['tanda terima', def.name, input.trackingCode],
    date: input.receivedAt,
  });
  const f = createFlow(doc, fonts, paper, MARGINS, 8 * MM);
  letterhead(f, office);
  titleBlock(f, 'Tanda Terima Berkas Permohonan', [], 10);

  // The code in a box on the left, the QR code on the right with its caption under it.
  const qrSize = 32 * MM;
  const boxW = contentWidth(f) - qrSize - 8 * MM;
  const boxH = qrSize + 7 * MM;
  const top = f.y;
  boxAt(f, contentLeft(f), top, boxW, boxH, { border: 1.2 });
  drawTextLine(f, 'KODE LACAK', contentLeft(f), top + 5 * MM, { size: 9, bold: true, color: GREY }, 'center', boxW);
  drawTextLine(f, input.trackingCode, contentLeft(f), top + 11 * MM, { size: 30, bold: true, leading: 36 }, 'center', boxW);
  const note: TextStyle = { size: 7.5, leading: 9.5, color: GREY };
  drawTextLine(f, 'Lacak status permohonan dengan kode ini di', contentLeft(f), top + boxH - 11 * MM, note, 'center', boxW);
  drawTextLine(f, input.trackingUrl, contentLeft(f), top + boxH - 11 * MM + note.leading!, note, 'center', boxW);
  const qrX = contentLeft(f) + contentWidth(f) - qrSize + 2 * MM;
  drawQrCode(f.page, input.trackingUrl, qrX, f.height - top - qrSize, qrSize);
  const caption: TextStyle = { size: 7.5, bold: true, leading: 9.5 };
  f.y = top + qrSize;
  for (const line of wrapBalanced(TRACK_CAPTION, fonts.bold, caption.size, qrSize - 4 * MM)) {
    drawTextLine(f, line, qrX, f.y, caption, 'center', qrSize);
    f.y += caption.leading!;
  }
  f.y = Math.max(f.y, top + boxH) + 14;

  const rows = [
    { label: 'Layanan', value: def.name, bold: true },
    ...(input.applicationType ? [{ label: 'Jenis permohonan', value: TYPE_LABELS[input.applicationType] }] : []),
    ...holderRows(input.holder).map((r) => ({ ...r, bold: false })),
    { label: 'Diterima', value: formatIndonesianDateTime(input.receivedAt, office.timeZone) },
    ...(input.receivedBy ? [{ label: 'Diterima oleh', value: `${input.receivedBy.name}, ${input.receivedBy.position}` }] : []),
  ];
  fieldRows(f, rows, BODY, { labelWidth: 42 * MM });

  space(f, 10);
  ensure(f, 3 * BODY.leading!);
  paragraph(f, 'Berkas yang diterima:', { ...BODY, bold: true });
  numberedList(f, input.documents.length ? input.documents : ['—'], BODY, { x: contentLeft(f) + 2 * MM, gap: 0.5 });

  space(f, 10);
  ensure(f, 4 * BODY.leading!);
  paragraph(f, 'Janji penyelesaian:', { ...BODY, bold: true });
  const c = input.completion;
  if (c.kind === 'date') {
    paragraph(f, `Izin selesai paling lambat ${formatIndonesianDayDate(localDateIn(c.due, office.timeZone))}.`, BODY);
    paragraph(f, `Waktu penyelesaian: ${def.serviceTime.text}`, { ...BODY, size: 8.5, leading: 11.5, color: GREY }, { align: 'justify' });
  } else {
    paragraph(f, c.text ?? def.serviceTime.text, BODY, { align: 'justify' });
    paragraph(f, 'Tanggal selesai diberitahukan setelah waktu penyelesaian mulai dihitung.', { ...BODY, size: 8.5, leading: 11.5, color: GREY });
  }
  space(f, 6);
  paragraph(f, `Biaya: ${def.standard.fee.text}`, BODY, { align: 'justify' });

  space(f, 14);
  if (input.receivedBy) {
    const width = 70 * MM;
    signatureBlock(f, input.receivedBy, {
      x: contentLeft(f) + contentWidth(f) - width,
      width,
      stampHeight: 20 * MM,
      style: BODY,
    });
  } else {
    paragraph(f, 'Tanda terima ini dibuat secara elektronik dan sah tanpa tanda tangan.', { size: 8.5, leading: 11.5, color: GREY });
  }
  space(f, 8);
  paragraph(f, 'Simpan tanda terima ini dan tunjukkan ketika mengambil izin.', { size: 8.5, leading: 11.5, color: GREY });

  footers(f, undefined, office.name);
  return finishDocument(doc);
}
