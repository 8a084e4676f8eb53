// The applicant's applications: the list, one case (timeline, corrections, result), the receipt,
// the survey, the complaint form, and the public tracking page.
import { html } from 'hono/html';
import type { ApplicantCase, CaseSummary } from '../../app/portal/applicant-case.ts';
import type { DraftSummary } from '../../app/portal/application-draft.ts';
import { COMPLAINT_CATEGORIES, COMPLAINT_MAX } from '../../app/portal/file-complaint.ts';
import { COMMENT_MAX, IKM_QUESTIONS, RESPONDENT_OPTIONS } from '../../app/portal/ikm-survey.ts';
import type { Receipt } from '../../app/portal/receipt.ts';
import { fileHref } from '../../app/portal/requirement-files.ts';
import type { PublicTracking } from '../../app/portal/track-by-code.ts';
import type { ApplicationType, Requirement } from '../../domain/definition/schema.ts';
import type { Language } from '../../domain/errors.ts';
import { csrfField, errorSummary, type FieldError } from '../forms.ts';
import { applicationTypeLabel, clockStartLabel } from '../i18n.ts';
import type { Html, PageUser } from '../layout.ts';
import { detailsFields, type AccountKind, type FormValues } from './account-pages.ts';
import { draftPath } from './apply-pages.ts';
import { button, fileInput, fileSize, formatDate, formatDateTime, portalPage, radios, selectField, summaryList, textarea, textInput } from './components.ts';
import { words } from './words.ts';

const casePath = (id: string, page = '') => `/permohonan/${id}${page ? `/${page}` : ''}`;

export function statusTag(lang: Language, status: string, publicView = false): Html {
  const w = words(lang);
  const label = publicView && status === 'waiting_applicant' ? w.statusWaitingPublic : (w.status as Record<string, string>)[status] ?? status;
  return html`<span class="status status-${status}">${label}</span>`;
}

export function listPage(lang: Language, user: PageUser, drafts: DraftSummary[], cases: CaseSummary[], csrf: string): Html {
  const w = words(lang);
  const body = html`<h1>${w.myApplications}</h1>
<p><a class="button" href="/">${w.newApplication}</a> <a href="/lacak">${w.trackByCode}</a></p>
<h2>${w.drafts}</h2>
${drafts.length === 0 ? html`<p>${w.noDrafts}</p>` : html`<table class="list"><caption class="vh">${w.drafts}</caption>
<thead><tr><th scope="col">${w.service}</th><th scope="col">${w.lastSaved}</th><th scope="col"><span class="vh">${w.actions}</span></th></tr></thead>
<tbody>${drafts.map((d) => html`<tr><td>${d.serviceName}</td><td>${formatDateTime(d.updatedAt, d.timeZone, lang)}</td>
<td><a href="${draftPath(d)}">${w.continueDraft}<span class="vh"> ${d.serviceName}</span></a>
<form method="post" action="${draftPath(d, 'hapus')}" class="inline-form">${csrfField(csrf)}<button type="submit" class="button-secondary">${w.deleteDraft}<span class="vh"> ${d.serviceName}</span></button></form></td></tr>`)}</tbody></table>`}
<h2>${w.sentApplications}</h2>
${cases.length === 0 ? html`<p>${w.noCases}</p>` : html`<table class="list"><caption class="vh">${w.sentApplications}</caption>
<thead><tr><th scope="col">${w.trackingCode}</th><th scope="col">${w.service}</th><th scope="col">${w.statusLabel}</th><th scope="col">${w.submitted}</th></tr></thead>
<tbody>${cases.map((c) => html`<tr><td><a href="${casePath(c.id)}">${c.trackingCode}</a></td><td>${c.serviceName}</td><td>${statusTag(lang, c.status)}</td><td>${formatDate(c.submittedAt, c.timeZone, lang)}</td></tr>`)}</tbody></table>`}`;
  return portalPage({ lang, title: w.myApplications, path: '/permohonan', body, user });
}

export interface CasePageExtras {
  correctable: Requirement[];
  pending: Requirement[];
  errors: FieldError[];
  note?: string;
}

