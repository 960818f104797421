/**
 * The ledger's API: communes, organisations, books and accounts; posting, reversing and closing;
 * balances, statements, the trial balance, the journal; verify and export. Money moves through
 * maker-checker (`app.operations`); every write is audited.
 */
import { stream } from 'hono/streaming';
import { z } from 'zod';
import type { Principal } from '../../app/access/access.ts';
import { type Ctx, today } from '../../app/context.ts';
import { EXPORT_FORMATS, exportJournal } from '../../app/ledger/export.ts';
import { PostInputSchema, toDrafts } from '../../app/ledger/input.ts';
import type { TrialBalance } from '../../app/ledger/ledger.ts';
import { postPayload } from '../../app/ledger/operations.ts';
import { verifyLedger } from '../../app/ledger/verify.ts';
import {
  canReadBook,
  decideBook,
  decideCommune,
  decideCreateBook,
  readsWholeCommune,
} from '../../domain/access/policy.ts';
import { parseBusinessDate } from '../../domain/dates.ts';
import { ACCOUNT_TYPES, BALANCE_RULES, PARTY_MODES } from '../../domain/ledger/accounts.ts';
import type { Entry } from '../../domain/ledger/entry.ts';
import { ENTRY_KINDS } from '../../domain/ledger/kinds.ts';
import { BOOK_TEMPLATES } from '../../domain/ledger/templates.ts';
import { RefusedError } from '../../domain/refusal.ts';
import type { BookRow } from '../../store/ledger-store.ts';
import type { HttpDeps } from '../context.ts';
import { bookMap, type PolicyInput, policies, type RouteDef, replyAnswer, route, s } from '../registry.ts';

const V1 = '/api/v1';

/** `quy-htnd#42` (sent percent-encoded as `quy-htnd%2342`). */
const ENTRY_REF = /^([a-z0-9][a-z0-9-]{0,39})#([1-9][0-9]{0,14})$/;

export function parseRef(field: string, value: string): { book: string; seq: number } {
  const m = ENTRY_REF.exec(value);
  if (!m) throw new RefusedError([{ code: 'entry_ref_invalid', field, value }]);
  return { book: m[1]!, seq: Number(m[2]) };
}

function date(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const r = parseBusinessDate(field, value);
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}

function readCtx(p: Principal | undefined): Ctx {
  if (!p) throw new Error('assertion failed: a ledger read needs a principal');
  return { tenant: p.tenant, actor: p.username };
}

export function bookJson(b: BookRow) {
  return {
    code: b.code,
    organisation: b.organisation,
    template: b.template,
    nameVi: b.nameVi,
    nameEn: b.nameEn,
    headSeq: b.headSeq,
    headHash: b.headHash,
    lockedThrough: b.lockedThrough,
  };
}

export function entryJson(e: Entry) {
  return {
    ref: `${e.book}#${e.seq}`,
    book: e.book,
    seq: e.seq,
    date: e.date,
    recordedAt: e.recordedAt,
    kind: e.kind,
    memo: e.memo,
    documentNo: e.documentNo,
    actor: e.actor,
    idempotencyKey: e.idempotencyKey,
    reversesSeq: e.reversesSeq,
    postings: e.postings,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/** The books a principal may read, in code order. */
export async function readableBooks(deps: HttpDeps, p: Principal): Promise<BookRow[]> {
  const all = await deps.app.ledger.books(readCtx(p));
  return all.filter((b) => canReadBook(p.grants, { code: b.code, organisation: b.organisation }));
}

const bookParam = (input: PolicyInput) => [{ field: 'book', code: (input.params as { book: string }).book }];
const refParam = (input: PolicyInput) => {
  const ref = (input.params as { ref: string }).ref;
  const m = ENTRY_REF.exec(ref);
  // A malformed reference names no book; the handler refuses it (422).
  return m ? [{ field: 'ref', code: m[1]! }] : [];
};
const queryBook = (input: PolicyInput) => {
  const book = (input.query as { book?: string }).book;
  return book === undefined ? [] : [{ field: 'book', code: book }];
};

const BookParams = z.object({ book: s.slug });
const RefParams = z.object({ ref: z.string().max(60).describe('BOOK#SEQ, percent-encoded: quy-htnd%2342') });

const OrganisationInput = z.object({
  id: s.slug,
  kind: z.string().min(1).max(40),
  nameVi: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200).optional(),
});

const BookInput = z.object({
  code: s.slug,
  template: z.enum(Object.keys(BOOK_TEMPLATES) as [string, ...string[]]),
  organisation: s.slug.nullish(),
  nameVi: z.string().min(1).max(200).optional(),
  nameEn: z.string().min(1).max(200).optional(),
});

const AccountInput = z.object({
  code: s.code,
  type: z.enum(ACCOUNT_TYPES),
  nameVi: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200).optional(),
  normalSide: z.enum(['debit', 'credit']).optional(),
  partyMode: z.enum(PARTY_MODES).optional(),
  balanceRule: z.enum(BALANCE_RULES).optional(),
});

