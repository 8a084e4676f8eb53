// The IKM survey answered on paper at the counter (by an applicant without an account or an
// email address) and typed in by an official: the same nine elements and scale as the portal's
// form, stored the same way, marked as coming from the counter.
import { html } from 'hono/html';
import { COMMENT_MAX, IKM_QUESTIONS, RESPONDENT_OPTIONS } from '../../app/portal/ikm-survey.ts';
import type { Html } from '../layout.ts';
import { words } from '../portal/words.ts';
import { csrfInput, deskPage, sayer, type DeskFrame } from './ui.ts';

export type PaperSurveyState = 'open' | 'answered' | 'not_open';

export function paperSurveyPage(f: DeskFrame, caseId: string, trackingCode: string, state: PaperSurveyState): Html {
  const say = sayer(f.lang);
  const w = words(f.lang);
  const path = `/meja/permohonan/${caseId}/survei`;
  const select = (group: keyof typeof RESPONDENT_OPTIONS, label: string) => html`<p><label for="${group}">${label}</label><br>
<select id="${group}" name="${group}"><option value="">${say('Tidak diisi', 'Not given')}</option>${RESPONDENT_OPTIONS[group].map((v) => html`<option value="${v}">${(w.respondent[group] as Record<string, string>)[v]}</option>`)}</select></p>`;
  const body = html`<p><a href="/meja/permohonan/${caseId}">${say('← Kembali ke permohonan', '← Back to the application')}</a></p>
<h1>${say('Survei kepuasan (formulir kertas)', 'Satisfaction survey (paper form)')} ${trackingCode}</h1>
${state === 'open'
    ? html`<p>${say('Salin jawaban dari formulir yang diisi pemohon. Pertanyaan yang tidak dijawab dibiarkan kosong.', 'Copy the answers from the form the applicant filled in. Leave unanswered questions empty.')}</p>
<form method="post" action="${path}">
  ${csrfInput(f.csrf)}
  ${IKM_QUESTIONS.map((q, i) => html`<fieldset><legend>${i + 1}. ${q.question}</legend>
    <div class="inline-choice">${q.options.map((label, s) => html`<label><input type="radio" name="unsur${q.unsur}" value="${s + 1}"> ${label}</label>`)}</div>
  </fieldset>`)}
  ${select('sex', w.respondentSex)}
  ${select('education', w.respondentEducation)}
  ${select('occupation', w.respondentOccupation)}
  <p><label for="comment">${w.suggestions}</label><br><textarea id="comment" name="comment" rows="3" maxlength="${COMMENT_MAX}"></textarea></p>
  <p><button type="submit">${say('Simpan jawaban survei', 'Save the survey answers')}</button></p>
</form>`
    : html`<p>${state === 'answered'
      ? say('Survei untuk permohonan ini sudah diisi.', 'The survey for this application has been answered.')
      : say('Survei dapat diisi setelah izin diserahkan.', 'The survey opens once the permit has been handed over.')}</p>`}`;
  return deskPage(f, say('Survei kepuasan', 'Satisfaction survey'), path, body, '/meja');
}
