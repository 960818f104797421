/**
 * Who may act: roles held in a scope. A user holds any number of grants; each is checked on its
 * own (docs/design/server.md has the matrix). Pure: no I/O.
 */
import { ok, type Refusal, type Result } from '../refusal.ts';

export const ROLES = ['admin', 'treasurer', 'group_leader', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Where a grant applies. `commune` = the whole tenant. */
export const SCOPE_KINDS = ['commune', 'organisation', 'book', 'group'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export interface Scope {
  readonly kind: ScopeKind;
  /** Organisation id, book code or group id; '' for the commune. */
  readonly id: string;
}

export interface Grant {
  readonly role: Role;
  readonly scope: Scope;
}

export const COMMUNE: Scope = { kind: 'commune', id: '' };

/** The scopes each role may be granted in. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly ScopeKind[]>> = {
  admin: ['commune'],
  auditor: ['commune'],
  treasurer: ['organisation', 'book'],
  // Groups are the registry's (savings-and-loan groups, VSLA groups); kept here as an id string.
  group_leader: ['group'],
  viewer: ['commune', 'organisation', 'book'],
};

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

const SCOPE_ID = /^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/;

/**
 * Parses `commune`, `organisation:hnd`, `book:quy-htnd`, `group:g-12` (or an omitted scope for
 * commune-wide roles) and checks it suits the role.
 */
export function parseGrant(role: unknown, scope: unknown): Result<Grant> {
  const refusals: Refusal[] = [];
  if (!isRole(role))
    refusals.push({
      code: 'value_not_allowed',
      field: 'role',
      value: role,
      params: { allowed: ROLES.join(', ') },
    });
  let parsed: Scope | undefined;
  if (scope === undefined || scope === null || scope === '' || scope === 'commune') parsed = COMMUNE;
  else if (typeof scope === 'string') {
    const colon = scope.indexOf(':');
    const kind = scope.slice(0, colon);
    const id = scope.slice(colon + 1);
    if (
      colon > 0 &&
      (SCOPE_KINDS as readonly string[]).includes(kind) &&
      kind !== 'commune' &&
      SCOPE_ID.test(id)
    )
      parsed = { kind: kind as ScopeKind, id };
  }
  if (!parsed) refusals.push({ code: 'scope_invalid', field: 'scope', value: scope });
  if (refusals.length > 0) return { ok: false, refusals };
  const r = role as Role;
  if (!ROLE_SCOPES[r].includes(parsed!.kind))
    return {
      ok: false,
      refusals: [
        {
          code: 'scope_not_for_role',
          field: 'scope',
          value: scope ?? 'commune',
          params: { role: r, allowed: ROLE_SCOPES[r].join(', ') },
        },
      ],
    };
  return ok({ role: r, scope: parsed! });
}

/** `treasurer@organisation:hnd`, `auditor` – how grants read in lists and logs. */
export function formatGrant(g: Grant): string {
  return g.scope.kind === 'commune' ? g.role : `${g.role}@${g.scope.kind}:${g.scope.id}`;
}

export function formatScope(s: Scope): string {
  return s.kind === 'commune' ? 'commune' : `${s.kind}:${s.id}`;
}
