// The generated documents read back with the tools an official or an auditor would use:
// poppler (pdftotext, pdfinfo, pdffonts, pdftoppm) for text, paper size and embedded fonts, and
// zbar (zbarimg) for the QR code on the rendered page. A permit for each of the four seed
// services on A4 and F4, then the receipt, the cover letter and the archive sheet.
//
// The tools are required: CI installs poppler-utils and zbar-tools, and without them these tests
// fail with the command to install them rather than pass without checking anything.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadDefinition } from '../../src/domain/definition/load.ts';
import type { ServiceDefinition } from '../../src/domain/definition/schema.ts';
import { localDateIn, placeAndDate } from '../../src/domain/documents/indonesian-date.ts';
import { trackingUrl, verificationUrl } from '../../src/domain/documents/links.ts';
import { formatPermitNumber } from '../../src/domain/documents/numbering.ts';
import { permitValidity, validitySentence } from '../../src/domain/documents/validity.ts';
import { officeSchema, type Office } from '../../src/domain/office/schema.ts';
import { renderArchiveCopyPdf } from '../../src/infra/documents/archive-copy-pdf.ts';
import { BLANK_NUMBER, renderCoverLetterPdf } from '../../src/infra/documents/cover-letter-pdf.ts';
import { PORTRAIT_SIZES } from '../../src/infra/documents/layout.ts';
import { createLocalSigner } from '../../src/infra/signing/local-signer.ts';
import { renderPermitPdf, renderPermitPdfWithLayout, VERIFY_CAPTION, type Holder, type PermitPdfInput } from '../../src/infra/documents/permit-pdf.ts';
import { renderReceiptPdf, TRACK_CAPTION } from '../../src/infra/documents/receipt-pdf.ts';
import { readDefinitionSource, SEEDS, yamlParse } from '../helpers/fixtures.ts';

const TOOLS: [string, string[]][] = [['pdftotext', ['-v']], ['pdfinfo', ['-v']], ['pdffonts', ['-v']], ['pdftoppm', ['-v']], ['pdfsig', ['-v']], ['zbarimg', ['--version']]];
const temp = mkdtempSync(join(tmpdir(), 'satupintu-documents-'));
after(() => rmSync(temp, { recursive: true, force: true }));

before(() => {
  const missing = TOOLS.filter(([tool, args]) => spawnSync(tool, args, { encoding: 'utf8' }).error).map(([tool]) => tool);
  assert.deepEqual(missing, [], `missing ${missing.join(', ')}: install them with "apt-get install -y poppler-utils zbar-tools"`);
});

let files = 0;
function save(pdf: Uint8Array, name: string): string {
  const path = join(temp, `${++files}-${name}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

function run(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  assert.ifError(r.error);
  assert.equal(r.status, 0, `${tool} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

// The text as pdftotext reads it, with every run of whitespace as one space; in layout mode
// ("Nomor : …" rows) the lines are read across the page as printed.
const text = (path: string, pages?: [number, number], layout = false) =>
  run('pdftotext', [...(pages ? ['-f', String(pages[0]), '-l', String(pages[1])] : []), ...(layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-']).replace(/\s+/g, ' ');
const info = (path: string) => Object.fromEntries(run('pdfinfo', [path]).split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));

// pdftoppm at 150 dpi, then zbarimg: the codes read from one page.
function qrCodesOn(path: string, page: number): string[] {
  const png = join(temp, `${++files}-page`);
  run('pdftoppm', ['-r', '150', '-f', String(page), '-l', String(page), '-singlefile', '-png', path, png]);
  return run('zbarimg', ['-q', '--raw', `${png}.png`]).split('\n').filter(Boolean);
}

function fonts(path: string): { name: string; emb: string }[] {
  const lines = run('pdffonts', [path]).split('\n').slice(2).filter(Boolean);
  // name type encoding emb sub uni object ID — the name has no spaces, the type may.
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    return { name: cols[0]!, emb: cols[cols.length - 5]! };
  });
}

const load = (file: string): ServiceDefinition => {
  const r = loadDefinition(readDefinitionSource(file));
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.issues));
  return r.value;
};
const offices = new Map<string, Office>();
const office = (id: string): Office => {
  if (!offices.has(id)) offices.set(id, officeSchema.parse(yamlParse(readDefinitionSource(`${id}/office.yaml`))));
  return offices.get(id)!;
};

const PUBLIC_URL = 'https://perizinan.example';
const NIK = '6472035809880004';
const MASKED = '************0004';
const issuedAt = new Date('2026-11-23T02:15:00Z');

