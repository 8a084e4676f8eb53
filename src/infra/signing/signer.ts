// The one interface every way of signing a permit sits behind: a development certificate
// authority on this machine (local-signer.ts) or the certified BSrE service (bsre/). Which one an
// office uses is configuration (select-signer.ts); the use cases only see `Signer`.
//
// Secrets (the signer's NIK, passphrase and TOTP) travel in the request object only: no
// implementation logs them, stores them or puts them into an error message or its details.
import type { ErrorMessage } from '../../domain/errors.ts';

export interface SignerIdentity {
  // Our own stable id for the signer (a user id). It names the signer's local certificate
  // files, so it must never be the NIK.
  id: string;
  name: string;
  // The position (jabatan) printed on the stamp, e.g. "Kepala Dinas Penanaman Modal dan PTSP".
  position: string;
  // The office's name: the organisation (O) of a local certificate.
  office: string;
  // How the certified service knows the signer: the 16-digit NIK or the registered email.
  nik?: string;
  email?: string;
}

export interface SignerSecret {
  passphrase?: string;
  // A one-time code (BSrE API v2 only), instead of the passphrase.
  totp?: string;
}

// Where the visible stamp goes, in pdf-lib's convention (the same as the box the permit layout
// keeps free for it): page index from 0; x, y, width and height in PDF points with the origin at
// the page's lower-left corner.
export interface VisibleStamp {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SignRequest {
  signer: SignerIdentity;
  reason: string;
  location: string;
  contactInfo?: string;
  // Defaults to now. Printed on the stamp in `timeZone` (default Asia/Jakarta, WIB).
  signingTime?: Date;
  timeZone?: string;
  visibleStamp?: VisibleStamp;
  secret?: SignerSecret;
}

// BSrE's vocabulary for a signer's certificate; only ISSUE may sign. UNKNOWN: an answer we
// could not read.
export const CERTIFICATE_STATUSES = [
  'ISSUE',
  'EXPIRED',
  'RENEW',
  'WAITING_FOR_VERIFICATION',
  'NEW',
  'NO_CERTIFICATE',
  'NOT_REGISTERED',
  'SUSPEND',
  'REVOKE',
  'UNKNOWN',
] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export interface SignerStatus {
  ready: boolean;
  status: CertificateStatus;
  // For the person, in both languages: why the signer cannot sign yet (absent when ready).
  message?: ErrorMessage;
}

export interface Signer {
  readonly kind: 'local' | 'bsre';
  // Whether sign() needs `secret` (a passphrase or TOTP typed by the signer).
  readonly secretRequired: boolean;
  // Returns the signed PDF. Throws AppErrors (see errors.ts); `signing_outcome_unknown` means
  // the document may or may not have been signed: reconcile before trying again.
  sign(pdf: Uint8Array, request: SignRequest): Promise<Uint8Array>;
  // Whether the signer can sign now. Cheap enough to call before queueing a signing job.
  status(signer: SignerIdentity): Promise<SignerStatus>;
}
