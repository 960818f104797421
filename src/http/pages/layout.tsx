/**
 * The frame of every page: Vietnamese first, light (one small stylesheet, no script), printable,
 * usable at 360 px. The web app (issue 10) builds its pages inside it.
 */
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import type { Principal } from '../../app/access/access.ts';
import { t } from '../../i18n/catalogue.ts';
import { PAGES } from '../../i18n/server.ts';
import type { Lang, Text } from '../../i18n/types.ts';

export interface PageProps {
  readonly lang: Lang;
  readonly title: string;
  readonly principal?: Principal | undefined;
  readonly children?: Child;
}

export function say(lang: Lang, text: Text, params: Record<string, unknown> = {}): string {
  return t(text, lang, params);
}

/** A form that changes something: posts to this site with the session's anti-forgery token. */
export const CsrfField: FC<{ token: string | undefined }> = ({ token }) => (
  <input type="hidden" name="_csrf" value={token ?? ''} />
);

export const Layout: FC<PageProps> = ({ lang, title, principal, children }) => (
  <html lang={lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {principal?.csrfToken ? <meta name="csrf-token" content={principal.csrfToken} /> : null}
      <title>{`${title} · ${say(lang, PAGES.appName)}`}</title>
      <link rel="stylesheet" href="/assets/soquy.css" />
    </head>
    <body>
      <header>
        <a href="/" class="brand">
          {say(lang, PAGES.appName)}
        </a>
        <nav>
          <a href={`?lang=${lang === 'vi' ? 'en' : 'vi'}`} hreflang={lang === 'vi' ? 'en' : 'vi'}>
            {say(lang, PAGES.language)}
          </a>
          {principal ? (
            <form method="post" action="/sign-out" class="inline">
              <CsrfField token={principal.csrfToken} />
              <button type="submit">{`${say(lang, PAGES.signOut)} (${principal.username})`}</button>
            </form>
          ) : null}
        </nav>
      </header>
      <main>{children}</main>
    </body>
  </html>
);

/** Sends a page as HTML5 (with its doctype, so browsers use standards mode). */
export async function renderPage(c: Context, page: Child, status = 200): Promise<Response> {
  return c.html(`<!DOCTYPE html>${await String(page)}`, status as 200);
}

/** The one stylesheet: system fonts, readable on an old phone, and a print layout. */
export const STYLESHEET = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fafaf7}
header{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:center;padding:.5rem 1rem;background:#14532d;color:#fff}
header a{color:#fff}.brand{font-weight:700;text-decoration:none;font-size:1.15rem}nav{display:flex;gap:.75rem;align-items:center}
main{max-width:60rem;margin:0 auto;padding:1rem}form.inline{display:inline}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input,select,button{font:inherit;padding:.5rem;max-width:100%}input,select{width:100%;border:1px solid #888;border-radius:4px}
button{background:#14532d;color:#fff;border:0;border-radius:4px;cursor:pointer;margin-top:1rem}header button{margin:0;background:#0d3b20}
.error{background:#fde8e8;border-left:4px solid #b91c1c;padding:.5rem .75rem}.note{background:#fff7d6;border-left:4px solid #b7791f;padding:.5rem .75rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}
@media print{header,nav,button{display:none}body{background:#fff}main{max-width:none}}
`;
