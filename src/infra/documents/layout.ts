// The small layout kit shared by the generated letters (permit, receipt, cover letter, archive
// sheet): portrait A4 / F4 pages, text wrapped by the font's own metrics, a flow that moves on to
// a new page when the next block does not fit, the office letterhead (kop surat), label-colon-
// value rows, numbered lists, tables, the signature block and vector QR codes.
//
// Positions in a flow are measured in points from the top of the page (y grows downwards);
// the drawing helpers turn them into PDF coordinates. Boxes handed back to callers (the stamp
// area, QR codes) are in PDF coordinates: origin at the bottom left of the page.
import {
  concatTransformationMatrix, fill, PDFDocument, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingColor, type Color, type PDFFont, type PDFPage,
} from 'pdf-lib';
import { create as createQr } from 'qrcode';
import type { Office } from '../../domain/office/schema.ts';
import { embedDejaVuSans, type DocumentFonts } from '../pdf/fonts.ts';

export type Paper = 'A4' | 'F4';

export const MM = 72 / 25.4;

// Portrait sizes in points: A4 210 × 297 mm, F4 (folio) 215 × 330 mm.
export const PORTRAIT_SIZES: Readonly<Record<Paper, { width: number; height: number }>> = {
  A4: { width: 210 * MM, height: 297 * MM },
  F4: { width: 215 * MM, height: 330 * MM },
};

export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.35, 0.35, 0.35);
export const LIGHT = rgb(0.9, 0.9, 0.9);

// A rectangle in PDF coordinates on one page (0-based page index).
export interface PageBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextStyle {
  size: number;
  bold?: boolean;
  // Line height in points; 1.3 × size when absent.
  leading?: number;
  color?: Color;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Flow {
  readonly doc: PDFDocument;
  readonly fonts: DocumentFonts;
  readonly width: number;
  readonly height: number;
  readonly margin: Margins;
  // Space kept free at the bottom of every page for the footer (above the bottom margin).
  readonly footer: number;
  readonly pages: PDFPage[];
  page: PDFPage;
  // Cursor: distance of the next line's top from the top of the page.
  y: number;
  // Called after each page added by the flow (not the first), e.g. for a continuation header.
  onNewPage: ((flow: Flow) => void) | null;
}

// ---- document --------------------------------------------------------------------------------

export interface DocumentInfo {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  // The document's own date (the issue date of a permit); nothing is taken from the clock, so
  // the same input gives the same bytes.
  date: Date;
}

export async function startDocument(info: DocumentInfo): Promise<{ doc: PDFDocument; fonts: DocumentFonts }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  let suffix = 0;
  doc.context.addRandomSuffix = (prefix: string) => `${prefix}-${++suffix}`;
  const fonts = await embedDejaVuSans(doc);
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setSubject(info.subject);
  doc.setAuthor(info.author);
  doc.setKeywords(info.keywords);
  doc.setCreator('satupintu');
  doc.setProducer('satupintu');
  doc.setLanguage('id');
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  return { doc, fonts };
}

// Saved without object streams, so a signer can append its signature as an incremental update,
// and in one go (pdf-lib otherwise waits for a timer every 50 objects, which only slows a
// document of this size down).
export async function finishDocument(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
}

export function createFlow(doc: PDFDocument, fonts: DocumentFonts, paper: Paper, margin: Margins, footer = 0): Flow {
  const size = PORTRAIT_SIZES[paper];
  if (!size) throw new RangeError(`unknown paper "${String(paper)}" (A4 or F4)`);
  const page = doc.addPage([size.width, size.height]);
  return { doc, fonts, width: size.width, height: size.height, margin, footer, pages: [page], page, y: margin.top, onNewPage: null };
}

export const contentLeft = (f: Flow): number => f.margin.left;
export const contentWidth = (f: Flow): number => f.width - f.margin.left - f.margin.right;
export const pageIndex = (f: Flow): number => f.pages.length - 1;
const limit = (f: Flow): number => f.height - f.margin.bottom - f.footer;

