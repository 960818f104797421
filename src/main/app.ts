/**
 * The composition root: reads configuration, opens the store and wires the services. The only
 * module that knows every part.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Ledger } from '../app/ledger/ledger.ts';
import { Loans } from '../app/loans/loans.ts';
import type { LoanParties } from '../app/loans/parties.ts';
import { RefusedError } from '../domain/refusal.ts';
import type { Lang } from '../i18n/types.ts';
import { type OpenOptions, openStore, type Store } from '../store/open-store.ts';

export const DEFAULT_DB = './data/soquy.db';

export interface Config {
  readonly db: string;
  readonly tenant: string | undefined;
  readonly actor: string;
  readonly lang: Lang;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the data lives: `--db`, else `SOQUY_DB`, else `DATABASE_URL`, else ./data/soquy.db.
 * A `postgres://` URL in any of them selects PostgreSQL.
 */
export function resolveDb(flag: string | undefined, env: Env, cwd: string): string {
  const chosen = flag ?? env['SOQUY_DB'] ?? env['DATABASE_URL'] ?? DEFAULT_DB;
  return /^postgres(ql)?:\/\//.test(chosen) || chosen === ':memory:' ? chosen : resolve(cwd, chosen);
}

export function resolveConfig(
  flags: { db?: string; tenant?: string; actor?: string; lang?: string },
  env: Env,
  cwd: string,
): Config {
  const lang = (flags.lang ?? env['SOQUY_LANG'] ?? 'vi') === 'en' ? 'en' : 'vi';
  let actor = flags.actor ?? env['SOQUY_ACTOR'];
  if (!actor) {
    try {
      actor = userInfo().username;
    } catch {
      actor = 'soquy';
    }
  }
  return { db: resolveDb(flags.db, env, cwd), tenant: flags.tenant ?? env['SOQUY_TENANT'], actor, lang };
}

export interface App {
  readonly store: Store;
  readonly ledger: Ledger;
  readonly loans: Loans;
  close(): Promise<void>;
}

/**
 * Opens the store and wires the services. `parties` answers the loans' questions about
 * households and shocks; by default it reads the registry's tables when they exist (wire the
 * registry service here at merge).
 */
export async function openApp(
  location: string,
  options: OpenOptions = {},
  wiring: { parties?: LoanParties } = {},
): Promise<App> {
  const store = await openStore(location, options);
  const ledger = new Ledger(store);
  const loans = new Loans(store, ledger, wiring.parties);
  return { store, ledger, loans, close: () => store.close() };
}

/** The commune to act for: the one named, else the only one in the database. */
export async function resolveTenant(app: App, named: string | undefined): Promise<string> {
  const tenants = await app.ledger.tenants();
  if (named !== undefined) {
    if (!tenants.some((t) => t.id === named))
      throw new RefusedError([{ code: 'tenant_unknown', field: 'tenant', value: named }]);
    return named;
  }
  if (tenants.length === 1) return tenants[0]!.id;
  throw new RefusedError([
    { code: 'tenant_required', field: 'tenant', value: null, params: { count: tenants.length } },
  ]);
}
