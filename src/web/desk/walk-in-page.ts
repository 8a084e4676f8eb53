// /meja/loket: registering a walk-in application in three short pages — the service and type;
// the applicant's answers and their NIK/NIB; then the applicant (found or new) and the checklist
// with the scans and the originals seen.
import { html } from 'hono/html';
import type { ApplicantMatch } from '../../app/desk/register-walk-in.ts';
import type { ServiceAtDesk } from '../../app/desk/staff-context.ts';
import type { ApplicationType, Requirement } from '../../domain/definition/schema.ts';
import { errorSummary, type FieldError } from '../forms.ts';
import { applicationTypeLabel, requirementKindLabel } from '../i18n.ts';
import type { Html } from '../layout.ts';
import { csrfInput, deskPage, sayer, type DeskFrame } from './ui.ts';

export function walkInStartPage(f: DeskFrame, services: ServiceAtDesk[], errors: FieldError[] = []): Html {
  const say = sayer(f.lang);
  const types = [...new Set(services.flatMap((s) => s.def.applicationTypes))];
  const body = html`<h1>${say('Pendaftaran di loket', 'Front counter registration')}</h1>
${errorSummary(f.lang, errors)}
<p>${say('Langkah 1 dari 3: pilih layanan dan jenis permohonan.', 'Step 1 of 3: choose the service and the application type.')}</p>
<form method="get" action="/meja/loket">
  <div class="field"><label for="layanan">${say('Layanan', 'Service')}</label>
    <select id="layanan" name="layanan">${services.map((s) => html`<option value="${s.slug}">${s.def.name}</option>`)}</select></div>
  <div class="field"><label for="jenis">${say('Jenis permohonan', 'Application type')}</label>
    <select id="jenis" name="jenis">${types.map((t) => html`<option value="${t}">${applicationTypeLabel[t][f.lang]}</option>`)}</select></div>
  <button type="submit">${say('Lanjut', 'Continue')}</button>
</form>`;
  return deskPage(f, say('Pendaftaran di loket', 'Front counter registration'), '/meja/loket', body, '/meja/loket');
}

export function walkInAnswersPage(f: DeskFrame, service: ServiceAtDesk, type: ApplicationType, errors: FieldError[] = []): Html {
  const say = sayer(f.lang);
  const body = html`<p><a href="/meja/loket">${say('← Ganti layanan', '← Change service')}</a></p>
<h1>${service.def.name}</h1>
${errorSummary(f.lang, errors)}
<p>${say('Langkah 2 dari 3: pertanyaan untuk daftar persyaratan, dan identitas pemohon.', 'Step 2 of 3: questions for the checklist, and the applicant’s identity.')} ${say('Jenis', 'Type')}: ${applicationTypeLabel[type][f.lang]}</p>
<form method="post" action="/meja/loket" enctype="multipart/form-data">
  ${csrfInput(f.csrf)}<input type="hidden" name="langkah" value="pemohon"><input type="hidden" name="service" value="${service.slug}"><input type="hidden" name="applicationType" value="${type}">
  ${service.def.attributes.length > 0
    ? html`<fieldset><legend>${say('Pertanyaan (centang bila ya)', 'Questions (tick if yes)')}</legend>${service.def.attributes.map((a) => html`<div><label><input type="checkbox" name="answer" value="${a.id}"> ${a.question}</label></div>`)}</fieldset>`
    : ''}
  <div class="field${errors.some((e) => e.field === 'identifier') ? ' field-error' : ''}"><label for="identifier">${say('NIK (perorangan, 16 angka) atau NIB (perusahaan, 13 angka)', 'NIK (person, 16 digits) or NIB (company, 13 digits)')}</label>
    <input id="identifier" name="identifier" inputmode="numeric" maxlength="20" autocomplete="off" required></div>
  <div class="field"><label for="queueNumber">${say('Nomor antrian (jika ada)', 'Queue number (if any)')}</label><input id="queueNumber" name="queueNumber" maxlength="20" autocomplete="off"></div>
  <button type="submit">${say('Lanjut', 'Continue')}</button>
</form>`;
  return deskPage(f, service.def.name, '/meja/loket', body, '/meja/loket');
}

export interface WalkInDetails {
  service: ServiceAtDesk;
  type: ApplicationType;
  answers: string[];
  identifier: string;
  queueNumber?: string | undefined;
  matches: ApplicantMatch[];
  requirements: Requirement[];
  idempotencyKey: string;
  values?: Record<string, string>;
}

