/**
 * The ledger service: books, accounts, posting, reversing, closing periods and every read an
 * auditor needs. Other services (loans, savings, funds) post through `postInTx` inside their own
 * transactions; interfaces call the methods here.
 */
import { addDays, isBusinessDate } from '../../domain/dates.ts';
import {
  ACCOUNT_TYPES,
  type AccountSpec,
  type AccountType,
  BALANCE_RULES,
  type BalanceRule,
  defaultNormalSide,
  isOnBalanceSheet,
  type NormalSide,
  normalBalance,
  PARTY_MODES,
  type PartyMode,
} from '../../domain/ledger/accounts.ts';
import { genesisHash, requestHash } from '../../domain/ledger/chain.ts';
import { parseAccountCode, parsePartyId, parseSlug } from '../../domain/ledger/codes.ts';
import { type Entry, type EntryDraft, reversedPostings } from '../../domain/ledger/entry.ts';
import { LEDGER_LIMITS } from '../../domain/ledger/limits.ts';
import { findTemplate } from '../../domain/ledger/templates.ts';
import { collect, type Refusal, RefusedError, type Result } from '../../domain/refusal.ts';
import * as q from '../../store/ledger-store.ts';
import type { Store, Tx } from '../../store/open-store.ts';
import { type Ctx, nowIso, today } from '../context.ts';
import { AccountCache } from './account-cache.ts';
import { type InternalDraft, type PostEnv, type PostOptions, type PostResult, postInTx } from './post.ts';

export interface BookInput {
  readonly code: string;
  readonly template: string;
  readonly organisation?: string | null | undefined;
  readonly nameVi?: string | undefined;
  readonly nameEn?: string | undefined;
}

export interface ReverseInput {
  readonly book: string;
  readonly seq: number;
  /** The reversal's date; today in the commune's calendar when absent. */
  readonly date?: string | undefined;
  readonly memo?: string | undefined;
  readonly idempotencyKey?: string | null | undefined;
}

export interface AccountInput {
  readonly book: string;
  readonly code: string;
  readonly type: string;
  readonly nameVi: string;
  readonly nameEn?: string | undefined;
  readonly normalSide?: string | undefined;
  readonly partyMode?: string | undefined;
  readonly balanceRule?: string | undefined;
}

export interface BalanceView {
  readonly book: string;
  readonly account: string;
  readonly party: string | null;
  readonly asOf: string | null;
  readonly normalSide: NormalSide;
  readonly debit: number;
  readonly credit: number;
  /** On the account's normal side: what the treasurer reads. */
  readonly balance: number;
  readonly postings: number;
}

export interface StatementLine {
  readonly date: string;
  readonly seq: number;
  readonly line: number;
  readonly kind: string;
  readonly memo: string;
  readonly documentNo: string | null;
  readonly party: string | null;
  readonly debit: number;
  readonly credit: number;
  /** Running balance on the account's normal side after this line. */
  readonly balance: number;
}

export interface Statement {
  readonly book: string;
  readonly account: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly party: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly opening: number;
  readonly closing: number;
  readonly totalDebit: number;
  readonly totalCredit: number;
  readonly lines: readonly StatementLine[];
  /** True when the page limit cut the lines short. */
  readonly truncated: boolean;
}

export interface TrialBalanceRow {
  readonly book: string;
  readonly account: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly type: AccountType;
  readonly normalSide: NormalSide;
  readonly debit: number;
  readonly credit: number;
  /** Debit minus credit: positive is a debit balance. */
  readonly net: number;
}

export interface TrialBalance {
  readonly asOf: string | null;
  readonly rows: readonly TrialBalanceRow[];
  /** Sums over balance-sheet accounts; both zero-difference when the books balance. */
  readonly totalDebit: number;
  readonly totalCredit: number;
  /** Memo accounts, which balance among themselves. */
  readonly memoDebit: number;
  readonly memoCredit: number;
}

