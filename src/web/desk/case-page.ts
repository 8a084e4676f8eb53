// /meja/permohonan/{id}: one case at the desk — applicant, checklist with previews and verdicts,
// the clock, the permit, the kartu kendali, and only the actions this official may take now.
import { html } from 'hono/html';
import type { CaseDocument, CaseFile } from '../../app/desk/get-case-file.ts';
import type { ParafEntry } from '../../app/desk/paraf-sheet.ts';
import type { StepChoice } from '../../app/desk/step-actions.ts';
import { technicalAgency } from '../../domain/documents/technical-agency.ts';
import { applicationTypeLabel, requirementKindLabel } from '../i18n.ts';
import type { Html } from '../layout.ts';
import { actingLabel, actionLabel, csrfInput, deskPage, sayer, slaBadge, STATUS_LABELS, when, workingTime, type DeskFrame, type Say } from './ui.ts';

export interface CaseView {
  file: CaseFile;
  signingNeedsCode: boolean;
  notice?: string | undefined;
}

const VERDICTS = [
  ['sesuai', 'Sesuai', 'Complete and correct'],
  ['tidak_ada', 'Tidak ada', 'Missing'],
  ['perlu_perbaikan', 'Perlu perbaikan', 'Needs correction'],
] as const;

const RESULT_LABELS = {
  recommended: ['Direkomendasikan', 'Recommended'],
  recommended_with_conditions: ['Direkomendasikan dengan syarat', 'Recommended with conditions'],
  not_recommended: ['Tidak direkomendasikan', 'Not recommended'],
} as const;

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function documentPreview(say: Say, d: CaseDocument, label: string): Html {
  const src = `/meja/berkas/${d.id}`;
  return html`<li><a href="${src}">${d.fileName}</a> <span class="muted">(${d.mediaType === 'application/pdf' ? 'PDF' : d.mediaType === 'image/png' ? 'PNG' : 'JPEG'}, ${kb(d.sizeBytes)})</span>
  <details class="preview"><summary>${say('Pratinjau', 'Preview')} <span class="muted">${d.fileName}</span></summary>
  ${d.mediaType === 'application/pdf'
    ? html`<iframe src="${src}" title="${say(`Pratinjau ${label}`, `Preview of ${label}`)}" loading="lazy"></iframe>`
    : html`<img src="${src}" alt="${say(`Pindaian ${label}`, `Scan of ${label}`)}" loading="lazy">`}
  </details></li>`;
}

function choiceForm(f: DeskFrame, file: CaseFile, c: StepChoice, i: number, signingNeedsCode: boolean): Html {
  const say = sayer(f.lang);
  const step = file.step!;
  const id = `pilihan-${i}`;
  const defaultLabel: Record<string, [string, string]> = {
    complete: ['Selesai, teruskan ke langkah berikutnya', 'Done, pass on to the next step'],
    decide: ['Putuskan', 'Decide'],
    paraf: ['Paraf', 'Initial (paraf)'],
    sign: ['Tanda tangani', 'Sign'],
    number: ['Registrasi nomor izin', 'Register the permit number'],
    return: ['Kembalikan', 'Send back'],
    'return-to-applicant': ['Kembalikan ke pemohon', 'Return to the applicant'],
    reject: ['Tolak', 'Reject'],
  };
  const [bid, ben] = defaultLabel[c.action] ?? ['Kirim', 'Submit'];
  const button = c.label ?? say(bid, ben);
  const back = c.direction !== 'forward';
  return html`<form method="post" action="/meja/permohonan/${file.id}/tindakan" aria-labelledby="${id}-judul">
  ${csrfInput(f.csrf)}<input type="hidden" name="step" value="${step.no}"><input type="hidden" name="action" value="${c.action}">
  ${c.outcome ? html`<input type="hidden" name="outcome" value="${c.outcome}">` : ''}
  <h3 id="${id}-judul">${button}</h3>
  ${c.needsReason || back
    ? html`<div class="field"><label for="${id}-alasan">${c.needsReason ? say('Alasan / catatan (wajib)', 'Reason / note (required)') : say('Catatan (jika ada)', 'Note (optional)')}</label>
  <textarea id="${id}-alasan" name="reason" rows="3" maxlength="4000"${c.needsReason ? ' required' : ''}></textarea></div>
  ${step.checks ? html`<p class="muted">${say('Catatan per persyaratan dari hasil pemeriksaan di atas ikut dikirim.', 'The per-requirement notes from the check above are sent along.')}</p>` : ''}`
    : ''}
  ${c.action === 'sign' && signingNeedsCode
    ? html`<div class="field"><label for="${id}-kode">${say('Kode verifikasi dari aplikasi autentikator', 'Verification code from the authenticator app')}</label>
  <input id="${id}-kode" name="secondFactor" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required></div>`
    : ''}
  <button type="submit"${back ? html` class="${c.direction === 'reject' ? 'danger' : 'secondary'}"` : ''}>${button}</button>
</form>`;
}

