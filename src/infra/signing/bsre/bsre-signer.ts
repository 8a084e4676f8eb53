// The certified signer: BSrE's Esign Client Service, run by the agency on its own network and
// called over HTTP with Basic auth. API v2 (JSON) by default, v1 (multipart) for regional
// installs that only have it. Field names and shapes live in bsre-api.ts.
//
// Rules this adapter keeps:
// - The signer's certificate status is checked before the passphrase is sent.
// - Every signed file is checked (%PDF, a CMS signature whose digest matches the signed bytes,
//   the same number of pages) before it is accepted, whatever the HTTP status said; a 500 that
//   still carries a file is accepted only after that check.
// - A request to sign that was sent and then timed out or lost its connection has an unknown
//   outcome (`signing_outcome_unknown`): the document may already be signed at BSrE. Nothing
//   here retries a signature; the caller reconciles first.
// - The NIK, email, passphrase and TOTP go into the request in flight only: never into a log
//   line, an error message or an error's details (vendor messages are redacted).
// - The visible stamp is drawn by satupintu (BSrE's own visible mode needs a specimen image or
//   QR code); BSrE is then asked for an invisible signature over the stamped document.
import { PDFDocument } from 'pdf-lib';
import { AppError } from '../../../domain/errors.ts';
import { redact, signingErrors, statusMessage } from '../errors.ts';
import { checkSignedPdf, hasSignatureDictionary, looksLikePdf } from '../pdf-signature.ts';
import type { CertificateStatus, Signer, SignerIdentity, SignerStatus, SignRequest } from '../signer.ts';
import { drawStamp, stampText } from '../stamp.ts';
import {
  BSRE_CODES,
  BSRE_PATHS,
  parseJson,
  readServiceError,
  readStatus,
  V1_DOCUMENT_ID_HEADER,
  v1SignForm,
  v2FileInError,
  v2SignRequest,
  v2SignResponse,
  v2StatusRequest,
} from './bsre-api.ts';

export interface BsreConfig {
  baseUrl: string;
  version: 'v1' | 'v2';
  username: string;
  password: string;
  // How long a signature may take (BSrE: about 1 to 10 s). Default 120 s.
  signTimeoutMs?: number;
  // How long a status check or download may take. Default 15 s.
  readTimeoutMs?: number;
  // Ask for the certificate status before sending a passphrase. Default true.
  checkStatusBeforeSigning?: boolean;
}

// What the adapter logs: structured fields, never an identity or a secret. Pino (Fastify's
// logger) fits.
export interface SigningLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface BsreSigner extends Signer {
  readonly kind: 'bsre';
  readonly version: 'v1' | 'v2';
  // API v1 keeps a signed document for one download by its id (the id_dokumen header).
  downloadV1(documentId: string): Promise<Uint8Array>;
}

export interface BsreDeps {
  fetch?: typeof fetch;
  log?: SigningLog;
}

