/**
 * The composition root: reads configuration, opens the store and wires the services. The only
 * module that knows every part.
 */
import { appendFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Access, type AccessOptions } from '../app/access/access.ts';
import { Operations } from '../app/approvals/operations.ts';
import { AuditLog } from '../app/audit/audit-log.ts';
import { Funds } from '../app/funds/funds.ts';
import { fundsOperations } from '../app/funds/operations.ts';
import { LedgerDesk } from '../app/ledger/desk.ts';
import { Ledger } from '../app/ledger/ledger.ts';
import { ledgerOperations } from '../app/ledger/operations.ts';
import { Loans } from '../app/loans/loans.ts';
import { loanOperations } from '../app/loans/operations.ts';
import { type LoanParties, registryParties } from '../app/loans/parties.ts';
import { Registry } from '../app/registry/registry.ts';
import { Risk, type RiskProviders } from '../app/risk/risk.ts';
import { aidProvider, savingsProvider } from '../app/risk/wiring.ts';
import { Savings } from '../app/savings/savings.ts';
import { Vbsp } from '../app/vbsp/vbsp.ts';
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

/**
 * Store options from the environment. `SOQUY_SQLITE_SYNC=FULL|NORMAL` (default FULL): NORMAL makes
 * each commit cheaper but a power cut may take back the last transactions committed before it
 * (never corrupt the file); docs/decisions/0001-sqlite-durability.md.
 */
export function storeOptionsFromEnv(env: Env): OpenOptions {
  const sync = env['SOQUY_SQLITE_SYNC'];
  if (sync === undefined || sync === '') return {};
  const upper = sync.toUpperCase();
  if (upper !== 'FULL' && upper !== 'NORMAL')
    throw new RefusedError([
      {
        code: 'value_not_allowed',
        field: 'SOQUY_SQLITE_SYNC',
        value: sync,
        params: { allowed: 'FULL, NORMAL' },
      },
    ]);
  return { synchronous: upper };
}

export interface App {
  readonly store: Store;
  readonly ledger: Ledger;
  /** The hash-chained audit log; every server write goes through it. */
  readonly audit: AuditLog;
  /** Users, grants, sessions, API tokens. */
  readonly access: Access;
  /** Maker-checker: every operation that moves money, with the handlers each area registers. */
  readonly operations: Operations;
  /** The ledger's audited set-up writes (organisations, books, accounts, closing periods). */
  readonly desk: LedgerDesk;
  /** Villages, households, people, poverty status, shocks, groups (issue 4). */
  readonly registry: Registry;
  /** Programmes, loans, schedules, interest, repayments, overdue and risk treatment (issue 5). */
  readonly loans: Loans;
  /** The VBSP transaction day: points, collection sheets, hand-over, fees, statements (issue 6). */
  readonly vbsp: Vbsp;
  /** Charity and relief funds: donations, aid under maker-checker, disclosure (issue 8). */
  readonly funds: Funds;
  /** Savings groups, meetings, share-out, savings accounts (issue 7). */
  readonly savings: Savings;
  /** Households at risk: watch list, reasons, steps from a shock to help (issue 12). */
  readonly risk: Risk;
  close(): Promise<void>;
}

/**
 * `SOQUY_QUERY_LOG=FILE` appends the text of every statement to FILE: the tenant-scoping test runs
 * other suites with it and checks that every statement names the commune (sharding readiness).
 */
function queryLogFromEnv(): OpenOptions {
  const file = process.env['SOQUY_QUERY_LOG'];
  return file ? { onQuery: (text) => appendFileSync(file, `${text.replace(/\s+/g, ' ')}\n`) } : {};
}

export async function openApp(
  location: string,
  options: OpenOptions & { readonly access?: AccessOptions } = {},
  wiring: { parties?: LoanParties; risk?: RiskProviders } = {},
): Promise<App> {
  const store = await openStore(location, { ...queryLogFromEnv(), ...options });
  const registry = new Registry(store);
  const ledger = new Ledger(store);
  const audit = new AuditLog(store);
  const operations = new Operations(store, audit);
  // Each area registers its operations here (loans: disburse, write-off, freeze; funds: aid).
  const [post, reverse] = ledgerOperations(ledger);
  operations.register(post);
  operations.register(reverse);
  // Loans ask the registry whether a borrower household or a shock event exists.
  const loans = new Loans(store, ledger, wiring.parties ?? registryParties(registry));
  const funds = new Funds(store, ledger, audit, operations);
  const savings = new Savings(store, ledger, loans);
  for (const h of fundsOperations(funds)) operations.register(h);
  const [approve, disburse, repay, extend, freeze, writeOff] = loanOperations(loans);
  operations.register(approve);
  operations.register(disburse);
  operations.register(repay);
  operations.register(extend);
  operations.register(freeze);
  operations.register(writeOff);
  return {
    store,
    ledger,
    audit,
    access: new Access(store, audit, options.access),
    operations,
    desk: new LedgerDesk(ledger),
    registry,
    loans,
    vbsp: new Vbsp(store, ledger, loans),
    funds,
    savings,
    // The at-risk rules read savings balances and aid received through these providers.
    risk: new Risk(
      store,
      audit,
      ledger,
      loans,
      wiring.risk ?? { savings: savingsProvider(savings), aid: aidProvider(funds) },
    ),
    close: () => store.close(),
  };
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