function actionsSection(f: DeskFrame, file: CaseFile, signingNeedsCode: boolean): Html {
  const say = sayer(f.lang);
  const p = file.permissions;
  const step = file.step;
  const parts: Html[] = [];
  if (p.claim && step) {
    parts.push(html`<form method="post" action="/meja/permohonan/${file.id}/ambil">${csrfInput(f.csrf)}<input type="hidden" name="step" value="${step.no}"><button type="submit" class="secondary">${say('Ambil tugas ini', 'Claim this task')}</button></form>`);
  }
  if (p.assign && step && p.colleagues.length > 0) {
    parts.push(html`<form method="post" action="/meja/permohonan/${file.id}/tugaskan">${csrfInput(f.csrf)}<input type="hidden" name="step" value="${step.no}">
  <div class="field"><label for="assignee">${say('Tugaskan kepada rekan', 'Assign to a colleague')}</label>
  <select id="assignee" name="assignee">${p.colleagues.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select></div>
  <button type="submit" class="secondary">${say('Tugaskan', 'Assign')}</button></form>`);
  }
  if (p.act && step) {
    if (step.kind === 'handover') {
      parts.push(handoverForm(f, file));
    } else if (step.kind === 'external') {
      parts.push(recommendationForm(f, file));
      file.permissions.choices.filter((c) => c.direction === 'applicant' || c.direction === 'back').forEach((c, i) => parts.push(choiceForm(f, file, c, 100 + i, signingNeedsCode)));
    } else {
      file.permissions.choices.forEach((c, i) => parts.push(choiceForm(f, file, c, i, signingNeedsCode)));
    }
  }
  if (p.resubmit) parts.push(resubmitForm(f, file));
  if (parts.length === 0) {
    return html`<p>${file.step && file.status === 'active' ? say('Tidak ada tindakan untuk Anda pada langkah ini.', 'There is nothing for you to do at this step.') : say('Tidak ada tindakan yang tersedia.', 'No actions available.')}</p>`;
  }
  return html`<div class="actions">${parts}</div>`;
}

function handoverForm(f: DeskFrame, file: CaseFile): Html {
  const say = sayer(f.lang);
  return html`<form method="post" action="/meja/permohonan/${file.id}/penyerahan" aria-labelledby="serah-judul">
  ${csrfInput(f.csrf)}<input type="hidden" name="step" value="${file.step!.no}">
  <h3 id="serah-judul">${say('Penyerahan surat izin', 'Permit handover')}</h3>
  <fieldset><legend>${say('Cara penyerahan', 'How it is handed over')}</legend>
    <div class="inline-choice"><label><input type="radio" name="mode" value="in_person" checked> ${say('Diambil langsung di loket', 'Collected at the counter')}</label>
    <label><input type="radio" name="mode" value="electronic"> ${say('Dikirim secara elektronik', 'Delivered electronically')}</label></div>
  </fieldset>
  <fieldset><legend>${say('Jika diambil langsung', 'If collected in person')}</legend>
    <div class="field"><label for="collectorName">${say('Nama pengambil', 'Name of the person collecting')}</label><input id="collectorName" name="collectorName" maxlength="200" autocomplete="off"></div>
    <div class="field"><label for="collectorRelation">${say('Hubungan dengan pemohon', 'Relation to the applicant')}</label>
      <select id="collectorRelation" name="collectorRelation">
        <option value="pemohon">${say('Pemohon sendiri', 'The applicant')}</option>
        <option value="kuasa">${say('Penerima kuasa (surat kuasa)', 'Authorised representative (power of attorney)')}</option>
        <option value="karyawan">${say('Karyawan perusahaan', 'Company employee')}</option>
        <option value="keluarga">${say('Keluarga', 'Family member')}</option>
      </select></div>
    <div class="field"><label><input type="checkbox" name="identityChecked" value="ya"> ${say('Identitas pengambil sudah diperiksa (KTP / surat kuasa)', "The collector's identity was checked (ID card / power of attorney)")}</label></div>
    <div class="field"><label><input type="checkbox" name="receiptSigned" value="ya"> ${say('Pengambil menandatangani tanda terima / buku ekspedisi', 'The collector signed the receipt / dispatch book')}</label></div>
  </fieldset>
  <fieldset><legend>${say('Jika dikirim elektronik', 'If delivered electronically')}</legend>
    <div class="field"><label for="deliveredTo">${say('Dikirim ke (email atau akun portal)', 'Sent to (email or portal account)')}</label><input id="deliveredTo" name="deliveredTo" maxlength="200" autocomplete="off"></div>
  </fieldset>
  <button type="submit">${say('Catat penyerahan dan selesaikan', 'Record the handover and close')}</button>
</form>`;
}

