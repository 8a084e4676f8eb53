// The fonts of every generated document: DejaVu Sans (regular and bold), which covers the
// Indonesian text of the definitions and the typographic marks they use (–, —, •, “ ”, ≥).
// The TTF files come from the dejavu-fonts-ttf package, found through Node's module
// resolution, and are read once per process.
import fontkit from '@pdf-lib/fontkit';
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
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(f.regular, { subset: true, customName: 'SPTUAA+DejaVuSans' });
  const bold = await doc.embedFont(f.bold, { subset: true, customName: 'SPTUAB+DejaVuSans-Bold' });
  return { regular, bold };
}
