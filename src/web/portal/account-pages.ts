// Account pages: registering as a person or for a company, checking one's email, verifying it,
// the forgotten-password pair, and completing the applicant details of an account that has none.
import { html } from 'hono/html';
import type { Language } from '../../domain/errors.ts';
import { LIMITS } from '../../app/portal/identity-rules.ts';
import { csrfField, errorSummary, type FieldError } from '../forms.ts';
import type { Html, PageUser } from '../layout.ts';
import { button, portalPage, radios, textInput } from './components.ts';
import { words } from './words.ts';

export type AccountKind = 'perorangan' | 'badan-usaha';
export const ACCOUNT_KINDS: AccountKind[] = ['perorangan', 'badan-usaha'];

export function chooseKindPage(lang: Language, errors: FieldError[], base = '/daftar', user?: PageUser, next?: string): Html {
  const w = words(lang);
  const body = html`${errorSummary(lang, errors)}
<form method="get" action="${base}" novalidate>
  <input type="hidden" name="pilih" value="1">
  ${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
  ${radios({
    name: 'jenis', heading: true, legend: base === '/daftar' ? w.registerAs : w.profileAs, errors,
    options: [
      { value: 'perorangan', label: w.kindPerson, hint: w.kindPersonHint },
      { value: 'badan-usaha', label: w.kindCompany, hint: w.kindCompanyHint },
    ],
  })}
  ${button(w.continue)}
</form>
${base === '/daftar' ? html`<p>${w.haveAccount} <a href="/masuk">${w.signIn}</a>.</p>` : ''}`;
  return portalPage({ lang, title: base === '/daftar' ? w.registerTitle : w.profileTitle, path: base, body, user });
}

export type FormValues = Record<string, string>;

// The applicant's details: a person's, or a company's with the person acting for it. With
// `account`, the email and password of a new account follow.
export function detailsFields(lang: Language, kind: AccountKind, v: FormValues, errors: FieldError[]): Html {
  const w = words(lang);
  const f = (name: string, label: string, extra: Partial<Parameters<typeof textInput>[0]> = {}) =>
    textInput({ name, label, value: v[name] ?? '', errors, maxlength: 200, ...extra });
  if (kind === 'perorangan') {
    return html`${f('name', w.fullName, { autocomplete: 'name', hint: w.fullNameHint })}
  ${f('nik', w.nik, { inputmode: 'numeric', maxlength: 20, hint: w.nikHint })}
  ${f('phone', w.phone, { type: 'tel', autocomplete: 'tel', maxlength: LIMITS.phone })}
  ${f('address', w.address, { autocomplete: 'street-address', maxlength: LIMITS.address, hint: w.addressHint })}`;
  }
  return html`${f('companyName', w.companyName, { autocomplete: 'organization' })}
  ${f('nib', w.nib, { inputmode: 'numeric', maxlength: 20, hint: w.nibHint })}
  ${f('npwp', w.npwp, { maxlength: 25, hint: w.npwpHint })}
  ${f('address', w.companyAddress, { autocomplete: 'street-address', maxlength: LIMITS.address })}
  <h2>${w.actingPerson}</h2>
  <p class="hint">${w.actingPersonHint}</p>
  ${f('name', w.actingName, { autocomplete: 'name' })}
  ${f('phone', w.phone, { type: 'tel', autocomplete: 'tel', maxlength: LIMITS.phone })}`;
}

export function registerPage(lang: Language, kind: AccountKind, csrf: string, v: FormValues, errors: FieldError[]): Html {
  const w = words(lang);
  const path = `/daftar/${kind}`;
  const body = html`${errorSummary(lang, errors)}
<span class="caption">${w.registerTitle}</span>
<h1>${kind === 'perorangan' ? w.registerPersonTitle : w.registerCompanyTitle}</h1>
<form method="post" action="${path}" novalidate>
  ${csrfField(csrf)}
  ${detailsFields(lang, kind, v, errors)}
  <h2>${w.signInDetails}</h2>
  ${textInput({ name: 'email', label: w.email, type: 'email', value: v.email ?? '', autocomplete: 'email', maxlength: LIMITS.email, hint: w.emailHint, errors })}
  ${textInput({ name: 'password', label: w.newPassword, type: 'password', autocomplete: 'new-password', maxlength: LIMITS.password.max, hint: w.passwordHint, errors })}
  ${button(w.createAccount)}
</form>`;
  return portalPage({ lang, title: kind === 'perorangan' ? w.registerPersonTitle : w.registerCompanyTitle, path, body, back: { href: '/daftar', label: w.back } });
}

