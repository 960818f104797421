/**
 * The policy: what a holder of some grants may do to a book or to the commune. Pure functions,
 * so the HTTP layer, the pages and tests all ask the same questions.
 *
 * Books the user cannot read are `hidden` (the interfaces answer 404, exactly as for a book that
 * does not exist); books they can read but not act on are `forbidden` (403).
 */
import type { Grant, Role, Scope } from './roles.ts';

/** What one does to a book. Approving an operation on a book is a `write`. */
export const BOOK_ACTIONS = ['read', 'write', 'verify', 'export'] as const;
export type BookAction = (typeof BOOK_ACTIONS)[number];

/** What one does to the commune as a whole. */
export const COMMUNE_ACTIONS = [
  'organisations.create',
  'users.manage',
  'rules.manage',
  'audit.read',
  'commune.verify',
  'commune.export',
] as const;
export type CommuneAction = (typeof COMMUNE_ACTIONS)[number];

export type Decision = 'allow' | 'forbidden' | 'hidden';

/** A book as the policy sees it: its code and the organisation that keeps it. */
export interface BookRef {
  readonly code: string;
  readonly organisation: string | null;
}

/** The book actions each role has within its scope. */
const ROLE_BOOK_ACTIONS: Readonly<Record<Role, readonly BookAction[]>> = {
  admin: ['read', 'write', 'verify', 'export'],
  auditor: ['read', 'verify', 'export'],
  treasurer: ['read', 'write', 'verify', 'export'],
  viewer: ['read'],
  // A group leader's reach is the group's members and meetings (the registry's routes).
  group_leader: [],
};

const ROLE_COMMUNE_ACTIONS: Readonly<Record<Role, readonly CommuneAction[]>> = {
  admin: [...COMMUNE_ACTIONS],
  auditor: ['audit.read', 'commune.verify', 'commune.export'],
  treasurer: [],
  viewer: [],
  group_leader: [],
};

function covers(scope: Scope, book: BookRef): boolean {
  switch (scope.kind) {
    case 'commune':
      return true;
    case 'organisation':
      return book.organisation !== null && scope.id === book.organisation;
    case 'book':
      return scope.id === book.code;
    case 'group':
      return false;
  }
}

function allows(grants: readonly Grant[], action: BookAction, book: BookRef): boolean {
  return grants.some((g) => ROLE_BOOK_ACTIONS[g.role].includes(action) && covers(g.scope, book));
}

export function canReadBook(grants: readonly Grant[], book: BookRef): boolean {
  return allows(grants, 'read', book);
}

/** The decision for one action on one book; `undefined` is a book that does not exist. */
export function decideBook(
  grants: readonly Grant[],
  action: BookAction,
  book: BookRef | undefined,
): Decision {
  if (book === undefined || !canReadBook(grants, book)) return 'hidden';
  return allows(grants, action, book) ? 'allow' : 'forbidden';
}

/**
 * True when some grant could allow `action` on some book: an auditor can never `write`, so a
 * post is refused with 403 before its body is even read.
 */
export function mayEver(grants: readonly Grant[], action: BookAction): boolean {
  return grants.some((g) => ROLE_BOOK_ACTIONS[g.role].includes(action));
}

export function decideCommune(grants: readonly Grant[], action: CommuneAction): 'allow' | 'forbidden' {
  return grants.some((g) => ROLE_COMMUNE_ACTIONS[g.role].includes(action)) ? 'allow' : 'forbidden';
}

/** True when the user reads every book of the commune (admin, auditor, commune-wide viewer). */
export function readsWholeCommune(grants: readonly Grant[]): boolean {
  return grants.some((g) => g.scope.kind === 'commune' && ROLE_BOOK_ACTIONS[g.role].includes('read'));
}

/**
 * Creating a book: an admin anywhere; a treasurer of the organisation it will belong to.
 * A book outside any organisation is the admin's.
 */
export function decideCreateBook(
  grants: readonly Grant[],
  organisation: string | null,
): 'allow' | 'forbidden' {
  return grants.some(
    (g) =>
      g.role === 'admin' ||
      (g.role === 'treasurer' &&
        organisation !== null &&
        g.scope.kind === 'organisation' &&
        g.scope.id === organisation),
  )
    ? 'allow'
    : 'forbidden';
}

/** A group's data (registry): an admin, or the group's leader. */
export function decideGroup(grants: readonly Grant[], group: string): 'allow' | 'forbidden' {
  return grants.some(
    (g) =>
      g.role === 'admin' || (g.role === 'group_leader' && g.scope.kind === 'group' && g.scope.id === group),
  )
    ? 'allow'
    : 'forbidden';
}
