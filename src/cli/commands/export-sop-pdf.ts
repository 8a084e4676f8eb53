// satupintu export-sop-pdf: the SOP AP document (identity page and matrix with its flowchart,
// PermenPANRB 35/2012) of a service definition, written as a PDF file ready to print and sign.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DefinitionIssue } from '../../domain/definition/issues.ts';
import { loadDefinition, parseYamlWith } from '../../domain/definition/load.ts';
import type { ServiceDefinition } from '../../domain/definition/schema.ts';
import { officeSchema, type Office } from '../../domain/office/schema.ts';
import { renderSopPdfWithLayout, type Paper } from '../../infra/pdf/sop-matrix.ts';

export interface ExportSopPdfInput {
  definition: ServiceDefinition;
  office: Office;
  paper: Paper;
  out: string;
}

export interface ExportSopPdfResult {
  out: string;
  pages: number;
  bytes: number;
}

// Renders and writes the file (creating its folder); the office must be the definition's own.
export async function exportSopPdf(input: ExportSopPdfInput): Promise<ExportSopPdfResult> {
  if (input.definition.office !== input.office.id) {
    throw new Error(`definisi milik kantor "${input.definition.office}", bukan "${input.office.id}" / the definition belongs to office "${input.definition.office}", not "${input.office.id}"`);
  }
  const { pdf, layout } = await renderSopPdfWithLayout(input.definition, input.office, { paper: input.paper });
  mkdirSync(dirname(input.out), { recursive: true });
  writeFileSync(input.out, pdf);
  return { out: input.out, pages: layout.pages, bytes: pdf.byteLength };
}

export function parsePaper(value: string | undefined): Paper | null {
  if (value === undefined) return 'A4';
  const v = value.toUpperCase();
  return v === 'A4' || v === 'F4' ? v : null;
}

export const exportSopPdfUsage =
  'export-sop-pdf FILE [--office OFFICE.yaml] [--paper A4|F4] [--out FILE.pdf]   dokumen SOP (PDF) dari berkas definisi';

// The command as the CLI runs it: FILE is a definition; its office.yaml is taken from the same
// folder unless --office names one; the PDF is written to the current folder as
// <office>-<service>-sop-<paper>.pdf unless --out says where.
export async function exportSopPdfCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { office: { type: 'string' }, paper: { type: 'string' }, out: { type: 'string' } } });
  } catch (e) {
    console.error(`export-sop-pdf: ${(e as Error).message}\n${exportSopPdfUsage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error(`export-sop-pdf: sebutkan satu berkas definisi / name one definition file\n${exportSopPdfUsage}`);
    return 1;
  }
  const paper = parsePaper(values.paper);
  if (!paper) {
    console.error(`export-sop-pdf: kertas harus A4 atau F4 / paper must be A4 or F4 (${values.paper})`);
    return 1;
  }
  const officeFile = values.office ?? join(dirname(file), 'office.yaml');
  for (const f of [file, officeFile]) {
    if (!existsSync(f)) {
      console.error(`${f}: berkas tidak ditemukan / file not found`);
      return 1;
    }
  }
  const definition = loadDefinition(readFileSync(file, 'utf8'));
  const office = parseYamlWith(readFileSync(officeFile, 'utf8'), officeSchema);
  if (!definition.ok || !office.ok) {
    if (!definition.ok) printIssues(file, definition.issues);
    if (!office.ok) printIssues(officeFile, office.issues);
    return 1;
  }
  const out = values.out ?? `${definition.value.office}-${definition.value.slug}-sop-${paper.toLowerCase()}.pdf`;
  try {
    const r = await exportSopPdf({ definition: definition.value, office: office.value, paper, out });
    console.log(`${r.out}: ${r.pages} halaman / pages, ${paper}, ${r.bytes} byte`);
    return 0;
  } catch (e) {
    console.error(`export-sop-pdf: ${(e as Error).message}`);
    return 1;
  }
}

function printIssues(file: string, issues: DefinitionIssue[]) {
  for (const i of issues) console.error(`${file}: ${i.path}: ${i.id} (${i.en})`);
}