function recommendationForm(f: DeskFrame, file: CaseFile): Html {
  const say = sayer(f.lang);
  const choices = file.permissions.recommendation;
  return html`<form method="post" action="/meja/permohonan/${file.id}/rekomendasi" enctype="multipart/form-data" aria-labelledby="rek-judul">
  ${csrfInput(f.csrf)}<input type="hidden" name="step" value="${file.step!.no}">
  <h3 id="rek-judul">${say('Rekomendasi teknis', 'Technical recommendation')}</h3>
  <fieldset><legend>${say('Hasil', 'Result')}</legend>
    ${choices.map((c, i) => html`<div><label><input type="radio" name="result" value="${c.result}"${i === 0 ? ' checked' : ''}> ${RESULT_LABELS[c.result][f.lang === 'id' ? 0 : 1]}${c.label ? html` <span class="muted">— ${c.label}</span>` : ''}</label></div>`)}
  </fieldset>
  <div class="field"><label for="conditions">${say('Syarat (wajib bila direkomendasikan dengan syarat; satu per baris)', 'Conditions (required when recommended with conditions; one per line)')}</label><textarea id="conditions" name="conditions" rows="3" maxlength="8000"></textarea></div>
  <div class="field"><label for="rek-alasan">${say('Alasan (wajib bila tidak direkomendasikan)', 'Reason (required when not recommended)')}</label><textarea id="rek-alasan" name="reason" rows="2" maxlength="4000"></textarea></div>
  <fieldset><legend>${say('Pemeriksaan lapangan', 'Field inspection')}</legend>
    <div class="field"><label for="inspectionDate">${say('Tanggal pemeriksaan', 'Inspection date')}</label><input id="inspectionDate" name="inspectionDate" type="date"></div>
    <div class="field"><label for="inspectionTeam">${say('Anggota tim (satu nama per baris)', 'Team members (one name per line)')}</label><textarea id="inspectionTeam" name="inspectionTeam" rows="3" maxlength="4000"></textarea></div>
    <div class="field"><label for="findings">${say('Temuan', 'Findings')}</label><textarea id="findings" name="findings" rows="4" maxlength="8000"></textarea></div>
  </fieldset>
  <div class="field"><label for="letter">${say('Surat rekomendasi yang sudah ditandatangani (PDF)', 'The signed recommendation letter (PDF)')}</label><input id="letter" name="letter" type="file" accept="application/pdf" required></div>
  <button type="submit">${say('Kirim rekomendasi', 'Send the recommendation')}</button>
</form>`;
}

function resubmitForm(f: DeskFrame, file: CaseFile): Html {
  const say = sayer(f.lang);
  const wanted = new Set(file.corrections.map((c) => c.requirement));
  const rows = file.checklist.filter((r) => wanted.size === 0 || wanted.has(r.requirement.id));
  return html`<form method="post" action="/meja/permohonan/${file.id}/perbaikan" enctype="multipart/form-data" aria-labelledby="perbaikan-judul">
  ${csrfInput(f.csrf)}
  <h3 id="perbaikan-judul">${say('Terima perbaikan berkas di loket', 'Receive the corrected file at the counter')}</h3>
  ${rows.map((r) => html`<div class="field"><label for="perbaikan-${r.requirement.id}">${r.requirement.text}</label><input id="perbaikan-${r.requirement.id}" name="${r.requirement.id}" type="file" accept="application/pdf,image/jpeg,image/png"></div>`)}
  <div class="field"><label for="perbaikan-catatan">${say('Catatan', 'Note')}</label><textarea id="perbaikan-catatan" name="note" rows="2" maxlength="4000"></textarea></div>
  <button type="submit">${say('Ajukan kembali ke proses', 'Send back into the process')}</button>
</form>`;
}