// A person for the practice permits, a company for the distributor's business permit.
function holderFor(def: ServiceDefinition): Holder {
  return def.slug === 'izin-penyalur-alat-kesehatan'
    ? { kind: 'company', name: 'PT Sehat Medika Borneo', nib: '9120001234567', address: 'Jl. Juanda No. 12, Samarinda', responsiblePerson: 'Apt. Rina Kartika, S.Farm.' }
    : { kind: 'person', name: 'Siti Rahmawati, A.Md.AK', nik: NIK, birthPlace: 'Balikpapan', birthDate: '1988-09-18', address: 'Jl. Pahlawan No. 7 RT 12' };
}

function permitInput(def: ServiceDefinition, paper: 'A4' | 'F4'): PermitPdfInput {
  const o = office(def.office);
  return {
    definition: def,
    office: o,
    holder: holderFor(def),
    number: formatPermitNumber(def.permit.numbering.pattern, { seq: 42, issuedAt: localDateIn(issuedAt, o.timeZone), office: o.id, series: def.permit.numbering.series }),
    issuedAt,
    considerations: ['Surat permohonan tanggal 9 November 2026 dengan kode lacak 7QH2-K9XM'],
    place: { name: 'Laboratorium Klinik Sehat Bersama', address: `Jl. Gatot Subroto No. 21, ${o.city}` },
    conditions: ['Wajib mematuhi ketentuan peraturan perundang-undangan di bidang kesehatan.', 'Izin ini tidak dapat dipindahtangankan.'],
    signatory: { name: 'Dr. H. Ahmad Fauzi, M.Si.', position: `Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu ${o.region}`, nip: '19700101 199503 1 001' },
    verificationUrl: verificationUrl(PUBLIC_URL, 'Q7TX-4KPM-2WNC-H9RD'),
    copiesTo: ['Arsip'],
    paper,
  };
}

