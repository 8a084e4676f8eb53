// The development certificate authority: on an office's own machine, permits are signed with a
// certificate issued here instead of by BSrE, so the whole signing path (PAdES, the visible
// stamp, verification with pdfsig or a PDF reader) works without a contract with BSrE. Such a
// signature is cryptographically sound but trusted by nobody; a real office configures BSrE.
//
// Layout of the folder (DATA_DIR/certs by default; folders 0700, keys 0600):
//   ca/key.pem, ca/cert.pem                       the CA (RSA 2048, SHA-256, 10 years)
//   signers/<id>/key.pem, cert.pem, subject.json  one per signer (RSA 2048, SHA-256, 2 years)
//
// Everything is created on first use and reused afterwards. A certificate is written into a
// fresh temporary folder which is then renamed into place, so two processes starting together
// end up with one CA, and a crash never leaves a key without its certificate. A signer's
// certificate is issued again when the signer's name, position or office changed, when it nears
// its end, or when it was not issued by the CA in the folder.
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface SignerSubject {
  name: string;
  office: string;
  position?: string;
}

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
  // SHA-256 of the DER certificate, as uppercase hex pairs joined by ':' (as openssl prints it).
  fingerprint256: string;
  // True when this call created the certificate, false when it was already there.
  created: boolean;
}

export interface SignerCertificate extends IssuedCertificate {
  ca: IssuedCertificate;
}

const CA_NAME = 'satupintu Development CA (not trusted)';
const CA_YEARS = 10;
const SIGNER_YEARS = 2;
const RENEW_BEFORE_MS = 30 * 86_400_000;

export const certsDirOf = (dataDir: string): string => join(dataDir, 'certs');

// For `satupintu certs init`: makes sure the folder and the CA exist and says what is there.
export function initDevCerts(certsDir: string): { certsDir: string; caCertPath: string; fingerprint256: string; created: boolean } {
  const ca = ensureDevCa(certsDir);
  return { certsDir, caCertPath: join(certsDir, 'ca', 'cert.pem'), fingerprint256: ca.fingerprint256, created: ca.created };
}

export function ensureDevCa(certsDir: string, now: Date = new Date()): IssuedCertificate {
  ensureDir(certsDir);
  const final = join(certsDir, 'ca');
  const existing = readPair(final);
  if (existing) return existing;
  const made = makeCa(now);
  return install(certsDir, final, made, false) ?? readPair(final)!;
}

export function ensureSignerCert(certsDir: string, signerId: string, subject: SignerSubject, now: Date = new Date()): SignerCertificate {
  const final = join(certsDir, 'signers', fileIdOf(signerId));
  const files = [join(certsDir, 'ca', 'cert.pem'), join(certsDir, 'ca', 'key.pem'), join(final, 'cert.pem'), join(final, 'key.pem'), join(final, 'subject.json')];
  const cacheKey = `${certsDir}\0${signerId}`;
  const known = checked.get(cacheKey);
  // Taken before the files are read: should they change meanwhile, the next call reads again.
  const stamp = filesStamp(files);
  if (known && stamp !== null && known.stamp === stamp && known.subject === subjectJson(subject) && now.getTime() >= known.usableFrom && now.getTime() < known.renewFrom) {
    return known.cert;
  }
  const ca = ensureDevCa(certsDir, now);
  ensureDir(join(certsDir, 'signers'));
  const existing = readPair(final);
  if (existing && stillGood(final, existing.certPem, ca.certPem, subject, now)) {
    const cert = { ...existing, ca };
    remember(cacheKey, stamp, subject, cert);
    return cert;
  }
  const made = { ...makeSignerCert(ca, subject, now), extra: { 'subject.json': subjectJson(subject) } };
  const installed = install(certsDir, final, made, existing !== null);
  return { ...(installed ?? readPair(final)!), ca };
}

// ensureSignerCert runs before every signature, and checking a certificate means reading five
// files, parsing three certificates and verifying a signature. A certificate found good is
// remembered, and given again for as long as none of its files (nor the CA's) changed (same
// inode, size and times), the subject is the same and it is not yet due for renewal.
interface CheckedCertificate {
  stamp: string;
  subject: string;
  usableFrom: number;
  renewFrom: number;
  cert: SignerCertificate;
}
const checked = new Map<string, CheckedCertificate>();
const CHECKED_SIZE = 256;

function remember(key: string, stamp: string | null, subject: SignerSubject, cert: SignerCertificate): void {
  if (stamp === null) return;
  const x509 = new X509Certificate(cert.certPem);
  if (checked.size >= CHECKED_SIZE) checked.delete(checked.keys().next().value!);
  checked.set(key, {
    stamp,
    subject: subjectJson(subject),
    usableFrom: Date.parse(x509.validFrom),
    renewFrom: Date.parse(x509.validTo) - RENEW_BEFORE_MS,
    cert: { ...cert, created: false, ca: { ...cert.ca, created: false } },
  });
}

