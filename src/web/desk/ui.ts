// Pieces shared by the desk's pages: the frame with the desk's navigation, words in two
// languages, instants on the office's clock, the service-time badge.
import { html } from 'hono/html';
import type { StaffContext } from '../../app/desk/staff-context.ts';
import type { SlaState } from '../../domain/calendar/working-calendar.ts';
import { actingTitle, parseActingFor } from '../../domain/workflow/acting-for.ts';
import { formatShortDateTime, zoneAbbreviation } from '../../domain/documents/indonesian-date.ts';
import type { Language } from '../../domain/errors.ts';
import { layout, type Html } from '../layout.ts';

export type Say = (id: string, en: string) => string;
export const sayer = (lang: Language): Say => (id, en) => (lang === 'id' ? id : en);

export interface DeskFrame {
  lang: Language;
  staff: StaffContext;
  csrf: string;
}

const deskCss = html`<style>
nav.desk{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0 1rem;padding:.5rem 0;border-bottom:2px solid #dde3ea}
nav.desk a[aria-current="page"]{font-weight:700;text-decoration:none;border-bottom:3px solid #0b4f8a}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.85rem;font-weight:600;white-space:nowrap}
.sla-on_time{background:#e3f1e6;color:#14532d}.sla-due_soon{background:#fff1cc;color:#5c3b00}.sla-overdue{background:#fbe3e4;color:#7f1d1d}.sla-none{background:#eef1f4;color:#39424b}
table.list{border-collapse:collapse;width:100%;margin:.5rem 0}table.list th,table.list td{border-bottom:1px solid #c9d2db;padding:.4rem .35rem;text-align:left;vertical-align:top}
table.list th{background:#f3f5f7}
ul.tabs{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;padding:0;margin:.5rem 0}ul.tabs a{display:block;padding:.3rem .6rem;border:1px solid #c9d2db;border-radius:4px 4px 0 0;text-decoration:none}
ul.tabs a[aria-current="page"]{background:#0b4f8a;color:#fff;border-color:#0b4f8a}
fieldset{border:1px solid #c9d2db;margin:.75rem 0;padding:.5rem .75rem}legend{font-weight:600}
.actions form{border:1px solid #c9d2db;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0}
.preview iframe,.preview object{width:100%;height:32rem;border:1px solid #c9d2db}.preview img{max-width:100%;border:1px solid #c9d2db}
.notice{border-left:6px solid #0b4f8a;background:#eef4fa;padding:.5rem .75rem;margin:.75rem 0}.notice.warn{border-color:#b10e1e;background:#fdf2f2}
button.secondary{background:#fff;color:#0b4f8a;border:2px solid #0b4f8a}button.danger{background:#8a1c1c}
.field textarea{min-height:4rem}.inline-choice{display:flex;gap:1rem;flex-wrap:wrap}.inline-choice label{font-weight:400}
td form{margin:.15rem 0}code.secret{font-size:1.1rem;word-break:break-all}
</style>`;

