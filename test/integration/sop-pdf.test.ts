// The SOP AP document (PermenPANRB 35/2012) of each seed service, as an official would print
// it: every activity and every actor readable in the PDF's text, every page rendering, one
// flowchart symbol per step, off-page connectors in pairs, and the paper the office asked for.
// Needs poppler-utils (pdftotext, pdftoppm, pdfinfo), which the CI installs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { exportSopPdfCommand } from '../../src/cli/commands/export-sop-pdf.ts';
import { exitsOf } from '../../src/domain/definition/flow.ts';
import { loadDefinition, parseYamlWith } from '../../src/domain/definition/load.ts';
import type { ServiceDefinition } from '../../src/domain/definition/schema.ts';
import { officeSchema, type Office } from '../../src/domain/office/schema.ts';
import { formatIndonesianDate, PAPER_SIZES, renderSopPdf, renderSopPdfWithLayout, wrapText, type Paper, type SopLayout } from '../../src/infra/pdf/sop-matrix.ts';
import { definitionsDir, minimalDefinition, readDefinitionSource, SEEDS } from '../helpers/fixtures.ts';

const temp = mkdtempSync(join(tmpdir(), 'satupintu-sop-pdf-'));
after(() => rmSync(temp, { recursive: true, force: true }));

// Runs a poppler tool; a missing tool fails the test with the way to get it, never skips.
function poppler(tool: 'pdftotext' | 'pdftoppm' | 'pdfinfo', args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    assert.fail(`${tool} is not installed: the SOP PDF tests need poppler-utils (apt-get install -y poppler-utils)`);
  }
  assert.equal(r.status, 0, `${tool} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

// Letters and digits only, lower case: line breaks, hyphens added at breaks, list markers and
// column gaps of the extracted text disappear, the words stay in order.
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

const loadSeed = (file: string): { def: ServiceDefinition; office: Office } => {
  const d = loadDefinition(readDefinitionSource(file));
  assert.ok(d.ok, `${file}: ${d.ok ? '' : JSON.stringify(d.issues)}`);
  const o = parseYamlWith(readDefinitionSource(`${d.value.office}/office.yaml`), officeSchema);
  assert.ok(o.ok, `${d.value.office}/office.yaml`);
  return { def: d.value, office: o.value };
};

type Rendered = { pdf: Uint8Array; layout: SopLayout; file: string };
const rendered = new Map<string, Promise<Rendered>>();

// Renders once per name and paper, and writes the file for the poppler tools.
function render(def: ServiceDefinition, office: Office, paper: Paper, name: string): Promise<Rendered> {
  const key = `${name}-${paper}`;
  let r = rendered.get(key);
  if (!r) {
    r = renderSopPdfWithLayout(def, office, { paper }).then(({ pdf, layout }) => {
      const file = join(temp, `${key}.pdf`);
      writeFileSync(file, pdf);
      return { pdf, layout, file };
    });
    rendered.set(key, r);
  }
  return r;
}

function renderedPages(file: string, name: string): number {
  const dir = mkdtempSync(join(temp, `${name}-png-`));
  poppler('pdftoppm', ['-r', '50', '-png', file, join(dir, 'page')]);
  return readdirSync(dir).filter((f) => f.endsWith('.png')).length;
}

function assertFlowchart(def: ServiceDefinition, layout: SopLayout) {
  // One symbol per step, a diamond exactly for the steps with two or more outcomes.
  assert.deepEqual(layout.symbols.map((s) => s.step).sort((a, b) => a - b), def.steps.map((s) => s.no).sort((a, b) => a - b));
  const decisions = def.steps.filter((s) => (s.outcomes?.length ?? 0) >= 2).length;
  assert.equal(layout.decisions, decisions);
  assert.equal(layout.decisions + layout.activities + layout.terminators, def.steps.length);
  const shape = new Map(layout.symbols.map((s) => [s.step, s.shape]));
  def.steps.forEach((step, i) => {
    if ((step.outcomes?.length ?? 0) >= 2) return;
    const ends = exitsOf(def, i).every((e) => e.target.kind === 'end');
    assert.equal(shape.get(step.no), i === 0 || ends ? 'terminator' : 'activity', `symbol of step ${step.no}`);
    const actor = layout.symbols.find((s) => s.step === step.no)!.actor;
    assert.equal(actor, step.actor);
  });

  // Off-page connectors come in pairs: the same letter once where the flow leaves a page and
  // once where it arrives, forward at the foot of one page and the head of a later one.
  const byLetter = new Map<string, SopLayout['connectorMarks']>();
  for (const c of layout.connectorMarks) byLetter.set(c.letter, [...(byLetter.get(c.letter) ?? []), c]);
  for (const [letter, marks] of byLetter) {
    assert.equal(marks.length, 2, `connector ${letter}: ${JSON.stringify(marks)}`);
    const out = marks.find((m) => m.direction === 'out');
    const into = marks.find((m) => m.direction === 'in');
    assert.ok(out && into, `connector ${letter} has an out and an in`);
    if (out.page < into.page) assert.deepEqual([out.band, into.band], ['bottom', 'top'], `forward connector ${letter}`);
    else {
      assert.ok(out.page > into.page, `connector ${letter} joins two pages`);
      assert.deepEqual([out.band, into.band], ['top', 'bottom'], `return connector ${letter}`);
    }
    // An arrow goes into the outgoing connector, and one leaves the incoming one.
    assert.ok(layout.arrowMarks.some((a) => a.to === letter && a.page === out.page), `arrow into ${letter}`);
    assert.ok(layout.arrowMarks.some((a) => a.from === letter && a.page === into.page), `arrow out of ${letter}`);
  }
  assert.equal(layout.connectors, layout.connectorMarks.length);

  // Every step that does not end the case has an arrow out of it, on its own page.
  const pageOf = new Map(layout.symbols.map((s) => [s.step, s.page]));
  def.steps.forEach((step, i) => {
    const ends = exitsOf(def, i).every((e) => e.target.kind === 'end');
    if (ends && (step.outcomes?.length ?? 0) < 2) return;
    const arrows = layout.arrowMarks.filter((a) => a.from === step.no);
    assert.ok(arrows.length > 0, `arrow out of step ${step.no}`);
    for (const a of arrows) assert.equal(a.page, pageOf.get(step.no));
    // A decision's arrows carry its outcome labels.
    if ((step.outcomes?.length ?? 0) >= 2) {
      for (const o of step.outcomes!) assert.ok(arrows.some((a) => a.label?.includes(o.label)), `step ${step.no} outcome "${o.label}" labelled`);
    }
  });
  assert.equal(layout.arrows, layout.arrowMarks.length);

  // Rows are whole, in order, inside the page.
  assert.deepEqual(layout.rows.map((r) => r.step), def.steps.map((s) => s.no));
  layout.rows.forEach((r, k) => {
    assert.ok(r.bottom <= layout.bodyBottom + 0.01, `row ${r.step} ends above the footer`);
    const prev = layout.rows[k - 1];
    if (prev && prev.page === r.page) assert.ok(prev.bottom <= r.top + 0.01, `row ${r.step} below row ${prev.step}`);
    if (prev) assert.ok(prev.page <= r.page);
  });
}

for (const seed of SEEDS) {
  describe(`SOP PDF of ${seed.file}`, () => {
    const { def, office } = loadSeed(seed.file);
    const name = seed.file.replace(/[/.]/g, '_');

    it('holds every activity and every actor, readable in the text of the PDF', async () => {
      const { file, layout } = await render(def, office, 'A4', name);
      const text = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
      const all = squash(text);
      for (const step of def.steps) {
        for (const line of step.activity.split('\n')) {
          if (squash(line) === '') continue;
          assert.ok(all.includes(squash(line)), `step ${step.no}: activity line not found in the PDF text: ${line}`);
        }
      }
      for (const role of def.roles) assert.ok(all.includes(squash(role.name)), `actor not in the PDF text: ${role.name}`);
      // The identity page: name, number, legal basis, and the page footer with the SOP number.
      assert.ok(all.includes(squash(def.name)));
      for (const law of def.standard.legalBasis) assert.ok(all.includes(squash(law)), `legal basis not in the PDF: ${law}`);
      for (const heading of ['Nomor SOP', 'Tanggal Pembuatan', 'Tanggal Revisi', 'Tanggal Efektif', 'Disahkan oleh', 'Nama SOP', 'Dasar Hukum', 'Kualifikasi Pelaksana', 'Keterkaitan', 'Peralatan/Perlengkapan', 'Peringatan', 'Pencatatan dan Pendataan', 'Kegiatan', 'Pelaksana', 'Mutu Baku', 'Kelengkapan', 'Waktu', 'Output', 'Keterangan']) {
        assert.ok(all.includes(squash(heading)), `heading missing: ${heading}`);
      }
      const code = def.documentControl.code;
      assert.ok(text.includes(`Nomor SOP: ${code ?? '—'}`), 'footer names the SOP number');
      assert.ok(text.includes(`Halaman ${layout.pages} dari ${layout.pages}`));
      if (def.documentControl.effectiveOn) assert.ok(text.includes(formatIndonesianDate(def.documentControl.effectiveOn)));
      if (def.documentControl.approvedBy?.name) assert.ok(all.includes(squash(def.documentControl.approvedBy.name)));
    });

    it('renders every page, and draws the flowchart of the definition', async () => {
      const { file, layout } = await render(def, office, 'A4', name);
      assert.equal(renderedPages(file, name), layout.pages);
      const info = poppler('pdfinfo', [file]);
      assert.equal(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), layout.pages);
      assert.equal(layout.identityPages + layout.matrixPages + layout.appendixPages, layout.pages);
      assert.deepEqual(layout.truncatedSteps, []);
      assertFlowchart(def, layout);
    });

    for (const paper of ['A4', 'F4'] as const) {
      it(`is landscape ${paper}`, async () => {
        const { pdf, file, layout } = await render(def, office, paper, name);
        const doc = await PDFDocument.load(pdf);
        const expected = PAPER_SIZES[paper];
        assert.equal(doc.getPageCount(), layout.pages);
        for (const page of doc.getPages()) {
          const { width, height } = page.getMediaBox();
          assert.ok(Math.abs(width - expected.width) < 0.01 && Math.abs(height - expected.height) < 0.01, `${paper} page is ${width} × ${height}`);
        }
        // In millimetres, as pdfinfo reports it: 297 × 210 or 330 × 215.
        const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(poppler('pdfinfo', [file]));
        const mm = [Number(size?.[1]), Number(size?.[2])].map((pt) => Math.round((pt * 25.4) / 72));
        assert.deepEqual(mm, paper === 'A4' ? [297, 210] : [330, 215]);
        if (paper === 'F4') assert.equal(renderedPages(file, `${name}-f4`), layout.pages);
      });
    }
  });
}

describe('SOP PDF layout', () => {
  const { def, office } = loadSeed(SEEDS[0].file);

  it('gives the same bytes for the same definition', async () => {
    const a = await renderSopPdf(def, office, { paper: 'A4' });
    const b = await renderSopPdf(def, office, { paper: 'A4' });
    assert.ok(Buffer.from(a).equals(Buffer.from(b)));
  });

  it('shows a dash for what the definition leaves blank', async () => {
    const bare = structuredClone(def);
    bare.documentControl = { distribution: [], revisions: [], coordinationParaf: [] };
    bare.standard.relatedSops = [];
    bare.standard.warnings = [];
    const { file } = await render(bare, office, 'A4', 'bare');
    const text = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
    for (const label of ['Nomor SOP', 'Tanggal Pembuatan', 'Tanggal Revisi', 'Tanggal Efektif', 'Disahkan oleh']) {
      assert.match(text, new RegExp(`${label}\\s+—`), `${label} shows a dash`);
    }
    assert.match(text, /Keterkaitan:\s*\n\s*—/);
  });

  it('keeps a row whole and its full text when it is longer than a page', async () => {
    const long = Array.from({ length: 160 }, (_, i) => `Langkah rinci nomor ${i + 1} memeriksa berkas permohonan dengan saksama.`).join('\n');
    const source = minimalDefinition((d) => {
      d.steps[1].activity = long;
    });
    const loaded = loadDefinition(source);
    assert.ok(loaded.ok);
    const contoh = officeSchema.parse({
      schemaVersion: 1, id: 'contoh', name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Contoh', shortName: 'DPMPTSP Kab. Contoh',
      level: 'kabupaten', region: 'Kabupaten Contoh', timeZone: 'Asia/Jakarta', address: 'Jalan Contoh 1', city: 'Contoh',
      letterhead: { government: 'PEMERINTAH KABUPATEN CONTOH', agency: 'DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU', addressLine: 'Jalan Contoh 1' },
      serviceHours: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '16:00' }],
      units: [{ id: 'pelayanan', name: 'Bidang Pelayanan' }],
      positions: [{ id: 'petugas', name: 'Petugas', unit: 'pelayanan' }, { id: 'kepala-dinas', name: 'Kepala Dinas', unit: 'pelayanan' }],
    });
    const { file, layout } = await render(loaded.value, contoh, 'A4', 'long');
    assert.deepEqual(layout.truncatedSteps, [2]);
    assert.ok(layout.appendixPages >= 1);
    const all = squash(poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']));
    for (const line of long.split('\n')) assert.ok(all.includes(squash(line)), `full text kept: ${line}`);
    assertFlowchart(loaded.value, layout);
    assert.equal(renderedPages(file, 'long'), layout.pages);
  });
});

describe('wrapText', async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);

  it('fills lines up to the width and keeps every word in order', () => {
    const text = 'Menerima dan memeriksa draft izin & berkas terkait serta memastikan semua persyaratan sudah dipenuhi & benar.';
    const lines = wrapText(text, font, 8, 90);
    assert.ok(lines.length > 1);
    for (const l of lines) assert.ok(font.widthOfTextAtSize(l.text, 8) <= 90.01, l.text);
    assert.equal(lines.map((l) => l.text).join(' '), text);
  });

  it('breaks a word longer than the line, after its own punctuation where it can', () => {
    const lines = wrapText('Nomor 503/268/DPMPTSP-III/2014/PERIZINAN/KESEHATAN', font, 8, 60);
    for (const l of lines) assert.ok(font.widthOfTextAtSize(l.text, 8) <= 60.01, l.text);
    assert.equal(squash(lines.map((l) => l.text).join('')), squash('Nomor 503/268/DPMPTSP-III/2014/PERIZINAN/KESEHATAN'));
    assert.ok(lines.slice(0, -1).some((l) => /[/-]$/.test(l.text)));
  });

  it('hangs the lines of a list item under its text, and keeps paragraphs', () => {
    const lines = wrapText('a. Memberikan salam pelayanan & menerima nomor antrian layanan informasi\nb. Menanyakan keperluan', font, 8, 120);
    assert.equal(lines[0]!.indent, 0);
    assert.ok(lines[1]!.indent > 0);
    assert.equal(lines[1]!.indent, font.widthOfTextAtSize('a. ', 8));
    assert.ok(lines.some((l) => l.text.startsWith('b. ') && l.indent === 0));
  });

  it('writes dates the Indonesian way', () => {
    assert.equal(formatIndonesianDate('2017-06-07'), '7 Juni 2017');
    assert.equal(formatIndonesianDate('2014-05-09'), '9 Mei 2014');
    assert.equal(formatIndonesianDate(undefined), '—');
  });
});

describe('export-sop-pdf command', () => {
  it('writes the PDF of a definition file on the paper asked for', async () => {
    const out = join(temp, 'cli', 'sipatlm-f4.pdf');
    const printed: string[] = [];
    const original = console.log;
    console.log = (...a: unknown[]) => void printed.push(a.join(' '));
    try {
      assert.equal(await exportSopPdfCommand([join(definitionsDir, 'pekanbaru/sipatlm.yaml'), '--paper', 'f4', '--out', out]), 0);
    } finally {
      console.log = original;
    }
    assert.match(printed.join("\n"), /\d+ halaman \/ pages, F4/);
    assert.ok(existsSync(out));
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(poppler('pdfinfo', [out]));
    assert.equal(Math.round((Number(size?.[1]) * 25.4) / 72), 330);
  });

  it('refuses an unknown paper and a missing file', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    try {
      assert.equal(await exportSopPdfCommand([join(definitionsDir, 'pekanbaru/sipatlm.yaml'), '--paper', 'A3']), 1);
      assert.equal(await exportSopPdfCommand([join(temp, 'tidak-ada.yaml')]), 1);
    } finally {
      console.error = original;
    }
    assert.match(errors.join('\n'), /A4 atau F4/);
    assert.match(errors.join('\n'), /tidak ditemukan/);
  });
});
