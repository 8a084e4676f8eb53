// Signs with a certificate from the development CA (dev-ca.ts), as PAdES: pdf-lib draws the
// visible stamp and adds a signature field whose widget covers it, @signpdf/placeholder-pdf-lib
// reserves the signature (SubFilter ETSI.CAdES.detached), and @signpdf/signpdf fills in a CMS
// signature made by its P12Signer from the signer's key, certificate and the CA certificate,
// packed as PKCS#12 by node-forge in memory.
//
// pdf-lib writes the whole document anew, which would break a signature already in it, so a
// document that is already signed is refused rather than silently damaged.
import { randomBytes } from 'node:crypto';
import { P12Signer } from '@signpdf/signer-p12';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { ensureSignerCert } from './dev-ca.ts';
import type { SignerCertificate } from './dev-ca.ts';
import { signingErrors } from './errors.ts';
import { hasSignatureDictionary, looksLikePdf } from './pdf-signature.ts';
import type { Signer, SignerIdentity, SignerStatus, SignRequest } from './signer.ts';
import { drawStamp, stampText } from './stamp.ts';

export interface LocalSignerOptions {
  certsDir: string;
}

// The PDF subfilter of a PAdES signature (ETSI EN 319 142-1).
const SUBFILTER_PADES = 'ETSI.CAdES.detached';
// Bytes reserved for the CMS; a signature with a two-certificate chain takes about 3 KB.
const SIGNATURE_LENGTH = 8192;

export function createLocalSigner(options: LocalSignerOptions): Signer {
  const signpdf = new SignPdf();
  return {
    kind: 'local',
    secretRequired: false,
    async status(_signer: SignerIdentity): Promise<SignerStatus> {
      // The certificate is issued on first use; a local signer can always sign.
      return { ready: true, status: 'ISSUE' };
    },
    async sign(pdf: Uint8Array, request: SignRequest): Promise<Uint8Array> {
      const prepared = await preparePdf(pdf, request);
      const { signer } = request;
      const cert = ensureSignerCert(options.certsDir, signer.id, { name: signer.name, position: signer.position, office: signer.office });
      const signed = await signpdf.sign(Buffer.from(prepared), p12SignerOf(cert), request.signingTime ?? undefined);
      return new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
    },
  };

  async function preparePdf(pdf: Uint8Array, request: SignRequest): Promise<Uint8Array> {
    if (!looksLikePdf(pdf)) throw signingErrors.invalidPdf();
    if (hasSignatureDictionary(pdf)) throw signingErrors.alreadySigned();
    let doc: PDFDocument;
    try {
      doc = await PDFDocument.load(pdf, { updateMetadata: false });
    } catch (err) {
      throw signingErrors.invalidPdf({ reason: (err as Error).message?.slice(0, 200) });
    }
    const at = request.signingTime ?? new Date();
    const stamp = request.visibleStamp;
    const page = stamp ? await drawStamp(doc, stamp, stampText(request.signer, at, request.timeZone)) : undefined;
    pdflibAddPlaceholder({
      ...(page ? { pdfPage: page } : { pdfDoc: doc }),
      reason: request.reason,
      location: request.location,
      name: request.signer.name,
      contactInfo: request.contactInfo ?? '',
      signingTime: at,
      subFilter: SUBFILTER_PADES,
      signatureLength: SIGNATURE_LENGTH,
      widgetRect: stamp ? [stamp.x, stamp.y, stamp.x + stamp.width, stamp.y + stamp.height] : [0, 0, 0, 0],
      appName: 'satupintu',
    });
    return doc.save({ useObjectStreams: false });
  }
}

// The PKCS#12 of each certificate is kept in memory (packing one costs tens of milliseconds);
// it never touches the disk and its passphrase is random, living as long as the process. A
// P12Signer is made per signature: it consumes its buffer while signing.
const p12Cache = new Map<string, { der: Buffer; passphrase: string }>();
const P12_CACHE_SIZE = 64;

function p12SignerOf(cert: SignerCertificate): P12Signer {
  const id = `${cert.fingerprint256}/${cert.ca.fingerprint256}`;
  let p12 = p12Cache.get(id);
  if (!p12) {
    const passphrase = randomBytes(18).toString('base64');
    p12 = { der: pkcs12Of(cert, passphrase), passphrase };
    if (p12Cache.size >= P12_CACHE_SIZE) p12Cache.delete(p12Cache.keys().next().value!);
    p12Cache.set(id, p12);
  }
  return new P12Signer(p12.der, { passphrase: p12.passphrase });
}

// The signer's key with its certificate and the CA's, as PKCS#12 (what P12Signer reads).
function pkcs12Of(cert: SignerCertificate, passphrase: string): Buffer {
  const key = forge.pki.privateKeyFromPem(cert.keyPem);
  const chain = [forge.pki.certificateFromPem(cert.certPem), forge.pki.certificateFromPem(cert.ca.certPem)];
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, passphrase, { algorithm: 'aes256' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