function oneOf<T extends string>(list: readonly T[], field: string, value: unknown, fallback?: T): Result<T> {
  if (value === undefined && fallback !== undefined) return { ok: true, value: fallback };
  return (list as readonly unknown[]).includes(value)
    ? { ok: true, value: value as T }
    : {
        ok: false,
        refusals: [{ code: 'value_not_allowed', field, value, params: { allowed: list.join(', ') } }],
      };
}

function name(field: string, value: unknown, required: boolean): Refusal[] {
  if (value === undefined && !required) return [];
  if (typeof value !== 'string' || value.trim() === '') return [{ code: 'text_invalid', field, value }];
  if (value.length > LEDGER_LIMITS.nameLengthMax)
    return [
      {
        code: 'text_too_long',
        field,
        value: value.slice(0, 40),
        params: { max: LEDGER_LIMITS.nameLengthMax },
      },
    ];
  return [];
}

function throwIf(refusals: Refusal[]): void {
  if (refusals.length > 0) throw new RefusedError(refusals);
}

export class Ledger {
  readonly #env: PostEnv;

  constructor(readonly store: Store) {
    this.#env = { kind: store.kind, accounts: new AccountCache() };
  }

  /** For other services: the environment `postInTx` needs. */
  get env(): PostEnv {
    return this.#env;
  }

  // --- set-up -----------------------------------------------------------------------------------

  async createTenant(input: { id: string; name: string }, at = new Date().toISOString()): Promise<void> {
    const id = parseSlug('tenant', input.id);
    throwIf([...collect(id), ...name('name', input.name, true)]);
    await this.store.write(async (tx) => {
      if (await q.findTenant(tx, input.id))
        throw new RefusedError([{ code: 'already_exists', field: 'tenant', value: input.id }]);
      await q.insertTenant(tx, input.id, input.name, at);
    });
  }

  async tenants(): Promise<Array<{ id: string; name: string }>> {
    return q.listTenants(this.store.db);
  }

  async createOrganisation(
    ctx: Ctx,
    o: { id: string; kind: string; nameVi: string; nameEn?: string | undefined },
  ): Promise<void> {
    await this.store.write((tx) => this.createOrganisationInTx(tx, ctx, o));
  }

  async createOrganisationInTx(
    tx: Tx,
    ctx: Ctx,
    o: { id: string; kind: string; nameVi: string; nameEn?: string | undefined },
  ): Promise<void> {
    throwIf([
      ...collect(parseSlug('id', o.id)),
      ...name('kind', o.kind, true),
      ...name('nameVi', o.nameVi, true),
      ...name('nameEn', o.nameEn, false),
    ]);
    if ((await q.listOrganisations(tx, ctx.tenant)).some((x) => x.id === o.id))
      throw new RefusedError([{ code: 'already_exists', field: 'id', value: o.id }]);
    await q.insertOrganisation(
      tx,
      ctx.tenant,
      { id: o.id, kind: o.kind, nameVi: o.nameVi, nameEn: o.nameEn ?? o.nameVi },
      nowIso(ctx),
    );
  }

  async organisations(ctx: Ctx): Promise<q.OrganisationRow[]> {
    return q.listOrganisations(this.store.db, ctx.tenant);
  }

  /** Creates a book and its chart from a template, in one transaction. */
  async createBook(ctx: Ctx, input: BookInput): Promise<q.BookRow> {
    return this.store.write((tx) => this.createBookInTx(tx, ctx, input));
  }

