/**
 * The frame of every page: Vietnamese first with an English switch, a skip link, the menu the
 * user's roles allow, one small stylesheet, scripts only where a page asks for them, printable,
 * usable at 360 px.
 */
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import type { Principal } from '../../app/access/access.ts';
import type { Refusal } from '../../domain/refusal.ts';
import { describeRefusal, t } from '../../i18n/catalogue.ts';
import { PAGES } from '../../i18n/server.ts';
import type { Lang, Text } from '../../i18n/types.ts';
import { WEB } from '../../i18n/web.ts';
import { htmxAsset, SOQUY_JS_HREF, STYLESHEET_HREF } from './assets.ts';

export function say(lang: Lang, text: Text, params: Readonly<Record<string, unknown>> = {}): string {
  return t(text, lang, params);
}

export interface NavLink {
  readonly href: string;
  readonly label: string;
  readonly current: boolean;
}

export interface PageProps {
  readonly lang: Lang;
  readonly title: string;
  readonly principal?: Principal | undefined;
  readonly nav?: readonly NavLink[];
  /** The request URL: the language switch keeps its path and query. */
  readonly url?: string;
  readonly scripts?: ReadonlyArray<'htmx' | 'print'>;
  readonly children?: Child;
}

/** A form that changes something: posts to this site with the session's anti-forgery token. */
export const CsrfField: FC<{ token: string | undefined }> = ({ token }) => (
  <input type="hidden" name="_csrf" value={token ?? ''} />
);

/** The same page in the other language (path and query kept, `lang` replaced). */
export function otherLanguageHref(url: string | undefined, lang: Lang): string {
  const other = lang === 'vi' ? 'en' : 'vi';
  if (!url) return `?lang=${other}`;
  const u = new URL(url);
  u.searchParams.set('lang', other);
  return `${u.pathname}?${u.searchParams.toString()}`;
}

// htmx may neither evaluate code nor add inline styles: the CSP allows neither.
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0,
});

export const Layout: FC<PageProps> = ({ lang, title, principal, nav = [], url, scripts = [], children }) => (
  <html lang={lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {principal?.csrfToken ? <meta name="csrf-token" content={principal.csrfToken} /> : null}
      {scripts.includes('htmx') ? <meta name="htmx-config" content={HTMX_CONFIG} /> : null}
      <title>{`${title} · ${say(lang, PAGES.appName)}`}</title>
      <link rel="stylesheet" href={STYLESHEET_HREF} />
      {scripts.includes('htmx') ? <script src={htmxAsset().href} defer /> : null}
      {scripts.includes('print') ? <script src={SOQUY_JS_HREF} defer /> : null}
    </head>
    <body>
      <a class="skip" href="#main">
        {say(lang, WEB.skip)}
      </a>
      <header class="top">
        <div class="bar">
          <a href="/" class="brand">
            {say(lang, PAGES.appName)}
          </a>
          <div class="who">
            <a
              href={otherLanguageHref(url, lang)}
              hreflang={lang === 'vi' ? 'en' : 'vi'}
              lang={lang === 'vi' ? 'en' : 'vi'}
            >
              {say(lang, PAGES.language)}
            </a>
            {principal ? (
              <form method="post" action="/sign-out" class="inline">
                <CsrfField token={principal.csrfToken} />
                <button type="submit" title={say(lang, WEB.signedInAs, { name: principal.displayName })}>
                  {`${say(lang, PAGES.signOut)} (${principal.username})`}
                </button>
              </form>
            ) : null}
          </div>
        </div>
        {nav.length > 0 ? (
          <nav class="main" aria-label={say(lang, WEB.menu)}>
            <ul>
              {nav.map((n) => (
                <li>
                  <a href={n.href} aria-current={n.current ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabindex={-1}>
        {children}
      </main>
    </body>
  </html>
);

/** The body of an error page: the status, the message in the user's language, each refusal. */
export const ErrorPage: FC<{ lang: Lang; status: number; message: string; refusals: readonly Refusal[] }> = ({
  lang,
  status,
  message,
  refusals,
}) => (
  <>
    <h1>{say(lang, WEB.errorTitle, { status })}</h1>
    <div class="error" role="alert">
      <p>{message}</p>
      {refusals.length > 0 ? (
        <ul>
          {refusals.map((r) => (
            <li>{describeRefusal(r, lang)}</li>
          ))}
        </ul>
      ) : null}
    </div>
    <p>
      <a href="/">{say(lang, WEB.backHome)}</a>
    </p>
  </>
);

/** Sends a page as HTML5 (with its doctype, so browsers use standards mode). */
export async function renderPage(c: Context, page: Child, status = 200): Promise<Response> {
  return c.html(`<!DOCTYPE html>${await String(page)}`, status as 200);
}