function promised(lang: Language, ac: ApplicantCase): string {
  const w = words(lang);
  const st = ac.def.serviceTime;
  if (ac.view.dueAt && ac.view.status === 'active') return formatDateTime(ac.view.dueAt, ac.office.timeZone, lang);
  return `${st.text}, ${w.countedFrom} ${clockStartLabel[st.clockStart][lang]}`;
}

export function casePage(lang: Language, ac: ApplicantCase, user: PageUser, x: CasePageExtras): Html {
  const w = words(lang);
  const v = ac.view;
  const tz = ac.office.timeZone;
  const text = new Map(ac.def.requirements.map((r) => [r.id, r.text]));
  const waiting = ac.waitingFor;
  const body = html`${errorSummary(lang, x.errors)}
<span class="caption">${ac.office.name}</span>
<h1>${ac.def.name}</h1>
${summaryList([
    { key: w.trackingCode, value: html`<strong>${v.trackingCode}</strong>` },
    { key: w.statusLabel, value: html`<span id="status">${statusTag(lang, v.status)}</span>` },
    { key: w.applicationType, value: applicationTypeLabel[v.applicationType as ApplicationType]?.[lang] ?? v.applicationType },
    { key: w.submitted, value: formatDateTime(v.submittedAt, tz, lang) },
    ...(v.status === 'active' || v.status === 'waiting_applicant' ? [{ key: w.promisedBy, value: promised(lang, ac) }] : []),
    ...(v.closedAt ? [{ key: w.closed, value: formatDateTime(v.closedAt, tz, lang) }] : []),
  ])}
${waiting?.kind === 'office' ? html`<div class="notice"><p><strong>${w.nowWith}</strong> ${waiting.external ? w.waitingExternal(waiting.roleName) : w.waitingOffice(waiting.stepTitle, waiting.roleName)}</p>
${v.status === 'active' && v.currentStep?.dueAt ? html`<p>${w.stepDue}: ${formatDateTime(v.currentStep.dueAt, tz, lang)}</p>` : ''}</div>` : ''}
${v.status === 'waiting_applicant' ? correctionsSection(lang, ac, user, x) : ''}
${v.status === 'active' && ac.permit ? html`<h2>${w.permitSignedTitle}</h2>
<div class="notice"><p>${w.permitSignedBody}</p>
<p><a class="button" href="${fileHref(ac.permit)}">${w.downloadPermit}</a> <span class="muted">${ac.permit.fileName}, ${fileSize(ac.permit.sizeBytes, lang)}</span></p></div>` : ''}
${v.status === 'completed' ? html`<h2>${w.resultTitle}</h2>
<div class="notice"><p>${w.completedBody}</p>
${ac.permit ? html`<p><a class="button" href="${fileHref(ac.permit)}">${w.downloadPermit}</a> <span class="muted">${ac.permit.fileName}, ${fileSize(ac.permit.sizeBytes, lang)}</span></p>` : html`<p>${w.permitAtCounter}</p>`}
</div>
${ac.surveyAnswered ? html`<p>${w.surveyThanks}</p>` : html`<p>${w.surveyInvite} <a href="${casePath(v.id, 'survei')}">${w.surveyLink}</a></p>`}` : ''}
${v.status === 'rejected' ? html`<h2>${w.rejectedTitle}</h2>
<div class="notice warning"><p><strong>${w.reasons}:</strong> ${ac.rejection?.reason ?? w.noReasonGiven}</p>${ac.rejection ? html`<p class="hint">${formatDateTime(ac.rejection.at, tz, lang)}</p>` : ''}</div>
<h3>${w.legalBasis}</h3><ol>${ac.def.standard.legalBasis.map((l) => html`<li>${l}</li>`)}</ol>
<p>${w.rejectedNext}</p>` : ''}
<h2>${w.progress}</h2>
<ol class="timeline">${ac.timeline.map((s) => html`<li class="${s.state}"><strong>${s.title}</strong> <span class="muted">— ${s.roleName}</span>
<span class="when">${s.state === 'done' ? (s.at ? `${w.done} · ${formatDateTime(s.at, tz, lang)}` : w.done) : s.state === 'current' ? `${w.current}${s.dueAt ? ` · ${w.dueBy} ${formatDateTime(s.dueAt, tz, lang)}` : ''}` : v.status === 'waiting_applicant' && v.resumeStep === s.no ? w.afterCorrection : w.next}</span></li>`)}</ol>
<h2>${w.filesSent}</h2>
${ac.files.length === 0 ? html`<p>${w.noFiles}</p>` : html`<ul class="plain">${ac.files.map((f) => html`<li><a href="${fileHref(f)}">${f.requirementId ? text.get(f.requirementId) ?? f.fileName : f.fileName}</a> <span class="muted">(${f.fileName}, ${fileSize(f.sizeBytes, lang)})</span></li>`)}</ul>`}
<h2>${w.more}</h2>
<ul class="plain">
  <li><a href="${casePath(v.id, 'tanda-terima')}">${w.receipt}</a> · <a href="${casePath(v.id, 'tanda-terima.pdf')}">${w.receiptPdf}</a></li>
  <li><a href="${casePath(v.id, 'pengaduan')}">${w.complain}</a></li>
  <li><a href="/lacak/${v.trackingCode}">${w.publicTrackingPage}</a></li>
</ul>`;
  return portalPage({ lang, title: `${ac.def.name} ${v.trackingCode}`, path: casePath(v.id), body, user, back: { href: '/permohonan', label: w.myApplications } });
}