// A small grey line at the top of every page after the first, saying which document it belongs
// to (the letterhead is only on the first page).
export function continuationHeader(f: Flow, text: string): void {
  f.onNewPage = (fl) => {
    const style: TextStyle = { size: 8, color: GREY, leading: 10 };
    drawTextLine(fl, text, contentLeft(fl), fl.y, style, 'left', contentWidth(fl));
    hRule(fl, fl.y + 12, 0.4);
    fl.y += 20;
  };
}

export function newPage(f: Flow): void {
  f.page = f.doc.addPage([f.width, f.height]);
  f.pages.push(f.page);
  f.y = f.margin.top;
  f.onNewPage?.(f);
}

// Moves to a new page unless `height` more points fit on this one.
export function ensure(f: Flow, height: number): void {
  if (f.y + height > limit(f) && f.y > f.margin.top) newPage(f);
}

export function space(f: Flow, points: number): void {
  f.y = Math.min(f.y + points, limit(f));
}

// ---- text ------------------------------------------------------------------------------------

export const fontOf = (f: { fonts: DocumentFonts }, s: TextStyle): PDFFont => (s.bold ? f.fonts.bold : f.fonts.regular);
export const leadingOf = (s: TextStyle): number => s.leading ?? s.size * 1.3;

// Text width, measured word by word and remembered per font: pdf-lib shapes the whole string on
// every call (a fraction of a millisecond each), and wrapping measures the same words many
// times. A width is the sum of its words and spaces (no kerning or ligature crosses a space).
// Kept per font name across documents (every document embeds the same fonts), and dropped when
// it grows large, so names and addresses do not pile up in a long-running server.
const wordWidths = new Map<string, Map<string, number>>();
const MAX_CACHED_WORDS = 20_000;

export function textWidth(font: PDFFont, text: string, size: number): number {
  let cache = wordWidths.get(font.name);
  if (!cache || cache.size > MAX_CACHED_WORDS) wordWidths.set(font.name, (cache = new Map()));
  let total = 0;
  const words = text.split(' ');
  for (const word of words) {
    let w = cache.get(word);
    if (w === undefined) {
      w = word ? font.widthOfTextAtSize(word, 1) : 0;
      cache.set(word, w);
    }
    total += w;
  }
  if (words.length > 1) {
    let space = cache.get(' ');
    if (space === undefined) cache.set(' ', (space = font.widthOfTextAtSize(' ', 1)));
    total += (words.length - 1) * space;
  }
  return total * size;
}

