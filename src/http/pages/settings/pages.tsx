/**
 * Settings for admins: users and their roles (one-time passwords shown once, never stored in a
 * URL or a log), and the maker-checker rules (the amount above which an operation needs a
 * second person).
 */
import { z } from 'zod';
import type { UserView } from '../../../app/access/access.ts';
import { decideCommune } from '../../../domain/access/policy.ts';
import { ROLES } from '../../../domain/access/roles.ts';
import { groupDigits, parseDong } from '../../../domain/money.ts';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import { ROLE_TEXTS, WEB } from '../../../i18n/web.ts';
import { policies } from '../../registry.ts';
import { ErrorSummary, Field, FormErrors, fieldId, SelectField } from '../forms.tsx';
import { CsrfField, say } from '../layout.tsx';
import { type PageCall, type PageDef, page } from '../page.tsx';

const UserParams = z.object({ username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,30}$/) });

interface UsersState {
  readonly errors?: FormErrors;
  readonly values?: Readonly<Record<string, string>>;
  readonly done?: string;
  /** A one-time password to show once: never put in a URL. */
  readonly oneTime?: { username: string; password: string };
  readonly status?: number;
}

const ADD_NAMES = ['username', 'displayName', 'role', 'scope'];
const addAlias = (f: string) => f.replace(/^grants\[0\]\./, '');

function roleOptions(call: PageCall, blank = false) {
  return [
    ...(blank ? [{ value: '', label: '—' }] : []),
    ...ROLES.map((r) => ({ value: r, label: `${ROLE_TEXTS[r]?.[call.lang] ?? r} (${r})` })),
  ];
}

function splitGrant(g: string): { role: string; scope: string } {
  const at = g.indexOf('@');
  return at < 0 ? { role: g, scope: '' } : { role: g.slice(0, at), scope: g.slice(at + 1) };
}

