// The signature list, the permit register, the account page (second factor) and the office
// administrator's page (second factor for signing, acting officials).
import { html } from 'hono/html';
import type { SignOutcome } from '../../app/desk/act-at-desk.ts';
import type { Signable } from '../../app/desk/list-signable.ts';
import type { ActingRow } from '../../app/desk/office-admin.ts';
import type { RegisterEntry } from '../../app/desk/permit-register.ts';
import type { Enrolment } from '../../app/desk/second-factor.ts';
import type { Html } from '../layout.ts';
import { actingLabel, csrfInput, deskPage, sayer, when, type DeskFrame } from './ui.ts';

export function signPage(f: DeskFrame, items: Signable[], needsCode: boolean, results: SignOutcome[] = []): Html {
  const say = sayer(f.lang);
  const tz = f.staff.office.timeZone;
  const body = html`<h1>${say('Tanda tangan', 'Signing')}</h1>
${results.length > 0
    ? html`<div class="notice" role="status"><h2>${say('Hasil penandatanganan', 'Signing results')}</h2><ul>${results.map((r) => html`<li>${r.trackingCode ?? r.caseId}: ${r.ok ? (r.permitNumber ? say(`ditandatangani, nomor ${r.permitNumber}`, `signed, number ${r.permitNumber}`) : say('ditandatangani', 'signed')) : html`<strong>${say('gagal', 'failed')}</strong> — ${r.message?.[f.lang] ?? ''}`}</li>`)}</ul></div>`
    : ''}
${items.length === 0
    ? html`<p>${say('Tidak ada surat yang menunggu tanda tangan Anda.', 'Nothing is waiting for your signature.')}</p>`
    : html`<form method="post" action="/meja/tanda-tangan">
  ${csrfInput(f.csrf)}
  <table class="list"><caption class="muted">${say('Baca draf setiap surat sebelum menandatangani.', 'Read each draft before signing.')}</caption>
  <thead><tr><th scope="col">${say('Pilih', 'Select')}</th><th scope="col">${say('Kode lacak', 'Tracking code')}</th><th scope="col">${say('Layanan', 'Service')}</th><th scope="col">${say('Pemohon', 'Applicant')}</th><th scope="col">${say('Tenggat', 'Due')}</th><th scope="col">${say('Draf', 'Draft')}</th></tr></thead>
  <tbody>${items.map((i) => html`<tr>
    <td><input type="checkbox" id="pilih-${i.caseId}" name="item" value="${i.caseId}:${i.step}"><label for="pilih-${i.caseId}" class="muted"> ${say(`Pilih ${i.trackingCode}`, `Select ${i.trackingCode}`)}</label></td>
    <td><a href="/meja/permohonan/${i.caseId}">${i.trackingCode}</a></td>
    <td>${i.serviceName}<br><span class="muted">${i.step}. ${i.stepTitle}</span></td>
    <td>${i.applicantName}</td>
    <td>${when(i.dueAt, tz)}</td>
    <td>${i.signs === 'permit' ? html`<a href="/meja/permohonan/${i.caseId}/draf.pdf">${say(`Draf izin ${i.trackingCode} (PDF)`, `Draft permit ${i.trackingCode} (PDF)`)}</a>` : say('surat (bukan izin)', 'letter (not a permit)')}</td>
  </tr>`)}</tbody></table>
  ${needsCode
    ? html`<div class="field"><label for="secondFactor">${say('Kode verifikasi dari aplikasi autentikator', 'Verification code from the authenticator app')}</label>
  <input id="secondFactor" name="secondFactor" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required></div>`
    : ''}
  <button type="submit">${say('Tanda tangani yang dipilih', 'Sign the selected')}</button>
</form>`}`;
  return deskPage(f, say('Tanda tangan', 'Signing'), '/meja/tanda-tangan', body, '/meja/tanda-tangan');
}

