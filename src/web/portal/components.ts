// Page pieces of the portal in the GOV.UK patterns: one question per page as a fieldset whose
// legend is the page heading, radios and checkboxes with large targets, a summary list with
// change links, a confirmation panel. All of them work without JavaScript.
import { html } from 'hono/html';
import type { Language } from '../../domain/errors.ts';
import { formatIndonesianDateTime, indonesianDateOf, zoneAbbreviation } from '../../domain/documents/indonesian-date.ts';
import type { FieldError, InputOptions } from '../forms.ts';
import { layout, type Html, type PageUser } from '../layout.ts';

export type Content = Html | string;

export const CSS_PATH = '/portal/gaya.css';

export const portalCss = `
.back{display:inline-block;margin:.25rem 0 .75rem}.caption{display:block;color:#505a64;font-size:1.05rem;margin:0}
fieldset{border:0;padding:0;margin:1rem 0}legend{padding:0}legend h1{margin:.25rem 0 .75rem}legend.sub{font-weight:600;margin-bottom:.25rem}
.radios,.checks{margin:.5rem 0}.radio,.check{display:flex;align-items:flex-start;gap:.6rem;margin:.45rem 0}
.radio input,.check input{width:1.6rem;height:1.6rem;margin:0;flex:none;accent-color:#0b4f8a}
.radio label,.check label{padding-top:.1rem;font-weight:400}.radios.inline{display:flex;gap:1.5rem;flex-wrap:wrap}
.field textarea{min-height:8rem}.field input[type=file]{border:0;padding:.2rem 0}
.button,.button-secondary{display:inline-block;font:inherit;padding:.5rem .9rem;border:0;border-radius:4px;cursor:pointer;text-decoration:none;margin:.5rem .5rem .5rem 0}
.button{background:#00703c;color:#fff}.button-secondary{background:#e6eaee;color:#1b1b1b}
a.button{color:#fff}a.button-secondary{color:#1b1b1b}
.summary{margin:1rem 0}.summary>div{display:grid;grid-template-columns:minmax(9rem,1fr) 2fr 4.5rem;gap:.25rem 1rem;border-bottom:1px solid #c9d2db;padding:.55rem 0}
.summary dt{font-weight:600}.summary dd{margin:0}.summary dd:last-child{text-align:right}
.panel{background:#00703c;color:#fff;padding:1.25rem;text-align:center;margin:1rem 0}.panel h1{margin:0 0 .5rem}.panel .code{font-size:1.9rem;font-weight:700;letter-spacing:.05em}
.notice{border-left:5px solid #0b4f8a;padding:.5rem 1rem;margin:1rem 0;background:#f3f6f9}.warning{border-left-color:#b58400;background:#fdf8e7}
.status{display:inline-block;padding:.1rem .5rem;border-radius:3px;font-weight:600;font-size:.9rem;background:#dde3ea;color:#1b1b1b}
.status-active{background:#d2e2f1}.status-waiting_applicant{background:#fbe3b8}.status-completed{background:#cce7d6}.status-rejected{background:#f6d3d6}.status-withdrawn{background:#e6eaee}
ol.timeline{list-style:none;padding:0;margin:1rem 0;border-left:3px solid #c9d2db}ol.timeline li{position:relative;padding:.25rem 0 .75rem 1.25rem}
ol.timeline li::before{content:"";position:absolute;left:-.6rem;top:.45rem;width:.9rem;height:.9rem;border-radius:50%;background:#fff;border:3px solid #7a8794}
ol.timeline li.done::before{background:#00703c;border-color:#00703c}ol.timeline li.current::before{background:#0b4f8a;border-color:#0b4f8a}
ol.timeline .when{color:#505a64;font-size:.95rem;display:block}
table.list{border-collapse:collapse;width:100%;margin:.5rem 0}table.list th,table.list td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #c9d2db;vertical-align:top}
ul.plain{padding-left:1.1rem}.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.kind{display:block;color:#39424b;font-size:.95rem}
@media (max-width:40rem){.summary>div{grid-template-columns:1fr}}
`;

export interface PortalPageOptions {
  lang: Language;
  title: string;
  path: string;
  body: Html;
  user?: PageUser | undefined;
  back?: { href: string; label: string } | undefined;
}

export function portalPage(o: PortalPageOptions): Html {
  const body = html`<link rel="stylesheet" href="${CSS_PATH}">
${o.back ? html`<a class="back" href="${o.back.href}">‹ ${o.back.label}</a>` : ''}
${o.body}`;
  return layout({ lang: o.lang, title: o.title, path: o.path, body, user: o.user });
}

const errorOf = (errors: FieldError[] | undefined, name: string) => errors?.find((e) => e.field === name);

export interface Option {
  value: string;
  label: Content;
  hint?: Content | undefined;
}

export interface RadiosOptions {
  name: string;
  legend: Content;
  // The question is the page's heading (one question per page).
  heading?: boolean;
  caption?: Content | undefined;
  hint?: Content | undefined;
  options: Option[];
  value?: string | undefined;
  errors?: FieldError[] | undefined;
  inline?: boolean;
}