// Whitespace of any kind is one space; text is never lost, only moved to the next line.
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const width = (s: string) => textWidth(font, s, size);
  for (const para of text.split('\n')) {
    const words = para.split(/\s+/).filter(Boolean);
    let line = '';
    for (let word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (width(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      while (width(word) > maxWidth) {
        const cut = breakIndex(word, width, maxWidth);
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    }
    lines.push(line);
  }
  return lines;
}

// The same number of lines as wrapText, but as even in length as possible: for headings, the
// agency's name and the signer's position, which look wrong with one word left on a line.
export function wrapBalanced(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const greedy = wrapText(text, font, size, maxWidth);
  if (greedy.length <= 1 || text.includes('\n')) return greedy;
  let lo = maxWidth / greedy.length;
  let hi = maxWidth;
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2;
    if (wrapText(text, font, size, mid).length > greedy.length) lo = mid;
    else hi = mid;
  }
  return wrapText(text, font, size, hi);
}

// Where to break a word wider than the line: after the last '/', '-' or '.' that fits (if that
// keeps at least half the line), otherwise at the last character that fits.
function breakIndex(word: string, width: (s: string) => number, maxWidth: number): number {
  let fit = 1;
  while (fit < word.length && width(word.slice(0, fit + 1)) <= maxWidth) fit++;
  for (let i = fit; i > fit / 2; i--) if ('/-.'.includes(word[i - 1]!)) return i;
  return fit;
}

// Draws one line with its top at `top` (points from the page top).
export function drawTextLine(f: Flow, text: string, x: number, top: number, style: TextStyle, align: Align = 'left', width = 0, page = f.page): void {
  if (!text) return;
  const font = fontOf(f, style);
  const lead = leadingOf(style);
  // DejaVu: ascender 0.928, descender 0.236 of the size; centre that box in the line.
  const baseline = f.height - (top + (lead - style.size * 1.164) / 2 + style.size * 0.928);
  const color = style.color ?? BLACK;
  const w = textWidth(font, text, style.size);
  if (align === 'justify') {
    const words = text.split(' ');
    const gap = words.length > 1 ? (width - words.reduce((s, w) => s + textWidth(font, w, style.size), 0)) / (words.length - 1) : 0;
    // A line that would need wide gaps (a long word moved down) is left ragged instead.
    if (words.length > 1 && gap < style.size * 0.75) {
      let cx = x;
      for (const word of words) {
        page.drawText(word, { x: cx, y: baseline, size: style.size, font, color });
        cx += textWidth(font, word, style.size) + gap;
      }
      return;
    }
  }
  const dx = align === 'center' ? (width - w) / 2 : align === 'right' ? width - w : 0;
  page.drawText(text, { x: x + dx, y: baseline, size: style.size, font, color });
}

export interface ParagraphOptions {
  x?: number;
  width?: number;
  align?: Align;
  // Keep the whole paragraph on one page when it is at most this many lines (default 3).
  keepLines?: number;
  spaceAfter?: number;
}

export function paragraph(f: Flow, text: string, style: TextStyle, o: ParagraphOptions = {}): void {
  const x = o.x ?? contentLeft(f);
  const width = o.width ?? contentWidth(f) - (x - contentLeft(f));
  const lines = wrapText(text, fontOf(f, style), style.size, width);
  const lead = leadingOf(style);
  if (lines.length <= (o.keepLines ?? 3)) ensure(f, lines.length * lead);
  lines.forEach((line, i) => {
    ensure(f, lead);
    const align = o.align === 'justify' && i === lines.length - 1 ? 'left' : (o.align ?? 'left');
    drawTextLine(f, line, x, f.y, style, align, width);
    f.y += lead;
  });
  if (o.spaceAfter) space(f, o.spaceAfter);
}

export function measureLines(f: Flow, text: string, style: TextStyle, width: number): number {
  return wrapText(text, fontOf(f, style), style.size, width).length;
}

// ---- hanging blocks: "1. text", "Nama : value", "Dasar : 1. …" -------------------------------

export interface HangingItem {
  // Drawn in the label column on the item's first line (e.g. "Nama", "Dasar").
  label?: string;
  // Drawn after the label column, before the text (":" for field rows).
  separator?: string;
  // Drawn in the marker column (e.g. "1.").
  marker?: string;
  text: string;
  bold?: boolean;
}

export interface HangingOptions {
  x?: number;
  width?: number;
  labelWidth?: number;
  separatorWidth?: number;
  markerWidth?: number;
  align?: Align;
  // Extra space between items.
  gap?: number;
  labelBold?: boolean;
}

// Items whose text hangs in a column to the right of a label, separator and marker. Each item
// stays on one page when it is six lines or fewer, and a label stays with its first item.
export function hanging(f: Flow, items: readonly HangingItem[], style: TextStyle, o: HangingOptions = {}): void {
  const x = o.x ?? contentLeft(f);
  const width = o.width ?? contentWidth(f) - (x - contentLeft(f));
  const labelW = o.labelWidth ?? 0;
  const sepW = o.separatorWidth ?? (items.some((i) => i.separator) ? style.size * 0.9 : 0);
  const markW = o.markerWidth ?? (items.some((i) => i.marker) ? style.size * 1.9 : 0);
  const textX = x + labelW + sepW + markW;
  const textW = width - (textX - x);
  const lead = leadingOf(style);
  items.forEach((item, n) => {
    const s = { ...style, bold: item.bold ?? style.bold };
    const lines = wrapText(item.text, fontOf(f, s), s.size, textW);
    const labelLines = item.label && labelW ? wrapText(item.label, fontOf(f, { ...style, bold: o.labelBold }), style.size, labelW - 2) : [];
    const rows = Math.max(lines.length, labelLines.length);
    if (rows <= 6) ensure(f, rows * lead);
    else ensure(f, 2 * lead);
    for (let i = 0; i < rows; i++) {
      ensure(f, lead);
      if (labelLines[i]) drawTextLine(f, labelLines[i]!, x, f.y, { ...style, bold: o.labelBold });
      if (i === 0 && item.separator) drawTextLine(f, item.separator, x + labelW, f.y, style);
      if (i === 0 && item.marker) drawTextLine(f, item.marker, x + labelW + sepW, f.y, style);
      const line = lines[i];
      if (line) drawTextLine(f, line, textX, f.y, s, o.align === 'justify' && i === lines.length - 1 ? 'left' : (o.align ?? 'left'), textW);
      f.y += lead;
    }
    if (o.gap && n < items.length - 1) space(f, o.gap);
  });
}

// "Dasar : 1. … 2. …": a label, a colon and a numbered list in the value column.
export function labelledList(f: Flow, label: string, items: readonly string[], style: TextStyle, o: HangingOptions & { numbered?: boolean } = {}): void {
  const numbered = o.numbered ?? items.length > 1;
  hanging(
    f,
    items.map((text, i) => ({ label: i === 0 ? label : undefined, separator: i === 0 ? ':' : undefined, marker: numbered ? `${i + 1}.` : undefined, text })),
    style,
    { separatorWidth: style.size * 0.9, ...o },
  );
}

// "Nama : value" rows.
export function fieldRows(f: Flow, rows: readonly { label: string; value: string; bold?: boolean }[], style: TextStyle, o: HangingOptions = {}): void {
  hanging(f, rows.map((r) => ({ label: r.label, separator: ':', text: r.value, bold: r.bold })), style, { labelWidth: 40 * MM, ...o });
}

// A numbered list: "1. text".
export function numberedList(f: Flow, items: readonly string[], style: TextStyle, o: HangingOptions = {}): void {
  hanging(f, items.map((text, i) => ({ marker: `${i + 1}.`, text })), style, o);
}

// ---- lines and boxes -------------------------------------------------------------------------

export function hRule(f: Flow, top: number, thickness: number, x = contentLeft(f), width = contentWidth(f), page = f.page): void {
  page.drawLine({ start: { x, y: f.height - top }, end: { x: x + width, y: f.height - top }, thickness, color: BLACK });
}

// A rectangle given by its top-left corner in flow coordinates.
export function boxAt(f: Flow, x: number, top: number, width: number, height: number, o: { fill?: Color; border?: number } = {}): void {
  f.page.drawRectangle({
    x, y: f.height - top - height, width, height,
    color: o.fill, borderColor: o.border ? BLACK : undefined, borderWidth: o.border ?? 0,
  });
}

// ---- letterhead ------------------------------------------------------------------------------

// The kop surat: government, agency, address and contacts, centred, over a thick and a thin rule.
// The agency's name is set as large as fits on one line (down to 10.5 pt), else wrapped.
export function letterhead(f: Flow, office: Office): void {
  const x = contentLeft(f);
  const width = contentWidth(f);
  const { government, agency, addressLine } = office.letterhead;
  centred(f, government, { size: 13, bold: true, leading: 16 }, x, width);
  let size = 14;
  while (size > 10.5 && textWidth(f.fonts.bold, agency, size) > width) size -= 0.5;
  centred(f, agency, { size, bold: true, leading: size * 1.2 }, x, width);
  f.y += 1;
  centred(f, addressLine, { size: 8.5, leading: 11 }, x, width);
  const contacts = contactLine(office);
  if (contacts) centred(f, contacts, { size: 8.5, leading: 11 }, x, width);
  f.y += 3;
  hRule(f, f.y, 2.2);
  hRule(f, f.y + 2.6, 0.6);
  f.y += 14;
}

// The contacts not already in the address line of the letterhead.
export function contactLine(office: Office): string {
  const c = office.contact;
  const shown = office.letterhead.addressLine.toLowerCase();
  const parts: [string, string | undefined][] = [['Telp.', c.phone], ['Faks.', c.fax], ['Email', c.email], ['Laman', c.website]];
  return parts.filter(([, v]) => v && !shown.includes(v.toLowerCase())).map(([k, v]) => `${k} ${v}`).join(' · ');
}

export function centred(f: Flow, text: string, style: TextStyle, x = contentLeft(f), width = contentWidth(f), underline = false): void {
  const font = fontOf(f, style);
  const lead = leadingOf(style);
  for (const line of wrapBalanced(text, font, style.size, width)) {
    ensure(f, lead);
    drawTextLine(f, line, x, f.y, style, 'center', width);
    if (underline) {
      const w = textWidth(font, line, style.size);
      const y = f.height - (f.y + lead - style.size * 0.08);
      f.page.drawLine({ start: { x: x + (width - w) / 2, y }, end: { x: x + (width + w) / 2, y }, thickness: style.size / 14, color: style.color ?? BLACK });
    }
    f.y += lead;
  }
}

// The title of a document, in capitals, bold and underlined, with lines under it (its number).
export function titleBlock(f: Flow, title: string, below: readonly string[] = [], spaceAfter = 12): void {
  centred(f, title.toLocaleUpperCase('id'), { size: 12.5, bold: true, leading: 15.5 }, undefined, undefined, true);
  for (const line of below) centred(f, line, { size: 10.5, leading: 14 });
  space(f, spaceAfter);
}

// ---- signature block -------------------------------------------------------------------------

export interface Signatory {
  name: string;
  // As the office writes it, e.g. "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu
  // Pintu Provinsi Kalimantan Timur"; printed in capitals.
  position: string;
  // An acting official (Plt.) signs with "Plt." before the position.
  acting?: boolean;
  // Pangkat / golongan, e.g. "Pembina Utama Muda (IV/c)".
  rank?: string;
  nip?: string;
}

export interface SignatureOptions {
  // The place-and-date line, above the position.
  placeDate?: string;
  // Lines above the position (e.g. "a.n. Kepala Dinas"), as given.
  above?: string[];
  x: number;
  width: number;
  // Height of the area kept free for the signature and stamp (with a little clearance around).
  stampHeight: number;
  style?: TextStyle;
}

export function positionLine(s: Signatory): string {
  const position = s.position.trim().toLocaleUpperCase('id');
  return `${s.acting ? 'Plt. ' : ''}${position},`;
}

// Free space between the stamp area and the position above it and the name below it.
const STAMP_CLEARANCE = 1.5 * MM;

function signatureLines(f: Flow, s: Signatory, o: SignatureOptions) {
  const style = o.style ?? { size: 10 };
  const lead = leadingOf(style);
  const head = [...(o.placeDate ? [o.placeDate] : []), ...(o.above ?? [])].flatMap((t) => wrapText(t, fontOf(f, style), style.size, o.width));
  const position = wrapBalanced(positionLine(s), f.fonts.bold, style.size, o.width);
  const name = wrapBalanced(s.name, f.fonts.bold, style.size, o.width);
  const tail = [s.rank, s.nip ? `NIP. ${s.nip}` : undefined].filter((t): t is string => !!t);
  const height = (head.length + position.length + name.length + tail.length) * lead + o.stampHeight + 2 * STAMP_CLEARANCE;
  return { style, lead, head, position, name, tail, height };
}

// The height the block takes, to keep it with the text before it.
export function signatureHeight(f: Flow, s: Signatory, o: SignatureOptions): number {
  return signatureLines(f, s, o).height;
}

// The block is kept on one page, centred in its column; what it returns is the empty space
// between the position and the name, where the signer puts the signature and visible stamp.
export function signatureBlock(f: Flow, s: Signatory, o: SignatureOptions): PageBox {
  const { style, lead, head, position, name, tail, height } = signatureLines(f, s, o);
  const bold = { ...style, bold: true };
  ensure(f, height);
  for (const line of head) {
    drawTextLine(f, line, o.x, f.y, style, 'center', o.width);
    f.y += lead;
  }
  for (const line of position) {
    drawTextLine(f, line, o.x, f.y, bold, 'center', o.width);
    f.y += lead;
  }
  f.y += STAMP_CLEARANCE;
  const stamp: PageBox = { page: pageIndex(f), x: o.x, y: f.height - f.y - o.stampHeight, width: o.width, height: o.stampHeight };
  f.y += o.stampHeight + STAMP_CLEARANCE;
  // The name, bold and underlined.
  for (const line of name) {
    drawTextLine(f, line, o.x, f.y, bold, 'center', o.width);
    const w = textWidth(f.fonts.bold, line, style.size);
    const underline = f.height - (f.y + lead - style.size * 0.12);
    f.page.drawLine({ start: { x: o.x + (o.width - w) / 2, y: underline }, end: { x: o.x + (o.width + w) / 2, y: underline }, thickness: 0.7, color: BLACK });
    f.y += lead;
  }
  for (const line of tail) {
    drawTextLine(f, line, o.x, f.y, style, 'center', o.width);
    f.y += lead;
  }
  return stamp;
}

// The last paragraph of a letter and the signature block after it, kept on one page together:
// a signature never stands alone on a page.
export function closingAndSignature(f: Flow, closing: string, style: TextStyle, o: ParagraphOptions, s: Signatory, sig: SignatureOptions): PageBox {
  const x = o.x ?? contentLeft(f);
  const width = o.width ?? contentWidth(f) - (x - contentLeft(f));
  const gap = 14;
  ensure(f, measureLines(f, closing, style, width) * leadingOf(style) + gap + signatureHeight(f, s, sig));
  paragraph(f, closing, style, { align: 'justify', ...o });
  space(f, gap);
  return signatureBlock(f, s, sig);
}

// "Tembusan:" (copies to) and its numbered list, in small type under the signature.
export function copiesTo(f: Flow, items: readonly string[] | undefined): void {
  if (!items?.length) return;
  space(f, 10);
  const small: TextStyle = { size: 8.5, leading: 11 };
  ensure(f, (items.length + 1) * small.leading!);
  paragraph(f, 'Tembusan:', { ...small, bold: true });
  numberedList(f, items, small, { width: contentWidth(f) * 0.6 });
}

// ---- QR codes --------------------------------------------------------------------------------

// A QR code drawn as vector shapes, crisp at any print size: one path of rectangles, each a run
// of dark modules in a row (stacked runs that repeat row after row become one taller rectangle),
// filled once. `size` is the whole square including the four-module quiet zone; x, y are its
// bottom-left corner in PDF coordinates.
export function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const { n, rects } = qrRectangles(text);
  const quiet = 4;
  const unit = size / (n + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  // Module coordinates: origin at the top-left corner of the quiet zone, y downwards.
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(unit, 0, 0, -unit, x, y + size),
    setFillingColor(BLACK),
    ...rects.map(([col, row, width, height]) => rectangle(col + quiet, row + quiet, width, height)),
    fill(),
    popGraphicsState(),
  );
}

