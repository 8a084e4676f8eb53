// The fonts of every generated document: DejaVu Sans (regular and bold), which covers the
// Indonesian text of the definitions and the typographic marks they use (–, —, •, “ ”, ≥).
// The TTF files come from the dejavu-fonts-ttf package, found through Node's module
// resolution, and are read once per process.
//
// Parsing a TTF with fontkit and shaping text with it (OpenType substitutions and positioning)
// is most of the time it takes to make a document, and every document uses the same two faces
// and much of the same text. So each face is parsed once per process, and the glyphs of each
// string are shaped once and remembered; each document still gets its own subset and its own
// glyph objects, so what it embeds depends on its own text only (see documentFont).
import fontkit from '@pdf-lib/fontkit';
import type { Font, Glyph, GlyphRun, Subset, SubsetStream } from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);

export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
}

let files: FontFiles | null = null;

export function dejaVuSansFiles(): FontFiles {
  files ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return files;
}

// Embeds both faces as subsets. The names are fixed (a subset tag, as PDF 1.7 §9.6.4 asks)
// rather than pdf-lib's random suffix, so the same input gives the same bytes.
export async function embedDejaVuSans(doc: PDFDocument): Promise<DocumentFonts> {
  const f = dejaVuSansFiles();
  const regular = await embedSubsetFont(doc, f.regular, 'SPTUAA+DejaVuSans');
  const bold = await embedSubsetFont(doc, f.bold, 'SPTUAB+DejaVuSans-Bold');
  return { regular, bold };
}

// Embeds a TrueType face as a subset under a fixed name, parsing it only the first time these
// bytes (the same array) are seen in this process.
export async function embedSubsetFont(doc: PDFDocument, bytes: Uint8Array, customName: string): Promise<PDFFont> {
  doc.registerFontkit(sharedFontkit);
  return doc.embedFont(bytes, { subset: true, customName });
}

// ---- fonts parsed once, shaped strings remembered ----------------------------------------------

// What a document needs of a shaped glyph: pdf-lib reads its id (for the subset and the content
// stream), advance width (widths, the /W array) and code points (the /ToUnicode map).
interface ShapedGlyph {
  id: number;
  codePoints: readonly number[];
  advanceWidth: number;
}

interface SharedFont {
  font: Font;
  // Shaped strings. Cleared when it grows large, so the names and addresses of many documents
  // do not pile up in a long-running server.
  runs: Map<string, readonly ShapedGlyph[]>;
  // What a subset copies of each glyph (see subsetGlyph); at most one entry per glyph of the font.
  glyphs: Map<number, GlyphRecord>;
}

const MAX_SHAPED_STRINGS = 20_000;
const parsed = new WeakMap<Uint8Array, SharedFont>();

// Handed to pdf-lib instead of fontkit itself: pdf-lib only calls create().
const sharedFontkit = {
  create(bytes: Uint8Array): Font {
    let shared = parsed.get(bytes);
    if (!shared) {
      shared = { font: fontkit.create(bytes), runs: new Map(), glyphs: new Map() };
      // Only fonts whose glyph cache is where fontkit 1.x keeps it are shared; any other is
      // used as parsed, one per document, exactly as fontkit.create would give it.
      if (!isPlainObject((shared.font as unknown as FontkitInternals)._glyphs)) return shared.font;
      parsed.set(bytes, shared);
    }
    return documentFont(shared);
  },
};

// The parts of fontkit 1.x (TTFFont, TTFGlyph, TTFSubset, LayoutEngine) used below.
interface LayoutEngineInternals {
  // Sets run.positions (which fontkit then zeroes for invisible characters such as U+00AD).
  position(run: { glyphs: Glyph[]; positions: unknown[] }): void;
}

// LayoutEngine.position without the positioning: every position left at zero (never read).
function unpositioned(run: { glyphs: Glyph[]; positions: unknown[] }): void {
  run.positions = run.glyphs.map(() => ({ xAdvance: 0, yAdvance: 0, xOffset: 0, yOffset: 0 }));
}

interface FontkitInternals {
  _glyphs: Record<number, Glyph>;
  _layoutEngine: LayoutEngineInternals | undefined;
  _variationProcessor: unknown;
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  getGlyph(id: number): Glyph & {
    _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
    _getMetrics(): { leftBearing: number };
  };
}

interface TtfSubsetInternals {
  font: unknown;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(glyph: number): number;
  _addGlyph(glyph: number): number;
}

function isPlainObject(v: unknown): v is Record<number, Glyph> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

