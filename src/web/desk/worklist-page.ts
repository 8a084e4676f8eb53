// /meja: the official's worklist with a tab per role, filters, search, and claim/assign forms.
import { html } from 'hono/html';
import type { Colleague } from '../../app/desk/colleagues.ts';
import { ALL_TAB, COUNT_CAP, SUPERVISE_TAB, type Worklist, type WorklistQuery } from '../../app/desk/search-worklist.ts';
import type { Html } from '../layout.ts';
import { csrfInput, deskPage, sayer, slaBadge, when, type DeskFrame } from './ui.ts';

export function worklistPage(f: DeskFrame, list: Worklist, query: WorklistQuery, colleagues: Map<string, Colleague[]>, notice?: string): Html {
  const say = sayer(f.lang);
  const tz = f.staff.office.timeZone;
  const params = (over: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    const base: Record<string, string | undefined> = { tab: list.tab, layanan: query.service, langkah: query.step?.toString(), status: query.sla, penugasan: query.assignment, q: query.q, ...over };
    for (const [k, v] of Object.entries(base)) if (v) p.set(k, v);
    const s = p.toString();
    return s ? `/meja?${s}` : '/meja';
  };
  const tabLabel = (id: string, label: string) => (id === ALL_TAB ? say('Semua tugas saya', 'All my tasks') : id === SUPERVISE_TAB ? say('Pengawasan', 'Supervision') : label);
  const service = query.service ? f.staff.services.find((s) => s.slug === query.service) : undefined;
  const steps = service ? service.def.steps.filter((s) => s.tracked && s.actor !== 'pemohon') : [];
  const back = params({}).replace(/^\/meja\??/, '');

  const body = html`<h1>${say('Meja kerja', 'Worklist')}</h1>
${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
<nav aria-label="${say('Daftar tugas per peran', 'Tasks by role')}"><ul class="tabs">${list.tabs.map((t) => html`<li><a href="${params({ tab: t.id, after: undefined })}"${t.id === list.tab ? html` aria-current="page"` : ''}>${tabLabel(t.id, t.label)} (${t.count > COUNT_CAP ? `${COUNT_CAP}+` : t.count})</a></li>`)}</ul></nav>
<form method="get" action="/meja" class="inline" role="search" aria-label="${say('Saring dan cari', 'Filter and search')}">
  <input type="hidden" name="tab" value="${list.tab}">
  <div class="field"><label for="q">${say('Cari kode lacak, nama pemohon atau NIB', 'Search tracking code, applicant name or NIB')}</label>
    <input id="q" name="q" type="search" value="${query.q ?? ''}" maxlength="100"></div>
  <div class="field"><label for="layanan">${say('Layanan', 'Service')}</label>
    <select id="layanan" name="layanan"><option value="">${say('Semua layanan', 'All services')}</option>${f.staff.services.map((s) => html`<option value="${s.slug}"${s.slug === query.service ? ' selected' : ''}>${s.def.name}</option>`)}</select></div>
  ${steps.length > 0
    ? html`<div class="field"><label for="langkah">${say('Langkah', 'Step')}</label>
    <select id="langkah" name="langkah"><option value="">${say('Semua langkah', 'All steps')}</option>${steps.map((s) => html`<option value="${s.no}"${s.no === query.step ? ' selected' : ''}>${s.no}. ${s.title}</option>`)}</select></div>`
    : ''}
  <div class="field"><label for="status">${say('Status waktu', 'Time status')}</label>
    <select id="status" name="status">
      <option value="">${say('Semua', 'All')}</option>
      <option value="overdue"${query.sla === 'overdue' ? ' selected' : ''}>${say('Terlambat', 'Overdue')}</option>
      <option value="due_soon"${query.sla === 'due_soon' ? ' selected' : ''}>${say('Mendekati batas', 'Due soon')}</option>
      <option value="on_time"${query.sla === 'on_time' ? ' selected' : ''}>${say('Tepat waktu', 'On time')}</option>
    </select></div>
  <div class="field"><label for="penugasan">${say('Penugasan', 'Assignment')}</label>
    <select id="penugasan" name="penugasan">
      <option value="">${say('Semua', 'All')}</option>
      <option value="mine"${query.assignment === 'mine' ? ' selected' : ''}>${say('Diambil saya', 'Taken by me')}</option>
      <option value="unassigned"${query.assignment === 'unassigned' ? ' selected' : ''}>${say('Belum diambil', 'Not taken')}</option>
      <option value="others"${query.assignment === 'others' ? ' selected' : ''}>${say('Diambil petugas lain', 'Taken by others')}</option>
    </select></div>
  <button type="submit">${say('Terapkan', 'Apply')}</button>
</form>
${list.broadSearch ? html`<p class="notice" role="status">${say('Pencarian ini cocok dengan sangat banyak pemohon; hanya sebagian yang diperiksa. Persempit dengan nama yang lebih lengkap, kode lacak atau NIB.', 'This search matches very many applicants; only some were looked at. Narrow it with a fuller name, a tracking code or a NIB.')}</p>` : ''}
${list.items.length === 0
    ? html`<p>${say('Tidak ada tugas yang cocok.', 'No matching tasks.')}</p>`
    : html`<table class="list">
<caption class="muted">${say(`Diurutkan menurut tenggat langkah (zona ${tz})`, `Sorted by step due time (zone ${tz})`)}</caption>
<thead><tr><th scope="col">${say('Kode lacak', 'Tracking code')}</th><th scope="col">${say('Pemohon', 'Applicant')}</th><th scope="col">${say('Layanan dan langkah', 'Service and step')}</th><th scope="col">${say('Tenggat', 'Due')}</th><th scope="col">${say('Petugas', 'Official')}</th><th scope="col">${say('Tindakan', 'Actions')}</th></tr></thead>
<tbody>${list.items.map((i) => {
      const options = colleagues.get(`${i.service}|${i.role}`)?.filter((c) => c.id !== i.assigneeId) ?? [];
      return html`<tr>
  <td><a href="/meja/permohonan/${i.caseId}">${i.trackingCode}</a></td>
  <td>${i.applicantName}</td>
  <td>${i.serviceName}<br><span class="muted">${say('Langkah', 'Step')} ${i.step}: ${i.stepTitle} (${i.roleName})</span></td>
  <td>${when(i.dueAt, tz)}<br>${slaBadge(f.lang, i.sla, i.workingMsLeft)}</td>
  <td>${i.assigneeName ?? say('belum diambil', 'not taken')}</td>
  <td>${i.canClaim
        ? html`<form method="post" action="/meja/permohonan/${i.caseId}/ambil">${csrfInput(f.csrf)}<input type="hidden" name="step" value="${i.step}"><input type="hidden" name="kembali" value="${back}"><button type="submit" aria-label="${say(`Ambil tugas ${i.trackingCode}`, `Claim task ${i.trackingCode}`)}">${say('Ambil', 'Claim')}</button></form>`
        : ''}
  ${i.canAssign && options.length > 0
        ? html`<form method="post" action="/meja/permohonan/${i.caseId}/tugaskan">${csrfInput(f.csrf)}<input type="hidden" name="step" value="${i.step}"><input type="hidden" name="kembali" value="${back}">
    <label for="tugaskan-${i.taskId}">${say('Tugaskan ke', 'Assign to')}</label>
    <select id="tugaskan-${i.taskId}" name="assignee">${options.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select>
    <button type="submit" class="secondary">${say('Tugaskan', 'Assign')}</button></form>`
        : ''}</td>
</tr>`;
    })}</tbody></table>`}
${list.next ? html`<p><a href="${params({ after: list.next })}" rel="next">${say('Halaman berikutnya', 'Next page')}</a></p>` : ''}
${query.after ? html`<p><a href="${params({ after: undefined })}">${say('Kembali ke halaman pertama', 'Back to the first page')}</a></p>` : ''}`;
  return deskPage(f, say('Meja kerja', 'Worklist'), '/meja', body, '/meja');
}
