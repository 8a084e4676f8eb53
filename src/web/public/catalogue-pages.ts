// The public catalogue: home, an office, a service with every Standar Pelayanan component.
import { html } from 'hono/html';
import type { OfficeSummary } from '../../app/catalogue/list-offices.ts';
import type { PublishedService } from '../../app/catalogue/get-service.ts';
import { exitsOf, type Target } from '../../domain/definition/flow.ts';
import type { ApplicationType, ServiceDefinition, Step } from '../../domain/definition/schema.ts';
import type { Language } from '../../domain/errors.ts';
import type { Office } from '../../domain/office/schema.ts';
import { applicationTypeLabel, clockStartLabel, requirementKindLabel, translator, unitLabel, weekdayLabel, type T } from '../i18n.ts';
import { layout, type Html, type PageUser } from '../layout.ts';

const list = (items: readonly string[]) => (items.length === 0 ? '' : html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`);

export function serviceHoursText(office: Office, lang: Language): string {
  const zone = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' }[office.timeZone];
  return office.serviceHours
    .map((h) => {
      const days = h.days.map((d) => weekdayLabel[d]![lang]);
      const span = days.length > 2 && h.days.every((d, i) => i === 0 || d === h.days[i - 1]! + 1) ? `${days[0]}–${days[days.length - 1]}` : days.join(', ');
      return `${span} ${h.open.replace(':', '.')}–${h.close.replace(':', '.')} ${zone}`;
    })
    .join('; ');
}

export function homePage(lang: Language, offices: OfficeSummary[], user?: PageUser): Html {
  const t = translator(lang);
  const body = html`<h1>${t('tagline')}</h1>
<h2>${t('offices')}</h2>
${offices.map(
  (o) => html`<section class="card" aria-labelledby="o-${o.office.id}">
  <h3 id="o-${o.office.id}"><a href="/layanan/${o.office.id}">${o.office.name}</a></h3>
  <p class="muted">${o.office.region} · ${t('serviceHours')}: ${serviceHoursText(o.office, lang)}</p>
  ${o.services.length === 0 ? html`<p>${t('noServices')}</p>` : html`<ul>${o.services.map((s) => html`<li><a href="/layanan/${o.office.id}/${s.slug}">${s.name}</a></li>`)}</ul>`}
</section>`,
)}`;
  return layout({ lang, title: t('offices'), path: '/', body, user });
}

export function officePage(lang: Language, o: OfficeSummary, user?: PageUser): Html {
  const t = translator(lang);
  const body = html`<p><a href="/">${t('home')}</a></p>
<h1>${o.office.name}</h1>
<dl class="kv">
  <dt>${t('address')}</dt><dd>${o.office.address}</dd>
  <dt>${t('serviceHours')}</dt><dd>${serviceHoursText(o.office, lang)}</dd>
  <dt>${t('timeZone')}</dt><dd>${o.office.timeZone}</dd>
</dl>
<h2>${t('services')}</h2>
${o.services.length === 0 ? html`<p>${t('noServices')}</p>` : html`<ul>${o.services.map((s) => html`<li><a href="/layanan/${o.office.id}/${s.slug}">${s.name}</a></li>`)}</ul>`}`;
  return layout({ lang, title: o.office.shortName, path: `/layanan/${o.office.id}`, body, user });
}

function effortText(step: Step, lang: Language): string {
  const parts: string[] = [];
  if (step.due) parts.push(lang === 'id' ? `Hari ${step.due}` : `Day ${step.due}`);
  if (step.effort) {
    const e = step.effort;
    parts.push(`${e.min}${e.max ? `–${e.max}` : ''} ${unitLabel[e.unit][lang]}`);
  }
  return parts.join(', ');
}

function targetText(def: ServiceDefinition, target: Target, t: T): string {
  if (target.kind === 'step') return `${t('goTo')} ${target.step}`;
  if (target.kind === 'applicant') return `${t('backToApplicant')} ${target.resumeAt}`;
  return target.end === 'completed' ? t('endCompleted') : t('endRejected');
}

function stepsList(def: ServiceDefinition, lang: Language): Html {
  const t = translator(lang);
  const roleName = new Map(def.roles.map((r) => [r.id, r.name]));
  return html`<ol class="steps">${def.steps.map((s, i) => {
    const exits = exitsOf(def, i);
    const time = effortText(s, lang);
    return html`<li value="${s.no}" id="langkah-${s.no}">
  <strong>${s.title}</strong> — <span>${roleName.get(s.actor) ?? s.actor}</span>${s.tracked ? '' : html`<span class="tag">${t('notTracked')}</span>`}
  ${time ? html`<br><span class="muted">${t('time')}: ${time}</span>` : ''}
  ${exits.length > 1 ? html`<br><span class="muted">${t('outcomes')}:</span> <ul>${exits.map((e) => html`<li>${e.label}: ${targetText(def, e.target, t)}</li>`)}</ul>` : ''}
  <details><summary>${t('step')} ${s.no}: ${lang === 'id' ? 'uraian dan mutu baku' : 'activity and quality standard'}</summary>
    <p class="activity">${s.activity}</p>
    <dl class="kv">
      ${s.quality.completeness.length ? html`<dt>${t('completeness')}</dt><dd>${list(s.quality.completeness)}</dd>` : ''}
      ${s.quality.time ? html`<dt>${t('time')}</dt><dd>${s.quality.time}</dd>` : ''}
      ${s.quality.output.length ? html`<dt>${t('output')}</dt><dd>${list(s.quality.output)}</dd>` : ''}
      ${s.note ? html`<dt>${t('note')}</dt><dd class="activity">${s.note}</dd>` : ''}
    </dl>
  </details>
</li>`;
  })}</ol>`;
}

function requirementsSection(def: ServiceDefinition, lang: Language, type: ApplicationType | null): Html {
  const t = translator(lang);
  const attr = new Map(def.attributes.map((a) => [a.id, a.question]));
  // With a type chosen, show what applies to that type whatever the applicant's answers;
  // conditional items stay listed with their condition.
  const shown = type === null ? def.requirements : def.requirements.filter((r) => r.types === undefined || r.types.includes(type));
  return html`<form class="inline" method="get" action="">
  <div><label for="jenis">${t('applicationType')}</label><br>
  <select id="jenis" name="jenis">
    <option value="">${t('allTypes')}</option>
    ${def.applicationTypes.map((a) => html`<option value="${a}" ${a === type ? 'selected' : ''}>${applicationTypeLabel[a][lang]}</option>`)}
  </select></div>
  <button type="submit">${t('show')}</button>
</form>
<ol>${shown.map(
    (r) => html`<li>${r.text} <span class="tag">${requirementKindLabel[r.kind][lang]}</span>${r.optional ? html`<span class="tag">${t('optional')}</span>` : ''}
    ${r.types ? html`<br><span class="muted">${t('onlyFor')}: ${r.types.map((x) => applicationTypeLabel[x][lang]).join(', ')}</span>` : ''}
    ${r.when.length ? html`<br><span class="muted">${t('onlyWhen')}: ${r.when.map((w) => attr.get(w) ?? w).join('; ')}</span>` : ''}</li>`,
  )}</ol>`;
}

export function servicePage(lang: Language, svc: PublishedService, type: ApplicationType | null, user?: PageUser): Html {
  const t = translator(lang);
  const def = svc.definition;
  const sp = def.standard;
  const dc = def.documentControl;
  const st = def.serviceTime;
  const validity = def.permit.validity;
  const validityText = validity.text ?? (validity.kind === 'years' ? `${validity.years} ${lang === 'id' ? 'tahun' : 'years'}` : validity.kind === 'while_operating' ? (lang === 'id' ? 'Selama usaha berjalan' : 'While the business operates') : '—');
  const base = `/layanan/${svc.office.id}/${def.slug}`;
  const body = html`<p><a href="/">${t('home')}</a> › <a href="/layanan/${svc.office.id}">${svc.office.shortName}</a></p>
<h1>${def.name}</h1>
<p class="muted">${svc.office.name}</p>
<dl class="kv">
  <dt>${t('serviceTime')}</dt><dd>${st.text}<br><span class="muted">${st.length} ${unitLabel[st.unit][lang]}; ${t('clockStarts')} ${clockStartLabel[st.clockStart][lang]}</span></dd>
  <dt>${t('fee')}</dt><dd>${sp.fee.amount === 0 ? html`<strong>${t('free')}</strong> — ` : ''}${sp.fee.text}</dd>
  <dt>${t('product')}</dt><dd>${sp.product}</dd>
  <dt>${t('validity')}</dt><dd>${validityText}</dd>
  <dt>${t('serviceHours')}</dt><dd>${serviceHoursText(svc.office, lang)}</dd>
</dl>
<p><a class="apply" href="/ajukan/${svc.office.id}/${def.slug}">${lang === 'id' ? 'Ajukan permohonan secara daring' : 'Apply online'}</a></p>

<h2 id="persyaratan">${t('requirements')}</h2>
${requirementsSection(def, lang, type)}

<h2 id="prosedur">${t('procedure')}</h2>
${stepsList(def, lang)}
<h3 id="bagan">${lang === 'id' ? 'Bagan alir' : 'Flowchart'}</h3>
<div class="diagram"><a href="${base}/bagan.svg"><img src="${base}/bagan.svg" loading="lazy" alt="${lang === 'id' ? `Bagan alir ${def.name}: ${def.steps.length} langkah dengan ${def.roles.length} pelaksana, seperti daftar langkah di atas.` : `Flowchart of ${def.name}: ${def.steps.length} steps across ${def.roles.length} actors, as in the list of steps above.`}"></a></div>
<p>${t('documents')}: <a href="${base}/sop.pdf">${lang === 'id' ? 'Matriks SOP (PDF)' : 'SOP matrix (PDF)'}</a> · <a href="${base}/proses.bpmn">${lang === 'id' ? 'Diagram proses BPMN 2.0' : 'BPMN 2.0 process diagram'}</a> · <a href="${base}/bagan.svg">${lang === 'id' ? 'Bagan alir (SVG)' : 'Flowchart (SVG)'}</a></p>

<h2>${t('legalBasis')}</h2>
<ol>${sp.legalBasis.map((l) => html`<li>${l}</li>`)}</ol>

<h2>${t('complaints')}</h2>
<ul>${sp.complaints.channels.map((c) => html`<li>${c.label}${c.value ? html`: ${c.value}` : ''}</li>`)}</ul>
${sp.complaints.responseDays ? html`<p>${lang === 'id' ? `Pengaduan ditanggapi paling lambat ${sp.complaints.responseDays} hari.` : `Complaints are answered within ${sp.complaints.responseDays} days.`}</p>` : ''}
${sp.complaints.categories.length ? html`<dl class="kv">${sp.complaints.categories.map((c) => html`<dt>${c.label}</dt><dd>${c.handling}</dd>`)}</dl>` : ''}
${sp.complaints.procedure.length ? html`<details><summary>${lang === 'id' ? 'Prosedur penanganan' : 'Handling procedure'}</summary>${list(sp.complaints.procedure)}</details>` : ''}

${sp.facilities.length ? html`<h2>${t('facilities')}</h2>${list(sp.facilities)}` : ''}
${sp.staffCompetence.length ? html`<h2>${t('competence')}</h2>${sp.staffCompetence.map((g) => html`${g.group ? html`<h3>${g.group}</h3>` : ''}${list(g.items)}`)}` : ''}
${sp.internalControl.length ? html`<h2>${t('internalControl')}</h2>${list(sp.internalControl)}` : ''}
${sp.staffCount ? html`<h2>${t('staffCount')}</h2><ul>${sp.staffCount.items.map((i) => html`<li>${i.count ? `${i.count} × ` : ''}${i.label}</li>`)}</ul>${sp.staffCount.note ? html`<p>${sp.staffCount.note}</p>` : ''}` : ''}
${sp.serviceGuarantee.length ? html`<h2>${t('serviceGuarantee')}</h2>${list(sp.serviceGuarantee)}` : ''}
${sp.securityGuarantee.length ? html`<h2>${t('securityGuarantee')}</h2>${list(sp.securityGuarantee)}` : ''}
${sp.performanceEvaluation.length ? html`<h2>${t('evaluation')}</h2>${list(sp.performanceEvaluation)}` : ''}

<h2>${t('documentControl')}</h2>
<dl class="kv">
  ${dc.code ? html`<dt>${t('sopNumber')}</dt><dd>${dc.code}</dd>` : ''}
  ${dc.revision ? html`<dt>${t('revision')}</dt><dd>${dc.revision}</dd>` : ''}
  ${dc.effectiveOn ? html`<dt>${t('effectiveOn')}</dt><dd>${dc.effectiveOn}</dd>` : ''}
  ${dc.approvedBy?.name ? html`<dt>${t('approvedBy')}</dt><dd>${dc.approvedBy.name}${dc.approvedBy.position ? `, ${dc.approvedBy.position}` : ''}</dd>` : ''}
  <dt>${t('version')}</dt><dd>${svc.version} <span class="muted">(${svc.contentHash.slice(0, 12)})</span></dd>
</dl>
<p><a href="/api/v1/offices/${svc.office.id}/services/${def.slug}">${t('apiLink')}</a></p>`;
  return layout({ lang, title: def.name, path: base, body, user });
}

export function messagePage(lang: Language, title: string, text: string, path: string, user?: PageUser): Html {
  const t = translator(lang);
  return layout({ lang, title, path, user, body: html`<h1>${title}</h1><p>${text}</p><p><a href="/">${t('home')}</a></p>` });
}