function correctionsSection(lang: Language, ac: ApplicantCase, user: PageUser, x: CasePageExtras): Html {
  const w = words(lang);
  const r = ac.lastReturn;
  const tz = ac.office.timeZone;
  const notes = new Map((r?.corrections ?? []).map((c) => [c.requirementId, c.note]));
  const since = r ? new Date(r.at).getTime() : 0;
  return html`<h2 id="perbaikan">${w.correctionsTitle}</h2>
<div class="notice warning">
  <p>${w.correctionsIntro}</p>
  ${r?.reason ? html`<p><strong>${w.officeReason}:</strong> ${r.reason}</p>` : ''}
  ${r ? html`<p class="hint">${w.returnedOn} ${formatDateTime(r.at, tz, lang)}</p>` : ''}
</div>
${r && r.corrections.some((c) => !c.requirement || !x.correctable.some((q) => q.id === c.requirementId))
    ? html`<ul>${r.corrections.filter((c) => !x.correctable.some((q) => q.id === c.requirementId)).map((c) => html`<li><strong>${c.requirement?.text ?? c.requirementId}</strong>: ${c.note}${c.requirement?.kind === 'form_field' ? html` <a href="${casePath(ac.view.id, 'perbaikan-data')}">${w.correctDetailsLink}</a>` : ''}</li>`)}</ul>` : ''}
${x.correctable.length > 0 ? html`<table class="list"><caption class="vh">${w.correctionsTitle}</caption>
<thead><tr><th scope="col">${w.requirement}</th><th scope="col">${w.whatToDo}</th><th scope="col">${w.newFile}</th></tr></thead>
<tbody>${x.correctable.map((q) => {
    const fresh = ac.files.find((f) => f.requirementId === q.id && f.uploadedAt.getTime() >= since);
    return html`<tr><td>${q.text}</td><td>${notes.get(q.id) ?? w.replaceIfNeeded}</td>
<td>${fresh ? html`${w.uploaded}: <a href="${fileHref(fresh)}">${fresh.fileName}</a><br>` : ''}<a href="${casePath(ac.view.id, `perbaikan/${q.id}`)}">${fresh ? w.replaceAgain : w.uploadReplacementLink}<span class="vh"> ${q.text}</span></a></td></tr>`;
  })}</tbody></table>` : ''}
<form method="post" action="${casePath(ac.view.id, 'kirim-ulang')}" novalidate>
  ${csrfField(user.csrfToken)}
  ${textarea({ name: 'catatan', label: w.resubmitNote, hint: w.resubmitNoteHint, value: x.note ?? '', maxlength: 2000, rows: 3, errors: x.errors })}
  ${button(w.resubmit)}
</form>`;
}