// The first radio carries the field's name as its id, so the error summary's link lands on it.
export function radios(o: RadiosOptions): Html {
  const error = errorOf(o.errors, o.name);
  const described = [o.hint ? `${o.name}-petunjuk` : '', error ? `${o.name}-galat` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' field-error' : ''}">
<fieldset${described ? html` aria-describedby="${described}"` : ''}>
  ${o.heading
    ? html`<legend>${o.caption ? html`<span class="caption">${o.caption}</span>` : ''}<h1>${o.legend}</h1></legend>`
    : html`<legend class="sub">${o.legend}</legend>`}
  ${o.hint ? html`<div class="hint" id="${o.name}-petunjuk">${o.hint}</div>` : ''}
  ${error ? html`<p class="error" id="${o.name}-galat">${error.message}</p>` : ''}
  <div class="radios${o.inline ? ' inline' : ''}">
  ${o.options.map((opt, i) => {
    const id = i === 0 ? o.name : `${o.name}-${i + 1}`;
    return html`<div class="radio"><input type="radio" id="${id}" name="${o.name}" value="${opt.value}"${opt.value === o.value ? ' checked' : ''}${opt.hint ? html` aria-describedby="${id}-pilihan-petunjuk"` : ''}>
    <div><label for="${id}">${opt.label}</label>${opt.hint ? html`<div class="hint" id="${id}-pilihan-petunjuk">${opt.hint}</div>` : ''}</div></div>`;
  })}
  </div>
</fieldset>
</div>`;
}

export function checkbox(o: { name: string; label: Content; checked?: boolean; errors?: FieldError[] | undefined; legend?: Content }): Html {
  const error = errorOf(o.errors, o.name);
  return html`<div class="field${error ? ' field-error' : ''}">
  ${error ? html`<p class="error" id="${o.name}-galat">${error.message}</p>` : ''}
  <div class="check"><input type="checkbox" id="${o.name}" name="${o.name}" value="ya"${o.checked ? ' checked' : ''}${error ? html` aria-describedby="${o.name}-galat" aria-invalid="true"` : ''}>
  <label for="${o.name}">${o.label}</label></div>
</div>`;
}

export function textarea(o: { name: string; label: Content; value?: string | undefined; hint?: Content | undefined; maxlength: number; errors?: FieldError[] | undefined; rows?: number }): Html {
  return labelled(o, (aria) => html`<textarea id="${o.name}" name="${o.name}" rows="${o.rows ?? 6}" maxlength="${o.maxlength}"${aria}>${o.value ?? ''}</textarea>`);
}

export function fileInput(o: { name: string; label: Content; hint?: Content | undefined; errors?: FieldError[] | undefined }): Html {
  return labelled(o, (aria) => html`<input type="file" id="${o.name}" name="${o.name}" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"${aria}>`);
}

// A label, its hint and its error above one control, which gets the matching aria attributes.
function labelled(o: { name: string; label: Content; hint?: Content | undefined; errors?: FieldError[] | undefined }, control: (aria: Html) => Html): Html {
  const error = errorOf(o.errors, o.name);
  const described = [o.hint ? `${o.name}-petunjuk` : '', error ? `${o.name}-galat` : ''].filter(Boolean).join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${o.name}">${o.label}</label>
  ${o.hint ? html`<div class="hint" id="${o.name}-petunjuk">${o.hint}</div>` : ''}
  ${error ? html`<p class="error" id="${o.name}-galat">${error.message}</p>` : ''}
  ${control(aria)}
</div>`;
}

// The shared text field, with the invalid state written as markup (see inputField in forms.ts).
export function textInput(o: InputOptions): Html {
  return labelled(o, (aria) => html`<input id="${o.name}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.required ? html` required` : ''}${aria}>`);
}

export function selectField(o: { name: string; label: Content; options: Option[]; value?: string | undefined; errors?: FieldError[] | undefined; empty: string }): Html {
  const error = errorOf(o.errors, o.name);
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${o.name}">${o.label}</label>
  ${error ? html`<p class="error" id="${o.name}-galat">${error.message}</p>` : ''}
  <select id="${o.name}" name="${o.name}"${error ? html` aria-describedby="${o.name}-galat" aria-invalid="true"` : ''}>
    <option value="">${o.empty}</option>
    ${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === o.value ? ' selected' : ''}>${opt.label}</option>`)}
  </select>
</div>`;
}

export interface SummaryRow {
  key: Content;
  value: Content;
  change?: { href: string; label: string; what: string } | undefined;
}

export function summaryList(rows: SummaryRow[]): Html {
  return html`<dl class="summary">${rows.map((r) => html`<div><dt>${r.key}</dt><dd>${r.value}</dd><dd>${r.change ? html`<a href="${r.change.href}">${r.change.label}<span class="vh"> ${r.change.what}</span></a>` : ''}</dd></div>`)}</dl>`;
}

export const button = (label: Content, secondary = false) => html`<button type="submit" class="${secondary ? 'button-secondary' : 'button'}">${label}</button>`;

export function formatDateTime(instant: Date | string, timeZone: string, lang: Language): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (lang === 'id') return formatIndonesianDateTime(d, timeZone);
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return `${text} ${zoneAbbreviation(timeZone, d)}`;
}

export function formatDate(instant: Date | string, timeZone: string, lang: Language): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (lang === 'id') return indonesianDateOf(d, timeZone);
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

export function fileSize(bytes: number, lang: Language): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  return `${lang === 'id' ? mb.replace('.', ',') : mb} MB`;
}
