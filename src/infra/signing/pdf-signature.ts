// Reads the signatures of a PDF without trusting whoever made it: each /ByteRange must point at
// a hex /Contents string inside the file, the string must hold a CMS SignedData, and the
// messageDigest the signer signed must equal the hash of the bytes the range covers. This does
// not check the signer's key or certificate chain (pdfsig, a PDF reader or BSrE's verify does);
// it proves that what came back is a signed PDF and that the signed bytes are unchanged.
import { createHash } from 'node:crypto';
import forge from 'node-forge';

export interface PdfSignature {
  byteRange: [number, number, number, number];
  // True when the signed ranges reach the end of the file (nothing appended since).
  coversWholeFile: boolean;
  // 'match': the signed messageDigest equals the hash of the signed bytes; 'mismatch': the bytes
  // changed after signing; 'unchecked': the CMS carries no signed attributes to compare with.
  digest: 'match' | 'mismatch' | 'unchecked';
}

export type SignedPdfCheck = { ok: true; signatures: PdfSignature[] } | { ok: false; reason: string; signatures: PdfSignature[] };

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const HASH_BY_LENGTH: Record<number, string> = { 20: 'sha1', 28: 'sha224', 32: 'sha256', 48: 'sha384', 64: 'sha512' };

export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-');
}

export function hasSignatureDictionary(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/ByteRange');
}

export function checkSignedPdf(bytes: Uint8Array): SignedPdfCheck {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buf.subarray(0, 5).equals(Buffer.from('%PDF-'))) return { ok: false, reason: 'does not start with %PDF-', signatures: [] };
  const text = buf.toString('latin1');
  const signatures: PdfSignature[] = [];
  const problems: string[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (const m of text.matchAll(re)) {
    const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    const [a, b, c, d] = range;
    if (a !== 0 || b <= 0 || c <= b || c + d > buf.length || buf[b] !== 0x3c /* < */ || buf[c - 1] !== 0x3e /* > */) {
      problems.push(`byte range ${range.join(' ')} does not frame a /Contents string`);
      continue;
    }
    const hex = text.slice(b + 1, c - 1).replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex) || /^0*$/.test(hex)) {
      problems.push('signature contents are empty');
      continue;
    }
    let cms: forge.asn1.Asn1;
    try {
      // The reserved space is padded with zeros after the DER; forge's options object (not in
      // its type definitions) lets it stop at the end of the first element.
      const fromDer = forge.asn1.fromDer as unknown as (bytes: string, options: { parseAllBytes: boolean; strict: boolean }) => forge.asn1.Asn1;
      cms = fromDer(forge.util.hexToBytes(hex.length % 2 ? hex + '0' : hex), { parseAllBytes: false, strict: false });
    } catch {
      problems.push('signature contents are not DER');
      continue;
    }
    const top = cms.value as forge.asn1.Asn1[];
    if (!Array.isArray(top) || top[0]?.type !== forge.asn1.Type.OID || forge.asn1.derToOid(top[0].value as string) !== SIGNED_DATA) {
      problems.push('signature contents are not a CMS SignedData');
      continue;
    }
    const signed = messageDigestOf(cms);
    let digest: PdfSignature['digest'] = 'unchecked';
    if (signed !== null) {
      const alg = HASH_BY_LENGTH[signed.length];
      if (!alg) digest = 'mismatch';
      else {
        const h = createHash(alg).update(buf.subarray(a, a + b)).update(buf.subarray(c, c + d)).digest();
        digest = h.equals(signed) ? 'match' : 'mismatch';
      }
    }
    signatures.push({ byteRange: range, coversWholeFile: c + d === buf.length, digest });
  }
  if (signatures.length === 0) return { ok: false, reason: problems[0] ?? 'no signature', signatures };
  if (signatures.some((s) => s.digest === 'mismatch')) return { ok: false, reason: 'signed bytes were changed after signing', signatures };
  return { ok: true, signatures };
}

// The value of the first messageDigest signed attribute anywhere in the CMS structure.
function messageDigestOf(node: forge.asn1.Asn1): Buffer | null {
  if (!Array.isArray(node.value)) return null;
  const kids = node.value;
  const [first, second] = kids;
  if (
    node.type === forge.asn1.Type.SEQUENCE &&
    first?.type === forge.asn1.Type.OID &&
    forge.asn1.derToOid(first.value as string) === MESSAGE_DIGEST &&
    second?.type === forge.asn1.Type.SET &&
    Array.isArray(second.value)
  ) {
    const octets = second.value[0];
    if (octets && typeof octets.value === 'string') return Buffer.from(octets.value, 'binary');
  }
  for (const k of kids) {
    const found = messageDigestOf(k);
    if (found) return found;
  }
  return null;
}
