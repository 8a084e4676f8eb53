// Every way signing fails, as AppErrors with stable codes. The messages speak to the person
// (an official signing a permit, or the office admin); details are for the log and never hold
// a NIK, email, passphrase or TOTP.
import { AppError } from '../../domain/errors.ts';
import type { CertificateStatus } from './signer.ts';

const e = (code: string, status: number, id: string, en: string, details?: unknown) => new AppError(code, status, { id, en }, details);

export const signingErrors = {
  invalidPdf: (details?: unknown) =>
    e('signing_invalid_pdf', 422, 'Berkas yang akan ditandatangani bukan PDF yang dapat dibaca.', 'The document to sign is not a readable PDF.', details),
  alreadySigned: () =>
    e(
      'signing_already_signed',
      409,
      'Dokumen ini sudah memuat tanda tangan elektronik; penanda tangan lokal tidak dapat menambah tanda tangan kedua tanpa merusak yang pertama.',
      'This document already carries an electronic signature; the local signer cannot add a second one without breaking the first.',
    ),
  stampOutsidePage: (details?: unknown) =>
    e('signing_stamp_outside_page', 422, 'Letak tanda tangan berada di luar halaman dokumen.', 'The signature stamp lies outside the document page.', details),
  identityMissing: () =>
    e(
      'signing_identity_missing',
      422,
      'NIK penanda tangan (atau email terdaftar, untuk API v2) belum diisi.',
      "The signer's NIK (or registered email, for API v2) is missing.",
    ),
  identityInvalid: () => e('signing_identity_invalid', 422, 'NIK penanda tangan harus 16 digit.', "The signer's NIK must have 16 digits."),
  secretRequired: () =>
    e('signing_secret_required', 422, 'Masukkan passphrase (atau kode TOTP) tanda tangan elektronik Anda.', 'Enter your e-signature passphrase (or TOTP code).'),
  wrongPassphrase: (details?: unknown) =>
    e('signing_wrong_passphrase', 422, 'Passphrase tanda tangan elektronik salah.', 'The e-signature passphrase is wrong.', details),
  notRegistered: (details?: unknown) =>
    e(
      'signing_signer_not_registered',
      409,
      'Penanda tangan belum terdaftar pada layanan tanda tangan elektronik BSrE.',
      'The signer is not registered with the BSrE e-signature service.',
      details,
    ),
  noCertificate: (details?: unknown) =>
    e(
      'signing_no_certificate',
      409,
      'Penanda tangan belum memiliki sertifikat elektronik.',
      'The signer has no electronic certificate yet.',
      details,
    ),
  certificateNotReady: (status: CertificateStatus, details?: unknown) => {
    const m = notReadyMessage(status);
    return e('signing_certificate_not_ready', 409, m.id, m.en, { status, ...(details as object | undefined) });
  },
  providerAuthFailed: (details?: unknown) =>
    e(
      'signing_provider_auth_failed',
      502,
      'Layanan tanda tangan elektronik menolak kredensial aplikasi. Hubungi admin kantor.',
      'The e-signature service refused the application credentials. Contact the office admin.',
      details,
    ),
  providerError: (details?: unknown) =>
    e(
      'signing_provider_error',
      502,
      'Layanan tanda tangan elektronik gagal memproses dokumen. Silakan coba lagi nanti.',
      'The e-signature service failed to process the document. Please try again later.',
      details,
    ),
  outputInvalid: (details?: unknown) =>
    e(
      'signing_output_invalid',
      502,
      'Layanan tanda tangan elektronik mengembalikan berkas yang bukan PDF bertanda tangan.',
      'The e-signature service returned a file that is not a signed PDF.',
      details,
    ),
  unavailable: (details?: unknown) =>
    e(
      'signing_unavailable',
      503,
      'Layanan tanda tangan elektronik tidak dapat dihubungi. Dokumen belum ditandatangani; silakan coba lagi.',
      'The e-signature service cannot be reached. The document was not signed; please try again.',
      details,
    ),
  outcomeUnknown: (details?: unknown) =>
    e(
      'signing_outcome_unknown',
      504,
      'Layanan tanda tangan elektronik tidak menjawab tepat waktu; dokumen mungkin sudah ditandatangani. Jangan menandatangani ulang sebelum status dokumen diperiksa.',
      'The e-signature service did not answer in time; the document may already be signed. Do not sign again before its status has been checked.',
      details,
    ),
  downloadGone: (details?: unknown) =>
    e(
      'signing_download_gone',
      410,
      'Dokumen bertanda tangan ini sudah pernah diunduh dari layanan tanda tangan dan tidak tersedia lagi.',
      'This signed document was already downloaded from the signing service and is no longer available.',
      details,
    ),
  config: (what: string) =>
    e('signing_config_invalid', 500, `Konfigurasi tanda tangan elektronik tidak valid: ${what}.`, `Invalid e-signature configuration: ${what}.`),
};

function notReadyMessage(status: CertificateStatus): { id: string; en: string } {
  switch (status) {
    case 'EXPIRED':
      return { id: 'Sertifikat elektronik penanda tangan sudah kedaluwarsa.', en: "The signer's certificate has expired." };
    case 'RENEW':
      return { id: 'Sertifikat elektronik penanda tangan sedang diperbarui.', en: "The signer's certificate is being renewed." };
    case 'WAITING_FOR_VERIFICATION':
    case 'NEW':
      return { id: 'Pendaftaran sertifikat elektronik penanda tangan masih menunggu verifikasi.', en: "The signer's certificate request is awaiting verification." };
    case 'SUSPEND':
      return { id: 'Sertifikat elektronik penanda tangan sedang dibekukan.', en: "The signer's certificate is suspended." };
    case 'REVOKE':
      return { id: 'Sertifikat elektronik penanda tangan sudah dicabut.', en: "The signer's certificate has been revoked." };
    case 'NO_CERTIFICATE':
      return { id: 'Penanda tangan belum memiliki sertifikat elektronik.', en: 'The signer has no electronic certificate yet.' };
    case 'NOT_REGISTERED':
      return { id: 'Penanda tangan belum terdaftar pada layanan tanda tangan elektronik.', en: 'The signer is not registered with the e-signature service.' };
    default:
      return { id: 'Status sertifikat elektronik penanda tangan tidak dapat dipastikan.', en: "The signer's certificate status could not be determined." };
  }
}

export function statusMessage(status: CertificateStatus): { id: string; en: string } | undefined {
  return status === 'ISSUE' ? undefined : notReadyMessage(status);
}

// Removes anything that could identify the signer or unlock their key from a text that came
// back from outside (a vendor's error message): the given secrets, and any run of 16 digits
// (a NIK) or email address, whoever it belongs to.
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length > 0) out = out.split(s).join('[disembunyikan]');
  return out
    .replace(/\d{16}/g, '[NIK]')
    .replace(/[^\s@"'<>]+@[^\s@"'<>]+\.[A-Za-z]{2,}/g, '[email]')
    .slice(0, 300);
}

// Whether a failed signature may simply be tried again (by a job runner, say). Only when the
// request never reached the service; `signing_outcome_unknown` above all must not be retried.
export function isSafeToRetry(err: unknown): boolean {
  return err instanceof AppError && err.code === 'signing_unavailable';
}