export function receiptPage(lang: Language, r: Receipt, user: PageUser): Html {
  const w = words(lang);
  const v = r.ac.view;
  const tz = r.ac.office.timeZone;
  const counter = r.ac.requirements.filter((q) => q.kind === 'counter');
  const body = html`<div class="panel"><h1>${w.receiptTitle}</h1><p>${w.yourTrackingCode}</p><p class="code">${v.trackingCode}</p></div>
<p>${w.receiptIntro}</p>
${summaryList([
    { key: w.service, value: r.ac.def.name },
    { key: w.office, value: r.ac.office.name },
    { key: w.applicationType, value: applicationTypeLabel[v.applicationType as ApplicationType]?.[lang] ?? v.applicationType },
    { key: w.received, value: formatDateTime(v.submittedAt, tz, lang) },
    { key: w.promisedBy, value: r.completion.kind === 'date' ? formatDate(r.completion.due, tz, lang) : promised(lang, r.ac) },
    { key: w.fee, value: r.ac.def.standard.fee.text },
  ])}
<h2>${w.documentsReceived}</h2>
${r.documents.length ? html`<ol>${r.documents.map((d) => html`<li>${d}</li>`)}</ol>` : html`<p>${w.noFiles}</p>`}
${counter.length ? html`<h2>${w.bringToOffice}</h2><ul>${counter.map((q) => html`<li>${q.text}</li>`)}</ul>` : ''}
<p><a class="button" href="${casePath(v.id, 'tanda-terima.pdf')}">${w.downloadReceipt}</a> <a class="button-secondary" href="${casePath(v.id)}">${w.seeProgress}</a></p>
<p class="hint">${w.receiptKeep}</p>`;
  return portalPage({ lang, title: `${w.receiptTitle} ${v.trackingCode}`, path: casePath(v.id, 'tanda-terima'), body, user, back: { href: '/permohonan', label: w.myApplications } });
}

export type SurveyValues = Record<string, string>;

export function surveyPage(lang: Language, ac: ApplicantCase, user: PageUser, values: SurveyValues, errors: FieldError[]): Html {
  const w = words(lang);
  const id = ac.view.id;
  const opt = (group: keyof typeof RESPONDENT_OPTIONS) => RESPONDENT_OPTIONS[group].map((value) => ({ value, label: (w.respondent[group] as Record<string, string>)[value]! }));
  const body = html`${errorSummary(lang, errors)}
<span class="caption">${ac.def.name} · ${ac.view.trackingCode}</span>
<h1>${w.surveyTitle}</h1>
<p>${w.surveyIntro}</p>
<form method="post" action="${casePath(id, 'survei')}" novalidate>
  ${csrfField(user.csrfToken)}
  ${IKM_QUESTIONS.map((q, i) => radios({
    name: `unsur${q.unsur}`, legend: `${i + 1}. ${q.question}`, errors, value: values[`unsur${q.unsur}`],
    options: q.options.map((label, s) => ({ value: String(s + 1), label })),
  }))}
  <h2>${w.aboutYou}</h2>
  <p class="hint">${w.aboutYouHint}</p>
  ${selectField({ name: 'sex', label: w.respondentSex, options: opt('sex'), value: values.sex, errors, empty: w.preferNotToSay })}
  ${selectField({ name: 'education', label: w.respondentEducation, options: opt('education'), value: values.education, errors, empty: w.preferNotToSay })}
  ${selectField({ name: 'occupation', label: w.respondentOccupation, options: opt('occupation'), value: values.occupation, errors, empty: w.preferNotToSay })}
  ${textarea({ name: 'comment', label: w.suggestions, hint: w.suggestionsHint, value: values.comment ?? '', maxlength: COMMENT_MAX, errors, rows: 4 })}
  ${button(w.sendSurvey)}
</form>`;
  return portalPage({ lang, title: w.surveyTitle, path: casePath(id, 'survei'), body, user, back: { href: casePath(id), label: w.backToApplication } });
}

export function thanksPage(lang: Language, title: string, text: string, back: string, user: PageUser): Html {
  const w = words(lang);
  const body = html`<div class="panel"><h1>${title}</h1></div><p>${text}</p><p><a href="${back}">${w.backToApplication}</a></p>`;
  return portalPage({ lang, title, path: back, body, user });
}