  async createBookInTx(tx: Tx, ctx: Ctx, input: BookInput): Promise<q.BookRow> {
    const template = findTemplate(input.template);
    const refusals = [
      ...collect(parseSlug('book', input.code)),
      ...name('nameVi', input.nameVi, false),
      ...name('nameEn', input.nameEn, false),
    ];
    if (!template) refusals.push({ code: 'template_unknown', field: 'template', value: input.template });
    throwIf(refusals);
    if ((await q.findBooks(tx, this.#env.kind, ctx.tenant, [input.code])).length > 0)
      throw new RefusedError([{ code: 'already_exists', field: 'book', value: input.code }]);
    const org = input.organisation ?? null;
    if (org !== null && !(await q.listOrganisations(tx, ctx.tenant)).some((o) => o.id === org))
      throw new RefusedError([{ code: 'organisation_unknown', field: 'organisation', value: org }]);
    const at = nowIso(ctx);
    const row = {
      tenant: ctx.tenant,
      code: input.code,
      organisation: org,
      template: template!.id,
      nameVi: input.nameVi ?? template!.nameVi,
      nameEn: input.nameEn ?? template!.nameEn,
      headHash: genesisHash(ctx.tenant, input.code),
    };
    await q.insertBook(tx, row, at);
    await q.insertAccounts(tx, ctx.tenant, input.code, template!.accounts, at);
    this.#env.accounts.forget(ctx.tenant, input.code);
    return { ...row, headSeq: 0, lockedThrough: null };
  }

  async books(ctx: Ctx): Promise<q.BookRow[]> {
    return q.findBooks(this.store.db, this.#env.kind, ctx.tenant, 'all');
  }

  async book(ctx: Ctx, code: string): Promise<q.BookRow> {
    const [b] = await q.findBooks(this.store.db, this.#env.kind, ctx.tenant, [code]);
    if (!b) throw new RefusedError([{ code: 'book_unknown', field: 'book', value: code }]);
    return b;
  }

  async addAccount(ctx: Ctx, input: AccountInput): Promise<AccountSpec> {
    return this.store.write((tx) => this.addAccountInTx(tx, ctx, input));
  }

  async addAccountInTx(tx: Tx, ctx: Ctx, input: AccountInput): Promise<AccountSpec> {
    const type = oneOf(ACCOUNT_TYPES, 'type', input.type);
    const side = oneOf<NormalSide>(
      ['debit', 'credit'],
      'normalSide',
      input.normalSide,
      type.ok ? defaultNormalSide(type.value) : 'debit',
    );
    const party = oneOf<PartyMode>(PARTY_MODES, 'partyMode', input.partyMode, 'none');
    const rule = oneOf<BalanceRule>(BALANCE_RULES, 'balanceRule', input.balanceRule, 'none');
    throwIf([
      ...collect(parseAccountCode('code', input.code), type, side, party, rule),
      ...name('nameVi', input.nameVi, true),
      ...name('nameEn', input.nameEn, false),
    ]);
    const spec: AccountSpec = {
      code: input.code,
      type: type.ok ? type.value : 'asset',
      normalSide: side.ok ? side.value : 'debit',
      nameVi: input.nameVi,
      nameEn: input.nameEn ?? input.nameVi,
      partyMode: party.ok ? party.value : 'none',
      balanceRule: rule.ok ? rule.value : 'none',
    };
    const [book] = await q.findBooks(tx, this.#env.kind, ctx.tenant, [input.book], true);
    if (!book) throw new RefusedError([{ code: 'book_unknown', field: 'book', value: input.book }]);
    const existing = await q.listAccounts(tx, ctx.tenant, input.book);
    if (existing.some((a) => a.code === input.code))
      throw new RefusedError([{ code: 'already_exists', field: 'code', value: input.code }]);
    if (existing.length >= LEDGER_LIMITS.accountsPerBookMax)
      throw new RefusedError([
        {
          code: 'too_many',
          field: 'code',
          value: input.code,
          params: { max: LEDGER_LIMITS.accountsPerBookMax },
        },
      ]);
    await q.insertAccounts(tx, ctx.tenant, input.book, [spec], nowIso(ctx));
    // Forgotten before commit: a rollback only costs a reload of the chart.
    this.#env.accounts.forget(ctx.tenant, input.book);
    return spec;
  }

  async accounts(ctx: Ctx, book?: string): Promise<q.AccountRow[]> {
    return q.listAccounts(this.store.db, ctx.tenant, book);
  }

  // --- writes -------------------------------------------------------------------------------------

  /** Posts one or more entries in one transaction; see `postInTx`. */
  async post(ctx: Ctx, drafts: readonly EntryDraft[], options: PostOptions = {}): Promise<PostResult> {
    return this.#withReplayRetry(() =>
      this.store.write((tx) => postInTx(tx, this.#env, ctx, drafts, options)),
    );
  }

  /**
   * Two requests with the same new key racing on PostgreSQL: the loser's idempotency insert hits
   * the primary key. Running it once more finds the winner's row and answers as a replay.
   */
  async #withReplayRetry<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof Error && /idempotency_pkey|UNIQUE constraint failed: idempotency/.test(e.message))
        return fn();
      throw e;
    }
  }

  /** Reverses an entry with its exact negation, dated `date` (default today), linked to it. */
  async reverse(ctx: Ctx, input: ReverseInput): Promise<PostResult> {
    return this.#withReplayRetry(() => this.store.write((tx) => this.reverseInTx(tx, ctx, input)));
  }

  /** `reverse` inside the caller's transaction (the server's audited writes, approvals). */
  async reverseInTx(tx: Tx, ctx: Ctx, input: ReverseInput): Promise<PostResult> {
    const date = input.date ?? today(ctx);
    const body = { op: 'reverse', book: input.book, seq: input.seq, date, memo: input.memo ?? null };
    const replay = await this.#replay(tx, ctx, input.idempotencyKey, body);
    if (replay) return replay;
    const original = await this.#reversible(tx, ctx, { ...input, date });
    const draft: InternalDraft = {
      book: input.book,
      date,
      kind: 'reversal',
      memo:
        input.memo ??
        `Đảo bút toán ${input.book}#${input.seq}: ${original.memo}`.slice(0, LEDGER_LIMITS.memoLengthMax),
      documentNo: original.documentNo,
      postings: reversedPostings(original.postings),
      reversesSeq: input.seq,
    };
    return postInTx(tx, this.#env, ctx, [draft], {
      idempotencyKey: input.idempotencyKey,
      requestBody: body,
    });
  }

  /**
   * The entry a reversal would reverse, once every rule of reversing holds (it exists, is not a
   * reversal, is not reversed yet, and the reversal is not dated before it). Reads only.
   */
  async checkReversalInTx(tx: Tx, ctx: Ctx, input: ReverseInput): Promise<Entry> {
    return this.#reversible(tx, ctx, { ...input, date: input.date ?? today(ctx) });
  }

  async #reversible(tx: Tx, ctx: Ctx, input: ReverseInput & { date: string }): Promise<Entry> {
    const original = await q.findEntry(tx, ctx.tenant, input.book, input.seq);
    if (!original)
      throw new RefusedError([
        { code: 'entry_unknown', field: 'seq', value: input.seq, params: { book: input.book } },
      ]);
    const refusals: Refusal[] = [];
    if (original.kind === 'reversal')
      refusals.push({ code: 'entry_is_reversal', field: 'seq', value: input.seq });
    const already = await q.findReversalOf(tx, ctx.tenant, input.book, input.seq);
    if (already !== undefined)
      refusals.push({
        code: 'entry_already_reversed',
        field: 'seq',
        value: input.seq,
        params: { by: already },
      });
    if (isBusinessDate(input.date) && input.date < original.date)
      refusals.push({
        code: 'reversal_before_original',
        field: 'date',
        value: input.date,
        params: { original: original.date },
      });
    throwIf(refusals);
    return original;
  }

  /**
   * Answers a replayed request before any other check: a retried reversal must return its first
   * result even though the entry is, by now, reversed.
   */
  async #replay(
    tx: Tx,
    ctx: Ctx,
    key: string | null | undefined,
    body: unknown,
  ): Promise<PostResult | undefined> {
    if (key == null) return undefined;
    const earlier = await q.findIdempotency(tx, this.#env.kind, ctx.tenant, key);
    if (!earlier) return undefined;
    if (earlier.requestHash !== requestHash(body))
      throw new RefusedError([{ code: 'idempotency_key_reused', field: 'idempotencyKey', value: key }]);
    return { entries: JSON.parse(earlier.result) as PostResult['entries'], replayed: true };
  }

  /**
   * Closes a book's period through a date: nothing dated on or before it can be posted again.
   * Periods only move forward. The book's chain head at closing is recorded with it.
   */
  async closePeriod(
    ctx: Ctx,
    input: { book: string; through: string },
  ): Promise<{ through: string; headSeq: number; headHash: string }> {
    return this.store.write((tx) => this.closePeriodInTx(tx, ctx, input));
  }

  async closePeriodInTx(
    tx: Tx,
    ctx: Ctx,
    input: { book: string; through: string },
  ): Promise<{ through: string; headSeq: number; headHash: string }> {
    if (!isBusinessDate(input.through))
      throw new RefusedError([{ code: 'date_invalid', field: 'through', value: input.through }]);
    const [book] = await q.findBooks(tx, this.#env.kind, ctx.tenant, [input.book], true);
    if (!book) throw new RefusedError([{ code: 'book_unknown', field: 'book', value: input.book }]);
    if (book.lockedThrough !== null && input.through <= book.lockedThrough)
      throw new RefusedError([
        {
          code: 'period_already_closed',
          field: 'through',
          value: input.through,
          params: { lockedThrough: book.lockedThrough },
        },
      ]);
    await q.closePeriod(tx, book, input.through, ctx.actor, nowIso(ctx));
    return { through: input.through, headSeq: book.headSeq, headHash: book.headHash };
  }

  // --- reads ----------------------------------------------------------------------------------------

  async #account(ctx: Ctx, book: string, code: string): Promise<AccountSpec> {
    await this.#env.accounts.load(this.store.db, ctx.tenant, [book], [[book, code]]);
    const acc = this.#env.accounts.get(ctx.tenant, book, code);
    if (!acc) {
      await this.book(ctx, book);
      throw new RefusedError([{ code: 'account_unknown', field: 'account', value: code, params: { book } }]);
    }
    return acc;
  }

  #checkDate(field: string, value: string | undefined): void {
    if (value !== undefined && !isBusinessDate(value))
      throw new RefusedError([{ code: 'date_invalid', field, value }]);
  }

  #checkParty(party: string | undefined): void {
    if (party !== undefined) throwIf(collect(parsePartyId('party', party)));
  }

  /** Balance of an account, or of one party within it, now or as of the end of a day. */
  async balance(
    ctx: Ctx,
    input: { book: string; account: string; party?: string | undefined; asOf?: string | undefined },
  ): Promise<BalanceView> {
    this.#checkDate('asOf', input.asOf);
    this.#checkParty(input.party);
    const acc = await this.#account(ctx, input.book, input.account);
    const t = await q.readTotals(
      this.store.db,
      ctx.tenant,
      input.book,
      input.account,
      input.party ?? '',
      input.asOf,
    );
    return {
      book: input.book,
      account: input.account,
      party: input.party ?? null,
      asOf: input.asOf ?? null,
      normalSide: acc.normalSide,
      debit: t.debit,
      credit: t.credit,
      balance: normalBalance(t.debit, t.credit, acc.normalSide),
      postings: t.count,
    };
  }

  /** Party sub-balances of one account (each borrower's, each member's). */
  async partyBalances(
    ctx: Ctx,
    input: { book: string; account: string; asOf?: string | undefined },
  ): Promise<BalanceView[]> {
    this.#checkDate('asOf', input.asOf);
    const acc = await this.#account(ctx, input.book, input.account);
    const rows = await q.readPartyTotals(this.store.db, ctx.tenant, input.book, input.account, input.asOf);
    return rows.map((t) => ({
      book: input.book,
      account: input.account,
      party: t.party,
      asOf: input.asOf ?? null,
      normalSide: acc.normalSide,
      debit: t.debit,
      credit: t.credit,
      balance: normalBalance(t.debit, t.credit, acc.normalSide),
      postings: t.count,
    }));
  }

  /** Account statement between two days with the running balance after each line. */
  async statement(
    ctx: Ctx,
    input: {
      book: string;
      account: string;
      party?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      limit?: number | undefined;
    },
  ): Promise<Statement> {
    this.#checkDate('from', input.from);
    this.#checkDate('to', input.to);
    this.#checkParty(input.party);
    const acc = await this.#account(ctx, input.book, input.account);
    const limit = Math.min(input.limit ?? LEDGER_LIMITS.pageRowsMax, LEDGER_LIMITS.pageRowsMax);
    let opening = 0;
    if (input.from !== undefined) {
      const t = await q.readTotals(
        this.store.db,
        ctx.tenant,
        input.book,
        input.account,
        input.party ?? '',
        addDays(input.from, -1),
      );
      opening = normalBalance(t.debit, t.credit, acc.normalSide);
    }
    const rows = await q.findAccountPostings(
      this.store.db,
      ctx.tenant,
      input.book,
      input.account,
      acc.partyMode,
      input.party,
      input.from,
      input.to,
      limit + 1,
    );
    const truncated = rows.length > limit;
    let running = opening;
    let totalDebit = 0;
    let totalCredit = 0;
    const lines = rows.slice(0, limit).map((r) => {
      const debit = Math.max(r.amount, 0);
      const credit = r.amount < 0 ? -r.amount : 0;
      totalDebit += debit;
      totalCredit += credit;
      running += acc.normalSide === 'debit' ? r.amount : -r.amount;
      return {
        date: r.date,
        seq: r.seq,
        line: r.line,
        kind: r.kind,
        memo: r.memo,
        documentNo: r.documentNo,
        party: r.party,
        debit,
        credit,
        balance: running,
      };
    });
    return {
      book: input.book,
      account: input.account,
      nameVi: acc.nameVi,
      nameEn: acc.nameEn,
      party: input.party ?? null,
      from: input.from ?? null,
      to: input.to ?? null,
      opening,
      closing: running,
      totalDebit,
      totalCredit,
      lines,
      truncated,
    };
  }

  /** Trial balance of one book, or of every book of the commune, now or as of a day. */
  async trialBalance(
    ctx: Ctx,
    input: { book?: string | undefined; asOf?: string | undefined } = {},
  ): Promise<TrialBalance> {
    this.#checkDate('asOf', input.asOf);
    if (input.book !== undefined) await this.book(ctx, input.book);
    const accounts = await q.listAccounts(this.store.db, ctx.tenant, input.book);
    const totals = new Map(
      (await q.readAccountTotals(this.store.db, ctx.tenant, input.book, input.asOf)).map((t) => [
        `${t.book}\u0000${t.account}`,
        t,
      ]),
    );
    let totalDebit = 0;
    let totalCredit = 0;
    let memoDebit = 0;
    let memoCredit = 0;
    const rows: TrialBalanceRow[] = [];
    for (const a of accounts) {
      const t = totals.get(`${a.book}\u0000${a.code}`);
      if (!t || t.count === 0) continue;
      const net = t.debit - t.credit;
      const row = {
        book: a.book,
        account: a.code,
        nameVi: a.nameVi,
        nameEn: a.nameEn,
        type: a.type,
        normalSide: a.normalSide,
        debit: t.debit,
        credit: t.credit,
        net,
      };
      rows.push(row);
      if (isOnBalanceSheet(a.type)) {
        totalDebit += t.debit;
        totalCredit += t.credit;
      } else {
        memoDebit += t.debit;
        memoCredit += t.credit;
      }
    }
    return { asOf: input.asOf ?? null, rows, totalDebit, totalCredit, memoDebit, memoCredit };
  }

  /** Journal listing with filters, a page at a time (keyset on book and sequence). */
  async journal(ctx: Ctx, filter: Partial<q.EntryFilter> = {}): Promise<Entry[]> {
    this.#checkDate('from', filter.from);
    this.#checkDate('to', filter.to);
    const limit = Math.min(filter.limit ?? 100, LEDGER_LIMITS.pageRowsMax);
    return q.findEntries(this.store.db, ctx.tenant, { ...filter, limit });
  }

  async entry(ctx: Ctx, book: string, seq: number): Promise<Entry> {
    const e = await q.findEntry(this.store.db, ctx.tenant, book, seq);
    if (!e) throw new RefusedError([{ code: 'entry_unknown', field: 'seq', value: seq, params: { book } }]);
    return e;
  }

  async periodCloses(ctx: Ctx, book: string) {
    return q.listPeriodCloses(this.store.db, ctx.tenant, book);
  }
}
