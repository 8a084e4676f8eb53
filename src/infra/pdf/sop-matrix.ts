// The SOP AP document of a service (PermenPANRB 35/2012), generated from its definition so it
// can never drift from what the system runs: the identity page(s) (letterhead, number, dates,
// approval, legal basis, qualifications, related SOPs, equipment, warnings, records) and the
// matrix — No, Kegiatan, one column per actor with the flowchart symbols, Mutu Baku
// (Kelengkapan, Waktu, Output) and Keterangan — on landscape A4 or F4 paper.
//
// Everything is laid out in points with y growing downwards from the top of the page; the
// drawing helpers turn that into PDF coordinates. The output is deterministic: fixed font
// names, no dates in the metadata, and pdf-lib's random resource names replaced by a counter.
import { PDFDocument, popGraphicsState, pushGraphicsState, rgb, setCharacterSqueeze, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import { exitsOf } from '../../domain/definition/flow.ts';
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import type { Office } from '../../domain/office/schema.ts';
import { embedDejaVuSans, type DocumentFonts } from './fonts.ts';

export type Paper = 'A4' | 'F4';

export interface SopPdfOptions {
  paper: Paper;
}

const MM = 72 / 25.4;

// Landscape sizes in points: A4 297 × 210 mm, F4 (folio) 330 × 215 mm.
export const PAPER_SIZES: Readonly<Record<Paper, { width: number; height: number }>> = {
  A4: { width: 297 * MM, height: 210 * MM },
  F4: { width: 330 * MM, height: 215 * MM },
};

export type SymbolShape = 'terminator' | 'activity' | 'decision';

// What was drawn, counted while drawing: for tests and for anyone checking a document.
export interface SopLayout {
  paper: Paper;
  pageSize: { width: number; height: number };
  pages: number;
  identityPages: number;
  matrixPages: number;
  appendixPages: number;
  decisions: number;
  activities: number;
  terminators: number;
  connectors: number;
  arrows: number;
  endMarkers: number;
  symbols: { step: number; shape: SymbolShape; actor: string; page: number }[];
  connectorMarks: { letter: string; page: number; band: 'top' | 'bottom'; direction: 'out' | 'in' }[];
  // Each arrow from a step (or an incoming connector) to a step, an outgoing connector or an
  // end marker; `from`/`to` are step numbers or connector letters.
  arrowMarks: { page: number; from: number | string; to: number | string; label: string | null }[];
  // Where each step's row sits (top-down, in points): rows are never split across pages.
  rows: { step: number; page: number; top: number; bottom: number }[];
  // The lowest point the table may reach on a matrix page (above the footer).
  bodyBottom: number;
  // Steps whose row text was too long for a page and was continued in the appendix.
  truncatedSteps: number[];
}

export async function renderSopPdf(def: ServiceDefinition, office: Office, options: SopPdfOptions): Promise<Uint8Array> {
  return (await renderSopPdfWithLayout(def, office, options)).pdf;
}

export async function renderSopPdfWithLayout(
  def: ServiceDefinition,
  office: Office,
  options: SopPdfOptions,
): Promise<{ pdf: Uint8Array; layout: SopLayout }> {
  const size = PAPER_SIZES[options.paper];
  if (!size) throw new Error(`unknown paper ${String(options.paper)}`);
  const doc = await PDFDocument.create({ updateMetadata: false });
  let suffix = 0;
  doc.context.addRandomSuffix = (prefix: string) => `${prefix}-${++suffix}`;
  const fonts = await embedDejaVuSans(doc);
  const code = def.documentControl.code ?? '—';
  doc.setTitle(`SOP ${def.name}`);
  doc.setSubject(`Standar Operasional Prosedur ${def.name}, ${office.name}`);
  doc.setAuthor(office.name);
  doc.setKeywords(['SOP', 'PermenPANRB 35/2012', code]);
  doc.setCreator('satupintu');
  doc.setProducer('satupintu');
  doc.setLanguage('id-ID');

  const ctx: Ctx = { doc, fonts, def, office, size, code, sheets: [] };
  const layout: SopLayout = {
    paper: options.paper, pageSize: { ...size }, pages: 0, identityPages: 0, matrixPages: 0, appendixPages: 0,
    decisions: 0, activities: 0, terminators: 0, connectors: 0, arrows: 0, endMarkers: 0,
    symbols: [], connectorMarks: [], arrowMarks: [], rows: [], bodyBottom: 0, truncatedSteps: [],
  };

  drawIdentity(ctx);
  layout.identityPages = ctx.sheets.length;
  const appendix = drawMatrix(ctx, layout);
  layout.matrixPages = ctx.sheets.length - layout.identityPages;
  if (appendix.length > 0) drawAppendix(ctx, appendix);
  layout.appendixPages = ctx.sheets.length - layout.identityPages - layout.matrixPages;
  layout.pages = ctx.sheets.length;
  drawFooters(ctx);

  const pdf = await doc.save({ useObjectStreams: false });
  return { pdf, layout };
}

// ---------------------------------------------------------------------------------------------
// Text: measuring, wrapping, lines

const widthCache = new WeakMap<PDFFont, Map<string, number>>();

// Width of a text at a size, cached per font for the words a document repeats.
export function textWidth(font: PDFFont, text: string, size: number): number {
  let cache = widthCache.get(font);
  if (!cache) widthCache.set(font, (cache = new Map()));
  let unit = cache.get(text);
  if (unit === undefined) {
    unit = font.widthOfTextAtSize(text, 1000) / 1000;
    if (cache.size < 20_000) cache.set(text, unit);
  }
  return unit * size;
}

export interface WrappedLine {
  text: string;
  // Left offset of the line: continuation lines of an item ("a. …", "1. …", "- …") hang
  // under the item's text rather than under its marker.
  indent: number;
}

const ITEM_MARKER = /^(?:[-–•*]|[a-z]\.(?:\d+\.)?|\d+[.)])$/i;
const BREAK_AFTER = new Set(['-', '/', '.', ',', '_', ':', ';', ')']);

// Greedy word wrap. Paragraphs (lines of the text) stay lines; a word wider than the line is
// broken, after a hyphen, slash or dot of its own where there is one, else with a hyphen added.
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): WrappedLine[] {
  const out: WrappedLine[] = [];
  const space = textWidth(font, ' ', size);
  const width = Math.max(maxWidth, size);
  for (const paragraph of text.replace(/\r/g, '').trim().split('\n')) {
    const words = paragraph.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) {
      out.push({ text: '', indent: 0 });
      continue;
    }
    let hang = words.length > 1 && ITEM_MARKER.test(words[0]!) ? textWidth(font, `${words[0]} `, size) : 0;
    if (hang > width / 3) hang = 0;
    let line: string[] = [];
    let lineWidth = 0;
    let indent = 0;
    const avail = () => width - indent;
    const flush = () => {
      out.push({ text: line.join(' '), indent });
      line = [];
      lineWidth = 0;
      indent = hang;
    };
    for (const word of words) {
      const w = textWidth(font, word, size);
      const need = line.length > 0 ? lineWidth + space + w : w;
      if (need <= avail() + 0.01) {
        line.push(word);
        lineWidth = need;
        continue;
      }
      if (line.length > 0) flush();
      let rest = word;
      while (textWidth(font, rest, size) > avail() + 0.01) {
        const [head, tail] = splitWord(rest, font, size, avail());
        line.push(head);
        flush();
        rest = tail;
      }
      if (rest === '') continue;
      line.push(rest);
      lineWidth = textWidth(font, rest, size);
    }
    if (line.length > 0) flush();
  }
  return out;
}

function splitWord(word: string, font: PDFFont, size: number, avail: number): [string, string] {
  const chars = Array.from(word);
  const piece = (k: number) => {
    const head = chars.slice(0, k).join('');
    return BREAK_AFTER.has(chars[k - 1]!) ? head : `${head}-`;
  };
  let k = 1;
  while (k + 1 < chars.length && font.widthOfTextAtSize(piece(k + 1), size) <= avail) k++;
  // Prefer breaking after the word's own punctuation when that keeps most of the line.
  for (let j = k; j > Math.max(1, Math.floor(k / 2)); j--) {
    if (BREAK_AFTER.has(chars[j - 1]!)) {
      k = j;
      break;
    }
  }
  return [piece(k), chars.slice(k).join('')];
}