// The dark modules of the QR code of `text` as rectangles [column, row, width, height]. A page
// footer draws the same code on every page, so the last one is remembered.
let lastQr: { text: string; n: number; rects: [number, number, number, number][] } | null = null;

function qrRectangles(text: string): { n: number; rects: [number, number, number, number][] } {
  if (lastQr?.text === text) return lastQr;
  const qr = createQr(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const rects: [number, number, number, number][] = [];
  // Rectangles still growing downwards, by the run (start and end column) they repeat.
  let open = new Map<number, [number, number, number, number]>();
  for (let row = 0; row < n; row++) {
    const next = new Map<number, [number, number, number, number]>();
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      const key = start * (n + 1) + col;
      let rect = open.get(key);
      if (rect) rect[3]++;
      else rects.push((rect = [start, row, col - start, 1]));
      next.set(key, rect);
    }
    open = next;
  }
  lastQr = { text, n, rects };
  return lastQr;
}

// ---- tables ----------------------------------------------------------------------------------

export interface Column {
  header: string;
  // Share of the table width (the shares are scaled to add up to the width).
  share: number;
  align?: 'left' | 'center';
}

// A ruled table; the header row is repeated on every page the table reaches, and a row is never
// split across pages.
export function table(f: Flow, columns: readonly Column[], rows: readonly (readonly string[])[], style: TextStyle, o: { x?: number; width?: number } = {}): void {
  const x = o.x ?? contentLeft(f);
  const width = o.width ?? contentWidth(f);
  const total = columns.reduce((s, c) => s + c.share, 0);
  const widths = columns.map((c) => (c.share / total) * width);
  const pad = 3;
  const lead = leadingOf(style);
  const cells = (texts: readonly string[], s: TextStyle) => texts.map((t, i) => wrapText(t, fontOf(f, s), s.size, widths[i]! - 2 * pad));
  const headStyle = { ...style, bold: true };
  const head = cells(columns.map((c) => c.header), headStyle);
  const heightOf = (c: string[][]) => Math.max(1, ...c.map((l) => l.length)) * lead + 2 * pad;
  const drawRow = (c: string[][], s: TextStyle, fill?: Color) => {
    const h = heightOf(c);
    let cx = x;
    c.forEach((lines, i) => {
      boxAt(f, cx, f.y, widths[i]!, h, { fill, border: 0.5 });
      lines.forEach((line, j) => drawTextLine(f, line, cx + pad, f.y + pad + j * lead, s, columns[i]!.align === 'center' ? 'center' : 'left', widths[i]! - 2 * pad));
      cx += widths[i]!;
    });
    f.y += h;
  };
  const body = rows.map((r) => cells(r, style));
  ensure(f, heightOf(head) + (body[0] ? heightOf(body[0]) : 0));
  drawRow(head, headStyle, LIGHT);
  for (const row of body) {
    const before = f.pages.length;
    ensure(f, heightOf(row));
    if (f.pages.length !== before) drawRow(head, headStyle, LIGHT);
    drawRow(row, style);
  }
}