export function profilePage(lang: Language, kind: AccountKind, csrf: string, v: FormValues, errors: FieldError[], user: PageUser, next: string | undefined): Html {
  const w = words(lang);
  const body = html`${errorSummary(lang, errors)}
<h1>${w.profileTitle}</h1>
<p>${w.profileIntro}</p>
<form method="post" action="/akun/profil/${kind}" novalidate>
  ${csrfField(csrf)}
  ${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
  ${detailsFields(lang, kind, v, errors)}
  ${button(w.save)}
</form>`;
  return portalPage({ lang, title: w.profileTitle, path: `/akun/profil/${kind}`, body, user, back: { href: '/akun/profil', label: w.back } });
}

export function checkEmailPage(lang: Language, what: 'register' | 'reset'): Html {
  const w = words(lang);
  const body = html`<h1>${w.checkEmailTitle}</h1>
<p>${what === 'register' ? w.checkEmailRegister : w.checkEmailReset}</p>
<p>${w.checkEmailSpam}</p>
<p><a href="/masuk">${w.signIn}</a></p>`;
  return portalPage({ lang, title: w.checkEmailTitle, path: what === 'register' ? '/daftar/periksa-email' : '/lupa-sandi/periksa-email', body });
}

export function verifiedPage(lang: Language, ok: boolean, user?: PageUser): Html {
  const w = words(lang);
  const body = ok
    ? html`<div class="panel"><h1>${w.verifiedTitle}</h1></div><p>${w.verifiedBody}</p><p><a class="button" href="${user ? '/permohonan' : '/masuk'}">${user ? w.myApplications : w.signIn}</a></p>`
    : html`<h1>${w.linkInvalidTitle}</h1><p>${w.verifyLinkInvalid}</p><p><a href="${user ? '/permohonan' : '/masuk'}">${user ? w.myApplications : w.signIn}</a></p>`;
  return portalPage({ lang, title: ok ? w.verifiedTitle : w.linkInvalidTitle, path: '/daftar/verifikasi', body, user });
}

export function forgotPage(lang: Language, csrf: string, email: string, errors: FieldError[]): Html {
  const w = words(lang);
  const body = html`${errorSummary(lang, errors)}
<h1>${w.forgotTitle}</h1>
<p>${w.forgotIntro}</p>
<form method="post" action="/lupa-sandi" novalidate>
  ${csrfField(csrf)}
  ${textInput({ name: 'email', label: w.email, type: 'email', value: email, autocomplete: 'email', maxlength: LIMITS.email, errors })}
  ${button(w.sendLink)}
</form>`;
  return portalPage({ lang, title: w.forgotTitle, path: '/lupa-sandi', body, back: { href: '/masuk', label: w.back } });
}

export function newPasswordPage(lang: Language, csrf: string, token: string, errors: FieldError[]): Html {
  const w = words(lang);
  const body = html`${errorSummary(lang, errors)}
<h1>${w.newPasswordTitle}</h1>
<form method="post" action="/lupa-sandi/atur" novalidate>
  ${csrfField(csrf)}
  <input type="hidden" name="token" value="${token}">
  ${textInput({ name: 'password', label: w.newPassword, type: 'password', autocomplete: 'new-password', maxlength: LIMITS.password.max, hint: w.passwordHint, errors })}
  ${button(w.savePassword)}
</form>`;
  return portalPage({ lang, title: w.newPasswordTitle, path: '/lupa-sandi/atur', body });
}

export function passwordChangedPage(lang: Language): Html {
  const w = words(lang);
  const body = html`<div class="panel"><h1>${w.passwordChangedTitle}</h1></div><p>${w.passwordChangedBody}</p><p><a class="button" href="/masuk">${w.signIn}</a></p>`;
  return portalPage({ lang, title: w.passwordChangedTitle, path: '/lupa-sandi/atur', body });
}

export function resetLinkInvalidPage(lang: Language): Html {
  const w = words(lang);
  const body = html`<h1>${w.linkInvalidTitle}</h1><p>${w.resetLinkInvalid}</p><p><a href="/lupa-sandi">${w.forgotTitle}</a></p>`;
  return portalPage({ lang, title: w.linkInvalidTitle, path: '/lupa-sandi/atur', body });
}
