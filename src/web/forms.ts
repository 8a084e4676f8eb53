// Form pieces shared by the portal and the desk, in the GOV.UK pattern: an error summary at the
// top linking to each field, the field's own message beside it, the CSRF token in every form.
import { html } from 'hono/html';
import type { Language } from '../domain/errors.ts';
import type { Html } from './layout.ts';

export interface FieldError {
  field: string;
  message: string;
}

export const csrfField = (token: string): Html => html`<input type="hidden" name="_csrf" value="${token}">`;

export function errorSummary(lang: Language, errors: FieldError[]): Html | '' {
  if (errors.length === 0) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="ringkasan-galat">
  <h2 id="ringkasan-galat">${lang === 'id' ? 'Ada yang perlu diperbaiki' : 'There is a problem'}</h2>
  <ul>${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}</ul>
</div>`;
}

export interface InputOptions {
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'password' | 'email' | 'tel' | 'number' | 'date';
  hint?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'tel' | 'email';
  maxlength?: number;
  required?: boolean;
  errors?: FieldError[];
}

export function inputField(o: InputOptions): Html {
  const error = o.errors?.find((e) => e.field === o.name);
  const describedBy = [o.hint ? `${o.name}-petunjuk` : '', error ? `${o.name}-galat` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${o.name}">${o.label}</label>
  ${o.hint ? html`<div class="hint" id="${o.name}-petunjuk">${o.hint}</div>` : ''}
  ${error ? html`<p class="error" id="${o.name}-galat">${error.message}</p>` : ''}
  <input id="${o.name}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.required ? ' required' : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? ' aria-invalid="true"' : ''}>
</div>`;
}

export const formCss = `
.field{margin:1rem 0}.field label{display:block;font-weight:600}.hint{color:#505a64;font-size:.95rem}
.field input,.field select,.field textarea{font:inherit;padding:.4rem .5rem;border:2px solid #1b1b1b;border-radius:0;width:100%;max-width:28rem}
.field-error{border-left:4px solid #b10e1e;padding-left:.75rem}.error{color:#b10e1e;font-weight:600;margin:.2rem 0}
.error-summary{border:4px solid #b10e1e;padding:1rem;margin:1rem 0}.error-summary h2{border:0;margin-top:0}.error-summary a{color:#b10e1e;font-weight:600}
`;
