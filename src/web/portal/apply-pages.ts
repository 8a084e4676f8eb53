// Applying, one question per page: the start page, the application type, each yes/no question,
// the checklist that follows from them, one upload page per file, and check-your-answers with
// the declaration.
import { html } from 'hono/html';
import type { PublishedService } from '../../app/catalogue/get-service.ts';
import { needsFile, type DraftSummary, type DraftView } from '../../app/portal/application-draft.ts';
import { fileHref } from '../../app/portal/requirement-files.ts';
import type { Requirement } from '../../domain/definition/schema.ts';
import type { Language } from '../../domain/errors.ts';
import type { ApplicantsTable } from '../../infra/db/types.ts';
import type { Selectable } from 'kysely';
import { csrfField, errorSummary, type FieldError } from '../forms.ts';
import { applicationTypeLabel, clockStartLabel } from '../i18n.ts';
import type { Html, PageUser } from '../layout.ts';
import { button, checkbox, fileInput, fileSize, formatDateTime, portalPage, radios, summaryList, type SummaryRow } from './components.ts';
import { words, type Words } from './words.ts';

export const draftPath = (view: { id: string }, page = '') => `/permohonan/draf/${view.id}${page ? `/${page}` : ''}`;

export function kindExplained(w: Words, r: Requirement): string {
  return { upload: w.kindUpload, form_field: w.kindFormField, materai_statement: w.kindMaterai, counter: w.kindCounter }[r.kind];
}

export function startPage(lang: Language, svc: PublishedService, user: PageUser | undefined, drafts: DraftSummary[]): Html {
  const w = words(lang);
  const def = svc.definition;
  const path = `/ajukan/${svc.office.id}/${def.slug}`;
  const st = def.serviceTime;
  const body = html`<span class="caption">${svc.office.name}</span>
<h1>${w.applyFor(def.name)}</h1>
<p>${w.applyIntro}</p>
<dl class="kv">
  <dt>${w.serviceTime}</dt><dd>${st.text} <span class="muted">(${w.countedFrom} ${clockStartLabel[st.clockStart][lang]})</span></dd>
  <dt>${w.fee}</dt><dd>${def.standard.fee.text}</dd>
  <dt>${w.requirementsCount}</dt><dd>${def.requirements.length} <a href="/layanan/${svc.office.id}/${def.slug}#persyaratan">${w.seeRequirements}</a></dd>
</dl>
<p>${w.applyPrepare}</p>
${user && user.home !== '/permohonan' ? '' : user
    ? html`${drafts.length > 0 ? html`<div class="notice"><p>${w.youHaveDraft}</p><ul>${drafts.map((d) => html`<li><a href="${draftPath(d)}">${w.continueDraftSaved(formatDateTime(d.updatedAt, svc.office.timeZone, lang))}</a></li>`)}</ul></div>` : ''}
<form method="post" action="${path}">${csrfField(user.csrfToken)}${button(drafts.length > 0 ? w.startNew : w.start)}</form>`
    : html`<p><a class="button" href="/masuk?next=${encodeURIComponent(path)}">${w.signInToApply}</a></p>
<p>${w.noAccount} <a href="/daftar">${w.createAccount}</a>.</p>`}`;
  return portalPage({ lang, title: w.applyFor(def.name), path, body, user, back: { href: `/layanan/${svc.office.id}/${def.slug}`, label: w.backToService } });
}

const caption = (view: DraftView) => view.def.name;

export function typePage(lang: Language, view: DraftView, user: PageUser, errors: FieldError[]): Html {
  const w = words(lang);
  const body = html`${errorSummary(lang, errors)}
<form method="post" action="${draftPath(view, 'jenis')}" novalidate>
  ${csrfField(user.csrfToken)}
  ${radios({
    name: 'jenis', heading: true, caption: caption(view), legend: w.whichType, errors, value: view.applicationType ?? undefined,
    options: view.def.applicationTypes.map((t) => ({ value: t, label: applicationTypeLabel[t][lang], hint: w.typeHint[t] })),
  })}
  ${button(w.continue)}
</form>`;
  return portalPage({ lang, title: w.whichType, path: draftPath(view, 'jenis'), body, user, back: { href: '/permohonan', label: w.myApplications } });
}