function filesStamp(paths: string[]): string | null {
  try {
    return paths
      .map((p) => {
        const s = statSync(p, { bigint: true });
        return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
      })
      .join('|');
  } catch {
    return null;
  }
}

// A signer id is ours (a user id), but it still becomes a folder name: anything beyond a plain
// token is hashed.
function fileIdOf(signerId: string): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(signerId)) return signerId;
  return 'h-' + createHash('sha256').update(signerId).digest('hex').slice(0, 32);
}

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

function readPair(dir: string): IssuedCertificate | null {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (!existsSync(dir)) return null;
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    throw new Error(`certificate folder ${dir} is incomplete (cert.pem or key.pem missing); remove it to have it made again`);
  }
  const certPem = readFileSync(certPath, 'utf8');
  const keyPem = readFileSync(keyPath, 'utf8');
  return { certPem, keyPem, fingerprint256: new X509Certificate(certPem).fingerprint256, created: false };
}

// Writes the pair into a temporary folder beside the final one, then renames it into place.
// Returns null when another process installed one first (the caller reads theirs).
function install(certsDir: string, final: string, pair: { certPem: string; keyPem: string; extra?: Record<string, string> }, replace: boolean): IssuedCertificate | null {
  const tmp = mkdtempSync(join(certsDir, '.tmp-'));
  try {
    writeFileSync(join(tmp, 'key.pem'), pair.keyPem, { mode: 0o600 });
    chmodSync(join(tmp, 'key.pem'), 0o600);
    writeFileSync(join(tmp, 'cert.pem'), pair.certPem, { mode: 0o644 });
    for (const [name, text] of Object.entries(pair.extra ?? {})) writeFileSync(join(tmp, name), text, { mode: 0o644 });
    chmodSync(tmp, 0o700);
    if (replace) {
      // Keep the old pair beside the new one: documents signed with it still name it.
      try {
        renameSync(final, `${final}.replaced-${Date.now()}`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    try {
      renameSync(tmp, final);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') return null;
      throw err;
    }
    return { certPem: pair.certPem, keyPem: pair.keyPem, fingerprint256: new X509Certificate(pair.certPem).fingerprint256, created: true };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function stillGood(dir: string, certPem: string, caCertPem: string, subject: SignerSubject, now: Date): boolean {
  const cert = new X509Certificate(certPem);
  const ca = new X509Certificate(caCertPem);
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return false;
  if (Date.parse(cert.validTo) - now.getTime() < RENEW_BEFORE_MS || Date.parse(cert.validFrom) > now.getTime()) return false;
  try {
    return readFileSync(join(dir, 'subject.json'), 'utf8') === subjectJson(subject);
  } catch {
    return false;
  }
}

const subjectJson = (s: SignerSubject): string => JSON.stringify({ name: s.name, position: s.position ?? null, office: s.office });

// Names in UTF-8 (an Indonesian name or office may hold any letter); the country code is a
// PrintableString as RFC 5280 asks.
function subjectAttributes(s: SignerSubject): forge.pki.CertificateField[] {
  // @types/node-forge types valueTagClass as an ASN.1 class; forge reads it as the value's type.
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  const attrs: forge.pki.CertificateField[] = [{ shortName: 'CN', value: s.name, valueTagClass: utf8 }];
  if (s.position) attrs.push({ name: 'title', value: s.position, valueTagClass: utf8 });
  attrs.push({ shortName: 'O', value: s.office, valueTagClass: utf8 }, { shortName: 'C', value: 'ID' });
  return attrs;
}

function serial(): string {
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f; // positive
  return b.toString('hex');
}

function validity(cert: forge.pki.Certificate, now: Date, years: number): void {
  cert.validity.notBefore = new Date(now.getTime() - 86_400_000); // a day of slack for skewed clocks
  const end = new Date(now.getTime());
  end.setUTCFullYear(end.getUTCFullYear() + years);
  cert.validity.notAfter = end;
}

function makeCa(now: Date): { certPem: string; keyPem: string } {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  validity(cert, now, CA_YEARS);
  const name = [
    { shortName: 'CN', value: CA_NAME },
    { shortName: 'O', value: 'satupintu' },
    { shortName: 'C', value: 'ID' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

function makeSignerCert(ca: IssuedCertificate, subject: SignerSubject, now: Date): { certPem: string; keyPem: string } {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  validity(cert, now, SIGNER_YEARS);
  cert.setSubject(subjectAttributes(subject));
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}