function checklistSection(f: DeskFrame, file: CaseFile): Html {
  const say = sayer(f.lang);
  const editable = file.permissions.verdicts && file.step;
  const verdictName = (v: string) => VERDICTS.find((x) => x[0] === v)?.[f.lang === 'id' ? 1 : 2] ?? v;
  const rows = file.checklist.map((r, i) => html`<tr>
  <td>${i + 1}</td>
  <td>${r.requirement.text}<br><span class="muted">${requirementKindLabel[r.requirement.kind][f.lang]}${r.requirement.optional ? say(' · jika ada', ' · if any') : ''}${r.originalSeen ? say(' · asli dilihat di loket', ' · original seen at the counter') : ''}</span></td>
  <td>${r.documents.length === 0 ? html`<span class="muted">${say('belum ada berkas', 'no file')}</span>` : html`<ul>${r.documents.map((d) => documentPreview(say, d, r.requirement.text))}</ul>`}</td>
  <td>${editable
    ? html`<fieldset><legend>${say(`Hasil pemeriksaan: persyaratan ${i + 1}`, `Check result: requirement ${i + 1}`)}</legend>
      <input type="hidden" name="requirement" value="${r.requirement.id}">
      ${VERDICTS.map(([v, id, en]) => html`<label><input type="radio" name="verdict-${r.requirement.id}" value="${v}"${r.verdict?.verdict === v ? ' checked' : ''}> ${f.lang === 'id' ? id : en}</label><br>`)}
      <label for="catatan-${r.requirement.id}">${say('Catatan', 'Note')}</label>
      <textarea id="catatan-${r.requirement.id}" name="note-${r.requirement.id}" rows="2" maxlength="2000">${r.verdict?.note ?? ''}</textarea></fieldset>`
    : r.verdict
      ? html`${verdictName(r.verdict.verdict)}${r.verdict.note ? html`: ${r.verdict.note}` : ''}<br><span class="muted">${r.verdict.decidedBy}, ${when(r.verdict.decidedAt, f.staff.office.timeZone)}</span>`
      : html`<span class="muted">—</span>`}</td>
</tr>`);
  const table = html`<table class="list"><thead><tr><th scope="col">No</th><th scope="col">${say('Persyaratan', 'Requirement')}</th><th scope="col">${say('Berkas', 'Files')}</th><th scope="col">${say('Hasil pemeriksaan', 'Check')}</th></tr></thead><tbody>${rows}</tbody></table>`;
  if (!editable) return table;
  return html`<form method="post" action="/meja/permohonan/${file.id}/verifikasi">${csrfInput(f.csrf)}<input type="hidden" name="step" value="${file.step!.no}">
${table}
<button type="submit">${say('Simpan hasil pemeriksaan', 'Save the check results')}</button></form>`;
}

