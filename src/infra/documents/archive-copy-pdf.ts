// The lembar arsip kept with the office's copy of a permit: the paraf sheet (who initialled,
// signed and numbered it, in which step, when) and the kartu kendali (each step: who received
// the file when, who acted when, with what result). Plain rows in; the caller takes them from
// the case's audit trail. Step titles, role names and outcome labels are looked up in the
// definition the case ran under, falling back to what the row says.
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import { holderRows, type Holder } from '../../domain/documents/holder.ts';
import { formatIndonesianDate, formatIndonesianDateTime, formatShortDateTime, localDateIn, zoneAbbreviation } from '../../domain/documents/indonesian-date.ts';
import type { Office } from '../../domain/office/schema.ts';
import {
  continuationHeader, createFlow, ensure, fieldRows, finishDocument, footers, letterhead, MM, paragraph, space, startDocument, table, titleBlock,
  type Column, type Paper, type TextStyle,
} from './layout.ts';

export type ParafAction = 'paraf' | 'tanda_tangan' | 'penomoran';

export interface ParafSheetRow {
  step: number;
  position: string;
  name: string;
  action: ParafAction;
  // An instant (Date or ISO string).
  at: Date | string;
}

export interface ControlCardSheetRow {
  step: number;
  // A role id of the definition, or a name.
  role: string;
  receivedAt: Date | string;
  actedAt: Date | string | null;
  by: string | null;
  // An outcome id of the step, or any text.
  result: string | null;
}

export interface ArchiveCopyPdfInput {
  definition: ServiceDefinition;
  office: Office;
  trackingCode: string;
  holder: Holder;
  permitNumber: string | null;
  issuedAt: Date | null;
  paraf: ParafSheetRow[];
  controlCard: ControlCardSheetRow[];
  // When the sheet is printed (named in the footer).
  printedAt: Date;
  paper?: Paper;
}

export const ACTION_LABELS: Readonly<Record<ParafAction, string>> = { paraf: 'Paraf', tanda_tangan: 'Tanda tangan', penomoran: 'Penomoran' };

// Steps without named outcomes end with the engine's action itself; the sheet says it in words.
const PLAIN_RESULTS: Readonly<Record<string, string>> = {
  complete: 'Selesai', paraf: 'Paraf', sign: 'Tanda tangan', number: 'Penomoran', handover: 'Diserahkan', cancelled: 'Dibatalkan',
};

const MARGINS = { top: 15 * MM, right: 15 * MM, bottom: 12 * MM, left: 20 * MM };
const BODY: TextStyle = { size: 10, leading: 13.5 };
const CELL: TextStyle = { size: 8, leading: 10 };

const instant = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

export async function renderArchiveCopyPdf(input: ArchiveCopyPdfInput): Promise<Uint8Array> {
  const { definition: def, office } = input;
  const zone = zoneAbbreviation(office.timeZone);
  const when = (v: Date | string | null) => (v === null ? '—' : formatShortDateTime(instant(v), office.timeZone));
  const stepLabel = (no: number) => {
    const step = def.steps.find((s) => s.no === no);
    return step ? `${no}. ${step.title}` : String(no);
  };
  const roleLabel = (role: string) => def.roles.find((r) => r.id === role)?.name ?? role;
  const resultLabel = (no: number, result: string | null) =>
    result === null ? '—' : (def.steps.find((s) => s.no === no)?.outcomes?.find((o) => o.id === result)?.label ?? PLAIN_RESULTS[result] ?? result);

  const { doc, fonts } = await startDocument({
    title: `Lembar Arsip ${def.name} ${input.trackingCode}`,
    subject: `Lembar paraf dan kartu kendali permohonan ${def.name} ${input.trackingCode}, ${office.name}`,
    author: office.name,
    keywords: ['arsip', 'lembar paraf', 'kartu kendali', def.name, input.trackingCode],
    date: input.printedAt,
  });
  const f = createFlow(doc, fonts, input.paper ?? 'A4', MARGINS, 8 * MM);
  continuationHeader(f, `LEMBAR ARSIP · ${def.name} · ${input.trackingCode}`);
  letterhead(f, office);
  titleBlock(f, 'Lembar Arsip', ['Lembar paraf dan kartu kendali']);

  fieldRows(f, [
    { label: 'Layanan', value: def.name, bold: true },
    { label: 'Kode lacak', value: input.trackingCode },
    ...holderRows(input.holder).map((r) => ({ ...r, bold: false })),
    { label: 'Nomor izin', value: input.permitNumber ?? '—' },
    { label: 'Tanggal izin', value: input.issuedAt ? formatIndonesianDate(localDateIn(input.issuedAt, office.timeZone)) : '—' },
  ], BODY, { labelWidth: 38 * MM });

  space(f, 12);
  ensure(f, 6 * BODY.leading!);
  paragraph(f, 'A. LEMBAR PARAF', { ...BODY, bold: true }, { spaceAfter: 4 });
  const parafColumns: Column[] = [
    { header: 'No', share: 4, align: 'center' },
    { header: 'Langkah', share: 20 },
    { header: 'Jabatan', share: 22 },
    { header: 'Nama', share: 18 },
    { header: 'Tindakan', share: 11 },
    { header: `Tanggal dan waktu (${zone})`, share: 16 },
  ];
  table(f, parafColumns, input.paraf.map((r, i) => [String(i + 1), stepLabel(r.step), r.position, r.name, ACTION_LABELS[r.action], when(r.at)]), CELL);
  if (input.paraf.length === 0) paragraph(f, 'Belum ada paraf.', { ...CELL, size: 9 });

  space(f, 14);
  ensure(f, 6 * BODY.leading!);
  paragraph(f, 'B. KARTU KENDALI', { ...BODY, bold: true }, { spaceAfter: 4 });
  const cardColumns: Column[] = [
    { header: 'Langkah', share: 20 },
    { header: 'Peran', share: 15 },
    { header: `Diterima (${zone})`, share: 14 },
    { header: `Ditindaklanjuti (${zone})`, share: 15 },
    { header: 'Oleh', share: 15 },
    { header: 'Hasil', share: 17 },
  ];
  table(f, cardColumns, input.controlCard.map((r) => [stepLabel(r.step), roleLabel(r.role), when(r.receivedAt), when(r.actedAt), r.by ?? '—', resultLabel(r.step, r.result)]), CELL);

  footers(f, undefined, `Dicetak ${formatIndonesianDateTime(input.printedAt, office.timeZone)}`);
  return finishDocument(doc);
}