export function walkInDetailsPage(f: DeskFrame, d: WalkInDetails, errors: FieldError[] = []): Html {
  const say = sayer(f.lang);
  const company = d.identifier.length === 13;
  const v = d.values ?? {};
  const field = (name: string, label: string, opts: { value?: string; type?: string; autocomplete?: string; inputmode?: string; required?: boolean } = {}) => {
    const error = errors.find((e) => e.field === name);
    return html`<div class="field${error ? ' field-error' : ''}"><label for="${name}">${label}</label>${error ? html`<p class="error" id="${name}-galat">${error.message}</p>` : ''}
    <input id="${name}" name="${name}" type="${opts.type ?? 'text'}" value="${v[name] ?? opts.value ?? ''}"${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : ''}${opts.inputmode ? html` inputmode="${opts.inputmode}"` : ''}${opts.required ? ' required' : ''}${error ? html` aria-invalid="true" aria-describedby="${name}-galat"` : ''}></div>`;
  };
  const chosen = v.applicantId ?? (d.matches[0]?.id ?? 'baru');
  const body = html`<h1>${d.service.def.name}</h1>
${errorSummary(f.lang, errors)}
<p>${say('Langkah 3 dari 3: pemohon, lalu berkas persyaratan.', 'Step 3 of 3: the applicant, then the requirement files.')}</p>
<form method="post" action="/meja/loket" enctype="multipart/form-data">
  ${csrfInput(f.csrf)}<input type="hidden" name="langkah" value="kirim"><input type="hidden" name="service" value="${d.service.slug}"><input type="hidden" name="applicationType" value="${d.type}">
  <input type="hidden" name="identifier" value="${d.identifier}"><input type="hidden" name="idempotencyKey" value="${d.idempotencyKey}">
  ${d.queueNumber ? html`<input type="hidden" name="queueNumber" value="${d.queueNumber}">` : ''}
  ${d.answers.map((a) => html`<input type="hidden" name="answer" value="${a}">`)}
  <fieldset><legend>${say('Pemohon', 'Applicant')}</legend>
    ${d.matches.map((m) => html`<div><label><input type="radio" name="applicantId" value="${m.id}"${chosen === m.id ? ' checked' : ''}> ${m.companyName ? `${m.companyName} (${m.name})` : m.name} — ${m.nib ?? m.nik}${m.phone ? `, ${m.phone}` : ''}</label></div>`)}
    <div><label><input type="radio" name="applicantId" value="baru"${chosen === 'baru' ? ' checked' : ''}> ${d.matches.length ? say('Pemohon baru dengan data di bawah', 'A new applicant with the details below') : say('Pemohon baru (belum terdaftar)', 'New applicant (not registered yet)')}</label></div>
  </fieldset>
  <fieldset><legend>${say('Data pemohon baru', 'New applicant details')}</legend>
    ${company
    ? html`${field('companyName', say('Nama perusahaan', 'Company name'), { autocomplete: 'organization' })}
      ${field('name', say('Nama penanggung jawab', 'Responsible person'), { autocomplete: 'name' })}
      <p>NIB: <strong>${d.identifier}</strong></p>
      ${field('npwp', say('NPWP (jika ada)', 'Tax number (NPWP, if any)'))}`
    : html`${field('name', say('Nama lengkap sesuai KTP', 'Full name as on the ID card'), { autocomplete: 'name' })}
      <p>NIK: <strong>${d.identifier}</strong></p>`}
    ${field('phone', say('Nomor telepon', 'Phone number'), { type: 'tel', autocomplete: 'tel', inputmode: 'tel' })}
    ${field('email', say('Email (jika ada)', 'Email (if any)'), { type: 'email', autocomplete: 'email' })}
    ${field('address', say('Alamat', 'Address'), { autocomplete: 'street-address' })}
  </fieldset>
  <h2>${say('Persyaratan', 'Requirements')}</h2>
  <p class="muted">${say('Pindai dokumen (PDF, JPEG atau PNG) atau centang bila aslinya sudah dilihat. Persyaratan wajib harus dipenuhi salah satunya.', 'Scan each document (PDF, JPEG or PNG) or tick when the original was seen. Every required item needs one of the two.')}</p>
  <table class="list"><thead><tr><th scope="col">No</th><th scope="col">${say('Persyaratan', 'Requirement')}</th><th scope="col">${say('Pindaian', 'Scan')}</th><th scope="col">${say('Asli dilihat', 'Original seen')}</th></tr></thead><tbody>
  ${d.requirements.map((r, i) => html`<tr><td>${i + 1}</td><td>${r.text}<br><span class="muted">${requirementKindLabel[r.kind][f.lang]}${r.optional ? say(' · jika ada', ' · if any') : ''}</span></td>
    <td><label for="berkas-${r.id}" class="muted">${say(`Berkas persyaratan ${i + 1}`, `File for requirement ${i + 1}`)}</label><input id="berkas-${r.id}" name="file-${r.id}" type="file" accept="application/pdf,image/jpeg,image/png"></td>
    <td><label><input type="checkbox" name="seen" value="${r.id}"${(v[`seen-${r.id}`] ?? '') === 'ya' ? ' checked' : ''}> <span class="muted">${say(`Asli persyaratan ${i + 1} dilihat`, `Original of requirement ${i + 1} seen`)}</span></label></td></tr>`)}
  </tbody></table>
  <button type="submit">${say('Daftarkan permohonan', 'Register the application')}</button>
</form>`;
  return deskPage(f, d.service.def.name, '/meja/loket', body, '/meja/loket');
}