export function complaintPage(lang: Language, ac: ApplicantCase, user: PageUser, values: { category?: string; body?: string }, errors: FieldError[], maxFileBytes: number): Html {
  const w = words(lang);
  const id = ac.view.id;
  const channels = ac.def.standard.complaints.channels;
  const body = html`${errorSummary(lang, errors)}
<span class="caption">${ac.def.name} · ${ac.view.trackingCode}</span>
<h1>${w.complaintTitle}</h1>
<p>${w.complaintIntro}</p>
<form method="post" action="${casePath(id, 'pengaduan')}" enctype="multipart/form-data" novalidate>
  ${csrfField(user.csrfToken)}
  ${radios({ name: 'category', legend: w.complaintAbout, errors, value: values.category, options: Object.entries(COMPLAINT_CATEGORIES).map(([value, label]) => ({ value, label: label[lang] })) })}
  ${textarea({ name: 'body', label: w.complaintBody, hint: w.complaintBodyHint, value: values.body ?? '', maxlength: COMPLAINT_MAX, errors })}
  ${fileInput({ name: 'berkas', label: w.complaintFile, hint: w.fileHint(fileSize(maxFileBytes, lang)), errors })}
  ${button(w.sendComplaint)}
</form>
<h2>${w.otherChannels}</h2>
<ul>${channels.map((c) => html`<li>${c.label}${c.value ? html`: ${c.value}` : ''}</li>`)}</ul>`;
  return portalPage({ lang, title: w.complaintTitle, path: casePath(id, 'pengaduan'), body, user, back: { href: casePath(id), label: w.backToApplication } });
}

export function trackFormPage(lang: Language, user: PageUser | undefined, code = '', errors: FieldError[] = []): Html {
  const w = words(lang);
  const body = html`${errorSummary(lang, errors)}
<h1>${w.trackTitle}</h1>
<p>${w.trackIntro}</p>
<form method="get" action="/lacak/cari" novalidate>
  ${textInput({ name: 'kode', label: w.trackingCode, hint: w.trackingCodeHint, value: code, maxlength: 20, errors })}
  ${button(w.track)}
</form>`;
  return portalPage({ lang, title: w.trackTitle, path: '/lacak', body, user });
}

export function trackPage(lang: Language, t: PublicTracking, user: PageUser | undefined): Html {
  const w = words(lang);
  const body = html`<span class="caption">${t.officeName}</span>
<h1>${t.serviceName}</h1>
${summaryList([
    { key: w.trackingCode, value: html`<strong>${t.code}</strong>` },
    { key: w.statusLabel, value: statusTag(lang, t.status, true) },
    ...(t.stage ? [{ key: w.stage, value: t.stage }] : []),
    { key: w.submitted, value: formatDate(t.submittedAt, t.timeZone, lang) },
    ...(t.status === 'active' || t.status === 'waiting_applicant' ? [{ key: w.promisedBy, value: t.dueAt ? formatDate(t.dueAt, t.timeZone, lang) : t.clockRule }] : []),
    ...(t.closedAt ? [{ key: w.closed, value: formatDate(t.closedAt, t.timeZone, lang) }] : []),
  ])}
<p class="hint">${w.trackPrivacy}</p>
<p><a href="/lacak">${w.trackAnother}</a></p>`;
  return portalPage({ lang, title: `${w.trackTitle} ${t.code}`, path: `/lacak/${t.code}`, body, user });
}

// The applicant's details as the application form carries them, to correct after a return.
export function detailsCorrectionPage(lang: Language, caseId: string, kind: AccountKind, csrf: string, v: FormValues, errors: FieldError[], user: PageUser): Html {
  const w = words(lang);
  const path = casePath(caseId, 'perbaikan-data');
  const body = html`${errorSummary(lang, errors)}
<h1>${w.correctDetailsTitle}</h1>
<p>${w.correctDetailsIntro}</p>
<form method="post" action="${path}" novalidate>
  ${csrfField(csrf)}
  ${detailsFields(lang, kind, v, errors)}
  ${button(w.save)}
</form>`;
  return portalPage({ lang, title: w.correctDetailsTitle, path, body, user, back: { href: casePath(caseId), label: w.back } });
}
