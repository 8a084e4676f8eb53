// Every request and answer of BSrE's Esign Client Service that satupintu uses, in one place,
// as zod schemas: field names, paths and codes live here and nowhere else. Shapes follow BSrE's
// technical guide (API Esign Client Service v2.0, January 2024); those marked "observed" come
// from regional clients that call the service, not from the guide. Answers are parsed loosely
// (unknown fields pass), requests strictly.
import { z } from 'zod';
import type { CertificateStatus } from '../signer.ts';
import { CERTIFICATE_STATUSES } from '../signer.ts';

export const BSRE_PATHS = {
  v2Sign: '/api/v2/sign/pdf',
  v2Status: '/api/v2/user/check/status',
  v1Sign: '/api/sign/pdf',
  // observed: the NIK in the path (so the URL is never logged)
  v1Status: (nik: string) => `/api/user/status/${encodeURIComponent(nik)}`,
  // works once per document
  v1Download: (id: string) => `/api/sign/download/${encodeURIComponent(id)}`,
} as const;

// The document id of a v1 signature, as a response header.
export const V1_DOCUMENT_ID_HEADER = 'id_dokumen';

// status_code values in error bodies (observed).
export const BSRE_CODES = {
  wrongPassphrase: 2031,
  notRegistered: 2011,
  noCertificate: 2021,
} as const;

// v1 status codes (observed).
const V1_STATUS_CODES: Record<number, CertificateStatus> = { 1111: 'ISSUE', 1110: 'NOT_REGISTERED' };

const nik = z.string().regex(/^\d{16}$/, 'NIK is 16 digits');
const base64 = z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');
const code = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

// ---- API v2 (JSON, base64) ----

export const v2SignatureProperty = z.strictObject({
  tampilan: z.enum(['VISIBLE', 'INVISIBLE']),
  imageBase64: base64.optional(),
  page: z.number().int().min(1).optional(),
  originX: z.number().optional(),
  originY: z.number().optional(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  tag_koordinat: z.string().length(1).optional(),
  location: z.string().optional(),
  reason: z.string().optional(),
  contactInfo: z.string().optional(),
});
export type V2SignatureProperty = z.infer<typeof v2SignatureProperty>;

export const v2SignRequest = z
  .strictObject({
    nik: nik.optional(),
    email: z.email().optional(),
    passphrase: z.string().min(1).optional(),
    totp: z.string().min(1).optional(),
    signatureProperties: z.array(v2SignatureProperty).min(1),
    file: z.array(base64).min(1),
  })
  .refine((r) => (r.nik === undefined) !== (r.email === undefined), 'exactly one of nik, email')
  .refine((r) => (r.passphrase === undefined) !== (r.totp === undefined), 'exactly one of passphrase, totp')
  .refine((r) => r.signatureProperties.length === 1 || r.signatureProperties.length === r.file.length, 'one signature property, or one per file');
export type V2SignRequest = z.infer<typeof v2SignRequest>;

// 200: the signed files, in input order.
export const v2SignResponse = z.looseObject({
  time: z.union([z.number(), z.string()]).optional(),
  file: z.array(base64).min(1),
});

export const v2StatusRequest = z
  .strictObject({ nik: nik.optional(), email: z.email().optional() })
  .refine((r) => (r.nik === undefined) !== (r.email === undefined), 'exactly one of nik, email');
export type V2StatusRequest = z.infer<typeof v2StatusRequest>;

export const statusResponse = z.looseObject({
  status_code: code.optional(),
  status: z.string().optional(),
  message: z.string().optional(),
});

// ---- API v1 (multipart) ----

export const v1SignFields = z.strictObject({
  nik,
  passphrase: z.string().min(1),
  tampilan: z.enum(['visible', 'invisible']),
  // visible only: true draws the imageTTD specimen, false a QR code of linkQR
  image: z.enum(['true', 'false']).optional(),
  linkQR: z.url().optional(),
  page: z.string().regex(/^\d+$/).optional(),
  xAxis: z.string().optional(),
  yAxis: z.string().optional(),
  width: z.string().optional(),
  height: z.string().optional(),
  tag_koordinat: z.string().length(1).optional(),
  reason: z.string().optional(),
  location: z.string().optional(),
});
export type V1SignFields = z.infer<typeof v1SignFields>;

// The multipart body of a v1 signature; the PDF goes in the field `file`.
export function v1SignForm(fields: V1SignFields, pdf: Uint8Array): FormData {
  const valid = v1SignFields.parse(fields);
  const form = new FormData();
  form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'dokumen.pdf');
  for (const [k, v] of Object.entries(valid)) if (v !== undefined) form.set(k, v);
  return form;
}

// ---- failures ----

// 4xx/5xx from the service itself: { error, status_code } (observed).
export const serviceError = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
  status_code: code.optional(),
});

// 401 and some 500s come from the Spring Boot container: { timestamp, status, error, path }.
export const containerError = z.looseObject({
  timestamp: z.union([z.string(), z.number()]),
  status: z.number(),
  error: z.string(),
  path: z.string().optional(),
});

// A 500 that still carries a signed file (observed, v2): the body has `file` like a 200.
export const v2FileInError = z.looseObject({ file: z.array(base64).min(1) });

// ---- reading answers ----

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function readServiceError(body: unknown): { code?: number; message?: string } {
  const e = serviceError.safeParse(body);
  if (!e.success) return {};
  return { code: e.data.status_code, message: e.data.error ?? e.data.message };
}

// The certificate status in an answer of either version: the `status` word when it is one BSrE
// uses, else v1's numeric code, else UNKNOWN.
export function readStatus(body: unknown): { status: CertificateStatus; code?: number; message?: string } {
  const r = statusResponse.safeParse(body);
  if (!r.success) return { status: 'UNKNOWN' };
  const word = r.data.status?.trim().toUpperCase().replace(/\s+/g, '_');
  const known = (CERTIFICATE_STATUSES as readonly string[]).includes(word ?? '') ? (word as CertificateStatus) : undefined;
  const byCode = r.data.status_code !== undefined ? V1_STATUS_CODES[r.data.status_code] : undefined;
  const byErrorCode =
    r.data.status_code === BSRE_CODES.notRegistered ? 'NOT_REGISTERED' : r.data.status_code === BSRE_CODES.noCertificate ? 'NO_CERTIFICATE' : undefined;
  return { status: known ?? byCode ?? byErrorCode ?? 'UNKNOWN', code: r.data.status_code, message: r.data.message };
}