export function casePage(f: DeskFrame, view: CaseView): Html {
  const say = sayer(f.lang);
  const file = view.file;
  const tz = f.staff.office.timeZone;
  const a = file.applicant;
  const step = file.step;
  const body = html`<p><a href="/meja">${say('← Kembali ke meja kerja', '← Back to the worklist')}</a></p>
<h1>${say('Permohonan', 'Application')} ${file.trackingCode}</h1>
${view.notice ? html`<div class="notice" role="status">${view.notice}</div>` : ''}
<dl class="kv">
  <dt>${say('Layanan', 'Service')}</dt><dd>${file.def.name}</dd>
  <dt>${say('Jenis permohonan', 'Application type')}</dt><dd>${applicationTypeLabel[file.applicationType][f.lang]}</dd>
  <dt>${say('Status', 'Status')}</dt><dd>${STATUS_LABELS[file.status]?.[f.lang] ?? file.status}</dd>
  <dt>${say('Langkah sekarang', 'Current step')}</dt><dd>${step ? `${step.no}. ${step.title} (${file.def.roles.find((r) => r.id === step.actor)?.name ?? step.actor})` : file.resumeStep ? say(`menunggu pemohon; dilanjutkan di langkah ${file.resumeStep}`, `waiting for the applicant; resumes at step ${file.resumeStep}`) : '—'}</dd>
  ${file.task ? html`<dt>${say('Petugas', 'Official')}</dt><dd>${file.task.assigneeName ?? say('belum diambil', 'not taken')}</dd>` : ''}
  <dt>${say('Saluran', 'Channel')}</dt><dd>${file.channel === 'counter' ? say('loket', 'counter') : file.channel === 'online' ? say('daring', 'online') : 'API'}${file.intake?.queueNumber ? say(` · nomor antrian ${file.intake.queueNumber}`, ` · queue number ${file.intake.queueNumber}`) : ''}</dd>
</dl>

<h2>${say('Tindakan', 'Actions')}</h2>
${file.corrections.length > 0
    ? html`<div class="notice warn"><p>${say('Perbaikan yang diminta dari pemohon:', 'Corrections asked of the applicant:')}</p><ul>${file.corrections.map((c) => html`<li>${file.def.requirements.find((r) => r.id === c.requirement)?.text ?? c.requirement}: ${c.note}</li>`)}</ul></div>`
    : ''}
${actionsSection(f, file, view.signingNeedsCode)}

<h2>${say('Pemohon', 'Applicant')}</h2>
<dl class="kv">
  ${a.kind === 'company' ? html`<dt>${say('Perusahaan', 'Company')}</dt><dd>${a.companyName}</dd><dt>NIB</dt><dd>${a.nib}</dd>${a.npwp ? html`<dt>NPWP</dt><dd>${a.npwp}</dd>` : ''}<dt>${say('Penanggung jawab', 'Responsible person')}</dt><dd>${a.name}</dd>`
    : html`<dt>${say('Nama', 'Name')}</dt><dd>${a.name}</dd><dt>NIK</dt><dd>${a.nik ?? '—'}${a.nikMasked ? html` <span class="muted">${say('(disamarkan)', '(masked)')}</span>` : ''}</dd>`}
  ${a.phone ? html`<dt>${say('Telepon', 'Phone')}</dt><dd>${a.phone}</dd>` : ''}
  ${a.email ? html`<dt>Email</dt><dd>${a.email}</dd>` : ''}
  ${a.address ? html`<dt>${say('Alamat', 'Address')}</dt><dd>${a.address}</dd>` : ''}
  ${file.def.attributes.length > 0 ? html`<dt>${say('Keterangan', 'Answers')}</dt><dd><ul>${file.def.attributes.map((q) => html`<li>${q.question} <strong>${file.answers[q.id] ? say('Ya', 'Yes') : say('Tidak', 'No')}</strong></li>`)}</ul></dd>` : ''}
</dl>

<h2>${say('Waktu layanan', 'Service time')}</h2>
<dl class="kv">
  <dt>${say('Diterima', 'Received')}</dt><dd>${when(file.submittedAt, tz)}</dd>
  <dt>${say('Mulai dihitung', 'Clock started')}</dt><dd>${file.clock.startedAt ? when(file.clock.startedAt, tz) : say('belum (menunggu syarat mulai)', 'not yet (waiting for the start condition)')}</dd>
  <dt>${say('Batas waktu', 'Due')}</dt><dd>${when(file.clock.dueAt, tz)} ${file.clock.sla ? slaBadge(f.lang, file.clock.sla, file.clock.workingMsLeft) : ''}</dd>
  <dt>${say('Waktu kerja terpakai', 'Working time used')}</dt><dd>${file.clock.elapsedWorkingMs === null ? '—' : workingTime(f.lang, file.clock.elapsedWorkingMs)} <span class="muted">(${file.def.serviceTime.text})</span></dd>
  ${file.task ? html`<dt>${say('Tenggat langkah ini', 'Due for this step')}</dt><dd>${when(file.task.dueAt, tz)}</dd>` : ''}
  <dt>${say('Jeda (menunggu pemohon)', 'Paused (waiting for the applicant)')}</dt><dd>${file.clock.pauses.length === 0 ? say('tidak ada', 'none') : html`<ul>${file.clock.pauses.map((p) => html`<li>${when(p.from, tz)} – ${p.to ? when(p.to, tz) : say('masih berjalan', 'ongoing')}${p.reason ? html`: ${p.reason}` : ''}</li>`)}</ul>`}</dd>
  ${file.closedAt ? html`<dt>${say('Selesai', 'Closed')}</dt><dd>${when(file.closedAt, tz)}</dd>` : ''}
</dl>

<h2>${say('Persyaratan dan berkas', 'Requirements and files')}</h2>
${checklistSection(f, file)}
${file.otherDocuments.length > 0 ? html`<h3>${say('Dokumen lain', 'Other documents')}</h3><ul>${file.otherDocuments.map((d) => documentPreview(say, d, d.fileName))}</ul>` : ''}

${file.recommendation
    ? html`<h2>${say('Rekomendasi teknis', 'Technical recommendation')}</h2>
<dl class="kv">
  <dt>${say('Hasil', 'Result')}</dt><dd>${RESULT_LABELS[file.recommendation.result][f.lang === 'id' ? 0 : 1]}${file.recommendation.outcomeLabel ? html` <span class="muted">(${file.recommendation.outcomeLabel})</span>` : ''}</dd>
  <dt>${say('Dicatat', 'Recorded')}</dt><dd>${file.recommendation.by ?? '—'}, ${when(file.recommendation.at, tz)}</dd>
  ${file.recommendation.conditions ? html`<dt>${say('Syarat', 'Conditions')}</dt><dd class="activity">${file.recommendation.conditions}</dd>` : ''}
  ${file.recommendation.reason ? html`<dt>${say('Alasan', 'Reason')}</dt><dd>${file.recommendation.reason}</dd>` : ''}
  ${file.recommendation.inspection ? html`<dt>${say('Pemeriksaan lapangan', 'Field inspection')}</dt><dd>${file.recommendation.inspection.date}; ${say('tim', 'team')}: ${file.recommendation.inspection.team.join(', ') || '—'}<br><span class="activity">${file.recommendation.inspection.findings}</span></dd>` : ''}
  ${file.recommendation.documentHash ? html`<dt>${say('Sidik berkas surat (SHA-256)', 'Letter fingerprint (SHA-256)')}</dt><dd><code>${file.recommendation.documentHash}</code></dd>` : ''}
</dl>`
    : ''}

<h2>${say('Surat izin', 'Permit')}</h2>
${file.permit
    ? html`<dl class="kv">
  <dt>${say('Nomor izin', 'Permit number')}</dt><dd><strong>${file.permit.number}</strong>${file.permit.status !== 'issued' ? html` <span class="muted">(${file.permit.status === 'revoked' ? say('dicabut', 'revoked') : say('diganti', 'superseded')})</span>` : ''}</dd>
  <dt>${say('Ditandatangani', 'Signed')}</dt><dd>${file.permit.signatory ?? '—'}, ${actingLabel(file.permit.actingFor)} ${file.permit.signatoryPosition} · ${when(file.permit.issuedAt, tz)}</dd>
  <dt>${say('Masa berlaku', 'Valid')}</dt><dd>${file.permit.validFrom} – ${file.permit.validUntil ?? say('tidak dibatasi', 'no end date')}</dd>
  <dt>${say('Diregistrasi', 'Registered')}</dt><dd>${file.permit.registeredAt ? when(file.permit.registeredAt, tz) : say('belum', 'not yet')}</dd>
  <dt>${say('Diserahkan', 'Handed over')}</dt><dd>${file.permit.handedOverAt ? when(file.permit.handedOverAt, tz) : say('belum', 'not yet')}${file.handover ? html`<br>${file.handover.mode === 'in_person' ? say(`diambil oleh ${file.handover.collectorName} (${file.handover.collectorRelation}), identitas diperiksa${file.handover.receiptSigned ? ', tanda terima ditandatangani' : ''}`, `collected by ${file.handover.collectorName} (${file.handover.collectorRelation}), identity checked${file.handover.receiptSigned ? ', receipt signed' : ''}`) : say(`dikirim ke ${file.handover.deliveredTo}`, `sent to ${file.handover.deliveredTo}`)}` : ''}</dd>
</dl>`
    : html`<p>${say('Belum ditandatangani; nomor izin diambil saat penandatanganan.', 'Not signed yet; the permit number is taken at signing.')}</p>`}
<ul>
  ${file.permissions.draft ? html`<li><a href="/meja/permohonan/${file.id}/draf.pdf">${say('Pratinjau draf surat izin (PDF)', 'Preview the draft permit (PDF)')}</a></li>` : ''}
  ${technicalAgency(file.def, f.staff.office) ? html`<li><a href="/meja/permohonan/${file.id}/surat-pengantar.pdf">${say('Surat pengantar ke instansi teknis (PDF)', 'Cover letter to the technical agency (PDF)')}</a></li>` : ''}
  <li><a href="/meja/permohonan/${file.id}/paraf">${say('Lembar paraf', 'Paraf sheet')}</a></li>
  ${file.access.internal ? html`<li><a href="/meja/permohonan/${file.id}/tanda-terima.pdf">${say('Cetak tanda terima berkas (PDF)', 'Print the receipt (PDF)')}</a></li>` : ''}
  ${file.access.internal ? html`<li><a href="/meja/permohonan/${file.id}/arsip.pdf">${say('Lembar arsip: paraf dan kartu kendali (PDF)', 'Archive sheet: paraf and control card (PDF)')}</a></li>` : ''}
  ${file.access.internal && file.status === 'completed' ? html`<li><a href="/meja/permohonan/${file.id}/survei">${say('Masukkan survei kepuasan dari formulir kertas', 'Enter a satisfaction survey from a paper form')}</a></li>` : ''}
</ul>

<h2>${say('Kartu kendali', 'Control card')}</h2>
<table class="list"><thead><tr><th scope="col">${say('Langkah', 'Step')}</th><th scope="col">${say('Diterima', 'Received')}</th><th scope="col">${say('Dikerjakan', 'Acted')}</th><th scope="col">${say('Oleh', 'By')}</th><th scope="col">${say('Tindakan', 'Action')}</th><th scope="col">${say('Catatan', 'Note')}</th></tr></thead>
<tbody>${file.card.map((c) => html`<tr><td>${c.step} <span class="muted">${c.roleName}</span></td><td>${when(c.receivedAt, tz)}</td><td>${when(c.actedAt, tz)}</td><td>${c.actedBy ?? '—'}${c.positionName ? html`<br><span class="muted">${actingLabel(c.actingFor)} ${c.positionName}</span>` : ''}</td><td>${actionLabel(f.lang, c.action)}${c.outcome ? html` <span class="muted">(${c.outcome})</span>` : ''}</td><td>${c.note ?? ''}</td></tr>`)}</tbody></table>`;
  return deskPage(f, `${say('Permohonan', 'Application')} ${file.trackingCode}`, `/meja/permohonan/${file.id}`, body, '/meja');
}

