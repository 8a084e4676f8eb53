// The CMS SignedData (RFC 5652) inside a PAdES signature, made with node:crypto: the SHA-256 of
// the signed bytes and the RSA signature (PKCS #1 v1.5) over the signed attributes come from
// OpenSSL instead of node-forge's JavaScript, and the key is parsed once, not unpacked from a
// PKCS #12 on every signature.
//
// The structure is the one @signpdf's P12Signer builds with node-forge, byte for byte: version 1,
// SHA-256, detached content of type data, the signer's certificate and then the CA's, and one
// SignerInfo identified by issuer and serial number with the signed attributes contentType,
// signingTime and messageDigest in that order (the order matters to some EU validators).
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { Signer as PdfSigner } from '@signpdf/signpdf';

export interface CmsSigningKey {
  privateKey: KeyObject;
  // DER, the signer's certificate first.
  certificates: Buffer[];
  // The signer certificate's issuer Name and serial number INTEGER, as DER taken from it.
  issuer: Buffer;
  serialNumber: Buffer;
}

// The key and chain (signer first) from PEM. Throws when the key is not the certificate's.
export function cmsSigningKey(keyPem: string, certPems: string[]): CmsSigningKey {
  const privateKey = createPrivateKey(keyPem);
  const certs = certPems.map((pem) => new X509Certificate(pem));
  const signerCert = certs[0];
  if (!signerCert || !signerCert.checkPrivateKey(privateKey)) throw new Error('the private key does not belong to the signer certificate');
  const certificates = certs.map((c) => c.raw);
  const { issuer, serialNumber } = issuerAndSerialOf(certificates[0]!);
  return { privateKey, certificates, issuer, serialNumber };
}

// A detached CMS SignedData over `content` (the PDF without its /Contents placeholder).
export function cmsSignedData(key: CmsSigningKey, content: Buffer, signingTime: Date): Buffer {
  const digest = createHash('sha256').update(content).digest();
  const attributes = [
    attribute(OID.contentType, tlv(TAG.OID, oid(OID.data))),
    attribute(OID.signingTime, timeOf(signingTime)),
    attribute(OID.messageDigest, tlv(TAG.OCTET_STRING, digest)),
  ];
  // The signature covers the attributes as a SET; the SignerInfo carries them as [0] IMPLICIT.
  const signature = sign('sha256', tlv(TAG.SET, ...attributes), key.privateKey);
  const sha256 = tlv(TAG.SEQUENCE, tlv(TAG.OID, oid(OID.sha256)), NULL);
  const signerInfo = tlv(
    TAG.SEQUENCE,
    tlv(TAG.INTEGER, Buffer.from([1])),
    tlv(TAG.SEQUENCE, key.issuer, key.serialNumber),
    sha256,
    tlv(TAG.CONTEXT_0, ...attributes),
    tlv(TAG.SEQUENCE, tlv(TAG.OID, oid(OID.rsaEncryption)), NULL),
    tlv(TAG.OCTET_STRING, signature),
  );
  const signedData = tlv(
    TAG.SEQUENCE,
    tlv(TAG.INTEGER, Buffer.from([1])),
    tlv(TAG.SET, sha256),
    tlv(TAG.SEQUENCE, tlv(TAG.OID, oid(OID.data))),
    tlv(TAG.CONTEXT_0, ...key.certificates),
    tlv(TAG.SET, signerInfo),
  );
  return tlv(TAG.SEQUENCE, tlv(TAG.OID, oid(OID.signedData)), tlv(TAG.CONTEXT_0, signedData));
}

// What @signpdf/signpdf calls to sign the bytes around the placeholder.
export class CmsSigner extends PdfSigner {
  readonly key: CmsSigningKey;

  constructor(key: CmsSigningKey) {
    super();
    this.key = key;
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    return cmsSignedData(this.key, pdf, signingTime ?? new Date());
  }
}

// ---- DER ---------------------------------------------------------------------------------------

const TAG = { INTEGER: 0x02, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, UTC_TIME: 0x17, GENERALIZED_TIME: 0x18, SEQUENCE: 0x30, SET: 0x31, CONTEXT_0: 0xa0 } as const;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

const NULL = Buffer.from([TAG.NULL, 0]);

function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = contents.length === 1 ? contents[0]! : Buffer.concat(contents);
  const n = body.length;
  let head: Buffer;
  if (n < 0x80) head = Buffer.from([tag, n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    head = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([head, body]);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const base128 = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) base128.unshift((v & 0x7f) | 0x80);
    out.push(...base128);
  }
  return Buffer.from(out);
}

function attribute(type: string, value: Buffer): Buffer {
  return tlv(TAG.SEQUENCE, tlv(TAG.OID, oid(type)), tlv(TAG.SET, value));
}

// RFC 5652 §11.3: UTCTime from 1950 to 2049, GeneralizedTime otherwise; whole seconds, UTC.
function timeOf(at: Date): Buffer {
  const year = at.getUTCFullYear();
  const two = (n: number) => String(n).padStart(2, '0');
  const rest = `${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}Z`;
  return year >= 1950 && year < 2050
    ? tlv(TAG.UTC_TIME, Buffer.from(`${String(year).slice(2)}${rest}`, 'latin1'))
    : tlv(TAG.GENERALIZED_TIME, Buffer.from(`${year}${rest}`, 'latin1'));
}

// One DER element at `at`: its tag, where its contents start and where it ends.
function element(der: Buffer, at: number): { tag: number; start: number; end: number } {
  const tag = der[at]!;
  let length = der[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i]!;
    start += count;
  }
  const end = start + length;
  if (end > der.length) throw new Error('truncated DER');
  return { tag, start, end };
}

// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber,
// signature, issuer, … }, … }: the serial number and issuer, exactly as the certificate has them.
function issuerAndSerialOf(cert: Buffer): { issuer: Buffer; serialNumber: Buffer } {
  const outer = element(cert, 0);
  const tbs = element(cert, outer.start);
  let at = tbs.start;
  let field = element(cert, at);
  if (field.tag === TAG.CONTEXT_0) {
    at = field.end;
    field = element(cert, at);
  }
  if (field.tag !== TAG.INTEGER) throw new Error('certificate without a serial number');
  const serialNumber = cert.subarray(at, field.end);
  const algorithm = element(cert, field.end);
  const issuer = element(cert, algorithm.end);
  if (issuer.tag !== TAG.SEQUENCE) throw new Error('certificate without an issuer');
  return { issuer: cert.subarray(algorithm.end, issuer.end), serialNumber };
}