async function usersPage(call: PageCall, state: UsersState = {}): Promise<Response> {
  const { lang, deps } = call;
  const users: UserView[] = await deps.app.access.users(call.readCtx());
  const errors = state.errors ?? FormErrors.none(lang);
  const v = state.values ?? {};
  const csrf = call.me().csrfToken;
  const title = say(lang, WEB.usersTitle);
  return call.render({
    title,
    status: state.status ?? 200,
    body: (
      <>
        <h1>{title}</h1>
        {state.done ? (
          <p class="done" role="status">
            {state.done}
          </p>
        ) : null}
        {state.oneTime ? (
          <p class="note" role="status">
            {say(lang, WEB.oneTimeShown, { username: state.oneTime.username })}
            <strong class="mono" data-one-time>
              {state.oneTime.password}
            </strong>
          </p>
        ) : null}
        <ErrorSummary errors={errors} />
        <section class="card scroll">
          <table>
            <thead>
              <tr>
                <th>{say(lang, WEB.username)}</th>
                <th>{say(lang, WEB.displayName)}</th>
                <th>{say(lang, WEB.grants)}</th>
                <th class="no-print" />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr data-user={u.username}>
                  <td>
                    {u.username}
                    {u.mustChangePassword ? (
                      <span class="muted small"> · {say(lang, WEB.mustChange)}</span>
                    ) : null}
                    {u.disabled ? <span class="bad small"> · {say(lang, WEB.disabled)}</span> : null}
                  </td>
                  <td>{u.displayName}</td>
                  <td>
                    <ul>
                      {u.grants.map((g) => {
                        const { role, scope } = splitGrant(g);
                        return (
                          <li>
                            {g}{' '}
                            <form
                              method="post"
                              action={`/settings/users/${u.username}/revoke`}
                              class="inline no-print"
                            >
                              <CsrfField token={csrf} />
                              <input type="hidden" name="role" value={role} />
                              <input type="hidden" name="scope" value={scope} />
                              <button
                                type="submit"
                                class="secondary"
                                aria-label={`${say(lang, WEB.revoke)} ${g}`}
                              >
                                {say(lang, WEB.revoke)}
                              </button>
                            </form>
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                  <td class="no-print">
                    <details>
                      <summary>{say(lang, WEB.manageUser)}</summary>
                      <form method="post" action={`/settings/users/${u.username}/grants`}>
                        <CsrfField token={csrf} />
                        <label for={`g-role-${u.username}`}>{say(lang, WEB.role)}</label>
                        <select id={`g-role-${u.username}`} name="role" required>
                          {roleOptions(call, true).map((o) => (
                            <option value={o.value}>{o.label}</option>
                          ))}
                        </select>
                        <label for={`g-scope-${u.username}`}>{say(lang, WEB.scope)}</label>
                        <input id={`g-scope-${u.username}`} name="scope" placeholder="organisation:hnd" />
                        <button type="submit" class="secondary">
                          {say(lang, WEB.grant)}
                        </button>
                      </form>
                      <form method="post" action={`/settings/users/${u.username}/reset-password`}>
                        <CsrfField token={csrf} />
                        <button type="submit" class="secondary">
                          {say(lang, WEB.resetPassword)}
                        </button>
                      </form>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section class="card no-print">
          <h2>{say(lang, WEB.addUser)}</h2>
          <form method="post" action="/settings/users">
            <CsrfField token={csrf} />
            <div class="filters">
              <Field
                name="username"
                label={say(lang, WEB.username)}
                errors={errors}
                value={v['username']}
                required
                autocomplete="off"
              />
              <Field
                name="displayName"
                label={say(lang, WEB.displayName)}
                errors={errors}
                value={v['displayName']}
              />
              <SelectField
                name="role"
                label={say(lang, WEB.role)}
                errors={errors}
                options={roleOptions(call, true)}
                value={v['role']}
              />
              <Field
                name="scope"
                label={say(lang, WEB.scope)}
                errors={errors}
                value={v['scope']}
                hint={say(lang, WEB.scopeHint)}
              />
            </div>
            <button type="submit">{say(lang, WEB.addUser)}</button>
          </form>
        </section>
      </>
    ),
  });
}

/** Runs an admin's change; a refusal shows the users page again with it. */
async function attempt(
  call: PageCall,
  fn: () => Promise<UsersState>,
  values?: Record<string, string>,
): Promise<Response> {
  try {
    return usersPage(call, await fn());
  } catch (e) {
    if (!(e instanceof RefusedError)) throw e;
    const notFound = e.refusals.every((r) => r.code === 'user_unknown');
    if (notFound) throw e;
    return usersPage(call, {
      errors: new FormErrors([...e.refusals], call.lang, values ? ADD_NAMES : [], addAlias),
      ...(values ? { values } : {}),
      status: 422,
    });
  }
}

// --- approval rules ---------------------------------------------------------------------------------

async function rulesPage(
  call: PageCall,
  state: { errors?: FormErrors; kind?: string; value?: string; saved?: string } = {},
): Promise<Response> {
  const { lang, deps } = call;
  const rules = new Map((await deps.app.operations.rules(call.readCtx())).map((r) => [r.kind, r]));
  const csrf = call.me().csrfToken;
  const title = say(lang, WEB.rulesTitle);
  return call.render({
    title,
    status: state.errors && state.errors.count > 0 ? 422 : 200,
    body: (
      <>
        <h1>{title}</h1>
        <p class="muted">{say(lang, WEB.rulesIntro)}</p>
        {state.saved ? <p class="done">{say(lang, WEB.ruleSaved, { kind: state.saved })}</p> : null}
        {deps.app.operations.kinds().map((k) => {
          const rule = rules.get(k.kind);
          const errors = state.kind === k.kind && state.errors ? state.errors : FormErrors.none(lang);
          const value =
            state.kind === k.kind && state.value !== undefined
              ? state.value
              : rule
                ? groupDigits(rule.thresholdDong, lang === 'vi' ? '.' : ',')
                : '';
          return (
            <section class="card" data-kind={k.kind}>
              <h2>
                {call.say(k.label)} <span class="muted small">({k.kind})</span>
              </h2>
              <p>
                {rule ? say(lang, WEB.ruleAbove, { threshold: rule.thresholdDong }) : say(lang, WEB.noRule)}
                {rule ? <span class="muted small"> · {rule.setBy}</span> : null}
              </p>
              <form method="post" action="/settings/approval-rules" class="no-print">
                <CsrfField token={csrf} />
                <input type="hidden" name="kind" value={k.kind} />
                <Field
                  name="threshold"
                  label={`${say(lang, WEB.threshold)} (₫)`}
                  errors={errors}
                  value={value}
                  inputmode="numeric"
                  id={fieldId(`threshold-${k.kind}`)}
                />
                <button type="submit">{say(lang, WEB.setRule)}</button>
              </form>
            </section>
          );
        })}
      </>
    ),
  });
}

export function settingsPages(): PageDef[] {
  const admin = (grants: Parameters<typeof decideCommune>[0]) =>
    decideCommune(grants, 'users.manage') === 'allow';
  return [
    page({
      method: 'get',
      path: '/settings/users',
      area: 'settings',
      summary: 'Users and their roles',
      policy: policies.commune('users.manage'),
      nav: { label: WEB.navUsers, order: 90, visible: admin },
      handler: (call) => usersPage(call),
    }),
    page({
      method: 'post',
      path: '/settings/users',
      area: 'settings',
      summary: 'Add a user; the one-time password is shown once',
      policy: policies.commune('users.manage'),
      handler: async (call) => {
        const form = call.form!;
        const values = {
          username: (form.get('username') ?? '').trim(),
          displayName: (form.get('displayName') ?? '').trim(),
          role: form.get('role') ?? '',
          scope: (form.get('scope') ?? '').trim(),
        };
        return attempt(
          call,
          async () => {
            const r = await call.deps.app.access.createUser(call.ctx(), {
              username: values.username,
              displayName: values.displayName === '' ? undefined : values.displayName,
              grants:
                values.role === ''
                  ? []
                  : [{ role: values.role, scope: values.scope === '' ? undefined : values.scope }],
            });
            return {
              done: call.say(WEB.userCreated, { username: r.username }),
              ...(r.oneTimePassword
                ? { oneTime: { username: r.username, password: r.oneTimePassword } }
                : {}),
              status: 201,
            };
          },
          values,
        );
      },
    }),
    page({
      method: 'post',
      path: '/settings/users/{username}/grants',
      area: 'settings',
      summary: 'Grant a role to a user',
      params: UserParams,
      policy: policies.commune('users.manage'),
      handler: (call) =>
        attempt(call, async () => {
          const scope = (call.form!.get('scope') ?? '').trim();
          await call.deps.app.access.grant(
            call.ctx(),
            call.params.username,
            call.form!.get('role') ?? '',
            scope || undefined,
          );
          return { done: call.say(WEB.userUpdated, { username: call.params.username }) };
        }),
    }),
    page({
      method: 'post',
      path: '/settings/users/{username}/revoke',
      area: 'settings',
      summary: 'Revoke a role of a user',
      params: UserParams,
      policy: policies.commune('users.manage'),
      handler: (call) =>
        attempt(call, async () => {
          const scope = (call.form!.get('scope') ?? '').trim();
          await call.deps.app.access.revoke(
            call.ctx(),
            call.params.username,
            call.form!.get('role') ?? '',
            scope || undefined,
          );
          return { done: call.say(WEB.userUpdated, { username: call.params.username }) };
        }),
    }),
    page({
      method: 'post',
      path: '/settings/users/{username}/reset-password',
      area: 'settings',
      summary: 'Give a user a one-time password (shown once; their sessions end)',
      params: UserParams,
      policy: policies.commune('users.manage'),
      handler: (call) =>
        attempt(call, async () => {
          const password = await call.deps.app.access.resetPassword(call.ctx(), call.params.username);
          return { oneTime: { username: call.params.username, password } };
        }),
    }),
    page({
      method: 'get',
      path: '/settings/approval-rules',
      area: 'settings',
      summary: 'Maker-checker rules: the threshold of each kind of operation',
      query: z.object({ saved: z.string().max(60).optional() }).strict(),
      policy: policies.commune('rules.manage'),
      nav: { label: WEB.navRules, order: 95, visible: admin },
      handler: (call) => rulesPage(call, call.query.saved ? { saved: call.query.saved } : {}),
    }),
    page({
      method: 'post',
      path: '/settings/approval-rules',
      area: 'settings',
      summary: 'Set or remove the threshold of a kind of operation',
      policy: policies.commune('rules.manage'),
      handler: async (call) => {
        const form = call.form!;
        const kind = form.get('kind') ?? '';
        const raw = (form.get('threshold') ?? '').trim();
        const refuse = (refusals: Refusal[]) =>
          rulesPage(call, {
            errors: new FormErrors(refusals, call.lang, ['threshold'], (f) =>
              f === 'thresholdDong' ? 'threshold' : f,
            ),
            kind,
            value: raw,
          });
        let threshold: number | null = null;
        if (raw !== '') {
          const parsed = parseDong('threshold', raw);
          if (!parsed.ok) return refuse(parsed.refusals);
          threshold = parsed.value;
        }
        try {
          await call.deps.app.operations.setRule(call.ctx(), kind, threshold);
        } catch (e) {
          if (!(e instanceof RefusedError)) throw e;
          return refuse([...e.refusals]);
        }
        return call.redirect(`/settings/approval-rules?saved=${encodeURIComponent(kind)}`);
      },
    }),
  ];
}
