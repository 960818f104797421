/**
 * Small pieces the pages share: amounts and dates in the user's convention, a figure linked to
 * the entries that make it, the as-of form, export links, paging, and an entry with its chain.
 */
import type { Child, FC } from 'hono/jsx';
import { formatDate } from '../../domain/dates.ts';
import type { Entry } from '../../domain/ledger/entry.ts';
import { formatDong } from '../../domain/money.ts';
import type { Lang } from '../../i18n/types.ts';
import { KIND_TEXTS, WEB } from '../../i18n/web.ts';
import { fieldId } from './forms.tsx';
import { say } from './layout.tsx';

/** `1.050.000.000 ₫` (Vietnamese) or `1,050,000,000 ₫` (English). */
export const Money: FC<{ amount: number; lang: Lang }> = ({ amount, lang }) => (
  <>{formatDong(amount, lang)}</>
);

/** A query string from the defined values, in order. */
export function qs(values: Readonly<Record<string, string | number | null | undefined>>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

export function entryHref(book: string, seq: number): string {
  return `/entries/${encodeURIComponent(book)}/${seq}`;
}

export function traceHref(t: {
  book: string;
  account: string;
  party?: string | null;
  asOf?: string | null;
}): string {
  return `/trace${qs({ book: t.book, account: t.account, party: t.party ?? undefined, asOf: t.asOf ?? undefined })}`;
}

export function statementHref(t: {
  book: string;
  account: string;
  party?: string | null;
  from?: string | null;
  to?: string | null;
}): string {
  return `/books/${encodeURIComponent(t.book)}/accounts/${encodeURIComponent(t.account)}${qs({
    party: t.party ?? undefined,
    from: t.from ?? undefined,
    to: t.to ?? undefined,
  })}`;
}

/** An amount that opens the entries making it. */
export const TracedAmount: FC<{ amount: number; lang: Lang; href: string | undefined }> = ({
  amount,
  lang,
  href,
}) =>
  href ? (
    <a href={href} title={say(lang, WEB.trace)}>
      {formatDong(amount, lang)}
    </a>
  ) : (
    formatDong(amount, lang)
  );

/** A labelled figure of a dashboard. */
export const FigureBox: FC<{
  label: string;
  amount: number;
  lang: Lang;
  href?: string | undefined;
  hint?: string;
}> = ({ label, amount, lang, href, hint }) => (
  <div class="figure">
    <span class="label">{label}</span>
    <span class="value">
      <TracedAmount amount={amount} lang={lang} href={href} />
    </span>
    {hint ? <span class="hint">{hint}</span> : null}
  </div>
);

/** A GET form with the as-of date (and any hidden values to keep). */
export const AsOfForm: FC<{
  lang: Lang;
  action: string;
  asOf: string;
  keep?: Readonly<Record<string, string | undefined>>;
  error?: string | undefined;
  children?: Child;
}> = ({ lang, action, asOf, keep = {}, error, children }) => (
  <form method="get" action={action} class="filters no-print">
    {Object.entries(keep).map(([k, v]) =>
      v === undefined ? null : <input type="hidden" name={k} value={v} />,
    )}
    {children}
    <div>
      <label for={fieldId('asOf')}>{say(lang, WEB.asOf)}</label>
      <input
        id={fieldId('asOf')}
        name="asOf"
        value={formatDate(asOf)}
        inputmode="numeric"
        placeholder={say(lang, WEB.datePlaceholder)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${fieldId('asOf')}-error` : undefined}
      />
      {error ? (
        <p class="field-error" id={`${fieldId('asOf')}-error`}>
          {error}
        </p>
      ) : null}
    </div>
    <div>
      <button type="submit">{say(lang, WEB.show)}</button>
    </div>
  </form>
);

/** Links to the same report as CSV and XLSX, and a print button. */
export const ExportLinks: FC<{ lang: Lang; url: string; print?: boolean }> = ({
  lang,
  url,
  print = true,
}) => {
  const with_ = (format: string) => {
    const u = new URL(url);
    u.searchParams.set('format', format);
    return `${u.pathname}?${u.searchParams.toString()}`;
  };
  return (
    <p class="actions no-print">
      {say(lang, WEB.exportAs)}:
      <a href={with_('xlsx')} download>
        Excel (.xlsx)
      </a>
      <a href={with_('csv')} download>
        CSV
      </a>
      {print ? (
        <button type="button" class="secondary" data-print>
          {say(lang, WEB.print)}
        </button>
      ) : null}
    </p>
  );
};

/** "First page" and "next page" links of keyset paging. */
export const Pager: FC<{ lang: Lang; first?: string | undefined; next?: string | undefined }> = ({
  lang,
  first,
  next,
}) =>
  first || next ? (
    <nav class="pager" aria-label="pages">
      {first ? <a href={first}>{say(lang, WEB.firstPage)}</a> : null}
      {next ? (
        <a href={next} rel="next">
          {say(lang, WEB.nextPage)}
        </a>
      ) : null}
    </nav>
  ) : null;

export function kindLabel(kind: string, lang: Lang): string {
  const text = KIND_TEXTS[kind as keyof typeof KIND_TEXTS];
  return text ? text[lang] : kind;
}

/** Total debits of an entry: its amount in lists. */
export function entryAmount(e: Pick<Entry, 'postings'>): number {
  return e.postings.reduce((s, p) => s + Math.max(p.amount, 0), 0);
}

/** Postings of an entry in debit and credit columns; lines of `highlight` (account, party) marked. */
export const PostingsTable: FC<{
  lang: Lang;
  entry: Entry;
  accountName?: (book: string, code: string) => string | undefined;
  highlight?: { account: string; party?: string | null | undefined } | undefined;
}> = ({ lang, entry, accountName, highlight }) => (
  <div class="scroll">
    <table>
      <thead>
        <tr>
          <th>#</th>
          <th>{say(lang, WEB.account)}</th>
          <th>{say(lang, WEB.party)}</th>
          <th class="num">{say(lang, WEB.debit)}</th>
          <th class="num">{say(lang, WEB.credit)}</th>
        </tr>
      </thead>
      <tbody>
        {entry.postings.map((p) => {
          const hl =
            highlight !== undefined &&
            p.account === highlight.account &&
            (highlight.party == null || highlight.party === p.party);
          return (
            <tr class={hl ? 'hl' : undefined}>
              <td>{p.line}</td>
              <td>
                {p.account}
                {accountName?.(entry.book, p.account) ? (
                  <span class="muted small"> · {accountName(entry.book, p.account)}</span>
                ) : null}
              </td>
              <td>{p.party ?? ''}</td>
              <td class="num">{p.amount > 0 ? formatDong(p.amount, lang) : ''}</td>
              <td class="num">{p.amount < 0 ? formatDong(-p.amount, lang) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);

/** One entry with everything an auditor checks: postings, hash chain, when, by whom. */
export const EntryCard: FC<{
  lang: Lang;
  entry: Entry;
  accountName?: (book: string, code: string) => string | undefined;
  highlight?: { account: string; party?: string | null | undefined } | undefined;
  heading?: 'h2' | 'h3';
}> = ({ lang, entry, accountName, highlight, heading = 'h3' }) => {
  const ref = `${entry.book}#${entry.seq}`;
  const title = (
    <>
      <a href={entryHref(entry.book, entry.seq)}>{ref}</a> · {formatDate(entry.date)} ·{' '}
      {kindLabel(entry.kind, lang)}
    </>
  );
  return (
    <article class="card entry" id={`e-${entry.book}-${entry.seq}`}>
      {heading === 'h2' ? <h2>{title}</h2> : <h3>{title}</h3>}
      <p>{entry.memo}</p>
      <PostingsTable lang={lang} entry={entry} accountName={accountName} highlight={highlight} />
      <dl class="kv small">
        <dt>{say(lang, WEB.documentNo)}</dt>
        <dd>{entry.documentNo ?? '—'}</dd>
        <dt>{say(lang, WEB.recordedAt)}</dt>
        <dd>{entry.recordedAt}</dd>
        <dt>{say(lang, WEB.actor)}</dt>
        <dd>{entry.actor}</dd>
        {entry.reversesSeq !== null ? (
          <>
            <dt>{say(lang, WEB.kind)}</dt>
            <dd>
              <a href={entryHref(entry.book, entry.reversesSeq)}>
                {say(lang, WEB.reverses, { ref: `${entry.book}#${entry.reversesSeq}` })}
              </a>
            </dd>
          </>
        ) : null}
        {entry.idempotencyKey !== null ? (
          <>
            <dt>{say(lang, WEB.idempotencyKey)}</dt>
            <dd class="mono">{entry.idempotencyKey}</dd>
          </>
        ) : null}
        <dt>{say(lang, WEB.prevHash)}</dt>
        <dd class="mono">{entry.prevHash}</dd>
        <dt>{say(lang, WEB.hash)}</dt>
        <dd class="mono">{entry.hash}</dd>
      </dl>
    </article>
  );
};