export function parafPage(f: DeskFrame, caseId: string, sheet: { trackingCode: string; serviceName: string; entries: ParafEntry[] }): Html {
  const say = sayer(f.lang);
  const tz = f.staff.office.timeZone;
  const body = html`<p><a href="/meja/permohonan/${caseId}">${say('← Kembali ke permohonan', '← Back to the application')}</a></p>
<h1>${say('Lembar paraf', 'Paraf sheet')} ${sheet.trackingCode}</h1>
<p>${sheet.serviceName}</p>
${sheet.entries.length === 0
    ? html`<p>${say('Belum ada paraf.', 'No initials yet.')}</p>`
    : html`<table class="list"><thead><tr><th scope="col">${say('Waktu', 'Time')}</th><th scope="col">${say('Langkah', 'Step')}</th><th scope="col">${say('Tindakan', 'Action')}</th><th scope="col">${say('Nama dan jabatan', 'Name and position')}</th><th scope="col">${say('Catatan', 'Note')}</th></tr></thead>
<tbody>${sheet.entries.map((e) => html`<tr><td>${when(e.at, tz)}</td><td>${e.step}. ${e.stepTitle}</td><td>${actionLabel(f.lang, e.action)}${e.permitNumber ? html`<br><span class="muted">${say('nomor', 'number')} ${e.permitNumber}</span>` : ''}</td><td>${e.who ?? '—'}<br><span class="muted">${actingLabel(e.actingFor)} ${e.position ?? ''}</span></td><td>${e.note ?? ''}</td></tr>`)}</tbody></table>`}`;
  return deskPage(f, `${say('Lembar paraf', 'Paraf sheet')} ${sheet.trackingCode}`, `/meja/permohonan/${caseId}/paraf`, body, '/meja');
}
