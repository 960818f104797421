/**
 * Household search (accents, case and one typo per word forgiven: the registry's search) and the
 * household page: members, poverty history and flags, shocks, memberships, the loans one may see,
 * and sections other areas provide (savings, aid received), shown only when they are registered.
 */
import type { Child, FC } from 'hono/jsx';
import { z } from 'zod';
import type { HouseholdDetail } from '../../../app/registry/types.ts';
import { readsWholeCommune } from '../../../domain/access/policy.ts';
import type { Grant } from '../../../domain/access/roles.ts';
import { formatDate } from '../../../domain/dates.ts';
import type { LoanPosition } from '../../../domain/loans/state.ts';
import { formatDong } from '../../../domain/money.ts';
import { LOANS_TERMS } from '../../../i18n/loans.ts';
import { POLICY_LABELS, SHOCK_LABELS, STATUS_LABELS } from '../../../i18n/registry.ts';
import type { Lang, Text } from '../../../i18n/types.ts';
import { WEB } from '../../../i18n/web.ts';
import { WEB_LOANS } from '../../../i18n/web-loans.ts';
import type { LoanRow } from '../../../store/loans-store.ts';
import { policies, s } from '../../registry.ts';
import { householdWithLoans, SearchQuery, searchHouseholds } from '../../routes/registry.ts';
import { householdPolicy } from '../../scopes.ts';
import { AsOfForm, qs } from '../components.tsx';
import { Field, FormErrors } from '../forms.tsx';
import { say } from '../layout.tsx';
import { dateParam, readableBooks, ruleText, todayOf } from '../ledger/shared.ts';
import { type PageCall, type PageDef, page } from '../page.tsx';

/**
 * A section of the household page another area provides (savings balances, aid received).
 * Without a provider the section is not shown at all: never an invented figure.
 */
export interface HouseholdSection {
  /** `savings.balances`, `funds.aid` */
  readonly id: string;
  readonly title: Text;
  /** The module that provides it, named under the title. */
  readonly area: Text;
  render(call: PageCall, household: HouseholdDetail): Promise<Child | null>;
}

export function householdHref(id: string, asOf?: string): string {
  return `/households/${encodeURIComponent(id)}${qs({ asOf })}`;
}

export function loanHref(id: string, tail = ''): string {
  return `/loans/${encodeURIComponent(id)}${tail}`;
}

export function term(key: string, lang: Lang): string {
  return LOANS_TERMS[key]?.[lang] ?? key;
}

/** Whether the menu offers households: anyone who reads some book or the commune. */
function readsSomething(grants: readonly Grant[]): boolean {
  return readsWholeCommune(grants) || grants.some((g) => g.role === 'treasurer' || g.role === 'viewer');
}

const SearchPageQuery = SearchQuery.partial({ q: true });