const JournalQuery = z
  .object({
    book: s.slug.optional(),
    from: s.date.optional(),
    to: s.date.optional(),
    kind: z.enum(ENTRY_KINDS).optional(),
    account: s.code.optional(),
    party: s.party.optional(),
    documentNo: z.string().max(40).optional(),
    text: z.string().max(100).optional(),
    after: z.string().max(60).optional().describe('keyset: the last ref of the previous page'),
    limit: s.limit.optional(),
  })
  .strict();

export function ledgerRoutes(): RouteDef[] {
  return [
    route({
      method: 'get',
      path: `${V1}/tenants`,
      tag: 'ledger',
      summary: 'The commune of the signed-in user',
      policy: policies.signedIn(),
      idempotency: 'none',
      handler: async ({ deps, principal }) => {
        const all = await deps.app.ledger.tenants();
        return { body: { tenants: all.filter((t) => t.id === principal!.tenant) } };
      },
    }),
    route({
      method: 'post',
      path: `${V1}/tenants`,
      tag: 'ledger',
      summary: 'Create a commune with its first admin (one-time password in the answer, shown once)',
      policy: policies.commune('users.manage'),
      idempotency: 'none',
      body: z.object({ id: s.slug, name: z.string().min(1).max(200) }).strict(),
      status: 201,
      handler: async ({ deps, body, ctx }) => {
        const c = ctx();
        await deps.app.ledger.createTenant({ id: body.id, name: body.name }, deps.now().toISOString());
        await deps.app.audit.write(c, async () => ({
          value: undefined,
          audit: [{ action: 'tenant.create', target: `tenant:${body.id}`, detail: { name: body.name } }],
        }));
        const password = await deps.app.access.bootstrapAdmin({
          ...c,
          tenant: body.id,
          actor: `${c.actor}@${c.tenant}`,
        });
        return {
          body: {
            tenant: { id: body.id, name: body.name },
            admin: { username: 'admin', oneTimePassword: password },
          },
        };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/organisations`,
      tag: 'ledger',
      summary: 'Organisations of the commune',
      policy: policies.signedIn(),
      idempotency: 'none',
      handler: async ({ deps, principal }) => ({
        body: {
          organisations: (await deps.app.ledger.organisations(readCtx(principal))).map((o) => ({
            id: o.id,
            kind: o.kind,
            nameVi: o.nameVi,
            nameEn: o.nameEn,
          })),
        },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/organisations`,
      tag: 'ledger',
      summary: 'Add an organisation',
      policy: policies.commune('organisations.create'),
      idempotency: 'optional',
      body: OrganisationInput,
      status: 201,
      handler: async ({ deps, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, deps.app.desk.createOrganisation(ctx(), body)),
          201,
        ),
    }),
    route({
      method: 'get',
      path: `${V1}/book-templates`,
      tag: 'ledger',
      summary: 'Book templates and their charts of accounts',
      policy: policies.signedIn(),
      idempotency: 'none',
      handler: async () => ({ body: { templates: Object.values(BOOK_TEMPLATES) } }),
    }),
    route({
      method: 'get',
      path: `${V1}/books`,
      tag: 'ledger',
      summary: 'Books the user may read',
      policy: policies.readableBooks(),
      idempotency: 'none',
      handler: async ({ deps, principal }) => ({
        body: { books: (await readableBooks(deps, principal!)).map(bookJson) },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/books`,
      tag: 'ledger',
      summary: 'Create a book from a template (admin; a treasurer in their own organisation)',
      policy: policies.custom(
        'admin; treasurer of the book’s organisation',
        async ({ principal, body }) =>
          decideCreateBook(principal.grants, (body as { organisation?: string | null }).organisation ?? null),
        (grants) => grants.some((g) => g.role === 'admin' || g.role === 'treasurer'),
      ),
      idempotency: 'optional',
      body: BookInput,
      status: 201,
      handler: async ({ deps, body, ctx, keyed }) => {
        const reply = await deps.app.audit.perform(ctx(), keyed, async (tx) => {
          const work = await deps.app.desk.createBook(ctx(), body)(tx);
          return { value: { book: bookJson(work.value) }, audit: work.audit };
        });
        return replyAnswer(reply, 201);
      },
    }),
    route({
      method: 'get',
      path: `${V1}/books/{book}/accounts`,
      tag: 'ledger',
      summary: 'Chart of accounts of a book',
      params: BookParams,
      policy: policies.books('read', bookParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params }) => ({
        body: { accounts: await deps.app.ledger.accounts(readCtx(principal), params.book) },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/books/{book}/accounts`,
      tag: 'ledger',
      summary: 'Add an account to a book',
      params: BookParams,
      body: AccountInput,
      policy: policies.books('write', bookParam),
      idempotency: 'optional',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(
            ctx(),
            keyed,
            deps.app.desk.addAccount(ctx(), { ...body, book: params.book }),
          ),
          201,
        ),
    }),
    route({
      method: 'post',
      path: `${V1}/books/{book}/close-period`,
      tag: 'ledger',
      summary: 'Close a book through a date: nothing dated on or before it can be posted again',
      params: BookParams,
      body: z.object({ through: s.date }).strict(),
      policy: policies.books('write', bookParam),
      idempotency: 'optional',
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(
            ctx(),
            keyed,
            deps.app.desk.closePeriod(ctx(), { book: params.book, through: date('through', body.through)! }),
          ),
          200,
        ),
    }),
    route({
      method: 'get',
      path: `${V1}/books/{book}/balance`,
      tag: 'ledger',
      summary: 'Balance of an account, or of one party in it, now or as of a day',
      params: BookParams,
      query: z.object({ account: s.code, party: s.party.optional(), asOf: s.date.optional() }).strict(),
      policy: policies.books('read', bookParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => ({
        body: await deps.app.ledger.balance(readCtx(principal), {
          book: params.book,
          account: query.account,
          party: query.party,
          asOf: date('asOf', query.asOf),
        }),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/books/{book}/party-balances`,
      tag: 'ledger',
      summary: 'Each party’s balance in an account (borrowers, members)',
      params: BookParams,
      query: z.object({ account: s.code, asOf: s.date.optional() }).strict(),
      policy: policies.books('read', bookParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => ({
        body: {
          balances: await deps.app.ledger.partyBalances(readCtx(principal), {
            book: params.book,
            account: query.account,
            asOf: date('asOf', query.asOf),
          }),
        },
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/books/{book}/statement`,
      tag: 'ledger',
      summary: 'Account statement with the running balance',
      params: BookParams,
      query: z
        .object({
          account: s.code,
          party: s.party.optional(),
          from: s.date.optional(),
          to: s.date.optional(),
          limit: s.limit.optional(),
        })
        .strict(),
      policy: policies.books('read', bookParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => ({
        body: await deps.app.ledger.statement(readCtx(principal), {
          book: params.book,
          account: query.account,
          party: query.party,
          from: date('from', query.from),
          to: date('to', query.to),
          limit: query.limit,
        }),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/trial-balance`,
      tag: 'ledger',
      summary: 'Trial balance of a book, or of every book the user may read',
      query: z.object({ book: s.slug.optional(), asOf: s.date.optional() }).strict(),
      policy: policies.custom(
        'signed-in; a named book needs book:read; else only readable books',
        async (input) =>
          queryBook(input).length === 0 ? 'allow' : policies.books('read', queryBook).decide!(input),
      ),
      idempotency: 'none',
      handler: async ({ deps, principal, query }) => {
        const ctx = readCtx(principal);
        const asOf = date('asOf', query.asOf);
        if (query.book !== undefined || readsWholeCommune(principal!.grants))
          return { body: await deps.app.ledger.trialBalance(ctx, { book: query.book, asOf }) };
        // A scoped reader: the books they may read, one after another.
        const parts: TrialBalance[] = [];
        for (const b of await readableBooks(deps, principal!))
          parts.push(await deps.app.ledger.trialBalance(ctx, { book: b.code, asOf }));
        const sum = (k: 'totalDebit' | 'totalCredit' | 'memoDebit' | 'memoCredit') =>
          parts.reduce((t, p) => t + p[k], 0);
        return {
          body: {
            asOf: asOf ?? null,
            rows: parts.flatMap((p) => p.rows),
            totalDebit: sum('totalDebit'),
            totalCredit: sum('totalCredit'),
            memoDebit: sum('memoDebit'),
            memoCredit: sum('memoCredit'),
          },
        };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/journal`,
      tag: 'ledger',
      summary: 'Journal with filters, a page at a time (keyset paging on book#seq)',
      query: JournalQuery,
      policy: policies.custom(
        'signed-in; a named book needs book:read; else only readable books',
        async (input) =>
          queryBook(input).length === 0 ? 'allow' : policies.books('read', queryBook).decide!(input),
      ),
      idempotency: 'none',
      handler: async ({ deps, principal, query }) => {
        const limit = query.limit ?? 100;
        const books = readsWholeCommune(principal!.grants)
          ? undefined
          : (await readableBooks(deps, principal!)).map((b) => b.code);
        const entries = await deps.app.ledger.journal(readCtx(principal), {
          book: query.book,
          books,
          from: date('from', query.from),
          to: date('to', query.to),
          kind: query.kind,
          account: query.account,
          party: query.party,
          documentNo: query.documentNo,
          text: query.text,
          after: query.after === undefined ? undefined : parseRef('after', query.after),
          limit,
        });
        const last = entries[entries.length - 1];
        return {
          body: {
            entries: entries.map(entryJson),
            next: entries.length === limit && last ? `${last.book}#${last.seq}` : null,
          },
        };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/entries/{ref}`,
      tag: 'ledger',
      summary: 'One entry by its reference book#seq',
      params: RefParams,
      policy: policies.books('read', refParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params }) => {
        const { book, seq } = parseRef('ref', params.ref);
        return { body: { entry: entryJson(await deps.app.ledger.entry(readCtx(principal), book, seq)) } };
      },
    }),
    route({
      method: 'post',
      path: `${V1}/entries`,
      tag: 'ledger',
      summary: 'Post one entry or a batch (all or none); 202 with an operation when it needs approval',
      body: PostInputSchema,
      policy: policies.books('write', ({ body }) => {
        const b = body as z.infer<typeof PostInputSchema>;
        const entries = 'entries' in b ? b.entries : [b];
        return entries.map((e, i) => ({
          field: 'entries' in b ? `entries[${i}].book` : 'book',
          code: e.book,
        }));
      }),
      idempotency: 'required',
      status: 201,
      handler: async ({ deps, body, ctx, keyed }) => {
        if (body.idempotencyKey != null && body.idempotencyKey !== keyed!.key)
          throw new RefusedError([
            { code: 'idempotency_key_mismatch', field: 'idempotencyKey', value: body.idempotencyKey },
          ]);
        const r = toDrafts(body);
        if (!r.ok) throw new RefusedError(r.refusals);
        return replyAnswer(
          await deps.app.operations.submit(ctx(), 'ledger.post', postPayload(r.value.drafts), keyed),
          201,
        );
      },
    }),
    route({
      method: 'post',
      path: `${V1}/entries/{ref}/reverse`,
      tag: 'ledger',
      summary: 'Reverse an entry (dated today unless given); 202 when it needs approval',
      params: RefParams,
      body: z.object({ date: s.date.optional(), memo: z.string().min(1).max(500).optional() }).strict(),
      policy: policies.books('write', refParam),
      idempotency: 'required',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) => {
        const { book, seq } = parseRef('ref', params.ref);
        const c = ctx();
        // Dated now, at proposal: what is approved is what was proposed.
        const on = date('date', body.date) ?? today(c);
        return replyAnswer(
          await deps.app.operations.submit(
            c,
            'ledger.reverse',
            { book, seq, date: on, memo: body.memo ?? null },
            keyed,
          ),
          201,
        );
      },
    }),
    route({
      method: 'get',
      path: `${V1}/verify`,
      tag: 'ledger',
      summary: 'Recompute hash chains, balance and running totals of a book or of the books one may verify',
      query: z.object({ book: s.slug.optional() }).strict(),
      policy: policies.custom(
        'book:verify for a named book; else commune:commune.verify, or the books one may verify',
        async (input) =>
          queryBook(input).length === 0 ? 'allow' : policies.books('verify', queryBook).decide!(input),
        (grants) => grants.some((g) => g.role !== 'viewer' && g.role !== 'group_leader'),
      ),
      idempotency: 'none',
      handler: async ({ deps, principal, query }) => {
        const ctx = readCtx(principal);
        if (query.book !== undefined || decideCommune(principal!.grants, 'commune.verify') === 'allow')
          return { body: await verifyLedger(deps.app.store, ctx, query.book) };
        const books = [];
        const refs = await bookMap(deps, ctx.tenant);
        for (const [code, ref] of refs)
          if (decideBook(principal!.grants, 'verify', ref) === 'allow')
            books.push(...(await verifyLedger(deps.app.store, ctx, code)).books);
        return { body: { ok: books.every((b) => b.ok), books } };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/export`,
      tag: 'ledger',
      summary: 'Export the journal of a book (or the commune): csv, hledger or beancount',
      query: z.object({ format: z.enum(EXPORT_FORMATS), book: s.slug.optional() }).strict(),
      policy: policies.custom(
        'book:export for a named book; commune:commune.export for the whole commune',
        async (input) =>
          queryBook(input).length === 0
            ? decideCommune(input.principal.grants, 'commune.export')
            : policies.books('export', queryBook).decide!(input),
        (grants) => grants.some((g) => g.role !== 'viewer' && g.role !== 'group_leader'),
      ),
      idempotency: 'none',
      produces: 'text/csv, text/plain',
      handler: async ({ c, deps, principal, query }) => {
        const ctx = readCtx(principal);
        const name = `${ctx.tenant}${query.book ? `-${query.book}` : ''}.${query.format === 'csv' ? 'csv' : query.format === 'hledger' ? 'journal' : 'beancount'}`;
        c.header(
          'Content-Type',
          query.format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8',
        );
        c.header('Content-Disposition', `attachment; filename="${name}"`);
        return stream(c, async (out) => {
          await exportJournal(
            deps.app.store,
            ctx,
            query.format,
            (text) => out.write(text).then(() => undefined),
            {
              book: query.book,
            },
          );
        });
      },
    }),
  ];
}