export function deskPage(f: DeskFrame, title: string, path: string, body: Html, active: string): Html {
  const say = sayer(f.lang);
  const links: [string, string][] = [['/meja', say('Meja kerja', 'Worklist')]];
  if (f.staff.intakeServices.length > 0) links.push(['/meja/loket', say('Loket pendaftaran', 'Front counter')]);
  if (f.staff.signer) links.push(['/meja/tanda-tangan', say('Tanda tangan', 'Signing')]);
  if (f.staff.internal) links.push(['/meja/register', say('Register izin', 'Permit register')]);
  if (f.staff.admin) links.push(['/meja/admin', say('Admin kantor', 'Office admin')]);
  links.push(['/meja/akun', say('Akun', 'Account')]);
  const nav = html`<nav class="desk" aria-label="${say('Menu meja kerja', 'Desk menu')}">${links.map(([href, label]) => html`<a href="${href}"${href === active ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>`;
  return layout({
    lang: f.lang,
    title,
    path,
    user: { displayName: f.staff.displayName, csrfToken: f.csrf, home: '/meja' },
    body: html`${deskCss}${nav}<p class="muted">${f.staff.office.shortName}</p>${body}`,
  });
}

// An instant on the office's wall clock: '9 Maret 2026, 10.00 WITA'.
export function when(d: Date | string | null | undefined, timeZone: string): string {
  if (!d) return '—';
  const at = typeof d === 'string' ? new Date(d) : d;
  return `${formatShortDateTime(at, timeZone)} ${zoneAbbreviation(timeZone, at)}`;
}

export function workingTime(lang: Language, ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return lang === 'id' ? `${h} jam ${m} menit` : `${h} h ${m} min`;
}

export function slaBadge(lang: Language, sla: SlaState | null, msLeft: number | null): Html {
  const say = sayer(lang);
  if (sla === null) return html`<span class="badge sla-none">${say('tanpa tenggat', 'no due date')}</span>`;
  const label = { on_time: say('tepat waktu', 'on time'), due_soon: say('mendekati batas', 'due soon'), overdue: say('terlambat', 'overdue') }[sla];
  const left = msLeft === null ? '' : msLeft >= 0 ? say(`sisa ${workingTime(lang, msLeft)} kerja`, `${workingTime(lang, msLeft)} working time left`) : say(`lewat ${workingTime(lang, msLeft)} kerja`, `${workingTime(lang, msLeft)} working time over`);
  return html`<span class="badge sla-${sla}">${label}</span> <span class="muted">${left}</span>`;
}

export const csrfInput = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

export const ACTION_LABELS: Record<string, { id: string; en: string }> = {
  submitted: { id: 'Diajukan', en: 'Submitted' },
  complete: { id: 'Selesai', en: 'Done' },
  decide: { id: 'Diputuskan', en: 'Decided' },
  paraf: { id: 'Paraf', en: 'Initialled' },
  sign: { id: 'Tanda tangan', en: 'Signed' },
  number: { id: 'Penomoran/registrasi', en: 'Numbered/registered' },
  handover: { id: 'Diserahkan', en: 'Handed over' },
  'record-recommendation': { id: 'Rekomendasi teknis', en: 'Technical recommendation' },
  return: { id: 'Dikembalikan', en: 'Sent back' },
  'return-to-applicant': { id: 'Dikembalikan ke pemohon', en: 'Returned to the applicant' },
  reject: { id: 'Ditolak', en: 'Rejected' },
  cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
  claimed: { id: 'Diambil', en: 'Claimed' },
  assigned: { id: 'Ditugaskan', en: 'Assigned' },
  resubmitted: { id: 'Perbaikan diajukan', en: 'Correction submitted' },
  clock_started: { id: 'Waktu layanan mulai dihitung', en: 'Service clock started' },
  applicant_step: { id: 'Langkah pemohon', en: "Applicant's step" },
  escalated: { id: 'Dieskalasi (terlambat)', en: 'Escalated (overdue)' },
  counter_intake: { id: 'Berkas diterima di loket', en: 'File received at the counter' },
  counter_correction: { id: 'Perbaikan diterima di loket', en: 'Correction received at the counter' },
  withdrawn: { id: 'Ditarik pemohon', en: 'Withdrawn' },
  applicant_details_corrected: { id: 'Data pemohon diperbaiki', en: "Applicant's details corrected" },
};

export const actionLabel = (lang: Language, action: string | null) => (action ? ACTION_LABELS[action]?.[lang] ?? action : '—');

export const STATUS_LABELS: Record<string, { id: string; en: string }> = {
  active: { id: 'Dalam proses', en: 'In progress' },
  waiting_applicant: { id: 'Menunggu perbaikan pemohon', en: 'Waiting for the applicant' },
  completed: { id: 'Selesai', en: 'Completed' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  withdrawn: { id: 'Ditarik', en: 'Withdrawn' },
};

export const actingLabel = (actingFor: string | null) => {
  const acting = parseActingFor(actingFor);
  return acting ? actingTitle(acting.kind) : '';
};