describe('permits of the four seed services', () => {
  for (const seed of SEEDS) {
    for (const paper of ['A4', 'F4'] as const) {
      it(`${seed.file} on ${paper}: text, paper, fonts and a QR code that reads back`, async () => {
        const def = load(seed.file);
        const input = permitInput(def, paper);
        const o = input.office;
        const { pdf, layout } = await renderPermitPdfWithLayout(input);
        const path = save(pdf, `${def.slug}-${paper}`);
        const t = text(path);

        assert.ok(t.includes(def.permit.title.toLocaleUpperCase('id')), 'title');
        assert.ok(t.includes(`NOMOR: ${input.number}`), 'number');
        assert.ok(t.includes(input.holder.name), 'holder');
        if (input.holder.kind === 'person') assert.ok(t.includes(MASKED), 'masked NIK');
        else assert.ok(t.includes('9120001234567'), 'NIB');
        assert.ok(!t.includes(NIK) && !t.includes('35809880'), 'the full NIK appears nowhere');
        assert.ok(!readFileSync(path, 'latin1').includes(NIK), 'nor in the file');
        assert.ok(t.includes(placeAndDate(o.city, '2026-11-23')), 'place-and-date line');
        const validity = validitySentence(permitValidity(def.permit.validity, '2026-11-23'));
        assert.ok(t.includes(validity), `validity: ${validity}`);
        assert.ok(t.includes(o.letterhead.government) && t.includes('MEMBERIKAN IZIN KEPADA:') && t.includes('Dasar'), 'letterhead and sections');
        for (const basis of def.standard.legalBasis) assert.ok(t.includes(basis.replace(/\s+/g, ' ')), `legal basis: ${basis}`);
        assert.ok(t.includes(VERIFY_CAPTION), 'QR caption');
        assert.ok(t.includes(`Halaman 1 dari ${layout.pages}`), 'page numbers');

        const i = info(path);
        const size = PORTRAIT_SIZES[paper];
        const m = /^([\d.]+) x ([\d.]+) pts/.exec(i['Page size'] ?? '');
        assert.ok(m, i['Page size']);
        assert.ok(Math.abs(Number(m[1]) - size.width) < 0.5 && Math.abs(Number(m[2]) - size.height) < 0.5, `${paper}: ${i['Page size']}`);
        assert.equal(Number(i.Pages), layout.pages);
        assert.equal(i.Title, `${def.permit.title} Nomor ${input.number}`);
        assert.equal(i.Author, o.name);
        assert.ok(i.Subject?.includes(input.holder.name));
        assert.ok(readFileSync(path, 'latin1').includes('/Lang (id)'), 'language');

        const embedded = fonts(path);
        assert.equal(embedded.length, 2, JSON.stringify(embedded));
        for (const f of embedded) assert.equal(f.emb, 'yes', `${f.name} is embedded`);

        assert.deepEqual(qrCodesOn(path, 1), [input.verificationUrl]);
      });
    }
  }

  it('flows a long legal basis onto a second page cleanly, with the signature and a QR code on it', async () => {
    const def = load('kaltim/izin-laboratorium-klinik.yaml');
    const { pdf, layout } = await renderPermitPdfWithLayout(permitInput(def, 'A4'));
    const path = save(pdf, 'two-pages');
    assert.equal(layout.pages, 2);
    assert.equal(layout.stamp.page, 1, 'the signature is on the last page');
    assert.equal(layout.qrCodes.length, 2);
    const second = text(path, [2, 2]);
    assert.ok(second.includes('SURAT IZIN LABORATORIUM KLINIK · NOMOR: 503/0042/IZIN-LABKES/DPMPTSP/XI/2026'), 'continuation header');
    assert.ok(second.includes('Apabila di kemudian hari'), 'the closing clause goes with the signature');
    assert.ok(second.includes('Halaman 2 dari 2'));
    assert.deepEqual(qrCodesOn(path, 2), ['https://perizinan.example/verifikasi/Q7TX-4KPM-2WNC-H9RD']);
  });

  it('keeps the stamp area empty and inside the page', async () => {
    for (const paper of ['A4', 'F4'] as const) {
      const def = load('bombana/izin-praktek-perekam-medis.yaml');
      const { pdf, layout } = await renderPermitPdfWithLayout(permitInput(def, paper));
      const path = save(pdf, `stamp-${paper}`);
      const { stamp } = layout;
      assert.ok(stamp.x >= 0 && stamp.y >= 0 && stamp.x + stamp.width <= layout.pageSize.width && stamp.y + stamp.height <= layout.pageSize.height);
      assert.ok(stamp.width >= 70 && stamp.height >= 70, 'room for a visible signature stamp');
      // Word boxes from pdftotext -bbox (origin top left) must not reach into the area.
      const html = run('pdftotext', ['-bbox', '-f', String(stamp.page + 1), '-l', String(stamp.page + 1), path, '-']);
      const top = layout.pageSize.height - stamp.y - stamp.height;
      const bottom = layout.pageSize.height - stamp.y;
      const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)];
      assert.ok(words.length > 20);
      const inside = words.filter((w) => Number(w[3]) > stamp.x && Number(w[1]) < stamp.x + stamp.width && Number(w[4]) > top + 0.5 && Number(w[2]) < bottom - 0.5);
      assert.deepEqual(inside.map((w) => w[5]), []);
      // The position is right above the area and the name right below it.
      const above = words.filter((w) => Number(w[4]) <= top + 0.5 && Number(w[4]) > top - 20).map((w) => w[5]).join(' ');
      const below = words.filter((w) => Number(w[2]) >= bottom - 0.5 && Number(w[2]) < bottom + 20).map((w) => w[5]).join(' ');
      assert.match(above, /BOMBANA,|SULAWESI TENGGARA,/);
      assert.match(below, /Ahmad Fauzi/);
    }
  });

  it('takes the signer\'s visible stamp in the reserved area, and still verifies and scans once signed', async () => {
    const def = load('kaltim/izin-penyalur-alat-kesehatan.yaml');
    const input = permitInput(def, 'F4');
    const { pdf, layout } = await renderPermitPdfWithLayout(input);
    const t0 = performance.now();
    const signed = await createLocalSigner({ certsDir: join(temp, 'certs') }).sign(pdf, {
      signer: { id: 'kadis-kaltim', name: input.signatory.name, position: 'Kepala Dinas', office: input.office.name },
      reason: `Penerbitan ${def.permit.title}`,
      location: input.office.city,
      timeZone: input.office.timeZone,
      signingTime: issuedAt,
      visibleStamp: layout.stamp,
    });
    console.log(`# signing one permit with the local signer: ${(performance.now() - t0).toFixed(0)} ms (first use makes its certificate)`);
    const path = save(signed, 'signed');
    assert.match(run('pdfsig', [path]).replace(/\s+/g, ' '), /Signature Validation: Signature is Valid\./);
    const html = run('pdftotext', ['-bbox', '-f', String(layout.stamp.page + 1), '-l', String(layout.stamp.page + 1), path, '-']);
    const stampWords = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Ditandatangani<\/word>/g)];
    assert.equal(stampWords.length, 1);
    const [, x0, y0] = stampWords[0]!.map(Number) as [number, number, number];
    const top = layout.pageSize.height - layout.stamp.y - layout.stamp.height;
    assert.ok(x0 >= layout.stamp.x && x0 <= layout.stamp.x + layout.stamp.width && y0 >= top && y0 <= top + layout.stamp.height, 'the stamp text is inside the area');
    assert.deepEqual(qrCodesOn(path, 1), [input.verificationUrl]);
  });

  it('writes "Plt." before the position of an acting official, and a dotted number on a draft', async () => {
    const def = load('pekanbaru/sipatlm.yaml');
    const input = permitInput(def, 'A4');
    const path = save(await renderPermitPdf({ ...input, number: null, signatory: { name: 'Drs. Budi Santoso', position: 'Kepala Dinas', acting: true } }), 'acting');
    const t = text(path);
    assert.ok(t.includes('Plt. KEPALA DINAS,'), t);
    assert.ok(t.includes('NOMOR: ………'));
  });

  it('gives the same bytes for the same input, and renders in well under a second', async () => {
    const input = permitInput(load('kaltim/izin-laboratorium-klinik.yaml'), 'A4');
    const first = await renderPermitPdf(input);
    const times: number[] = [];
    let last = first;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      last = await renderPermitPdf(input);
      times.push(performance.now() - t0);
    }
    assert.deepEqual(Buffer.from(last), Buffer.from(first));
    times.sort((a, b) => a - b);
    const median = times[2]!;
    console.log(`# one permit render (two pages, A4): median ${median.toFixed(0)} ms of 5`);
    assert.ok(median < 1000, `median render ${median.toFixed(0)} ms`);
  });
});