const LEAD = 1.22;

interface TextLine {
  text: string;
  dx: number;
  font: PDFFont;
  size: number;
  lead: number;
  marker?: string;
  markerDx?: number;
  align?: 'left' | 'center';
  color?: Color;
  underline?: boolean;
  // Horizontal scale of the glyphs (1 = normal), for names in narrow columns.
  squeeze?: number;
}

const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const LIGHT = rgb(0.62, 0.62, 0.62);
const HEADER_FILL = rgb(0.87, 0.87, 0.87);
const WHITE = rgb(1, 1, 1);
const DASH = '—';

function para(text: string, font: PDFFont, size: number, width: number, extra: Partial<TextLine> = {}): TextLine[] {
  const dx = extra.dx ?? 0;
  return wrapText(text, font, size, width - dx).map((l) => ({ ...extra, text: l.text, dx: dx + l.indent, font, size, lead: size * LEAD }));
}

// A list, numbered when it has more than one item; an empty list is a dash.
function list(items: readonly string[], font: PDFFont, size: number, width: number, dx = 0): TextLine[] {
  if (items.length === 0) return para(DASH, font, size, width, { dx });
  if (items.length === 1) return para(items[0]!, font, size, width, { dx });
  const markerWidth = textWidth(font, `${items.length}. `, size);
  return items.flatMap((item, i) => {
    const lines = para(item, font, size, width, { dx: dx + markerWidth });
    if (lines[0]) Object.assign(lines[0], { marker: `${i + 1}.`, markerDx: dx });
    return lines;
  });
}

// A name for a narrow column: set a little smaller and its glyphs narrowed (down to 62 %) so
// that its longest word fits unbroken, then wrapped and centred.
function narrowPara(text: string, font: PDFFont, size: number, width: number): TextLine[] {
  const widest = Math.max(...text.split(/\s+/).map((w) => textWidth(font, w, 1)));
  const fitted = Math.max(size * 0.8, Math.min(size, width / (widest * 0.72)));
  const squeeze = Math.max(0.62, Math.min(1, width / (widest * fitted)));
  return para(text, font, fitted, width / squeeze, { align: 'center', squeeze });
}

function gap(font: PDFFont, height: number): TextLine {
  return { text: '', dx: 0, font, size: 0, lead: height };
}

const heightOf = (lines: readonly TextLine[]) => lines.reduce((h, l) => h + l.lead, 0);

// ---------------------------------------------------------------------------------------------
// Pages and drawing, in top-down coordinates

interface Ctx {
  doc: PDFDocument;
  fonts: DocumentFonts;
  def: ServiceDefinition;
  office: Office;
  size: { width: number; height: number };
  code: string;
  sheets: Sheet[];
}

interface Sheet {
  page: PDFPage;
  w: number;
  h: number;
}

interface Pt {
  x: number;
  y: number;
}

const MARGIN_X = 10 * MM;
const MARGIN_TOP = 9 * MM;
const FOOTER_SPACE = 11 * MM;

