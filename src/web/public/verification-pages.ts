// The public verification page a QR code on a permit leads to.
import { html } from 'hono/html';
import type { PermitVerification } from '../../app/permits/verify-permit.ts';
import { formatIndonesianDate } from '../../domain/documents/indonesian-date.ts';
import type { Language } from '../../domain/errors.ts';
import { layout, type Html } from '../layout.ts';

const statusLabel = {
  berlaku: { id: 'Berlaku', en: 'Valid' },
  kedaluwarsa: { id: 'Kedaluwarsa', en: 'Expired' },
  dicabut: { id: 'Dicabut', en: 'Revoked' },
  diganti: { id: 'Diganti dengan versi yang lebih baru', en: 'Superseded by a newer version' },
} as const;

export function verificationFormPage(lang: Language, message?: string): Html {
  const body = html`<h1>${lang === 'id' ? 'Periksa keaslian izin' : 'Check a permit'}</h1>
${message ? html`<div class="card" role="alert"><p>${message}</p></div>` : ''}
<form method="get" action="/verifikasi/cari">
  <label for="kode">${lang === 'id' ? 'Kode verifikasi (16 karakter, tercetak di bawah kode QR)' : 'Verification code (16 characters, printed under the QR code)'}</label><br>
  <input id="kode" name="kode" autocomplete="off" maxlength="40" required>
  <button type="submit">${lang === 'id' ? 'Periksa' : 'Check'}</button>
</form>`;
  return layout({ lang, title: lang === 'id' ? 'Verifikasi izin' : 'Permit verification', path: '/verifikasi', body });
}

export function verificationPage(lang: Language, v: PermitVerification, comparison?: { identical: boolean; hasDocument: boolean }): Html {
  const id = lang === 'id';
  const until = v.validUntil ? formatIndonesianDate(v.validUntil) : (v.validityText ?? (id ? 'Tidak ditentukan' : 'Not stated'));
  const body = html`<h1>${id ? 'Hasil verifikasi izin' : 'Permit verification result'}</h1>
<p class="card"><strong>${id ? 'Status' : 'Status'}: ${statusLabel[v.status][lang]}</strong></p>
<dl class="kv">
  <dt>${id ? 'Jenis izin' : 'Permit'}</dt><dd>${v.service}</dd>
  <dt>${id ? 'Nomor' : 'Number'}</dt><dd>${v.number}</dd>
  <dt>${id ? 'Pemegang izin' : 'Holder'}</dt><dd>${v.holder}</dd>
  <dt>${id ? 'Diterbitkan oleh' : 'Issued by'}</dt><dd>${v.officeName}</dd>
  <dt>${id ? 'Tanggal terbit' : 'Issued on'}</dt><dd>${formatIndonesianDate(v.issuedOn)}</dd>
  <dt>${id ? 'Berlaku sejak' : 'Valid from'}</dt><dd>${formatIndonesianDate(v.validFrom)}</dd>
  <dt>${id ? 'Berlaku sampai' : 'Valid until'}</dt><dd>${until}</dd>
</dl>
${comparison ? html`<div class="card" role="status"><p><strong>${!comparison.hasDocument
    ? (id ? 'Dokumen elektronik izin ini belum tersedia untuk dibandingkan.' : 'The electronic document of this permit is not available for comparison yet.')
    : comparison.identical
      ? (id ? 'Berkas yang Anda unggah identik dengan dokumen yang diterbitkan.' : 'The file you uploaded is identical to the issued document.')
      : (id ? 'Berkas yang Anda unggah BERBEDA dari dokumen yang diterbitkan.' : 'The file you uploaded DIFFERS from the issued document.')}</strong></p></div>` : ''}
<h2>${id ? 'Bandingkan berkas PDF' : 'Compare a PDF file'}</h2>
<form method="post" action="/verifikasi/${v.code}/periksa" enctype="multipart/form-data">
  <label for="berkas">${id ? 'Berkas PDF izin (maks. 20 MB)' : 'Permit PDF file (max. 20 MB)'}</label><br>
  <input id="berkas" name="berkas" type="file" accept="application/pdf" required>
  <button type="submit">${id ? 'Bandingkan' : 'Compare'}</button>
</form>`;
  return layout({ lang, title: id ? 'Verifikasi izin' : 'Permit verification', path: `/verifikasi/${v.code}`, body });
}
