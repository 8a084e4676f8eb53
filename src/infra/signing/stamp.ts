// The visible stamp of an electronic signature: a framed box on the signature page saying who
// signed, in which position, and when (in the office's time zone). Both signers draw the same
// stamp; the local signer also puts its signature widget over it.
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';
import { dejaVuSansFiles, embedSubsetFont } from '../pdf/fonts.ts';
import { signingErrors } from './errors.ts';
import type { SignerIdentity, VisibleStamp } from './signer.ts';

// DejaVu Sans covers every letter of an Indonesian name or title. Embedded as a subset with its
// own tag, so it never collides with the fonts the document already embeds. The face is parsed
// once per process (fonts.ts), as for the documents themselves.
async function stampFont(doc: PDFDocument): Promise<PDFFont> {
  return embedSubsetFont(doc, dejaVuSansFiles().regular, 'SPTTTE+DejaVuSans');
}

const ZONE_LABEL: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

// One formatter per time zone: making one costs more than the rest of the stamp's text.
const formatters = new Map<string, Intl.DateTimeFormat>();

// "23 November 2026 pukul 19.37 WIB"
export function stampDate(at: Date, timeZone = 'Asia/Jakarta'): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('id-ID', {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    // Time zones come from the offices' configuration: a handful. Kept small all the same.
    if (formatters.size >= 32) formatters.clear();
    formatters.set(timeZone, format);
  }
  return `${format.format(at)} ${ZONE_LABEL[timeZone] ?? timeZone}`;
}

export function stampText(signer: Pick<SignerIdentity, 'name' | 'position'>, at: Date, timeZone?: string): string[] {
  return [`Ditandatangani secara elektronik oleh ${signer.name}, ${signer.position}`, `pada ${stampDate(at, timeZone)}`];
}

// The page the stamp goes on, after checking the box lies on it.
export function stampPage(doc: PDFDocument, stamp: VisibleStamp): PDFPage {
  const page = Number.isInteger(stamp.page) ? doc.getPages()[stamp.page] : undefined;
  if (!page) throw signingErrors.stampOutsidePage({ page: stamp.page, pages: doc.getPageCount() });
  const box = page.getMediaBox();
  const inside =
    [stamp.x, stamp.y, stamp.width, stamp.height].every(Number.isFinite) &&
    stamp.width > 0 &&
    stamp.height > 0 &&
    stamp.x >= box.x &&
    stamp.y >= box.y &&
    stamp.x + stamp.width <= box.x + box.width &&
    stamp.y + stamp.height <= box.y + box.height;
  if (!inside) throw signingErrors.stampOutsidePage({ stamp, mediaBox: box });
  return page;
}

export async function drawStamp(doc: PDFDocument, stamp: VisibleStamp, lines: string[]): Promise<PDFPage> {
  const page = stampPage(doc, stamp);
  const font = await stampFont(doc);
  const pad = 4;
  const innerWidth = stamp.width - 2 * pad;
  // The largest size from 9 pt down to 4 pt at which the wrapped text fits the box.
  let size = 9;
  let wrapped = wrap(lines, font, size, innerWidth);
  while (size > 4 && wrapped.length * size * 1.2 > stamp.height - 2 * pad) {
    size -= 0.5;
    wrapped = wrap(lines, font, size, innerWidth);
  }
  page.drawRectangle({
    x: stamp.x,
    y: stamp.y,
    width: stamp.width,
    height: stamp.height,
    color: rgb(0.97, 0.98, 1),
    borderColor: rgb(0.1, 0.2, 0.45),
    borderWidth: 0.75,
  });
  const lineHeight = size * 1.2;
  let y = stamp.y + stamp.height - pad - size;
  for (const line of wrapped) {
    if (y < stamp.y + pad - size * 0.25) break;
    page.drawText(line, { x: stamp.x + pad, y, size, font, color: rgb(0.05, 0.1, 0.3) });
    y -= lineHeight;
  }
  return page;
}

function wrap(paragraphs: string[], font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    let line = '';
    for (const word of p.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        out.push(line);
        line = word;
      } else line = next;
    }
    if (line) out.push(line);
  }
  return out;
}