function newSheet(ctx: Ctx): Sheet {
  const page = ctx.doc.addPage([ctx.size.width, ctx.size.height]);
  const sheet = { page, w: ctx.size.width, h: ctx.size.height };
  ctx.sheets.push(sheet);
  return sheet;
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

function drawLine(s: Sheet, a: Pt, b: Pt, thickness = 0.5, color: Color = INK) {
  s.page.drawLine({ start: { x: a.x, y: s.h - a.y }, end: { x: b.x, y: s.h - b.y }, thickness, color });
}

function drawRect(s: Sheet, x: number, y: number, w: number, h: number, style: { fill?: Color; stroke?: Color; thickness?: number }) {
  s.page.drawRectangle({
    x, y: s.h - y - h, width: w, height: h,
    color: style.fill, borderColor: style.stroke, borderWidth: style.stroke ? (style.thickness ?? 0.5) : 0,
  });
}

// An SVG path given in page coordinates with y downwards, which is SVG's own convention.
function drawPath(s: Sheet, d: string, style: { fill?: Color; stroke?: Color; thickness?: number }) {
  s.page.drawSvgPath(d, { x: 0, y: s.h, color: style.fill, borderColor: style.stroke, borderWidth: style.stroke ? (style.thickness ?? 0.6) : 0 });
}

function drawText(s: Sheet, text: string, x: number, baseline: number, font: PDFFont, size: number, color: Color = INK, squeeze = 1) {
  if (text === '') return;
  if (squeeze !== 1) s.page.pushOperators(pushGraphicsState(), setCharacterSqueeze(Math.round(squeeze * 100)));
  s.page.drawText(text, { x, y: s.h - baseline, font, size, color });
  if (squeeze !== 1) s.page.pushOperators(popGraphicsState());
}

// Draws lines from a top edge; returns the height used.
function drawLines(s: Sheet, lines: readonly TextLine[], x: number, top: number, width: number): number {
  let y = top;
  for (const l of lines) {
    const baseline = y + l.size * 0.98 + (l.lead - l.size * LEAD) / 2;
    const color = l.color ?? INK;
    if (l.marker) drawText(s, l.marker, x + (l.markerDx ?? 0), baseline, l.font, l.size, color);
    if (l.text !== '') {
      const w = textWidth(l.font, l.text, l.size) * (l.squeeze ?? 1);
      const lx = l.align === 'center' ? x + (width - w) / 2 : x + l.dx;
      drawText(s, l.text, lx, baseline, l.font, l.size, color, l.squeeze);
      if (l.underline) drawLine(s, { x: lx, y: baseline + l.size * 0.15 }, { x: lx + w, y: baseline + l.size * 0.15 }, 0.5, color);
    }
    y += l.lead;
  }
  return y - top;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

// "2017-06-07" → "7 Juni 2017"; absent → "—".
export function formatIndonesianDate(iso: string | undefined): string {
  if (!iso) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

function pageTitle(ctx: Ctx, s: Sheet, title: string): number {
  const { bold, regular } = ctx.fonts;
  const y = MARGIN_TOP;
  const right = `${ctx.office.shortName} · Nomor SOP: ${ctx.code}`;
  const rightW = textWidth(regular, right, 7.5);
  drawText(s, fitText(title, bold, 8.5, s.w - 2 * MARGIN_X - rightW - 12), MARGIN_X, y + 8, bold, 8.5);
  drawText(s, right, s.w - MARGIN_X - rightW, y + 8, regular, 7.5, GREY);
  return y + 15;
}

function drawFooters(ctx: Ctx) {
  const { regular } = ctx.fonts;
  const total = ctx.sheets.length;
  ctx.sheets.forEach((s, i) => {
    const y = s.h - FOOTER_SPACE + 14;
    drawLine(s, { x: MARGIN_X, y: y - 9 }, { x: s.w - MARGIN_X, y: y - 9 }, 0.4, LIGHT);
    const left = `Nomor SOP: ${ctx.code} · SOP ${ctx.def.name}`;
    const maxLeft = s.w - 2 * MARGIN_X - 90;
    const shown = fitText(left, regular, 7, maxLeft);
    drawText(s, shown, MARGIN_X, y, regular, 7, GREY);
    const right = `Halaman ${i + 1} dari ${total}`;
    drawText(s, right, s.w - MARGIN_X - textWidth(regular, right, 7), y, regular, 7, INK);
  });
}

function fitText(text: string, font: PDFFont, size: number, width: number): string {
  if (textWidth(font, text, size) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && font.widthOfTextAtSize(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------
// Identity page(s): the SOP AP cover of PermenPANRB 35/2012

interface GridCell {
  label: string;
  lines: TextLine[];
}

function drawIdentity(ctx: Ctx) {
  const { def, office, fonts } = ctx;
  const { regular, bold } = fonts;
  const dc = def.documentControl;
  const s = newSheet(ctx);
  const x0 = MARGIN_X;
  const W = s.w - 2 * MARGIN_X;
  const y0 = MARGIN_TOP;

  // Left: the letterhead. Right: number, dates, approval and name of the SOP.
  const leftW = W * 0.42;
  const rightW = W - leftW;
  const labelW = 112;
  const valueW = rightW - labelW;
  const pad = 5;
  const vs = 8.5;
  const approval: TextLine[] = [];
  if (dc.approvedBy?.position || dc.approvedBy?.name) {
    approval.push(...para(dc.approvedBy.position ?? DASH, bold, vs, valueW - 2 * pad));
    approval.push(gap(regular, 30));
    approval.push(...para(dc.approvedBy.name ?? DASH, bold, vs, valueW - 2 * pad, { underline: true }));
    if (dc.approvedBy.date) approval.push(...para(`Tanggal ${formatIndonesianDate(dc.approvedBy.date)}`, regular, 7.5, valueW - 2 * pad, { color: GREY }));
  } else approval.push(...para(DASH, regular, vs, valueW - 2 * pad));
  const revised = formatIndonesianDate(dc.revisedOn) + (dc.revision ? ` (revisi ${dc.revision})` : '');
  const kv: { label: string; value: TextLine[] }[] = [
    { label: 'Nomor SOP', value: para(ctx.code, bold, vs, valueW - 2 * pad) },
    { label: 'Tanggal Pembuatan', value: para(formatIndonesianDate(dc.madeOn), regular, vs, valueW - 2 * pad) },
    { label: 'Tanggal Revisi', value: para(revised, regular, vs, valueW - 2 * pad) },
    { label: 'Tanggal Efektif', value: para(formatIndonesianDate(dc.effectiveOn), regular, vs, valueW - 2 * pad) },
    { label: 'Disahkan oleh', value: approval },
    { label: 'Nama SOP', value: para(def.name, bold, 10, valueW - 2 * pad) },
  ];
  const kvRows = kv.map((r) => {
    const label = para(r.label, bold, vs, labelW - 2 * pad);
    return { label, value: r.value, h: Math.max(heightOf(label), heightOf(r.value)) + 2 * pad };
  });
  const rightH = kvRows.reduce((h, r) => h + r.h, 0);
  const lh = office.letterhead;
  const letter: TextLine[] = [
    ...para(lh.government, bold, 11, leftW - 30, { align: 'center' }),
    gap(regular, 3),
    ...para(lh.agency, bold, 12.5, leftW - 30, { align: 'center' }),
    gap(regular, 5),
    ...para(lh.addressLine, regular, 8, leftW - 30, { align: 'center' }),
  ];
  const topH = Math.max(rightH, heightOf(letter) + 24);
  drawRect(s, x0, y0, W, topH, { stroke: INK, thickness: 0.8 });
  drawLine(s, { x: x0 + leftW, y: y0 }, { x: x0 + leftW, y: y0 + topH }, 0.8);
  drawLines(s, letter, x0 + 15, y0 + (topH - heightOf(letter)) / 2, leftW - 30);
  let ry = y0;
  kvRows.forEach((r, i) => {
    const h = i === kvRows.length - 1 ? y0 + topH - ry : r.h;
    drawRect(s, x0 + leftW, ry, labelW, h, { fill: HEADER_FILL });
    drawLines(s, r.label, x0 + leftW + pad, ry + pad, labelW - 2 * pad);
    drawLines(s, r.value, x0 + leftW + labelW + pad, ry + pad, valueW - 2 * pad);
    if (i > 0) drawLine(s, { x: x0 + leftW, y: ry }, { x: x0 + W, y: ry }, 0.5);
    ry += h;
  });
  drawLine(s, { x: x0 + leftW + labelW, y: y0 }, { x: x0 + leftW + labelW, y: y0 + topH }, 0.5);
  drawRect(s, x0, y0, W, topH, { stroke: INK, thickness: 0.8 });

  // Below: the six boxes of the cover, two by two.
  const st = def.standard;
  const colW = W / 2;
  const cs = 8;
  const inner = colW - 2 * pad;
  const qualifications: TextLine[] = st.staffQualifications.length > 0
    ? list(st.staffQualifications, regular, cs, inner)
    : st.staffCompetence.length === 0
      ? list([], regular, cs, inner)
      : st.staffCompetence.flatMap((g, i) => [
        ...(i > 0 ? [gap(regular, 3)] : []),
        ...(g.group ? para(g.group, bold, cs, inner) : []),
        ...list(g.items, regular, cs, inner),
      ]);
  const grid: [GridCell, GridCell][] = [
    [
      { label: 'Dasar Hukum:', lines: list(st.legalBasis, regular, cs, inner) },
      { label: 'Kualifikasi Pelaksana:', lines: qualifications },
    ],
    [
      { label: 'Keterkaitan:', lines: list(st.relatedSops.map((r) => (r.code ? `${r.title} (${r.code})` : r.title)), regular, cs, inner) },
      { label: 'Peralatan/Perlengkapan:', lines: list(st.equipment.length > 0 ? st.equipment : st.facilities, regular, cs, inner) },
    ],
    [
      { label: 'Peringatan:', lines: list(st.warnings, regular, cs, inner) },
      { label: 'Pencatatan dan Pendataan:', lines: list(st.records, regular, cs, inner) },
    ],
  ];
  let sheet = s;
  let y = y0 + topH + 8;
  const bottom = () => sheet.h - FOOTER_SPACE - 4;
  const continuation = () => {
    sheet = newSheet(ctx);
    y = pageTitle(ctx, sheet, `STANDAR OPERASIONAL PROSEDUR · ${def.name.toUpperCase()} (lanjutan)`) + 4;
  };
  for (const row of grid) {
    let cells = row.map((c) => [...para(c.label, bold, cs + 0.5, inner), gap(regular, 2), ...c.lines]);
    let first = true;
    for (;;) {
      const need = Math.max(...cells.map(heightOf)) + 2 * pad;
      const avail = bottom() - y;
      if (need <= avail) {
        drawGridRow(sheet, cells, x0, y, colW, need, pad);
        y += need;
        break;
      }
      // Split the row at line boundaries when a good part of it fits; else start a new page.
      if (avail < 60 || (first && need <= bottom() - (MARGIN_TOP + 19) && avail < need * 0.4)) {
        continuation();
        first = false;
        continue;
      }
      const taken = cells.map((c) => takeLines(c, avail - 2 * pad));
      drawGridRow(sheet, taken.map((t) => t[0]), x0, y, colW, avail, pad);
      cells = taken.map((t, i) => (t[1].length > 0 ? [...para(`${row[i]!.label.replace(/:$/, '')} (lanjutan):`, bold, cs + 0.5, inner), gap(regular, 2), ...t[1]] : []));
      continuation();
      first = false;
    }
  }
}

function takeLines(lines: TextLine[], height: number): [TextLine[], TextLine[]] {
  let h = 0;
  let k = 0;
  while (k < lines.length && h + lines[k]!.lead <= height) h += lines[k++]!.lead;
  return [lines.slice(0, k), lines.slice(k)];
}

function drawGridRow(s: Sheet, cells: TextLine[][], x0: number, y: number, colW: number, h: number, pad: number) {
  cells.forEach((c, i) => {
    drawRect(s, x0 + i * colW, y, colW, h, { stroke: INK, thickness: 0.6 });
    drawLines(s, c, x0 + i * colW + pad, y + pad, colW - 2 * pad);
  });
}

// ---------------------------------------------------------------------------------------------
// The flow: which symbol each step gets, and the arrows between steps

interface FlowEdge {
  from: number; // step index
  to: number | null; // step index, or null for an end of the case
  end?: 'completed' | 'rejected';
  label: string | null;
  order: number;
}

function symbolShapes(def: ServiceDefinition): SymbolShape[] {
  return def.steps.map((step, i) => {
    if ((step.outcomes?.length ?? 0) >= 2) return 'decision';
    const allEnd = exitsOf(def, i).every((e) => e.target.kind === 'end');
    return i === 0 || allEnd ? 'terminator' : 'activity';
  });
}

function flowEdges(def: ServiceDefinition, shapes: SymbolShape[]): FlowEdge[] {
  const index = new Map(def.steps.map((s, i) => [s.no, i]));
  const applicants = new Set(def.roles.filter((r) => r.kind === 'applicant').map((r) => r.id));
  const edges: FlowEdge[] = [];
  def.steps.forEach((_, i) => {
    const exits = exitsOf(def, i);
    if (shapes[i] !== 'decision' && exits.every((e) => e.target.kind === 'end')) return;
    const groups = new Map<string, FlowEdge & { labels: string[] }>();
    for (const e of exits) {
      let to: number | null = null;
      let end: 'completed' | 'rejected' | undefined;
      let label = e.label;
      if (e.target.kind === 'step') to = index.get(e.target.step) ?? null;
      else if (e.target.kind === 'applicant') {
        // Back to the applicant: the arrow returns to the applicant's own step at or before the
        // step the case resumes at (where the file is handed in again), else to that step.
        const resume = index.get(e.target.resumeAt) ?? i;
        to = resume;
        for (let k = Math.min(resume, i); k >= 0; k--) {
          if (applicants.has(def.steps[k]!.actor)) {
            to = k;
            break;
          }
        }
        label ??= 'dikembalikan ke pemohon';
      } else end = e.target.end;
      if (to === null && end === undefined) continue;
      const key = to !== null ? `s${to}` : `e${end}`;
      const g = groups.get(key);
      if (g) {
        if (label && !g.labels.includes(label)) g.labels.push(label);
      } else groups.set(key, { from: i, to, end, label: null, labels: label ? [label] : [], order: groups.size });
    }
    for (const g of groups.values()) {
      const { labels, ...edge } = g;
      edges.push({ ...edge, label: labels.length > 0 ? labels.join(' / ') : edge.end ? (edge.end === 'rejected' ? 'Ditolak' : 'Selesai') : null });
    }
  });
  return edges;
}

// ---------------------------------------------------------------------------------------------
// The matrix

interface Column {
  x: number;
  w: number;
}

interface MatrixGeometry {
  x0: number;
  W: number;
  no: Column;
  activity: Column;
  actors: Column[];
  completeness: Column;
  time: Column;
  output: Column;
  note: Column;
  actorW: number;
  body: number; // font size of the row text
  pad: number;
}

function matrixGeometry(ctx: Ctx): MatrixGeometry {
  const x0 = MARGIN_X;
  const W = ctx.size.width - 2 * MARGIN_X;
  const n = ctx.def.roles.length;
  const noW = 20;
  const pad = 3;
  let actorW = Math.min(56, Math.max(28, (W * 0.4) / n));
  if (actorW * n > W * 0.6) actorW = (W * 0.6) / n;
  const rest = W - noW - actorW * n;
  const body = n > 10 ? 6.2 : 7;
  const widths = textColumnWidths(ctx, rest, body, pad);
  let x = x0;
  const col = (w: number): Column => {
    const c = { x, w };
    x += w;
    return c;
  };
  const no = col(noW);
  const activity = col(widths[0]!);
  const actors = ctx.def.roles.map(() => col(actorW));
  const completeness = col(widths[1]!);
  const time = col(widths[2]!);
  const output = col(widths[3]!);
  const note = col(widths[4]!);
  return { x0, W, no, activity, actors, completeness, time, output, note, actorW, body, pad };
}

// Shares the width left by the actor columns among Kegiatan, Kelengkapan, Waktu, Output and
// Keterangan so that the rows come out as short as possible for this SOP's own text: an
// estimate of each cell's lines at a width, improved by moving width between columns.
function textColumnWidths(ctx: Ctx, rest: number, size: number, pad: number): number[] {
  const font = ctx.fonts.regular;
  const lead = size * LEAD;
  const marker = textWidth(font, '9. ', size);
  // Per row and column: the widths of the words of each paragraph, and its indent.
  const space = textWidth(font, ' ', size);
  const cells = ctx.def.steps.map((st) => {
    const paragraphs = (text: string | undefined, indent = 0) =>
      (text ?? '').split('\n').filter((p) => p.trim() !== '').map((p) => {
        const words = p.trim().split(/\s+/).map((w) => textWidth(font, w, size));
        const hang = indent === 0 && words.length > 1 && ITEM_MARKER.test(p.trim().split(/\s+/)[0]!) ? words[0]! + space : 0;
        return { words, indent, hang };
      });
    const items = (xs: string[]) => (xs.length > 1 ? xs.flatMap((x) => paragraphs(x, marker)) : paragraphs(xs[0]));
    return [paragraphs(st.activity), items(st.quality.completeness), paragraphs(st.quality.time), items(st.quality.output), paragraphs(st.note)];
  });
  // No column narrower than its longest word (nor its heading), so words are not broken.
  const headings = ['Kegiatan', 'Kelengkapan', 'Waktu', 'Output', 'Keterangan'];
  const texts = (c: number) => ctx.def.steps.flatMap((st) => [st.activity, st.quality.completeness.join(' '), st.quality.time ?? '', st.quality.output.join(' '), st.note ?? ''][c]!.split(/\s+/));
  let mins = [0.25, 0.08, 0.06, 0.08, 0.08].map((f, c) => {
    const longest = Math.max(0, ...texts(c).map((w) => textWidth(font, w, size)));
    const word = Math.min(rest * 0.3, longest + 2 * pad + (c === 1 || c === 3 ? marker : 0) + 1);
    return Math.max(rest * f, word, textWidth(ctx.fonts.bold, headings[c]!, 7) + 6);
  });
  const sum = mins.reduce((a, b) => a + b, 0);
  if (sum > rest * 0.95) mins = mins.map((m) => (m * rest * 0.95) / sum);
  // The greedy wrap of wrapText, on widths only.
  const lines = (p: { words: number[]; indent: number; hang: number }, inner: number) => {
    let n = 1;
    let avail = Math.max(1, inner - p.indent);
    let used = -space;
    for (const w of p.words) {
      if (used + space + w <= avail) {
        used += space + w;
        continue;
      }
      if (used > 0) {
        n++;
        avail = Math.max(1, inner - p.indent - p.hang);
      }
      n += Math.max(0, Math.ceil(w / avail) - 1);
      used = w - Math.floor(w / avail) * avail;
    }
    return n;
  };
  const total = (ws: number[]) =>
    cells.reduce((sum, row) => sum + Math.max(32, ...row.map((ps, c) => ps.reduce((h, p) => h + lines(p, ws[c]! - 2 * pad) * lead, 2 * pad))), 0);
  let ws = [0.37, 0.165, 0.11, 0.165, 0.19].map((f) => rest * f);
  // Start from the shares above, raised to the minimums and balanced from the widest column.
  ws = ws.map((w, c) => Math.max(w, mins[c]!));
  for (let excess = ws.reduce((a, b) => a + b, 0) - rest; excess > 0.01; excess = ws.reduce((a, b) => a + b, 0) - rest) {
    const spare = ws.map((w, c) => w - mins[c]!);
    const c = spare.indexOf(Math.max(...spare));
    ws[c] = ws[c]! - Math.min(excess, spare[c]!);
  }
  let best = total(ws);
  for (let step = rest * 0.04; step >= 1; step /= 2) {
    for (let improved = true, rounds = 0; improved && rounds < 60; rounds++) {
      improved = false;
      for (let i = 0; i < ws.length; i++) {
        for (let j = 0; j < ws.length; j++) {
          if (i === j || ws[j]! - step < mins[j]!) continue;
          const trial = ws.map((w, k) => (k === i ? w + step : k === j ? w - step : w));
          const t = total(trial);
          if (t < best - 0.01) {
            ws = trial;
            best = t;
            improved = true;
          }
        }
      }
    }
  }
  // Width no column needs goes to Kegiatan, where it reads best.
  for (let c = 1; c < ws.length; c++) {
    for (let step = 8; step >= 1; step /= 2) {
      while (ws[c]! - step >= mins[c]!) {
        const trial = ws.map((w, k) => (k === 0 ? w + step : k === c ? w - step : w));
        const t = total(trial);
        if (t > best + 0.01) break;
        ws = trial;
        best = t;
      }
    }
  }
  return ws;
}

interface RowContent {
  index: number;
  cells: { col: Column; lines: TextLine[] }[];
  height: number;
}

interface AppendixEntry {
  step: number;
  column: string;
  text: string;
}

const BAND = 28;

function symbolSize(shape: SymbolShape | 'connector', a: number): { w: number; h: number } {
  if (shape === 'decision') return { w: Math.min(a - 8, 32), h: 21 };
  if (shape === 'connector') return { w: 12, h: 14 };
  // Room is left at both sides of the column for the lanes of returning arrows; narrow columns
  // get flatter boxes, so a terminator still reads as a capsule.
  return { w: Math.max(16, Math.min(a - 14, 40)), h: a < 40 ? 12 : 15 };
}

function buildRow(ctx: Ctx, g: MatrixGeometry, index: number, scale: number, minHeight: number): RowContent {
  const { regular, bold } = ctx.fonts;
  const step = ctx.def.steps[index]!;
  const size = g.body * scale;
  const inner = (c: Column) => c.w - 2 * g.pad;
  const cells = [
    { col: g.no, lines: para(String(step.no), bold, size, inner(g.no), { align: 'center' }) },
    { col: g.activity, lines: para(step.activity, regular, size, inner(g.activity)) },
    { col: g.completeness, lines: step.quality.completeness.length > 0 ? list(step.quality.completeness, regular, size, inner(g.completeness)) : [] },
    { col: g.time, lines: step.quality.time ? para(step.quality.time, regular, size, inner(g.time)) : [] },
    { col: g.output, lines: step.quality.output.length > 0 ? list(step.quality.output, regular, size, inner(g.output)) : [] },
    { col: g.note, lines: step.note ? para(step.note, regular, size, inner(g.note)) : [] },
  ];
  const height = Math.max(minHeight, ...cells.map((c) => heightOf(c.lines) + 2 * g.pad + 1));
  return { index, cells, height };
}

// Shortens the cells of a row that cannot fit a page even in small type; the full text goes to
// the appendix, with a pointer in the cell.
function truncateRow(ctx: Ctx, g: MatrixGeometry, row: RowContent, maxHeight: number, appendix: AppendixEntry[]): RowContent {
  const step = ctx.def.steps[row.index]!;
  const names = ['No', 'Kegiatan', 'Kelengkapan', 'Waktu', 'Output', 'Keterangan'];
  const texts = [String(step.no), step.activity, step.quality.completeness.join('\n'), step.quality.time ?? '', step.quality.output.join('\n'), step.note ?? ''];
  const cells = row.cells.map((c, i) => {
    const limit = maxHeight - 2 * g.pad - 1;
    if (heightOf(c.lines) <= limit) return c;
    const first = c.lines[0]!;
    const pointer = para(`[… selengkapnya di Lampiran, kegiatan No. ${step.no}]`, ctx.fonts.bold, first.size, c.col.w - 2 * g.pad);
    const [kept] = takeLines(c.lines, limit - heightOf(pointer));
    appendix.push({ step: step.no, column: names[i]!, text: texts[i]! });
    return { col: c.col, lines: [...kept, ...pointer] };
  });
  return { ...row, cells, height: maxHeight };
}

interface FlowNode {
  key: string;
  step: number | null; // step index, or null for a connector
  letter?: string;
  shape: SymbolShape | 'connector';
  pointsUp?: boolean;
  col: number;
  row: number; // page-local row; -1 for the top band, rows.length for the bottom band
  cx: number;
  cy: number;
  w: number;
  h: number;
  rowTop: number;
  rowBottom: number;
  ports: Set<Port>;
}

type Port = 'bottom' | 'left' | 'right';

interface LocalEdge {
  from: FlowNode;
  to: FlowNode | null;
  end?: 'completed' | 'rejected';
  label: string | null;
  order: number;
}

interface PagePlan {
  rows: number[]; // step indices
  topBand: boolean;
  bottomBand: boolean;
}

function drawMatrix(ctx: Ctx, layout: SopLayout): AppendixEntry[] {
  const { def, fonts } = ctx;
  const g = matrixGeometry(ctx);
  const shapes = symbolShapes(def);
  const edges = flowEdges(def, shapes);
  const actorIndex = new Map(def.roles.map((r, i) => [r.id, i]));
  const colOf = (i: number) => actorIndex.get(def.steps[i]!.actor) ?? 0;

  // Header geometry, the same on every page.
  const titleBottom = MARGIN_TOP + 15;
  const tableTop = titleBottom + 2;
  const h1 = 14;
  const actorSize = g.actorW < 40 ? 5.2 : 5.8;
  const actorNames = def.roles.map((r) => narrowPara(r.name, fonts.bold, actorSize, g.actorW - 3));
  const subHeads = [g.completeness, g.time, g.output].map((c, i) => para(['Kelengkapan', 'Waktu', 'Output'][i]!, fonts.bold, 6.5, c.w - 4, { align: 'center' }));
  const h2 = Math.max(22, ...actorNames.map(heightOf), ...subHeads.map(heightOf)) + 6;
  const bodyTop = tableTop + h1 + h2;
  const bodyBottom = ctx.size.height - FOOTER_SPACE - 4;
  const maxRowHeight = bodyBottom - bodyTop - 2 * BAND;
  layout.bodyBottom = bodyBottom;

  // Rows, shrunk or (as a last resort) shortened to fit a page.
  const appendix: AppendixEntry[] = [];
  const rows: RowContent[] = def.steps.map((_, i) => {
    const hasEnd = edges.some((e) => e.from === i && e.to === null);
    const minHeight = shapes[i] === 'decision' ? (hasEnd ? 56 : 48) : 32;
    for (const scale of [1, 0.9, 0.8, 0.7]) {
      const row = buildRow(ctx, g, i, scale, minHeight);
      if (row.height <= maxRowHeight) return row;
    }
    layout.truncatedSteps.push(def.steps[i]!.no);
    return truncateRow(ctx, g, buildRow(ctx, g, i, 0.7, minHeight), maxRowHeight, appendix);
  });

  // Pages: whole rows only; a band for off-page connectors below the header of every page but
  // the first and above the footer of every page but the last.
  const plans: PagePlan[] = [];
  let next = 0;
  while (next < rows.length) {
    const topBand = plans.length > 0;
    const avail = bodyBottom - bodyTop - (topBand ? BAND : 0);
    const remaining = rows.slice(next).reduce((h, r) => h + r.height, 0);
    const page: number[] = [];
    if (remaining <= avail) {
      for (let i = next; i < rows.length; i++) page.push(i);
    } else {
      let used = 0;
      while (next + page.length < rows.length && (page.length === 0 || used + rows[next + page.length]!.height <= avail - BAND)) {
        used += rows[next + page.length]!.height;
        page.push(next + page.length);
      }
    }
    next += page.length;
    plans.push({ rows: page, topBand, bottomBand: next < rows.length });
  }
  const pageOf = new Map<number, number>();
  plans.forEach((p, pi) => p.rows.forEach((i) => pageOf.set(i, pi)));

  // Cross-page edges become connector pairs, one per (direction, source page, target).
  interface ConnectorSpec { letter: string; target: number; outPage: number; inPage: number; forward: boolean }
  const connectors = new Map<string, ConnectorSpec>();
  const letterOf = (n: number) => {
    let s = '';
    for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
    return s;
  };
  const localEdges: { page: number; from: string; to: string | null; end?: 'completed' | 'rejected'; label: string | null; order: number }[] = [];
  for (const e of [...edges].sort((a, b) => a.from - b.from || a.order - b.order)) {
    const ps = pageOf.get(e.from)!;
    if (e.to === null) {
      localEdges.push({ page: ps, from: `s${e.from}`, to: null, end: e.end, label: e.label, order: e.order });
      continue;
    }
    const pt = pageOf.get(e.to)!;
    const forward = e.to > e.from;
    if (ps === pt) {
      localEdges.push({ page: ps, from: `s${e.from}`, to: `s${e.to}`, label: e.label, order: e.order });
      continue;
    }
    const key = `${forward ? 'f' : 'b'}:${ps}:${e.to}`;
    let spec = connectors.get(key);
    if (!spec) {
      spec = { letter: letterOf(connectors.size), target: e.to, outPage: ps, inPage: pt, forward };
      connectors.set(key, spec);
      localEdges.push({ page: pt, from: `c${spec.letter}`, to: `s${e.to}`, label: null, order: 0 });
    }
    localEdges.push({ page: ps, from: `s${e.from}`, to: `c${spec.letter}`, label: e.label, order: e.order });
  }

  const firstPage = ctx.sheets.length;
  plans.forEach((plan, pi) => {
    const s = newSheet(ctx);
    const pageNo = firstPage + pi + 1;
    pageTitle(ctx, s, `STANDAR OPERASIONAL PROSEDUR · ${def.name.toUpperCase()}`);

    // Row positions.
    let y = bodyTop + (plan.topBand ? BAND : 0);
    const rowTop: number[] = [];
    for (const i of plan.rows) {
      rowTop.push(y);
      layout.rows.push({ step: def.steps[i]!.no, page: pageNo, top: y, bottom: y + rows[i]!.height });
      y += rows[i]!.height;
    }
    const tableBottom = y + (plan.bottomBand ? BAND : 0);

    // Header.
    const allCols = [g.no, g.activity, ...g.actors, g.completeness, g.time, g.output, g.note];
    drawRect(s, g.x0, tableTop, g.W, h1 + h2, { fill: HEADER_FILL });
    const head = (text: string, x: number, w: number, top: number, h: number, size = 7) => {
      const lines = para(text, fonts.bold, size, w - 4, { align: 'center' });
      drawLines(s, lines, x + 2, top + (h - heightOf(lines)) / 2, w - 4);
    };
    head('No', g.no.x, g.no.w, tableTop, h1 + h2);
    head('Kegiatan', g.activity.x, g.activity.w, tableTop, h1 + h2);
    const actorsX = g.actors[0]!.x;
    const actorsW = g.actors.length * g.actorW;
    head('Pelaksana', actorsX, actorsW, tableTop, h1);
    head('Mutu Baku', g.completeness.x, g.completeness.w + g.time.w + g.output.w, tableTop, h1);
    head('Keterangan', g.note.x, g.note.w, tableTop, h1 + h2);
    g.actors.forEach((c, k) => drawLines(s, actorNames[k]!, c.x + 2, tableTop + h1 + (h2 - heightOf(actorNames[k]!)) / 2, c.w - 4));
    [g.completeness, g.time, g.output].forEach((c, k) => drawLines(s, subHeads[k]!, c.x + 2, tableTop + h1 + (h2 - heightOf(subHeads[k]!)) / 2, c.w - 4));

    // Row text, cell by cell, so text extraction reads each cell whole.
    plan.rows.forEach((i, r) => {
      for (const c of rows[i]!.cells) drawLines(s, c.lines, c.col.x + g.pad, rowTop[r]! + g.pad + 0.5, c.col.w - 2 * g.pad);
    });
    const bandNote = (text: string, top: number) => {
      const lines = para(text, fonts.regular, 6, g.activity.w - 2 * g.pad, { color: GREY });
      drawLines(s, lines, g.activity.x + g.pad, top + (BAND - heightOf(lines)) / 2, g.activity.w - 2 * g.pad);
    };
    if (plan.topBand) bandNote(`sambungan dari halaman ${pageNo - 1}`, bodyTop);
    if (plan.bottomBand) bandNote(`bersambung ke halaman ${pageNo + 1}`, y);

    // Grid: text columns in black, the actor columns' inner lines lighter so arrows stand out.
    const gridTop = tableTop + h1 + h2;
    for (const c of allCols.slice(1)) {
      const inActors = c.x > actorsX + 0.1 && c.x < actorsX + actorsW - 0.1;
      const inQuality = c === g.time || c === g.output;
      drawLine(s, { x: c.x, y: inActors || inQuality ? tableTop + h1 : tableTop }, { x: c.x, y: tableBottom }, inActors ? 0.35 : 0.5, inActors ? LIGHT : INK);
    }
    drawLine(s, { x: actorsX, y: tableTop + h1 }, { x: actorsX + actorsW, y: tableTop + h1 }, 0.5);
    drawLine(s, { x: g.completeness.x, y: tableTop + h1 }, { x: g.note.x, y: tableTop + h1 }, 0.5);
    drawLine(s, { x: g.x0, y: gridTop }, { x: g.x0 + g.W, y: gridTop }, 0.8);
    const rowLines = [...rowTop.slice(1), ...(plan.topBand ? [rowTop[0]!] : []), ...(plan.bottomBand ? [y] : [])];
    for (const ry of rowLines) drawLine(s, { x: g.x0, y: ry }, { x: g.x0 + g.W, y: ry }, 0.5);
    drawRect(s, g.x0, tableTop, g.W, tableBottom - tableTop, { stroke: INK, thickness: 0.8 });

    // Nodes: one symbol per step, connectors in the bands.
    const nodes = new Map<string, FlowNode>();
    plan.rows.forEach((i, r) => {
      const shape = shapes[i]!;
      const col = colOf(i);
      const c = g.actors[col]!;
      const { w, h } = symbolSize(shape, g.actorW);
      const top = rowTop[r]!;
      const bottom = top + rows[i]!.height;
      nodes.set(`s${i}`, { key: `s${i}`, step: i, shape, col, row: r, cx: c.x + c.w / 2, cy: (top + bottom) / 2, w, h, rowTop: top, rowBottom: bottom, ports: new Set() });
    });
    // `side`: where the arrows into a return connector come from (-1 left, 1 right), so that
    // connectors sharing a column are ordered the way their arrows arrive and never overlap.
    const bandNodes: { letter: string; col: number; band: 'top' | 'bottom'; direction: 'out' | 'in'; side: number }[] = [];
    for (const spec of connectors.values()) {
      const col = colOf(spec.target);
      if (spec.outPage === pi) {
        const source = localEdges.find((e) => e.page === pi && e.to === `c${spec.letter}`);
        const side = !spec.forward && source && colOf(Number(source.from.slice(1))) < col ? -1 : 1;
        bandNodes.push({ letter: spec.letter, col, band: spec.forward ? 'bottom' : 'top', direction: 'out', side });
      }
      if (spec.inPage === pi) bandNodes.push({ letter: spec.letter, col, band: spec.forward ? 'top' : 'bottom', direction: 'in', side: 0 });
    }
    // Off-page connectors point the way the flow goes: down for a flow continuing on a later
    // page, up for a return to an earlier one. Several in a band are spread 15 pt apart.
    const { w: cw, h: ch } = symbolSize('connector', g.actorW);
    const minX = actorsX + cw / 2 + 2;
    const maxX = actorsX + actorsW - cw / 2 - 2;
    for (const band of ['top', 'bottom'] as const) {
      const inBand = bandNodes
        .filter((b) => b.band === band)
        .sort((a, b) => a.col - b.col || a.side - b.side || a.letter.localeCompare(b.letter))
        .map((b, _, all) => {
          const group = all.filter((o) => o.col === b.col);
          const k = group.indexOf(b);
          return { ...b, x: g.actors[b.col]!.x + g.actorW / 2 + (k - (group.length - 1) / 2) * 15 };
        });
      for (let k = 0; k < inBand.length; k++) inBand[k]!.x = Math.max(inBand[k]!.x, k > 0 ? inBand[k - 1]!.x + 15 : minX);
      for (let k = inBand.length - 1; k >= 0; k--) inBand[k]!.x = Math.min(inBand[k]!.x, k < inBand.length - 1 ? inBand[k + 1]!.x - 15 : maxX);
      const top = band === 'top' ? bodyTop : y;
      for (const b of inBand) {
        const up = band === 'top' ? b.direction === 'out' : b.direction === 'in';
        const down = !up;
        // A connector pointing up sits at the far side of its band, leaving room for the turn.
        const cy = down ? top + BAND / 2 : band === 'top' ? top + 2.5 + ch / 2 : top + BAND - 2.5 - ch / 2;
        nodes.set(`c${b.letter}`, {
          key: `c${b.letter}`, step: null, letter: b.letter, shape: 'connector', pointsUp: up, col: b.col, row: band === 'top' ? -1 : plan.rows.length,
          cx: b.x, cy, w: cw, h: ch, rowTop: top, rowBottom: top + BAND, ports: new Set(),
        });
        layout.connectorMarks.push({ letter: b.letter, page: pageNo, band, direction: b.direction });
      }
    }

    // Arrows first, then symbols over them, then labels on top.
    const mine = localEdges.filter((e) => e.page === pi);
    const routed = routeEdges(g, nodes, mine.map((e) => ({
      from: nodes.get(e.from)!, to: e.to ? nodes.get(e.to)! : null, end: e.end, label: e.label, order: e.order,
    })));
    for (const r of routed) {
      drawPolyline(s, r.points);
      drawArrowhead(s, r.points);
      if (r.marker) drawEndMarker(s, fonts, r.marker);
      const fromName = r.edge.from.step !== null ? def.steps[r.edge.from.step]!.no : r.edge.from.letter!;
      const toName = r.edge.to ? (r.edge.to.step !== null ? def.steps[r.edge.to.step]!.no : r.edge.to.letter!) : r.edge.end === 'rejected' ? 'ditolak' : 'selesai';
      layout.arrowMarks.push({ page: pageNo, from: fromName, to: toName, label: r.edge.label });
      if (r.marker) layout.endMarkers++;
    }
    for (const n of nodes.values()) {
      drawSymbol(s, fonts, n);
      if (n.step !== null) {
        const shape = n.shape as SymbolShape;
        layout.symbols.push({ step: def.steps[n.step]!.no, shape, actor: def.steps[n.step]!.actor, page: pageNo });
        if (shape === 'decision') layout.decisions++;
        else if (shape === 'terminator') layout.terminators++;
        else layout.activities++;
      }
    }
    for (const r of routed) if (r.labelBox) drawLabel(s, fonts, r.labelBox);
  });
  layout.connectors = layout.connectorMarks.length;
  layout.arrows = layout.arrowMarks.length;
  return appendix;
}

// ---------------------------------------------------------------------------------------------
// Routing: orthogonal arrows from a port of the source to the top of the target

interface Routed {
  edge: LocalEdge;
  points: Pt[];
  marker?: { cx: number; cy: number; w: number; h: number; text: string };
  labelBox?: { text: string; x: number; y: number; width: number; anchor: 'left' | 'right'; below: boolean };
}

const LABEL_SIZE = 4.8;

function routeEdges(g: MatrixGeometry, nodes: Map<string, FlowNode>, edges: LocalEdge[]): Routed[] {
  const stepNodes = [...nodes.values()].filter((n) => n.step !== null);
  const laneUse = new Map<string, number>();
  const laneOf = new Map<string, number>();
  const jogs = new Map<string, number>();
  const maxSymbolW = symbolSize('activity', g.actorW).w;

  const between = (col: number, a: number, b: number) =>
    stepNodes.some((n) => n.col === col && n.row > Math.min(a, b) && n.row < Math.max(a, b));
  // A lane runs along one side of the target's column. Arrows into the same target from the
  // same side share their lane, so they join into one line before the arrowhead.
  // When one side of the column is full, the other side is used before lanes are shared.
  const laneX = (T: FlowNode, wanted: 'left' | 'right') => {
    const mine = `${T.key}:${wanted}`;
    const known = laneOf.get(mine);
    if (known !== undefined) return known;
    const c = g.actors[T.col]!;
    const slots = Math.max(1, Math.floor(((c.w - maxSymbolW) / 2 - 4) / 3) + 1);
    const otherSide = wanted === 'right' ? 'left' : 'right';
    const used = (side: string) => laneUse.get(`${T.col}:${side}`) ?? 0;
    const side = used(wanted) >= slots && used(otherSide) < slots ? otherSide : wanted;
    const k = used(side);
    laneUse.set(`${T.col}:${side}`, k + 1);
    const off = 2.5 + 3 * (k % slots);
    const x = side === 'right' ? c.x + c.w - off : c.x + off;
    laneOf.set(mine, x);
    return x;
  };
  const jogY = (n: FlowNode) => {
    const k = jogs.get(n.key) ?? 0;
    jogs.set(n.key, k + 1);
    return Math.min(n.cy + n.h / 2 + 5 + 3 * k, n.rowBottom - 2);
  };
  const portPoint = (n: FlowNode, p: Port): Pt => {
    if (p === 'bottom') return { x: n.cx, y: n.cy + n.h / 2 };
    return { x: n.cx + (p === 'right' ? n.w / 2 : -n.w / 2), y: n.cy };
  };
  const take = (n: FlowNode, ...wanted: Port[]): Port => {
    for (const p of wanted) {
      if (!n.ports.has(p)) {
        n.ports.add(p);
        return p;
      }
    }
    return wanted[0]!;
  };
  const sideToward = (from: number, to: number): Port => (to < from ? 'left' : 'right');
  const other = (p: Port): Port => (p === 'left' ? 'right' : 'left');
  const top = (n: FlowNode) => n.cy - n.h / 2;
  // From a port towards x: straight out of a side facing x, else down first.
  const leave = (S: FlowNode, port: Port, x: number): Pt[] => {
    const p0 = portPoint(S, port);
    if (port === 'bottom') {
      if (Math.abs(x - p0.x) < 0.5) return [p0];
      const yj = jogY(S);
      return [p0, { x: p0.x, y: yj }, { x, y: yj }];
    }
    if (port === sideToward(p0.x, x) && Math.abs(x - p0.x) > 0.5) return [p0, { x, y: p0.y }];
    const dir = port === 'right' ? 1 : -1;
    const yj = jogY(S);
    return [p0, { x: p0.x + 5 * dir, y: p0.y }, { x: p0.x + 5 * dir, y: yj }, { x, y: yj }];
  };
  // Into a target from a lane at x: from above into its top, or into the flat bottom of a
  // connector pointing up.
  const arrive = (T: FlowNode, x: number): Pt[] => {
    if (T.shape === 'connector' && T.pointsUp) {
      const yTurn = T.cy + T.h / 2 + 3.5;
      return [{ x, y: yTurn }, { x: T.cx, y: yTurn }, { x: T.cx, y: T.cy + T.h / 2 }];
    }
    const yIn = top(T) - 5;
    return [{ x, y: yIn }, { x: T.cx, y: yIn }, { x: T.cx, y: top(T) }];
  };

  // The main flow first, so it gets the natural ports; returns and ends take what is left.
  const prio = (e: LocalEdge) => {
    if (!e.to) return 3;
    if (e.to.row <= e.from.row) return 2;
    return between(e.to.col, e.from.row, e.to.row) || e.to.row - e.from.row > 1 ? 1 : 0;
  };
  const ordered = edges.map((e, i) => ({ e, i, p: prio(e) })).sort((a, b) => a.p - b.p || a.i - b.i).map((x) => x.e);

  const out: Routed[] = [];
  for (const e of ordered) {
    const S = e.from;
    if (!e.to) {
      // An end of the case beside a decision: a short arrow to a small terminator.
      const preferred: Port = S.col < g.actors.length - 1 ? 'right' : 'left';
      const port = take(S, preferred, other(preferred), 'bottom');
      const p0 = portPoint(S, port);
      const mw = 26;
      const mh = 10;
      let marker;
      let end: Pt;
      if (port === 'bottom') {
        marker = { cx: S.cx, cy: p0.y + 8 + mh / 2, w: mw, h: mh, text: 'Selesai' };
        end = { x: S.cx, y: p0.y + 8 };
      } else {
        const dir = port === 'right' ? 1 : -1;
        marker = { cx: p0.x + dir * (9 + mw / 2), cy: p0.y, w: mw, h: mh, text: 'Selesai' };
        end = { x: p0.x + dir * 9, y: p0.y };
      }
      // The label clears the small terminator it sits above.
      const labelAt = port === 'bottom' ? p0 : { x: p0.x, y: p0.y - mh / 2 + 1 };
      out.push({ edge: e, points: [p0, end], marker, labelBox: labelFor(e, port, labelAt, g) });
      continue;
    }
    const T = e.to;
    const lanesSide = (): 'left' | 'right' => (T.col === S.col || S.cx > T.cx + 0.5 ? 'right' : 'left');
    let points: Pt[];
    let port: Port = 'bottom';
    if (S.shape === 'connector' && S.pointsUp) {
      // A return arriving from a later page: up from the connector's tip, across to the lane;
      // of several going to one target, the farther from the lane turns higher, so none cross.
      const tip = { x: S.cx, y: top(S) };
      const lx = laneX(T, lanesSide());
      const group = edges.filter((o) => o.to === T && o.from.shape === 'connector' && o.from.pointsUp).map((o) => o.from);
      const rank = group.filter((o) => Math.abs(o.cx - lx) < Math.abs(S.cx - lx) || (Math.abs(o.cx - lx) === Math.abs(S.cx - lx) && o.cx < S.cx)).length;
      const yk = tip.y - 3 - 3 * rank;
      points = [tip, { x: S.cx, y: yk }, { x: lx, y: yk }, ...arrive(T, lx)];
    } else if (T.row > S.row && !between(T.col, S.row, T.row)) {
      // Down the target's column: straight, or across first along the source's row.
      const sameX = Math.abs(S.cx - T.cx) < 0.5;
      if (S.shape === 'connector') port = take(S, 'bottom');
      else if (sameX) port = take(S, 'bottom', 'right', 'left');
      else port = take(S, sideToward(S.cx, T.cx), 'bottom', other(sideToward(S.cx, T.cx)));
      points = [...leave(S, port, T.cx), { x: T.cx, y: top(T) }];
    } else {
      // Along a lane at the side of the target's column: returns, and forward jumps whose
      // straight way down would cross another symbol.
      const lx = laneX(T, lanesSide());
      const toward = sideToward(S.cx, lx);
      port = S.shape === 'connector' ? take(S, 'bottom') : take(S, toward, 'bottom', other(toward));
      points = [...leave(S, port, lx), ...arrive(T, lx)];
    }
    points = simplify(points);
    out.push({ edge: e, points, labelBox: labelFor(e, port, points[0]!, g) });
  }
  return out;
}

function labelFor(e: LocalEdge, port: Port, p0: Pt, g: MatrixGeometry): Routed['labelBox'] {
  if (!e.label || e.from.shape !== 'decision') return undefined;
  if (port === 'bottom') return { text: e.label, x: p0.x + 2, y: p0.y + 1.5, width: Math.max(34, Math.min(52, g.actorW)), anchor: 'left', below: true };
  const width = Math.max(40, Math.min(62, g.actorW * 1.3));
  return { text: e.label, x: port === 'right' ? p0.x + 2 : p0.x - 2, y: p0.y - 1.5, width, anchor: port === 'right' ? 'left' : 'right', below: false };
}

function simplify(points: Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    const prev = out[out.length - 2];
    if (last && prev && ((Math.abs(prev.x - last.x) < 0.01 && Math.abs(last.x - p.x) < 0.01) || (Math.abs(prev.y - last.y) < 0.01 && Math.abs(last.y - p.y) < 0.01))) {
      out[out.length - 1] = p;
      continue;
    }
    out.push(p);
  }
  return out;
}

function drawPolyline(s: Sheet, points: Pt[]) {
  if (points.length < 2) return;
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${fmt(p.x)} ${fmt(p.y)}`).join(' ');
  drawPath(s, d, { stroke: INK, thickness: 0.6 });
}

function drawArrowhead(s: Sheet, points: Pt[]) {
  const tip = points[points.length - 1]!;
  const from = points[points.length - 2];
  if (!from) return;
  const len = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const ux = (tip.x - from.x) / len;
  const uy = (tip.y - from.y) / len;
  const l = 4;
  const w = 1.9;
  const bx = tip.x - ux * l;
  const by = tip.y - uy * l;
  const d = `M ${fmt(tip.x)} ${fmt(tip.y)} L ${fmt(bx - uy * w)} ${fmt(by + ux * w)} L ${fmt(bx + uy * w)} ${fmt(by - ux * w)} Z`;
  drawPath(s, d, { fill: INK });
}

function drawSymbol(s: Sheet, fonts: DocumentFonts, n: FlowNode) {
  const x0 = n.cx - n.w / 2;
  const x1 = n.cx + n.w / 2;
  const y0 = n.cy - n.h / 2;
  const y1 = n.cy + n.h / 2;
  const style = { fill: WHITE, stroke: INK, thickness: 0.8 };
  if (n.shape === 'activity') drawRect(s, x0, y0, n.w, n.h, style);
  else if (n.shape === 'decision') drawPath(s, `M ${fmt(n.cx)} ${fmt(y0)} L ${fmt(x1)} ${fmt(n.cy)} L ${fmt(n.cx)} ${fmt(y1)} L ${fmt(x0)} ${fmt(n.cy)} Z`, style);
  else if (n.shape === 'terminator') drawCapsule(s, n.cx, n.cy, n.w, n.h, style);
  else {
    // The off-page connector: a pentagon, its point in the direction of the flow.
    const tip = 4.5;
    const [flat, base, point] = n.pointsUp ? [y1, y0 + tip, y0] : [y0, y1 - tip, y1];
    drawPath(s, `M ${fmt(x0)} ${fmt(flat)} L ${fmt(x1)} ${fmt(flat)} L ${fmt(x1)} ${fmt(base)} L ${fmt(n.cx)} ${fmt(point)} L ${fmt(x0)} ${fmt(base)} Z`, style);
    const size = n.letter!.length > 1 ? 5 : 6.5;
    const tw = textWidth(fonts.bold, n.letter!, size);
    drawText(s, n.letter!, n.cx - tw / 2, (flat + base) / 2 + size * 0.36, fonts.bold, size);
  }
}

function drawCapsule(s: Sheet, cx: number, cy: number, w: number, h: number, style: { fill?: Color; stroke?: Color; thickness?: number }) {
  const r = Math.min(h, w) / 2;
  const x0 = cx - w / 2;
  const x1 = cx + w / 2;
  const y0 = cy - h / 2;
  const y1 = cy + h / 2;
  drawPath(s, `M ${fmt(x0 + r)} ${fmt(y0)} L ${fmt(x1 - r)} ${fmt(y0)} A ${fmt(r)} ${fmt(r)} 0 0 1 ${fmt(x1 - r)} ${fmt(y1)} L ${fmt(x0 + r)} ${fmt(y1)} A ${fmt(r)} ${fmt(r)} 0 0 1 ${fmt(x0 + r)} ${fmt(y0)} Z`, style);
}

function drawEndMarker(s: Sheet, fonts: DocumentFonts, m: NonNullable<Routed['marker']>) {
  drawCapsule(s, m.cx, m.cy, m.w, m.h, { fill: WHITE, stroke: INK, thickness: 0.7 });
  const size = 4.6;
  const tw = textWidth(fonts.regular, m.text, size);
  drawText(s, m.text, m.cx - tw / 2, m.cy + size * 0.36, fonts.regular, size);
}

// An outcome label, small, beside the start of its arrow: above a sideways arrow, right of a
// downward one; at most three lines.
function drawLabel(s: Sheet, fonts: DocumentFonts, box: NonNullable<Routed['labelBox']>) {
  const { width } = box;
  const font = fonts.regular;
  const size = LABEL_SIZE;
  let lines = wrapText(box.text, font, size, width).map((l) => l.text);
  if (lines.length > 3) lines = [...lines.slice(0, 2), fitText(`${lines[2]} ${lines.slice(3).join(' ')}`, font, size, width)];
  const lead = size * 1.15;
  lines.forEach((text, i) => {
    const baseline = box.below ? box.y + size + i * lead : box.y - (lines.length - 1 - i) * lead - size * 0.25;
    const tw = textWidth(font, text, size);
    const x = box.anchor === 'left' ? box.x : box.x - tw;
    // On a white ground, so a line passing behind does not run through the words.
    drawRect(s, x - 0.6, baseline - size * 0.9, tw + 1.2, lead, { fill: WHITE });
    drawText(s, text, x, baseline, font, size, GREY);
  });
}

// ---------------------------------------------------------------------------------------------
// Appendix: the full text of cells shortened in the matrix

function drawAppendix(ctx: Ctx, entries: AppendixEntry[]) {
  const { regular, bold } = ctx.fonts;
  const width = ctx.size.width - 2 * MARGIN_X;
  const lines: TextLine[] = [];
  for (const e of entries) {
    lines.push(gap(regular, 6), ...para(`Kegiatan No. ${e.step} — ${e.column}`, bold, 8.5, width), gap(regular, 2), ...para(e.text, regular, 8, width));
  }
  let rest = lines;
  while (rest.length > 0) {
    const s = newSheet(ctx);
    const top = pageTitle(ctx, s, `LAMPIRAN · URAIAN LENGKAP KEGIATAN · ${ctx.def.name.toUpperCase()}`) + 4;
    const [now, later] = takeLines(rest, s.h - FOOTER_SPACE - 4 - top);
    drawLines(s, now.length > 0 ? now : rest.slice(0, 1), MARGIN_X, top, width);
    rest = now.length > 0 ? later : rest.slice(1);
  }
}