async function searchPage(call: PageCall<unknown, z.infer<typeof SearchPageQuery>>): Promise<Response> {
  const { lang, query } = call;
  const q = (query.q ?? '').trim();
  const result = q === '' ? null : await searchHouseholds(call.deps, call.me(), { ...query, q });
  const title = say(lang, WEB_LOANS.searchTitle);
  return call.render({
    title,
    body: (
      <>
        <h1>{title}</h1>
        <form method="get" action="/households" class="card" aria-label="search">
          <Field
            name="q"
            label={say(lang, WEB_LOANS.searchLabel)}
            hint={say(lang, WEB_LOANS.searchHint)}
            errors={FormErrors.none(lang)}
            value={q}
            type="search"
            inputmode="search"
            autocomplete="off"
            maxlength={100}
            autofocus={q === ''}
          />
          <button type="submit">{say(lang, WEB_LOANS.searchButton)}</button>
        </form>
        {result === null ? null : result.hits.length === 0 ? (
          <p class="note" data-search-empty>
            {say(lang, WEB_LOANS.searchNone, { q })}
          </p>
        ) : (
          <section class="card" id="results">
            <h2>{say(lang, WEB_LOANS.searchCount, { count: result.hits.length })}</h2>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>{say(lang, WEB_LOANS.fullName)}</th>
                    <th>{say(lang, WEB_LOANS.household)}</th>
                    <th>{say(lang, WEB_LOANS.village)}</th>
                    <th>{say(lang, WEB_LOANS.birthYear)}</th>
                    <th>{say(lang, WEB_LOANS.povertyStatus)}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.hits.map((h) => (
                    <tr data-household={h.householdId}>
                      <td>
                        <a href={householdHref(h.householdId)}>{h.fullName}</a>
                      </td>
                      <td>{h.householdId}</td>
                      <td>{h.villageName}</td>
                      <td>{h.birthYear ?? ''}</td>
                      <td>{h.status ? STATUS_LABELS[h.status][lang] : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {result.more ? <p class="muted small">{say(lang, WEB_LOANS.searchMore)}</p> : null}
          </section>
        )}
      </>
    ),
  });
}

const LoansTable: FC<{
  lang: Lang;
  loans: ReadonlyArray<{ loan: LoanRow; position: LoanPosition }>;
}> = ({ lang, loans }) => (
  <div class="scroll">
    <table>
      <thead>
        <tr>
          <th>{say(lang, WEB_LOANS.loans)}</th>
          <th>{say(lang, WEB_LOANS.programme)}</th>
          <th>{say(lang, WEB_LOANS.book)}</th>
          <th class="num">{say(lang, WEB_LOANS.disbursed)}</th>
          <th class="num">{say(lang, WEB_LOANS.outstanding)}</th>
          <th class="num">{say(lang, WEB_LOANS.daysPastDue)}</th>
          <th>{say(lang, WEB_LOANS.status)}</th>
        </tr>
      </thead>
      <tbody>
        {loans.map(({ loan, position }) => (
          <tr data-loan={loan.id}>
            <td>
              <a href={loanHref(loan.id)}>{loan.id}</a>
            </td>
            <td>{loan.programme}</td>
            <td>{loan.book}</td>
            <td class="num">{formatDong(position.disbursed, lang)}</td>
            <td class="num">{formatDong(position.outstanding, lang)}</td>
            <td class="num">{position.daysPastDue}</td>
            <td>{term(position.status, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

function householdPage(sections: readonly HouseholdSection[]) {
  return async (call: PageCall<{ household: string }, { asOf?: string | undefined }>): Promise<Response> => {
    const { lang, params, query, deps } = call;
    const p = call.me();
    const asOfParam = dateParam('asOf', query.asOf);
    const asOf = asOfParam.date ?? todayOf(call);
    const { household: h, loans } = await householdWithLoans(deps, p, params.household, asOf);
    const title = say(lang, WEB_LOANS.householdTitle, { id: h.id, head: h.headName ?? '—' });
    const canApply = (await readableBooks(deps, p)).some((b) =>
      p.grants.some(
        (g) =>
          (g.role === 'admin' || g.role === 'treasurer') &&
          (g.scope.kind === 'commune' ||
            (g.scope.kind === 'organisation' && g.scope.id === b.organisation) ||
            (g.scope.kind === 'book' && g.scope.id === b.code)),
      ),
    );
    const rendered = await Promise.all(
      sections.map(async (sec) => ({ sec, body: await sec.render(call, h) })),
    );
    const flags = [
      h.flags.newlyPoor ? WEB_LOANS.flagNewlyPoor : null,
      h.flags.fellBack ? WEB_LOANS.flagFellBack : null,
      h.flags.escapedWithin3Years ? WEB_LOANS.flagEscaped : null,
    ].filter((x): x is Text => x !== null);
    return call.render({
      title,
      scripts: ['print'],
      body: (
        <>
          <h1>{title}</h1>
          <p class="sub">
            {h.villageName}
            {h.status ? ` · ${STATUS_LABELS[h.status][lang]}` : ''} ·{' '}
            {say(lang, WEB.asOfLine, { date: asOf })}
          </p>
          <AsOfForm
            lang={lang}
            action={householdHref(h.id)}
            asOf={asOf}
            error={ruleText(asOfParam.refusal, lang)}
          />
          {h.archivedOn ? <p class="note">{say(lang, WEB_LOANS.archived, { date: h.archivedOn })}</p> : null}
          <section class="card">
            <dl class="kv">
              <dt>{say(lang, WEB_LOANS.address)}</dt>
              <dd>{h.address ?? '—'}</dd>
              <dt>{say(lang, WEB_LOANS.phone)}</dt>
              <dd>{h.phone ?? '—'}</dd>
              <dt>{say(lang, WEB_LOANS.povertyStatus)}</dt>
              <dd data-status={h.status ?? ''}>
                {h.status ? STATUS_LABELS[h.status][lang] : '—'}
                {flags.map((f) => (
                  <span class="muted small"> · {f[lang]}</span>
                ))}
              </dd>
            </dl>
          </section>
          <section class="card" aria-labelledby="members-h">
            <h2 id="members-h">{say(lang, WEB_LOANS.members)}</h2>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>{say(lang, WEB_LOANS.fullName)}</th>
                    <th>{say(lang, WEB_LOANS.relation)}</th>
                    <th>{say(lang, WEB_LOANS.birthYear)}</th>
                    <th>{say(lang, WEB_LOANS.idNumber)}</th>
                    <th>{say(lang, WEB_LOANS.policies)}</th>
                  </tr>
                </thead>
                <tbody>
                  {h.members.map((m) => (
                    <tr>
                      <td>{m.fullName}</td>
                      <td>{m.isHead ? say(lang, WEB_LOANS.head) : (m.relation ?? '')}</td>
                      <td>{m.birthYear ?? ''}</td>
                      <td>{m.idNumber ?? ''}</td>
                      <td>{m.policies.map((pol) => POLICY_LABELS[pol.category][lang]).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section class="card" aria-labelledby="loans-h" id="loans">
            <h2 id="loans-h">{say(lang, WEB_LOANS.loans)}</h2>
            {loans.length === 0 ? (
              <p class="muted">{say(lang, WEB_LOANS.noLoans)}</p>
            ) : (
              <LoansTable lang={lang} loans={loans as Array<{ loan: LoanRow; position: LoanPosition }>} />
            )}
            {canApply && !h.archivedOn ? (
              <p class="no-print">
                <a class="button secondary" href={`/loans/new${qs({ household: h.id })}`}>
                  {say(lang, WEB_LOANS.newLoan)}
                </a>
              </p>
            ) : null}
          </section>
          {rendered.map(({ sec, body }) => (
            <section class="card" data-section={sec.id}>
              <h2>{say(lang, sec.title)}</h2>
              <p class="muted small">{say(lang, WEB_LOANS.sectionFrom, { area: say(lang, sec.area) })}</p>
              {body}
            </section>
          ))}
          <section class="card" aria-labelledby="poverty-h">
            <h2 id="poverty-h">{say(lang, WEB_LOANS.povertyHistory)}</h2>
            {h.statusHistory.length === 0 ? (
              <p class="muted">{say(lang, WEB.noRows)}</p>
            ) : (
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th>{say(lang, WEB_LOANS.decidedOn)}</th>
                      <th>{say(lang, WEB_LOANS.povertyStatus)}</th>
                      <th>{say(lang, WEB_LOANS.standard)}</th>
                      <th>{say(lang, WEB_LOANS.certificateNo)}</th>
                      <th class="num">{say(lang, WEB_LOANS.income)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {h.statusHistory.map((st) => (
                      <tr>
                        <td>{formatDate(st.decidedOn)}</td>
                        <td>{STATUS_LABELS[st.status][lang]}</td>
                        <td>{st.standard}</td>
                        <td>{st.certificateNo ?? ''}</td>
                        <td class="num">{st.incomeDong === null ? '' : formatDong(st.incomeDong, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section class="card" aria-labelledby="shocks-h">
            <h2 id="shocks-h">{say(lang, WEB_LOANS.shocks)}</h2>
            {h.shocks.length === 0 ? (
              <p class="muted">{say(lang, WEB.noRows)}</p>
            ) : (
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th>{say(lang, WEB_LOANS.date)}</th>
                      <th>{say(lang, WEB_LOANS.shockKind)}</th>
                      <th>{say(lang, WEB_LOANS.description)}</th>
                      <th class="num">{say(lang, WEB_LOANS.loss)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {h.shocks.map((sh) => (
                      <tr>
                        <td>{formatDate(sh.occurredOn)}</td>
                        <td>{SHOCK_LABELS[sh.kind][lang]}</td>
                        <td>{sh.description}</td>
                        <td class="num">{formatDong(sh.lossDong, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {h.organisations.length + h.groups.length > 0 ? (
            <section class="card">
              <h2>{say(lang, WEB_LOANS.memberships)}</h2>
              <ul>
                {h.organisations.map((m) => (
                  <li>
                    {m.fullName} · {m.organisationId} · {formatDate(m.joinedOn)}
                    {m.leftOn ? ` – ${formatDate(m.leftOn)}` : ''}
                  </li>
                ))}
                {h.groups.map((m) => (
                  <li>
                    {m.fullName} · {m.groupName} · {formatDate(m.joinedOn)}
                    {m.leftOn ? ` – ${formatDate(m.leftOn)}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ),
    });
  };
}

export function householdPages(options: { sections?: readonly HouseholdSection[] } = {}): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/households',
      area: 'registry',
      summary: 'Household search: accents, case and one typo per word forgiven; only households one may read',
      query: SearchPageQuery,
      policy: policies.signedIn(),
      nav: { label: WEB_LOANS.navHouseholds, order: 15, visible: readsSomething },
      handler: searchPage,
    }),
    page({
      method: 'get',
      path: '/households/{household}',
      area: 'registry',
      summary: 'A household: members, poverty history, shocks, loans, and the sections other areas provide',
      params: z.object({ household: s.party }),
      query: z.object({ asOf: z.string().max(20).optional() }).strict(),
      policy: householdPolicy(),
      handler: householdPage(options.sections ?? []),
    }),
  ];
}
