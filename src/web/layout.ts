// The page frame shared by every server-rendered page: small, no external fonts or scripts,
// readable at 360 px, and usable without JavaScript.
import { html } from 'hono/html';
import type { Language } from '../domain/errors.ts';
import { formCss } from './forms.ts';
import { translator } from './i18n.ts';

export type Html = ReturnType<typeof html>;

const css = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b4f8a}a:focus,button:focus,select:focus,input:focus{outline:3px solid #ffbf47;outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#ffbf47;padding:4px 8px;z-index:9}
header{background:#0b3d63;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
header a{color:#fff}.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
main{max-width:60rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:1.75rem 0 .5rem;border-bottom:2px solid #dde3ea;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
.muted{color:#505a64}.card{border:1px solid #c9d2db;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
.tag{display:inline-block;font-size:.8rem;border:1px solid #7a8794;border-radius:3px;padding:0 .35rem;margin-left:.25rem;color:#39424b}
ol.steps>li{margin:.6rem 0}details{margin:.25rem 0}summary{cursor:pointer}
.activity{white-space:pre-line;margin:.25rem 0 .25rem 0}
dl.kv{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.2rem 1rem}dl.kv dt{font-weight:600}dl.kv dd{margin:0}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0}
select,button{font:inherit;padding:.35rem .5rem}button{background:#0b4f8a;color:#fff;border:0;border-radius:4px;cursor:pointer}
div.diagram{overflow-x:auto;border:1px solid #c9d2db;border-radius:6px;padding:.5rem;margin:.5rem 0}div.diagram img{max-width:none;height:480px}
.apply{display:inline-block;background:#00703c;color:#fff;padding:.55rem 1rem;border-radius:4px;text-decoration:none;font-weight:600;margin:.25rem 0 1rem}.apply:visited{color:#fff}
.top-nav{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}.inline-form{display:inline;margin:0}.link-button{background:none;color:#fff;text-decoration:underline;padding:0}
footer{max-width:60rem;margin:2rem auto;padding:1rem;color:#505a64;font-size:.9rem;border-top:1px solid #dde3ea}
@media (max-width:30rem){dl.kv{grid-template-columns:1fr}dl.kv dt{margin-top:.4rem}}
`;

export interface PageOptions {
  lang: Language;
  title: string;
  path: string;
  body: Html;
  // The signed-in person, for the header's name, home link and sign-out button.
  user?: PageUser | undefined;
}

export interface PageUser {
  displayName: string;
  csrfToken: string;
  home: string;
}

export function layout({ lang, title, path, body, user }: PageOptions): Html {
  const t = translator(lang);
  const other = lang === 'id' ? 'en' : 'id';
  const switchHref = `${path.split('?')[0]}?lang=${other}`;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · satupintu</title>
<style>${css}${formCss}</style>
</head>
<body>
<a class="skip" href="#isi">${t('skip')}</a>
<header>
  <a class="brand" href="/">satupintu</a>
  <nav aria-label="${lang === 'id' ? 'Akun dan bahasa' : 'Account and language'}" class="top-nav">
    ${user
      ? html`<a href="${user.home}">${user.displayName}</a>
    <form method="post" action="/keluar" class="inline-form"><input type="hidden" name="_csrf" value="${user.csrfToken}"><button type="submit" class="link-button">${lang === 'id' ? 'Keluar' : 'Sign out'}</button></form>`
      : html`<a href="/masuk">${lang === 'id' ? 'Masuk' : 'Sign in'}</a>`}
    <a href="${switchHref}" hreflang="${other}" lang="${other}">${t('otherLanguage')}</a>
  </nav>
</header>
<main id="isi">
${body}
</main>
<footer>${t('tagline')}</footer>
</body>
</html>`;
}

export async function render(h: Html): Promise<string> {
  return String(await h);
}