export function registerPage(f: DeskFrame, entries: RegisterEntry[], next: string | null, first: boolean): Html {
  const say = sayer(f.lang);
  const tz = f.staff.office.timeZone;
  const body = html`<h1>${say('Register surat izin', 'Permit register')}</h1>
<p>${say('Setiap nomor izin yang diterbitkan kantor ini, terbaru di atas.', 'Every permit number this office issued, newest first.')}</p>
${entries.length === 0
    ? html`<p>${say('Belum ada izin yang diterbitkan.', 'No permits issued yet.')}</p>`
    : html`<table class="list"><thead><tr><th scope="col">${say('Nomor izin', 'Permit number')}</th><th scope="col">${say('Tanggal terbit', 'Issued')}</th><th scope="col">${say('Pemegang', 'Holder')}</th><th scope="col">${say('Permohonan', 'Application')}</th><th scope="col">${say('Penandatangan', 'Signed by')}</th><th scope="col">${say('Registrasi / penyerahan', 'Registered / handed over')}</th></tr></thead>
<tbody>${entries.map((e) => html`<tr>
  <td><strong>${e.number}</strong>${e.status !== 'issued' ? html`<br><span class="muted">${e.status === 'superseded' ? say('diganti', 'superseded') : say('dicabut', 'revoked')}</span>` : ''}</td>
  <td>${when(e.issuedAt, tz)}</td>
  <td>${e.holder}</td>
  <td><a href="/meja/permohonan/${e.caseId}">${e.trackingCode}</a><br><span class="muted">${e.service}</span></td>
  <td>${e.signatory ?? '—'}${e.actingFor ? html` <span class="muted">(${actingLabel(e.actingFor)})</span>` : ''}</td>
  <td>${e.registeredAt ? when(e.registeredAt, tz) : say('belum diregistrasi', 'not registered')}<br>${e.handedOverAt ? when(e.handedOverAt, tz) : say('belum diserahkan', 'not handed over')}</td>
</tr>`)}</tbody></table>`}
${next ? html`<p><a href="/meja/register?setelah=${next}" rel="next">${say('Halaman berikutnya', 'Next page')}</a></p>` : ''}
${first ? '' : html`<p><a href="/meja/register">${say('Kembali ke halaman pertama', 'Back to the first page')}</a></p>`}`;
  return deskPage(f, say('Register surat izin', 'Permit register'), '/meja/register', body, '/meja/register');
}

export function accountPage(f: DeskFrame, enrolled: boolean, enrolment: Enrolment, notice?: string, error?: string): Html {
  const say = sayer(f.lang);
  const body = html`<h1>${say('Akun', 'Account')}</h1>
${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
${error ? html`<div class="error-summary" role="alert"><h2>${say('Ada yang perlu diperbaiki', 'There is a problem')}</h2><p><a href="#code">${error}</a></p></div>` : ''}
<dl class="kv"><dt>${say('Nama', 'Name')}</dt><dd>${f.staff.displayName}</dd><dt>${say('Kantor', 'Office')}</dt><dd>${f.staff.office.name}</dd>
<dt>${say('Jabatan', 'Positions')}</dt><dd>${f.staff.actor.positions.map((p) => f.staff.office.positions.find((x) => x.id === p)?.name ?? p).join(', ')}${f.staff.actor.acting.length ? html`<br>${f.staff.actor.acting.map((a) => `${a.kind === 'plt' ? 'Plt.' : 'Plh.'} ${f.staff.office.positions.find((x) => x.id === a.positionId)?.name ?? a.positionId}`).join(', ')}` : ''}</dd></dl>
<h2>${say('Verifikasi dua langkah', 'Two-step verification')}</h2>
<p>${say('Setelah aplikasi autentikator terdaftar, setiap kali masuk Anda diminta kodenya, dan kantor dapat mewajibkannya untuk penandatanganan.', 'Once an authenticator app is registered, every sign-in asks for its code, and the office can require it for signing.')}</p>
<p>${enrolled ? say('Aplikasi autentikator sudah terdaftar. Anda dapat mendaftarkan ulang dengan rahasia baru di bawah.', 'An authenticator app is registered. You can register again with the new secret below.') : say('Belum terdaftar.', 'Not registered yet.')}</p>
<ol>
  <li>${say('Buka aplikasi autentikator (TOTP) di ponsel Anda dan tambahkan akun baru dengan rahasia ini:', 'Open an authenticator (TOTP) app on your phone and add an account with this secret:')}<br><code class="secret">${enrolment.secret}</code></li>
  <li>${say('Atau gunakan alamat ini (otpauth):', 'Or use this address (otpauth):')}<br><code class="secret">${enrolment.uri}</code></li>
  <li>${say('Masukkan kode 6 angka yang ditampilkan aplikasi.', 'Enter the 6-digit code the app shows.')}</li>
</ol>
<form method="post" action="/meja/akun/dua-langkah">
  ${csrfInput(f.csrf)}<input type="hidden" name="secret" value="${enrolment.secret}">
  <div class="field"><label for="code">${say('Kode verifikasi', 'Verification code')}</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required></div>
  <button type="submit">${say('Daftarkan autentikator', 'Register the authenticator')}</button>
</form>`;
  return deskPage(f, say('Akun', 'Account'), '/meja/akun', body, '/meja/akun');
}