// ---- pages -----------------------------------------------------------------------------------

export interface FooterQr {
  url: string;
  caption: string;
  // Side of the QR square with its quiet zone; 22 mm when absent.
  size?: number;
}

// The footer of every page: optionally a QR code with its caption and address on the left, and
// the page number on the right. Drawn after the content, once the page count is known; the flow
// must have been created with `footer` space for it. Returns where each QR code was drawn.
export function footers(f: Flow, qr?: FooterQr, note?: string): PageBox[] {
  const boxes: PageBox[] = [];
  const count = f.pages.length;
  const numberStyle: TextStyle = { size: 8, color: GREY };
  f.pages.forEach((page, i) => {
    const bottom = f.margin.bottom;
    if (qr) {
      const size = qr.size ?? 22 * MM;
      // The quiet zone may reach into the margin: the dark modules line up with the text.
      const x = contentLeft(f) - 2 * MM;
      drawQrCode(page, qr.url, x, bottom, size);
      boxes.push({ page: i, x, y: bottom, width: size, height: size });
      const tx = x + size + 2 * MM;
      const tw = contentWidth(f) * 0.62 - size;
      let top = f.height - bottom - size + 4 * MM;
      const cap: TextStyle = { size: 8, bold: true, leading: 10.5 };
      for (const line of wrapText(qr.caption, f.fonts.bold, cap.size, tw)) {
        drawTextLine(f, line, tx, top, cap, 'left', tw, page);
        top += leadingOf(cap);
      }
      const url: TextStyle = { size: 7.5, leading: 9.5, color: GREY };
      for (const line of wrapText(qr.url, f.fonts.regular, url.size, tw)) {
        drawTextLine(f, line, tx, top, url, 'left', tw, page);
        top += leadingOf(url);
      }
    }
    const top = f.height - bottom - leadingOf(numberStyle);
    if (note) drawTextLine(f, note, contentLeft(f), top, numberStyle, 'left', contentWidth(f), page);
    drawTextLine(f, `Halaman ${i + 1} dari ${count}`, contentLeft(f), top, numberStyle, 'right', contentWidth(f), page);
  });
  return boxes;
}