// One document's view of a shared font. Everything but layout() is the parsed font's own
// (tables, metrics, and createSubset(), so the subset is the document's own and its glyph data
// comes from the parsed tables). layout() returns this document's glyph objects for the shaped
// string: a glyph id gets its code points from the first string of this document that used it,
// as it would in a font parsed for this document alone; the bytes of a document therefore never
// depend on what other documents the process made before.
function documentFont(shared: SharedFont): Font {
  const own = new Map<number, ShapedGlyph>();
  const glyphOf = (g: ShapedGlyph): ShapedGlyph => {
    let mine = own.get(g.id);
    if (!mine) own.set(g.id, (mine = g));
    return mine;
  };
  const view = Object.create(shared.font) as Font;
  Object.defineProperty(view, 'layout', {
    value(...args: unknown[]): GlyphRun {
      const [text, features] = args;
      // Features, script or language are not used by our documents; fontkit itself shapes those.
      if (typeof text !== 'string' || features !== undefined || args.length > 2) {
        return (shared.font.layout as (...a: unknown[]) => GlyphRun).apply(view, args);
      }
      const glyphs = shape(shared, text).map(glyphOf);
      return { glyphs } as unknown as GlyphRun;
    },
  });
  Object.defineProperty(view, 'createSubset', {
    value(): Subset {
      const subset = shared.font.createSubset.call(view);
      Object.defineProperty(subset, 'encodeStream', { value: () => encodeAtOnce(subset) });
      const internals = subset as unknown as TtfSubsetInternals;
      const font = shared.font as unknown as FontkitInternals;
      // TrueType outlines of a font without variations: each glyph is copied as it is in the
      // font, so what the copy needs is read once per process.
      if (typeof internals._addGlyph === 'function' && Array.isArray(font.loca?.offsets) && !font._variationProcessor) {
        Object.defineProperty(subset, '_addGlyph', { value: (gid: number) => addGlyph(internals, subsetGlyph(shared, gid)) });
      }
      return subset;
    },
  });
  return view;
}

// What TTFSubset._addGlyph takes from the font for one glyph: its bytes in the glyf table, the
// components of a composite glyph (whose ids the subset renumbers), and its horizontal metrics.
interface GlyphRecord {
  data: Uint8Array;
  components: readonly { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}

function subsetGlyph(shared: SharedFont, gid: number): GlyphRecord {
  const known = shared.glyphs.get(gid);
  if (known) return known;
  const font = shared.font as unknown as FontkitInternals;
  const glyph = font.getGlyph(gid);
  const glyf = glyph._decode();
  const start = font.loca.offsets[gid]!;
  const end = font.loca.offsets[gid + 1]!;
  const stream = font._getTableStream('glyf');
  stream.pos += start;
  const record: GlyphRecord = {
    data: Buffer.from(stream.readBuffer(end - start)),
    components: glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null,
    advance: glyph.advanceWidth,
    bearing: glyph._getMetrics().leftBearing,
  };
  shared.glyphs.set(gid, record);
  return record;
}

// TTFSubset._addGlyph of fontkit 1.x, from the record.
function addGlyph(subset: TtfSubsetInternals, record: GlyphRecord): number {
  let data = record.data;
  if (record.components) {
    const copy = Buffer.from(record.data);
    for (const c of record.components) copy.writeUInt16BE(subset.includeGlyph(c.glyphID), c.pos);
    data = copy;
  }
  subset.glyf.push(data);
  subset.loca.offsets.push(subset.offset);
  subset.hmtx.metrics.push({ advance: record.advance, bearing: record.bearing });
  subset.offset += data.length;
  return subset.glyf.length - 1;
}

// The glyphs of a string as fontkit shapes it in a font just parsed: its glyph cache is set
// aside for the call, so the code points fontkit records on each glyph come from this string
// alone. The glyphs are substituted (ligatures, composed accents) but not positioned: pdf-lib
// uses neither kerning nor mark offsets, only each glyph's own advance width, and positioning
// is two thirds of the work. Synchronous, so no other document's work runs in between.
function shape(shared: SharedFont, text: string): readonly ShapedGlyph[] {
  const known = shared.runs.get(text);
  if (known) return known;
  const internals = shared.font as unknown as FontkitInternals;
  const engine = internals._layoutEngine;
  const skipPositioning = typeof engine?.position === 'function' && !Object.hasOwn(engine, 'position');
  const kept = internals._glyphs;
  internals._glyphs = {};
  if (skipPositioning) Object.defineProperty(engine, 'position', { value: unpositioned, configurable: true });
  let run: ShapedGlyph[];
  try {
    run = shared.font.layout(text).glyphs.map((g) => ({ id: g.id, codePoints: [...g.codePoints], advanceWidth: g.advanceWidth }));
  } finally {
    internals._glyphs = kept;
    if (skipPositioning) delete (engine as Partial<LayoutEngineInternals>).position;
  }
  if (shared.runs.size >= MAX_SHAPED_STRINGS) shared.runs.clear();
  shared.runs.set(text, run);
  return run;
}

// ---- subsets written at once --------------------------------------------------------------------

// fontkit writes a subset through a browser shim of Node streams whose every step waits for a
// timer: about twenty milliseconds of waiting for a font of a few kilobytes. pdf-lib only listens
// for the data and the end, so the subset is written synchronously into SyncEncodeStream (the
// writer fontkit's tables call) and handed over in one piece. The bytes are the same; should
// the subset call anything this writer lacks, fontkit's own stream does the work instead.
interface EncodableSubset extends Subset {
  encode(stream: SyncEncodeStream): void;
}

function encodeAtOnce(subset: Subset): SubsetStream {
  const listeners = new Map<string, (data?: unknown) => void>();
  const stream: SubsetStream = {
    on(event, callback) {
      listeners.set(event, callback as (data?: unknown) => void);
      return stream;
    },
  };
  queueMicrotask(() => {
    let bytes: Buffer;
    try {
      const out = new SyncEncodeStream();
      (subset as EncodableSubset).encode(out);
      bytes = out.end();
    } catch {
      const original = Object.getPrototypeOf(subset).encodeStream.call(subset) as SubsetStream;
      for (const [event, callback] of listeners) original.on(event as 'data', callback);
      return;
    }
    listeners.get('data')?.(bytes);
    listeners.get('end')?.();
  });
  return stream;
}

// The writer of restructure (fontkit's binary encoder), synchronous: fixed-size numbers through
// Buffer's write methods, 24-bit numbers, strings, buffers and fills, all at the position `pos`.
const NUMBER_SIZES: Record<string, number> = { UInt8: 1, UInt16: 2, UInt32: 4, Int8: 1, Int16: 2, Int32: 4, Float: 4, Double: 8 };

class SyncEncodeStream {
  pos = 0;
  private chunks: Uint8Array[] = [];
  private buffer = Buffer.alloc(65_536);
  private offset = 0;