export function questionPage(lang: Language, view: DraftView, attributeId: string, user: PageUser, errors: FieldError[], back: string): Html {
  const w = words(lang);
  const q = view.questions.find((a) => a.id === attributeId)!;
  const i = view.questions.indexOf(q);
  const answer = q.id in view.answers ? (view.answers[q.id] ? 'ya' : 'tidak') : undefined;
  const body = html`${errorSummary(lang, errors)}
<form method="post" action="${draftPath(view, `pertanyaan/${q.id}`)}" novalidate>
  ${csrfField(user.csrfToken)}
  ${radios({
    name: 'jawaban', heading: true, caption: `${caption(view)} · ${w.questionOf(i + 1, view.questions.length)}`, legend: q.question, hint: q.help, errors, value: answer, inline: true,
    options: [{ value: 'ya', label: w.yes }, { value: 'tidak', label: w.no }],
  })}
  ${button(w.continue)}
</form>`;
  return portalPage({ lang, title: q.question, path: draftPath(view, `pertanyaan/${q.id}`), body, user, back: { href: draftPath(view, back), label: w.back } });
}

export function checklistPage(lang: Language, view: DraftView, user: PageUser, back: string | null, next: string): Html {
  const w = words(lang);
  const group = (kinds: Requirement['kind'][]) => view.checklist.filter((r) => kinds.includes(r.kind));
  const section = (title: string, explain: string, items: Requirement[]) => items.length === 0 ? '' : html`<h2>${title}</h2>
<p>${explain}</p>
<ol>${items.map((r) => html`<li>${r.text}${r.optional ? html` <span class="tag">${w.optional}</span>` : ''}${r.note ? html`<span class="kind">${r.note}</span>` : ''}</li>`)}</ol>`;
  const body = html`<span class="caption">${caption(view)}</span>
<h1>${w.checklistTitle}</h1>
<p>${w.checklistIntro(view.checklist.length)}</p>
${section(w.kindUploadTitle, w.kindUpload, group(['upload']))}
${section(w.kindMateraiTitle, w.kindMaterai, group(['materai_statement']))}
${section(w.kindFormFieldTitle, w.kindFormField, group(['form_field']))}
${section(w.kindCounterTitle, w.kindCounter, group(['counter']))}
<p>${w.fileRules}</p>
<p><a class="button" href="${draftPath(view, next)}">${w.continue}</a></p>`;
  return portalPage({ lang, title: w.checklistTitle, path: draftPath(view, 'persyaratan'), body, user, back: back ? { href: draftPath(view, back), label: w.back } : { href: '/permohonan', label: w.myApplications } });
}

export interface UploadPageOptions {
  lang: Language;
  action: string;
  requirement: Requirement;
  caption: string;
  progress?: string | undefined;
  current: { id: string; storageKey: string; fileName: string; sizeBytes: number } | undefined;
  note?: string | undefined;
  user: PageUser;
  errors: FieldError[];
  back: string;
  // Where "continue without uploading" goes, when allowed.
  skip?: string | undefined;
  remove?: string | undefined;
  maxFileBytes: number;
}

export function uploadPage(o: UploadPageOptions): Html {
  const w = words(o.lang);
  const r = o.requirement;
  const body = html`${errorSummary(o.lang, o.errors)}
<span class="caption">${o.caption}${o.progress ? ` · ${o.progress}` : ''}</span>
<h1>${r.text}</h1>
<p>${kindExplained(w, r)}</p>
${r.note ? html`<p class="hint">${r.note}</p>` : ''}
${o.note ? html`<div class="notice warning"><strong>${w.officeNote}</strong> ${o.note}</div>` : ''}
${o.current ? html`<div class="notice"><p>${w.uploadedFile}: <a href="${fileHref(o.current)}">${o.current.fileName}</a> (${fileSize(o.current.sizeBytes, o.lang)})</p><p class="hint">${w.replaceHint}</p></div>` : ''}
<form method="post" action="${o.action}" enctype="multipart/form-data" novalidate>
  ${csrfField(o.user.csrfToken)}
  ${fileInput({ name: 'berkas', label: o.current ? w.chooseReplacement : w.chooseFile, hint: w.fileHint(fileSize(o.maxFileBytes, o.lang)), errors: o.errors })}
  ${button(o.current ? w.uploadReplacement : w.uploadAndContinue)}
  ${o.skip ? html`<a class="button-secondary" href="${o.skip}">${o.current ? w.continue : w.skipOptional}</a>` : ''}
</form>
${o.remove && o.current ? html`<form method="post" action="${o.remove}">${csrfField(o.user.csrfToken)}${button(w.removeFile, true)}</form>` : ''}`;
  return portalPage({ lang: o.lang, title: r.text, path: o.action, body, user: o.user, back: { href: o.back, label: w.back } });
}