type Phase = 'read' | 'sign';
interface Answer {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

// Errors raised while connecting: the request never left, so trying again is safe.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL']);
const silent: SigningLog = { info() {}, warn() {} };

export function createBsreSigner(config: BsreConfig, deps: BsreDeps = {}): BsreSigner {
  const doFetch = deps.fetch ?? fetch;
  const log = deps.log ?? silent;
  const base = config.baseUrl.replace(/\/+$/, '');
  const auth = 'Basic ' + Buffer.from(`${config.username}:${config.password}`, 'utf8').toString('base64');
  const signTimeoutMs = config.signTimeoutMs ?? 120_000;
  const readTimeoutMs = config.readTimeoutMs ?? 15_000;
  const { version } = config;
  const where = { provider: 'bsre', version };

  async function call(path: string, init: RequestInit, phase: Phase, timeoutMs: number): Promise<Answer> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let res: Response;
    try {
      res = await doFetch(base + path, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), authorization: auth, accept: 'application/json, application/pdf' },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw transportError(err, phase, elapsed(), timeoutMs);
    }
    try {
      return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
    } catch (err) {
      // The service answered and the answer was cut off: for a signature, it was received.
      throw phase === 'sign' ? outcomeUnknown(err, elapsed(), timeoutMs) : signingErrors.unavailable({ ...where, reason: 'answer cut off' });
    }
  }

  function transportError(err: unknown, phase: Phase, elapsedMs: number, timeoutMs: number): AppError {
    const codes = errorCodes(err);
    if (codes.some((c) => NOT_SENT.has(c))) return signingErrors.unavailable({ ...where, reason: codes.find((c) => NOT_SENT.has(c)) });
    if (phase === 'read') return signingErrors.unavailable({ ...where, reason: isTimeout(err) ? 'timeout' : (codes[0] ?? 'network error') });
    return outcomeUnknown(err, elapsedMs, timeoutMs);
  }

  function outcomeUnknown(err: unknown, elapsedMs: number, timeoutMs: number): AppError {
    const reason = isTimeout(err) ? 'timeout' : (errorCodes(err)[0] ?? 'connection lost');
    log.warn({ ...where, reason, elapsedMs, timeoutMs }, 'signing outcome unknown: not retried; reconcile before signing again');
    return signingErrors.outcomeUnknown({ ...where, reason, elapsedMs, timeoutMs });
  }

  // How BSrE knows the signer: the NIK, or (v2 only) the registered email.
  function identityOf(signer: SignerIdentity): { nik: string } | { email: string } {
    if (signer.nik) {
      if (!/^\d{16}$/.test(signer.nik)) throw signingErrors.identityInvalid();
      return { nik: signer.nik };
    }
    if (signer.email && version === 'v2') return { email: signer.email };
    throw signingErrors.identityMissing();
  }

  // Vendor text with anything of the signer's (and our own password) taken out.
  function vendorText(text: string | undefined, request?: SignRequest): string | undefined {
    if (text === undefined) return undefined;
    const s = request?.signer;
    return redact(text, [s?.nik, s?.email, request?.secret?.passphrase, request?.secret?.totp, config.password, config.username]);
  }

  // A signed file from the service, accepted only when it really is our document, signed.
  async function checkOutput(bytes: Uint8Array, pageCount: number): Promise<Uint8Array> {
    const check = checkSignedPdf(bytes);
    if (!check.ok) throw signingErrors.outputInvalid({ ...where, reason: check.reason });
    let pages: number;
    try {
      pages = (await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true })).getPageCount();
    } catch {
      throw signingErrors.outputInvalid({ ...where, reason: 'signed file cannot be read as a PDF' });
    }
    if (pages !== pageCount) throw signingErrors.outputInvalid({ ...where, reason: `signed file has ${pages} pages, the document ${pageCount}` });
    return bytes;
  }

  function failure(answer: Answer, request?: SignRequest): AppError {
    const text = Buffer.from(answer.body).toString('utf8');
    const body = parseJson(text);
    const { code, message } = readServiceError(body);
    const details = { ...where, httpStatus: answer.status, vendorCode: code, vendorMessage: vendorText(message, request) };
    if (answer.status === 401 || answer.status === 403) return signingErrors.providerAuthFailed({ ...where, httpStatus: answer.status });
    if (code === BSRE_CODES.wrongPassphrase) return signingErrors.wrongPassphrase(details);
    if (code === BSRE_CODES.notRegistered) return signingErrors.notRegistered(details);
    if (code === BSRE_CODES.noCertificate) return signingErrors.noCertificate(details);
    return signingErrors.providerError(details);
  }

  // The signed file an answer carries, if any: v2 as base64 in `file`, v1 as the body itself.
  function carriedFile(answer: Answer): Uint8Array | null {
    if (looksLikePdf(answer.body) && answer.body[0] === 0x25 /* % */) return answer.body;
    const body = parseJson(Buffer.from(answer.body).toString('utf8'));
    const ok = v2SignResponse.safeParse(body);
    const inError = ok.success ? ok.data : v2FileInError.safeParse(body).data;
    const first = inError?.file[0];
    return first ? new Uint8Array(Buffer.from(first, 'base64')) : null;
  }

  async function status(signer: SignerIdentity): Promise<SignerStatus> {
    const started = performance.now();
    const id = identityOf(signer);
    let answer: Answer;
    if (version === 'v2') {
      const body = v2StatusRequest.parse(id);
      answer = await call(BSRE_PATHS.v2Status, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, 'read', readTimeoutMs);
    } else {
      answer = await call(BSRE_PATHS.v1Status((id as { nik: string }).nik), { method: 'GET' }, 'read', readTimeoutMs);
    }
    if (answer.status === 401 || answer.status === 403) throw signingErrors.providerAuthFailed({ ...where, httpStatus: answer.status });
    const read = readStatus(parseJson(Buffer.from(answer.body).toString('utf8')));
    if (read.status === 'UNKNOWN' && answer.status >= 400) throw failure(answer);
    log.info({ ...where, op: 'status', signerId: signer.id, httpStatus: answer.status, status: read.status, ms: Math.round(performance.now() - started) }, 'signer status');
    const message = statusMessage(read.status);
    return { ready: read.status === 'ISSUE', status: read.status, ...(message ? { message } : {}) };
  }

  async function sign(input: Uint8Array, request: SignRequest): Promise<Uint8Array> {
    const { signer, secret } = request;
    const id = identityOf(signer);
    const passphrase = secret?.passphrase || undefined;
    const totp = version === 'v2' ? secret?.totp || undefined : undefined;
    if (!passphrase && !totp) throw signingErrors.secretRequired();
    if (!looksLikePdf(input)) throw signingErrors.invalidPdf();

    let doc: PDFDocument;
    try {
      doc = await PDFDocument.load(input, { updateMetadata: false });
    } catch (err) {
      throw signingErrors.invalidPdf({ reason: (err as Error).message?.slice(0, 200) });
    }
    const pageCount = doc.getPageCount();
    let pdf = input;
    if (request.visibleStamp) {
      // Drawing rewrites the file, which would break a signature already in it.
      if (hasSignatureDictionary(input)) throw signingErrors.alreadySigned();
      await drawStamp(doc, request.visibleStamp, stampText(signer, request.signingTime ?? new Date(), request.timeZone));
      pdf = await doc.save({ useObjectStreams: false });
    }

    if (config.checkStatusBeforeSigning !== false) {
      const s = await status(signer);
      if (!s.ready) throw notReady(s.status);
    }

    const started = performance.now();
    let answer: Answer;
    if (version === 'v2') {
      const body = v2SignRequest.parse({
        ...id,
        ...(totp && !passphrase ? { totp } : { passphrase }),
        signatureProperties: [{ tampilan: 'INVISIBLE', reason: request.reason, location: request.location, ...(request.contactInfo ? { contactInfo: request.contactInfo } : {}) }],
        file: [Buffer.from(pdf).toString('base64')],
      });
      answer = await call(BSRE_PATHS.v2Sign, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, 'sign', signTimeoutMs);
    } else {
      const form = v1SignForm({ nik: (id as { nik: string }).nik, passphrase: passphrase!, tampilan: 'invisible', reason: request.reason, location: request.location }, pdf);
      answer = await call(BSRE_PATHS.v1Sign, { method: 'POST', body: form }, 'sign', signTimeoutMs);
    }
    const ms = Math.round(performance.now() - started);
    const documentId = answer.headers.get(V1_DOCUMENT_ID_HEADER) ?? undefined;
    const done = { ...where, op: 'sign', signerId: signer.id, httpStatus: answer.status, ms, documentId };

    if (answer.status === 200) {
      const file = carriedFile(answer);
      if (!file) throw answerWithoutFile(answer, request);
      const signed = await checkOutput(file, pageCount);
      log.info({ ...done, bytes: signed.byteLength }, 'document signed');
      return signed;
    }
    if (answer.status >= 500) {
      const file = carriedFile(answer);
      if (file) {
        let signed: Uint8Array;
        try {
          signed = await checkOutput(file, pageCount);
        } catch (err) {
          log.warn({ ...done, reason: err instanceof AppError ? (err.details as { reason?: string })?.reason : 'unreadable' }, 'error answer carried a file that is not a signed PDF');
          throw failure(answer, request);
        }
        log.warn({ ...done, bytes: signed.byteLength }, 'error answer carried a signed file; accepted after checking it');
        return signed;
      }
    }
    const err = failure(answer, request);
    log.warn({ ...done, code: err.code, vendorCode: (err.details as { vendorCode?: number } | undefined)?.vendorCode }, 'signing refused');
    throw err;
  }

  // A 200 without a file: an error body with a known code (some installs answer errors with
  // 200), or something that is not a signed PDF.
  function answerWithoutFile(answer: Answer, request: SignRequest): AppError {
    const { code } = readServiceError(parseJson(Buffer.from(answer.body).toString('utf8')));
    if (code !== undefined) return failure(answer, request);
    return signingErrors.outputInvalid({ ...where, httpStatus: answer.status, reason: 'answer carries no signed file' });
  }

  async function downloadV1(documentId: string): Promise<Uint8Array> {
    if (version !== 'v1') throw signingErrors.config('download by document id is an API v1 feature');
    // The service gives a document out once: a download cut off may have used it up, so it is
    // treated like a signature (unknown outcome), not retried.
    const answer = await call(BSRE_PATHS.v1Download(documentId), { method: 'GET' }, 'sign', readTimeoutMs);
    if (answer.status === 200) {
      const file = carriedFile(answer);
      if (!file) throw signingErrors.outputInvalid({ ...where, reason: 'download carries no PDF' });
      const check = checkSignedPdf(file);
      if (!check.ok) throw signingErrors.outputInvalid({ ...where, reason: check.reason });
      log.info({ ...where, op: 'download', documentId, bytes: file.byteLength }, 'signed document downloaded');
      return file;
    }
    if (answer.status === 401 || answer.status === 403) throw signingErrors.providerAuthFailed({ ...where, httpStatus: answer.status });
    if (answer.status === 404 || answer.status === 410 || (answer.status >= 400 && answer.status < 500)) {
      throw signingErrors.downloadGone({ ...where, httpStatus: answer.status, documentId });
    }
    throw failure(answer);
  }

  return { kind: 'bsre', version, secretRequired: true, sign, status, downloadV1 };
}

function notReady(status: CertificateStatus): AppError {
  if (status === 'NOT_REGISTERED') return signingErrors.notRegistered({ status });
  if (status === 'NO_CERTIFICATE') return signingErrors.noCertificate({ status });
  return signingErrors.certificateNotReady(status);
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

// The error codes in a fetch failure and its causes (undici nests them; Happy Eyeballs makes
// an AggregateError).
function errorCodes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 4) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodes(x, depth + 1)) : [];
  return [...own, ...errorCodes(e.cause, depth + 1), ...nested];
}