  private ensure(bytes: number): void {
    if (this.offset + bytes > this.buffer.length) this.flush();
  }

  private flush(): void {
    if (this.offset === 0) return;
    this.chunks.push(Buffer.from(this.buffer.subarray(0, this.offset)));
    this.offset = 0;
  }

  writeNumber(method: string, bytes: number, value: number): void {
    this.ensure(bytes);
    (this.buffer as unknown as Record<string, (v: number, at: number) => number>)[method]!(value, this.offset);
    this.offset += bytes;
    this.pos += bytes;
  }

  writeBuffer(buffer: Uint8Array): void {
    this.flush();
    this.chunks.push(buffer);
    this.pos += buffer.length;
  }

  writeString(text: string, encoding = 'ascii'): void {
    if (encoding === 'utf16be') this.writeBuffer(Buffer.from(text, 'utf16le').swap16());
    else if (encoding === 'ascii' || encoding === 'utf8' || encoding === 'utf16le' || encoding === 'ucs2') this.writeBuffer(Buffer.from(text, encoding));
    else throw new Error(`unsupported string encoding ${encoding}`);
  }

  writeUInt24BE(value: number): void {
    this.ensure(3);
    this.buffer.writeUIntBE(value, this.offset, 3);
    this.offset += 3;
    this.pos += 3;
  }

  writeUInt24LE(value: number): void {
    this.ensure(3);
    this.buffer.writeUIntLE(value, this.offset, 3);
    this.offset += 3;
    this.pos += 3;
  }

  writeInt24BE(value: number): void {
    this.writeUInt24BE(value >= 0 ? value : value + 0x1000000);
  }

  writeInt24LE(value: number): void {
    this.writeUInt24LE(value >= 0 ? value : value + 0x1000000);
  }

  fill(value: number, length: number): void {
    if (length < this.buffer.length) {
      this.ensure(length);
      this.buffer.fill(value, this.offset, this.offset + length);
      this.offset += length;
      this.pos += length;
    } else this.writeBuffer(Buffer.alloc(length, value));
  }

  end(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
  }
}

// writeUInt16BE, writeInt32BE, writeFloatBE, … as restructure derives them from Buffer's methods.
for (const method of Object.getOwnPropertyNames(Buffer.prototype)) {
  const bytes = method.startsWith('write') ? NUMBER_SIZES[method.replace(/write|[BL]E/g, '')] : undefined;
  if (bytes === undefined || method in SyncEncodeStream.prototype) continue;
  Object.defineProperty(SyncEncodeStream.prototype, method, {
    value(this: SyncEncodeStream, value: number) {
      this.writeNumber(method, bytes, value);
    },
  });
}
