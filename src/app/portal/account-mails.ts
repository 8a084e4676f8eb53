// The account emails: the verification link, the note to an address that already has an
// account, and the password reset link. Plain text in Indonesian, with the product's address.
import type { MailMessage } from '../../infra/mail/mailer.ts';

const base = (publicUrl: string) => new URL(publicUrl).href.replace(/\/+$/, '');
const FOOTER = 'Jika Anda tidak meminta pesan ini, abaikan saja; tidak ada yang berubah pada akun Anda.';

export function verificationMail(publicUrl: string, to: string, name: string, token: string): MailMessage {
  return {
    to,
    subject: 'Verifikasi alamat email akun pemohon Anda',
    text: [
      `Yth. ${name},`, '',
      'Terima kasih telah membuat akun pemohon. Buka tautan berikut untuk memverifikasi alamat email Anda (berlaku 48 jam):', '',
      `${base(publicUrl)}/daftar/verifikasi?token=${token}`, '',
      'Setelah terverifikasi, Anda dapat mengirim permohonan izin secara online.', '', FOOTER,
    ].join('\n'),
  };
}

export function alreadyRegisteredMail(publicUrl: string, to: string, name: string): MailMessage {
  return {
    to,
    subject: 'Alamat email ini sudah memiliki akun pemohon',
    text: [
      `Yth. ${name || 'Pemohon'},`, '',
      'Seseorang mencoba membuat akun pemohon baru dengan alamat email ini, padahal alamat ini sudah memiliki akun.', '',
      `Masuk: ${base(publicUrl)}/masuk`,
      `Lupa kata sandi: ${base(publicUrl)}/lupa-sandi`, '', FOOTER,
    ].join('\n'),
  };
}

export function resetMail(publicUrl: string, to: string, name: string, token: string): MailMessage {
  return {
    to,
    subject: 'Atur ulang kata sandi akun pemohon Anda',
    text: [
      `Yth. ${name},`, '',
      'Buka tautan berikut untuk membuat kata sandi baru. Tautan ini hanya dapat dipakai sekali dan berlaku 1 jam:', '',
      `${base(publicUrl)}/lupa-sandi/atur?token=${token}`, '', FOOTER,
    ].join('\n'),
  };
}