describe('receipt, cover letter and archive sheet', () => {
  const def = load('bombana/izin-praktek-perekam-medis.yaml');
  const o = office('bombana');
  const holder: Holder = { kind: 'person', name: 'Nur Aisyah, A.Md.RMIK', nik: '7406015502950003', address: 'Jl. Poros Kasipute No. 3, Rumbia' };
  const kadis = { name: 'Ir. La Ode Hasan, M.Si.', position: 'Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Bombana', nip: '19720305 199803 1 004' };

  it('receipt: the tracking code, service, time in the office zone, documents, due date and a QR to the tracking page', async () => {
    const url = trackingUrl(PUBLIC_URL, '7QH2-K9XM');
    const documents = def.requirements.map((r) => r.text);
    const path = save(await renderReceiptPdf({
      definition: def, office: o, trackingCode: '7QH2-K9XM', trackingUrl: url, holder, applicationType: 'baru',
      receivedAt: new Date('2026-03-09T02:00:00Z'), documents, completion: { kind: 'date', due: new Date('2026-03-12T08:00:00Z') },
      receivedBy: { name: 'Wa Ode Sitti', position: 'Petugas Front Office' },
    }), 'receipt');
    const t = text(path);
    for (const s of ['TANDA TERIMA BERKAS PERMOHONAN', '7QH2-K9XM', 'Izin Praktek Perekam Medis', 'Senin, 9 Maret 2026 pukul 10.00 WITA', 'Kamis, 12 Maret 2026', '************0003', 'Wa Ode Sitti', TRACK_CAPTION]) {
      assert.ok(t.includes(s), s);
    }
    for (const d of documents) assert.ok(t.includes(d), d);
    assert.ok(!t.includes('7406015502950003'));
    assert.deepEqual(qrCodesOn(path, 1), [url]);
    assert.ok(fonts(path).every((f) => f.emb === 'yes'));
  });

  it('receipt: the rule instead of a date when the clock starts at the technical recommendation', async () => {
    const lab = load('kaltim/izin-laboratorium-klinik.yaml');
    const url = trackingUrl(PUBLIC_URL, 'ABCD-EFGH');
    const path = save(await renderReceiptPdf({
      definition: lab, office: office('kaltim'), trackingCode: 'ABCD-EFGH', trackingUrl: url, holder,
      receivedAt: new Date('2026-03-13T03:30:00Z'), documents: lab.requirements.map((r) => r.text), completion: { kind: 'rule' },
    }), 'receipt-rule');
    const t = text(path);
    assert.ok(t.includes('Jumat, 13 Maret 2026 pukul 11.30 WITA'));
    assert.ok(t.includes(lab.serviceTime.text.replace(/\s+/g, ' ')), 'the service-time rule');
    assert.ok(t.includes('sah tanpa tanda tangan'), 'an online receipt says it needs no signature');
    assert.deepEqual(qrCodesOn(path, 1), [url]);
  });

  it('cover letter: to the technical agency, blank number until numbered, subject, applicant, attachments, signature', async () => {
    const attachments = ['Surat permohonan', 'Fotokopi Surat Tanda Registrasi (STR)', 'Rekomendasi dari organisasi profesi'];
    const base = { definition: def, office: o, holder, trackingCode: '7QH2-K9XM', receivedAt: new Date('2026-03-09T02:00:00Z'), date: new Date('2026-03-10T01:00:00Z'), attachments, signatory: kadis };
    const draft = text(save(await renderCoverLetterPdf({ ...base, number: null }), 'cover-draft'), undefined, true);
    for (const s of [`Nomor : ${BLANK_NUMBER}`, 'Rumbia, 10 Maret 2026', 'Hal : Permohonan Pertimbangan Teknis Izin Praktek Perekam Medis', 'Yth. Kepala Dinas Kesehatan Kabupaten Bombana', 'Nur Aisyah, A.Md.RMIK', '7QH2-K9XM', '9 Maret 2026', 'KEPALA DINAS PENANAMAN MODAL', 'Ir. La Ode Hasan, M.Si.', 'Lampiran : 1 (satu) berkas']) {
      assert.ok(draft.includes(s), `${s} in ${draft}`);
    }
    for (const a of attachments) assert.ok(draft.includes(a), a);
    const numbered = text(save(await renderCoverLetterPdf({ ...base, number: '503/112/DPMPTSP/III/2026' }), 'cover'), undefined, true);
    assert.ok(numbered.includes('Nomor : 503/112/DPMPTSP/III/2026'));

    const sipatlm = load('pekanbaru/sipatlm.yaml');
    await assert.rejects(renderCoverLetterPdf({ ...base, definition: sipatlm, office: office('pekanbaru'), number: null }), /no external role/);
    const addressed = text(save(await renderCoverLetterPdf({ ...base, definition: sipatlm, office: office('pekanbaru'), number: null, addressee: 'Kepala Dinas Kesehatan Kota Pekanbaru' }), 'cover-addressed'));
    assert.ok(addressed.includes('Yth. Kepala Dinas Kesehatan Kota Pekanbaru'));
  });

  it('archive sheet: the paraf sheet and the kartu kendali, with step titles, roles, results and times in WITA', async () => {
    const path = save(await renderArchiveCopyPdf({
      definition: def, office: o, trackingCode: '7QH2-K9XM', holder, permitNumber: '503/007/SIPRM/DPMPTSP/III/2026', issuedAt: new Date('2026-03-11T06:00:00Z'),
      paraf: [
        { step: 13, position: 'Kepala Seksi Pelayanan', name: 'Andi Rahman', action: 'paraf', at: '2026-03-11T01:00:00Z' },
        { step: 16, position: 'Kepala Dinas', name: kadis.name, action: 'tanda_tangan', at: new Date('2026-03-11T06:00:00Z') },
        { step: 17, position: 'Staf Sekretariat', name: 'Rina Marlina', action: 'penomoran', at: '2026-03-11T07:10:00Z' },
      ],
      controlCard: [
        { step: 3, role: 'back-office', receivedAt: '2026-03-09T02:00:00Z', actedAt: '2026-03-09T02:45:00Z', by: 'Hasrul', result: 'lengkap' },
        { step: 18, role: 'front-office', receivedAt: '2026-03-11T07:10:00Z', actedAt: null, by: null, result: null },
      ],
      printedAt: new Date('2026-03-11T08:00:00Z'),
    }), 'archive');
    const t = text(path);
    const step3 = def.steps.find((s) => s.no === 3)!;
    const outcome = step3.outcomes?.find((x) => x.id === 'lengkap')?.label ?? 'lengkap';
    for (const s of ['LEMBAR ARSIP', 'A. LEMBAR PARAF', 'B. KARTU KENDALI', 'Andi Rahman', 'Paraf', 'Tanda tangan', 'Penomoran', 'Rina Marlina',
      '11 Maret 2026, 09.00', '11 Maret 2026, 15.10', `3. ${step3.title}`, def.roles.find((r) => r.id === 'back-office')!.name, outcome, 'Hasrul',
      '503/007/SIPRM/DPMPTSP/III/2026', 'Tanggal dan waktu (WITA)', 'Dicetak Rabu, 11 Maret 2026 pukul 16.00 WITA']) {
      assert.ok(t.includes(s), `${s} in ${t}`);
    }
    assert.ok(fonts(path).every((f) => f.emb === 'yes'));
  });
});