export interface CheckPageOptions {
  lang: Language;
  view: DraftView;
  user: PageUser;
  applicant: Selectable<ApplicantsTable> | undefined;
  emailVerified: boolean;
  errors: FieldError[];
  back: string | null;
}

export function checkPage(o: CheckPageOptions): Html {
  const { lang, view, applicant } = o;
  const w = words(lang);
  const change = (page: string, what: string) => ({ href: draftPath(view, page), label: w.change, what });
  const rows: SummaryRow[] = [
    { key: w.service, value: html`${view.def.name}<span class="kind">${view.office.name}</span>` },
    ...(view.applicationType ? [{ key: w.applicationType, value: applicationTypeLabel[view.applicationType][lang], change: view.def.applicationTypes.length > 1 ? change('jenis', w.applicationType) : undefined }] : []),
    ...view.questions.map((q) => ({ key: q.question, value: q.id in view.answers ? (view.answers[q.id] ? w.yes : w.no) : w.notAnswered, change: change(`pertanyaan/${q.id}`, q.question) })),
  ];
  const docRows: SummaryRow[] = view.checklist.map((r) => {
    const doc = view.documents.find((d) => d.requirementId === r.id);
    let value: Html | string;
    if (needsFile(r)) value = doc ? html`<a href="${fileHref(doc)}">${doc.fileName}</a> (${fileSize(doc.sizeBytes, lang)})` : r.optional ? w.notUploadedOptional : html`<strong class="error">${w.notUploaded}</strong>`;
    else value = r.kind === 'form_field' ? w.filledByThisForm : w.bringToCounter;
    return { key: r.text, value, change: needsFile(r) ? change(`berkas/${r.id}`, r.text) : undefined };
  });
  const who: SummaryRow[] = !applicant ? [] : applicant.kind === 'person'
    ? [{ key: w.fullName, value: applicant.name }, { key: w.nik, value: applicant.nik ?? '' }, { key: w.phone, value: applicant.phone ?? '' }, { key: w.address, value: applicant.address ?? '' }]
    : [{ key: w.companyName, value: applicant.company_name ?? '' }, { key: w.nib, value: applicant.nib ?? '' }, { key: w.npwp, value: applicant.npwp ?? '' }, { key: w.companyAddress, value: applicant.address ?? '' }, { key: w.actingName, value: applicant.name }, { key: w.phone, value: applicant.phone ?? '' }];
  const body = html`${errorSummary(lang, o.errors)}
<span class="caption">${view.def.name}</span>
<h1>${w.checkTitle}</h1>
<h2>${w.aboutApplication}</h2>
${summaryList(rows)}
<h2>${w.requirements}</h2>
${summaryList(docRows)}
<h2>${w.applicantDetails}</h2>
${applicant ? summaryList(who) : html`<div class="notice warning"><p>${w.profileMissing} <a href="/akun/profil?next=${encodeURIComponent(draftPath(view, 'periksa'))}">${w.completeProfile}</a></p></div>`}
${o.emailVerified ? '' : html`<div class="notice warning" id="email"><p>${w.emailNotVerified}</p>
<form method="post" action="/akun/verifikasi-ulang">${csrfField(o.user.csrfToken)}${button(w.resendLink, true)}</form></div>`}
<h2>${w.declarationTitle}</h2>
<form method="post" action="${draftPath(view, 'kirim')}" novalidate>
  ${csrfField(o.user.csrfToken)}
  ${checkbox({ name: 'pernyataan', label: w.declaration, errors: o.errors })}
  ${button(w.sendApplication)}
</form>
<p class="hint">${w.draftSaved}</p>`;
  return portalPage({ lang, title: w.checkTitle, path: draftPath(view, 'periksa'), body, user: o.user, back: o.back ? { href: draftPath(view, o.back), label: w.back } : undefined });
}
