// Signs with a certificate from the development CA (dev-ca.ts), as PAdES: pdf-lib draws the
// visible stamp and adds a signature field whose widget covers it, @signpdf/placeholder-pdf-lib
// reserves the signature (SubFilter ETSI.CAdES.detached), and @signpdf/signpdf fills in a CMS
// signature over the signer's key, certificate and the CA certificate (cms.ts: the CMS that
// @signpdf's P12Signer makes, with the hashing and RSA done by node:crypto).
//
// pdf-lib writes the whole document anew, which would break a signature already in it, so a
// document that is already signed is refused rather than silently damaged.
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import { CmsSigner, cmsSigningKey, type CmsSigningKey } from './cms.ts';
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
      const signed = await signpdf.sign(Buffer.from(prepared.buffer, prepared.byteOffset, prepared.byteLength), new CmsSigner(signingKeyOf(cert)), request.signingTime ?? undefined);
      return new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
    },
  };

  async function preparePdf(pdf: Uint8Array, request: SignRequest): Promise<Uint8Array> {
    if (!looksLikePdf(pdf)) throw signingErrors.invalidPdf();
    if (hasSignatureDictionary(pdf)) throw signingErrors.alreadySigned();
    let doc: PDFDocument;
    try {
      doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
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
    // In one go: pdf-lib would otherwise wait for a timer every 50 objects.
    return doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
  }
}

// The parsed key and chain of each certificate, kept in memory (parsing them costs more than
// signing); the key lives in an OpenSSL key object and never touches the disk again.
const keyCache = new Map<string, CmsSigningKey>();
const KEY_CACHE_SIZE = 64;

function signingKeyOf(cert: SignerCertificate): CmsSigningKey {
  const id = `${cert.fingerprint256}/${cert.ca.fingerprint256}`;
  let key = keyCache.get(id);
  if (!key) {
    key = cmsSigningKey(cert.keyPem, [cert.certPem, cert.ca.certPem]);
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(id, key);
  }
  return key;
}
