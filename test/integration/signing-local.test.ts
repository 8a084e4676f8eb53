// The local signer: a PAdES signature from the development CA that poppler's pdfsig accepts,
// that breaks when one signed byte changes, and whose certificates are made once and reused.
// Needs poppler-utils (pdfsig, pdftotext), which the CI installs; without them these tests fail.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, StandardFonts } from 'pdf-lib';
import { AppError } from '../../src/domain/errors.ts';
import { ensureDevCa, ensureSignerCert, initDevCerts } from '../../src/infra/signing/dev-ca.ts';
import { createLocalSigner } from '../../src/infra/signing/local-signer.ts';
import { checkSignedPdf } from '../../src/infra/signing/pdf-signature.ts';
import type { SignRequest } from '../../src/infra/signing/signer.ts';

let work: string;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'satupintu-signing-local-'));
});
after(() => rmSync(work, { recursive: true, force: true }));

function poppler(tool: 'pdfsig' | 'pdftotext', args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} was not found: the signing tests need poppler-utils (apt-get install poppler-utils)`);
  }
  if (r.error) throw r.error;
  // pdfsig exits non-zero for an invalid signature; its report is still on stdout.
  return `${r.stdout}${r.stderr}`;
}

function pdfsig(pdf: Uint8Array, name: string): string {
  const file = join(work, name);
  writeFileSync(file, pdf);
  return poppler('pdfsig', [file]);
}

async function permitPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const lines = [
    'PEMERINTAH KOTA CONTOH',
    'DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU',
    'SURAT IZIN PRAKTIK PEREKAM MEDIS',
    'Nomor: 503/0001/DPMPTSP/2026',
    'Diberikan kepada: Siti Rahmawati, A.Md.RMIK',
    'Tempat praktik: Rumah Sakit Umum Daerah Kota Contoh',
  ];
  lines.forEach((text, i) => page.drawText(text, { x: 56, y: 780 - i * 22, size: 12, font }));
  return doc.save();
}

const officeName = 'Dinas Penanaman Modal dan PTSP Kota Contoh';
const request = (over: Partial<SignRequest> = {}): SignRequest => ({
  signer: { id: 'kadis-1', name: 'Dra. Ni Luh Putu Ayu Widyastuti', position: 'Kepala Dinas', office: officeName, nik: '5171010101700001' },
  reason: 'Penerbitan Surat Izin Praktik Perekam Medis',
  location: 'Kota Contoh',
  timeZone: 'Asia/Makassar',
  signingTime: new Date('2026-03-09T02:30:00Z'),
  visibleStamp: { page: 0, x: 330, y: 90, width: 220, height: 64 },
  ...over,
});

describe('local signer', () => {
  let certsDir: string;
  let signed: Uint8Array;
  before(async () => {
    certsDir = join(work, 'certs');
    const t = performance.now();
    signed = await createLocalSigner({ certsDir }).sign(await permitPdf(), request());
    assert.ok(performance.now() - t < 30_000);
  });

  it('makes a PAdES signature that pdfsig finds valid and covering the whole document', () => {
    const report = pdfsig(signed, 'signed.pdf');
    assert.match(report, /Signature Validation: Signature is Valid\./, report);
    assert.match(report, /Total document signed/, report);
    assert.match(report, /Signature Type: ETSI\.CAdES\.detached/, report);
    assert.match(report, /Signing Hash Algorithm: SHA-256/, report);
    assert.match(report, /Signer Certificate Common Name: Dra\. Ni Luh Putu Ayu Widyastuti/, report);
    assert.match(report, /O=Dinas Penanaman Modal dan PTSP Kota Contoh/, report);
    assert.match(report, /C=ID/, report);
    // The development CA is trusted by nobody, which pdfsig says apart from the signature.
    assert.match(report, /Certificate Validation: /, report);
    assert.deepEqual(checkSignedPdf(signed).ok, true);
  });

  it('draws the stamp with name, position and date in the office time zone, under the signature widget', async () => {
    const file = join(work, 'stamp.pdf');
    writeFileSync(file, signed);
    const text = poppler('pdftotext', ['-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ');
    assert.match(text, /SURAT IZIN PRAKTIK PEREKAM MEDIS/);
    assert.match(text, /Ditandatangani secara elektronik oleh Dra\. Ni Luh Putu Ayu Widyastuti, Kepala Dinas/);
    assert.match(text, /pada 9 Maret 2026 pukul 10\.30 WITA/);
    const doc = await PDFDocument.load(signed);
    const annots = doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray);
    const widget = annots.lookup(0, PDFDict);
    assert.equal(widget.lookup(PDFName.of('FT'))?.toString(), '/Sig');
    const rect = widget.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
    assert.deepEqual(rect, [330, 90, 550, 154]);
  });

  it('reports the document modified when one signed byte changes', () => {
    const tampered = Uint8Array.from(signed);
    // The byte after "%PDF-1.7\n%" is inside the first signed range and harmless to the
    // structure, so pdfsig still reads the file and sees only the changed digest.
    const at = Buffer.from(tampered).indexOf('%PDF-1.7\n%') + 10;
    const range = checkSignedPdf(signed).signatures[0]!.byteRange;
    assert.ok(at > 0 && at < range[1]);
    tampered[at] = tampered[at]! ^ 0x01;
    const report = pdfsig(tampered, 'tampered.pdf');
    assert.doesNotMatch(report, /Signature is Valid/, report);
    assert.match(report, /Signature Validation: (Digest Mismatch|Signature is Invalid)/, report);
    const check = checkSignedPdf(tampered);
    assert.equal(check.ok, false);
    assert.equal(check.signatures[0]?.digest, 'mismatch');
  });

  it('signs without a visible stamp, too', async () => {
    const out = await createLocalSigner({ certsDir }).sign(await permitPdf(), request({ visibleStamp: undefined, signingTime: undefined }));
    const report = pdfsig(out, 'invisible.pdf');
    assert.match(report, /Signature Validation: Signature is Valid\./, report);
    assert.match(report, /Total document signed/, report);
  });

  it('refuses a document that is already signed, a stamp off the page and a file that is not a PDF', async () => {
    const signer = createLocalSigner({ certsDir });
    const refused = async (pdf: Uint8Array, r: SignRequest, code: string) =>
      assert.rejects(signer.sign(pdf, r), (e: unknown) => e instanceof AppError && e.code === code);
    await refused(signed, request(), 'signing_already_signed');
    await refused(await permitPdf(), request({ visibleStamp: { page: 1, x: 10, y: 10, width: 100, height: 40 } }), 'signing_stamp_outside_page');
    await refused(await permitPdf(), request({ visibleStamp: { page: 0, x: 500, y: 10, width: 200, height: 40 } }), 'signing_stamp_outside_page');
    await refused(new TextEncoder().encode('bukan PDF'), request(), 'signing_invalid_pdf');
  });

  it('the local signer is always ready and needs no passphrase', async () => {
    const signer = createLocalSigner({ certsDir });
    assert.equal(signer.secretRequired, false);
    assert.deepEqual(await signer.status(request().signer), { ready: true, status: 'ISSUE' });
  });
});

describe('development CA', () => {
  it('is made once, then reused with the same fingerprint; keys are 0600', () => {
    const dir = join(work, 'ca-reuse');
    const first = initDevCerts(dir);
    assert.equal(first.created, true);
    const again = initDevCerts(dir);
    assert.equal(again.created, false);
    assert.equal(again.fingerprint256, first.fingerprint256);
    assert.equal(ensureDevCa(dir).fingerprint256, first.fingerprint256);

    const subject = { name: 'Ahmad Fauzi, S.Sos.', position: 'Kepala Bidang Perizinan', office: officeName };
    const a = ensureSignerCert(dir, 'kabid-7', subject);
    const b = ensureSignerCert(dir, 'kabid-7', subject);
    assert.equal(a.created, true);
    assert.equal(b.created, false);
    assert.equal(b.fingerprint256, a.fingerprint256);
    assert.equal(b.ca.fingerprint256, first.fingerprint256);

    for (const key of [join(dir, 'ca', 'key.pem'), join(dir, 'signers', 'kabid-7', 'key.pem')]) {
      assert.equal(statSync(key).mode & 0o777, 0o600, key);
    }
    assert.equal(statSync(join(dir, 'signers', 'kabid-7')).mode & 0o077, 0);
  });

  it('issues the signer a new certificate when the name or position changes, keeping the old one', () => {
    const dir = join(work, 'ca-rename');
    const before = ensureSignerCert(dir, 'kasi-2', { name: 'Rina Marlina', position: 'Kepala Seksi', office: officeName });
    const after = ensureSignerCert(dir, 'kasi-2', { name: 'Rina Marlina', position: 'Plt. Kepala Bidang', office: officeName });
    assert.notEqual(after.fingerprint256, before.fingerprint256);
    assert.equal(after.created, true);
    assert.equal(readdirSync(join(dir, 'signers')).filter((n) => n.startsWith('kasi-2.replaced-')).length, 1);
    assert.equal(ensureSignerCert(dir, 'kasi-2', { name: 'Rina Marlina', position: 'Plt. Kepala Bidang', office: officeName }).created, false);
  });

  it('certificates: CA constraints, signer key usage, RSA 2048 with SHA-256', async () => {
    const { X509Certificate } = await import('node:crypto');
    const dir = join(work, 'ca-profile');
    const s = ensureSignerCert(dir, 'u-1', { name: 'Budi Santoso', office: officeName });
    const ca = new X509Certificate(s.ca.certPem);
    const cert = new X509Certificate(s.certPem);
    assert.equal(ca.ca, true);
    assert.equal(cert.ca, false);
    assert.ok(cert.checkIssued(ca) && cert.verify(ca.publicKey));
    assert.match(cert.subject, /CN=Budi Santoso/);
    assert.match(cert.subject, /O=Dinas Penanaman Modal dan PTSP Kota Contoh/);
    assert.match(cert.subject, /C=ID/);
    assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    const text = spawnSync('openssl', ['x509', '-noout', '-text'], { input: s.certPem, encoding: 'utf8' });
    if (!text.error) {
      assert.match(text.stdout, /sha256WithRSAEncryption/);
      assert.match(text.stdout, /Digital Signature, Non Repudiation/);
    }
    assert.ok(readFileSync(join(dir, 'ca', 'cert.pem'), 'utf8').startsWith('-----BEGIN CERTIFICATE-----'));
  });
});