export function adminPage(f: DeskFrame, data: { requireSecondFactor: boolean; acting: ActingRow[]; staff: { id: string; name: string; username: string }[] }, notice?: string): Html {
  const say = sayer(f.lang);
  const body = html`<h1>${say('Admin kantor', 'Office admin')}</h1>
${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
<h2>${say('Penandatanganan', 'Signing')}</h2>
<form method="post" action="/meja/admin/pengaturan">
  ${csrfInput(f.csrf)}
  <div class="field"><label><input type="checkbox" name="requireSecondFactor" value="ya"${data.requireSecondFactor ? ' checked' : ''}> ${say('Wajibkan verifikasi dua langkah (kode TOTP) untuk setiap penandatanganan', 'Require two-step verification (a TOTP code) for every signature')}</label></div>
  <button type="submit">${say('Simpan pengaturan', 'Save the settings')}</button>
</form>
<h2>${say('Pelaksana tugas (Plt/Plh)', 'Acting officials (Plt/Plh)')}</h2>
${data.acting.length === 0
    ? html`<p>${say('Belum ada penugasan.', 'No assignments.')}</p>`
    : html`<table class="list"><thead><tr><th scope="col">${say('Jabatan', 'Position')}</th><th scope="col">${say('Pelaksana', 'Acting official')}</th><th scope="col">${say('Jenis', 'Kind')}</th><th scope="col">${say('Periode', 'Period')}</th><th scope="col">${say('Tindakan', 'Action')}</th></tr></thead>
<tbody>${data.acting.map((a) => html`<tr><td>${a.positionName}</td><td>${a.userName}</td><td>${a.kind === 'plt' ? 'Plt.' : 'Plh.'}</td><td>${a.fromDay} – ${a.toDay}</td>
<td><form method="post" action="/meja/admin/pelaksana/${a.id}/hapus">${csrfInput(f.csrf)}<button type="submit" class="secondary" aria-label="${say(`Hapus penugasan ${a.userName} sebagai ${a.positionName}`, `Remove ${a.userName} acting as ${a.positionName}`)}">${say('Hapus', 'Remove')}</button></form></td></tr>`)}</tbody></table>`}
<h3>${say('Tambah penugasan', 'Add an assignment')}</h3>
<form method="post" action="/meja/admin/pelaksana">
  ${csrfInput(f.csrf)}
  <div class="field"><label for="position">${say('Jabatan yang dilaksanakan', 'Position acted for')}</label>
    <select id="position" name="position">${f.staff.office.positions.map((p) => html`<option value="${p.id}">${p.name}</option>`)}</select></div>
  <div class="field"><label for="user">${say('Pelaksana', 'Acting official')}</label>
    <select id="user" name="user">${data.staff.map((s) => html`<option value="${s.id}">${s.name} (${s.username})</option>`)}</select></div>
  <div class="field"><label for="kind">${say('Jenis', 'Kind')}</label>
    <select id="kind" name="kind"><option value="plt">${say('Plt. (pelaksana tugas)', 'Plt. (acting)')}</option><option value="plh">${say('Plh. (pelaksana harian)', 'Plh. (day-to-day deputy)')}</option></select></div>
  <div class="field"><label for="from">${say('Mulai tanggal', 'From')}</label><input id="from" name="from" type="date" required></div>
  <div class="field"><label for="to">${say('Sampai tanggal', 'Until')}</label><input id="to" name="to" type="date" required></div>
  <button type="submit">${say('Tambah', 'Add')}</button>
</form>`;
  return deskPage(f, say('Admin kantor', 'Office admin'), '/meja/admin', body, '/meja/admin');
}

export function errorPageBody(f: DeskFrame | null, lang: 'id' | 'en', title: string, message: string, back: string | null): Html {
  const say = sayer(lang);
  return html`<h1>${title}</h1><p>${message}</p>${back ? html`<p><a href="${back}">${say('Kembali', 'Go back')}</a></p>` : ''}<p><a href="/meja">${say('Ke meja kerja', 'To the worklist')}</a></p>${f ? '' : ''}`;
}
