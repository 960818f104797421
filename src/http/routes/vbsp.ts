/**
 * The VBSP transaction day's API (docs/design/vbsp-day.md): transaction points and the calendar,
 * fee rates, a group's collection sheet (read, record), the hand-over, the fee and commission, the
 * bank statement's import and reconciliation, the monthly lists. Writes are audited in the same
 * transaction; those that move money require an Idempotency-Key. The book a request acts on is
 * the group's (its loans' entrusted book) or the statement's.
 */
import { z } from 'zod';
import type { Principal } from '../../app/access/access.ts';
import type { Ctx } from '../../app/context.ts';
import { parseBusinessDate } from '../../domain/dates.ts';
import { RefusedError } from '../../domain/refusal.ts';
import type { HttpDeps } from '../context.ts';
import { type PolicyInput, policies, type RouteDef, replyAnswer, route, s } from '../registry.ts';
import { readableBooks } from './ledger.ts';

const V1 = '/api/v1/vbsp';
/** A statement of 300,000 rows is about 30 MB as CSV; base64 adds a third. */
const STATEMENT_BODY_BYTES_MAX = 48 * 1024 * 1024;

function date(field: string, value: string): string;
function date(field: string, value: string | undefined): string | undefined;
function date(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const r = parseBusinessDate(field, value);
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}

function readCtx(p: Principal | undefined): Ctx {
  if (!p) throw new Error('assertion failed: a VBSP read needs a principal');
  return { tenant: p.tenant, actor: p.username };
}

const treasurers = () =>
  policies.custom('admin or treasurer', undefined, (grants) =>
    grants.some((g) => g.role === 'admin' || g.role === 'treasurer'),
  );

const groupBook = async (input: PolicyInput) => {
  const group = (input.params as { group: string }).group;
  const book = await input.deps.app.vbsp.bookOfGroup(readCtx(input.principal), group);
  return [{ field: 'group', code: book ?? `?${group}` }];
};
const statementBook = async (input: PolicyInput) => {
  const id = (input.params as { id: string }).id;
  const book = await input.deps.app.vbsp.bookOfStatement(readCtx(input.principal), id);
  return [{ field: 'statement', code: book ?? `?${id}` }];
};

const SheetParams = z.object({
  group: s.party,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
});
const Amount = z.number().int().min(0);
const SheetBody = z
  .object({
    date: s.date,
    documentNo: z.string().max(40).nullish(),
    lines: z
      .array(
        z
          .object({
            loan: s.party,
            interest: Amount.optional(),
            savings: Amount.optional(),
            principalFromSavings: Amount.optional(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();

/**
 * A plan read before the audited transaction. Under an Idempotency-Key a refusal is returned, not
 * thrown: the keyed write then answers a replay of the first request (which made the sheet that
 * now refuses) or, if there is none, throws the refusal inside the transaction.
 */
async function planned<T>(keyed: boolean, plan: () => Promise<T>): Promise<T | RefusedError> {
  try {
    return await plan();
  } catch (e) {
    if (keyed && e instanceof RefusedError) return e;
    throw e;
  }
}

function refusedWork(e: RefusedError) {
  return async (): Promise<never> => {
    throw e;
  };
}

async function entrustedReadable(deps: HttpDeps, p: Principal): Promise<Set<string>> {
  return new Set(
    (await readableBooks(deps, p)).filter((b) => b.template === 'vbsp-entrusted').map((b) => b.code),
  );
}

export function vbspRoutes(): RouteDef[] {
  return [
    route({
      method: 'get',
      path: `${V1}/points`,
      tag: 'vbsp',
      summary: 'Commune transaction points, their day of the month and groups',
      policy: policies.signedIn(),
      idempotency: 'none',
      handler: async ({ deps, principal }) => ({
        body: { points: await deps.app.vbsp.points(readCtx(principal)) },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/points`,
      tag: 'vbsp',
      summary: 'Add a transaction point (điểm giao dịch xã)',
      policy: treasurers(),
      idempotency: 'optional',
      body: z
        .object({
          id: s.slug,
          name: z.string().min(1).max(200),
          place: z.string().min(1).max(200),
          dayOfMonth: z.number().int(),
          groups: z.array(s.party).max(200).optional(),
        })
        .strict(),
      status: 201,
      handler: async ({ deps, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, async (tx) => {
            const point = await deps.app.vbsp.addPoint(ctx(), body, tx);
            for (const group of body.groups ?? [])
              await deps.app.vbsp.assignGroup(ctx(), { group, point: point.id }, tx);
            return {
              value: { point: { ...point, groups: body.groups ?? [] } },
              audit: [{ action: 'vbsp.point.add', target: `vbsp-point:${point.id}`, detail: { ...body } }],
            };
          }),
          201,
        ),
    }),
    route({
      method: 'get',
      path: `${V1}/calendar`,
      tag: 'vbsp',
      summary: 'Upcoming transaction days of every point',
      query: z
        .object({ from: s.date.optional(), months: z.coerce.number().int().min(1).max(24).optional() })
        .strict(),
      policy: policies.signedIn(),
      idempotency: 'none',
      handler: async ({ deps, principal, query }) => {
        const from = date('from', query.from);
        return {
          body: {
            days: await deps.app.vbsp.calendar(readCtx(principal), {
              ...(from ? { from } : {}),
              ...(query.months ? { months: query.months } : {}),
            }),
          },
        };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/fee-rates`,
      tag: 'vbsp',
      summary: 'Dated entrustment-fee and commission rates (ppm of the interest collected)',
      policy: policies.signedIn(),
      idempotency: 'none',
      handler: async ({ deps, principal }) => ({
        body: { rates: await deps.app.vbsp.feeRates(readCtx(principal)) },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/fee-rates`,
      tag: 'vbsp',
      summary: 'Add a dated row of fee and commission rates (percent, up to 4 decimals)',
      policy: treasurers(),
      idempotency: 'optional',
      body: z
        .object({
          from: s.date,
          fee: z.union([z.string().max(12), z.number()]),
          commission: z.union([z.string().max(12), z.number()]),
          documentNo: z.string().max(40).nullish(),
          note: z.string().max(500).optional(),
        })
        .strict(),
      status: 201,
      handler: async ({ deps, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, async (tx) => {
            const rate = await deps.app.vbsp.addFeeRate(
              ctx(),
              { ...body, from: date('from', body.from) },
              tx,
            );
            return {
              value: { rate },
              audit: [{ action: 'vbsp.rate.add', target: `vbsp-rate:${rate.from}`, detail: { ...rate } }],
            };
          }),
          201,
        ),
    }),
    route({
      method: 'get',
      path: `${V1}/sheets/{group}/{month}`,
      tag: 'vbsp',
      summary: 'A group’s collection sheet (form 13/TD): as recorded, or prefilled from soquy',
      params: SheetParams,
      query: z.object({ date: s.date.optional() }).strict(),
      policy: policies.books('read', groupBook),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => {
        const d = date('date', query.date);
        return {
          body: await deps.app.vbsp.sheet(readCtx(principal), { ...params, ...(d ? { date: d } : {}) }),
        };
      },
    }),
    route({
      method: 'post',
      path: `${V1}/sheets/{group}/{month}`,
      tag: 'vbsp',
      summary:
        'Record what the group collected, as one transaction (repayments, savings, principal from savings)',
      params: SheetParams,
      body: SheetBody,
      policy: policies.books('write', groupBook),
      idempotency: 'required',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) => {
        const input = { ...params, ...body, date: date('date', body.date) };
        const plan = await planned(keyed !== null, () => deps.app.vbsp.planSheet(ctx(), input));
        if (plan instanceof RefusedError)
          return replyAnswer(await deps.app.audit.perform(ctx(), keyed, refusedWork(plan)), 201);
        if ('replayed' in plan) return { status: 201, body: plan };
        return replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, async (tx) => {
            const r = await deps.app.vbsp.recordSheetInTx(tx, ctx(), plan);
            return {
              value: r,
              audit: [
                {
                  action: 'vbsp.sheet.record',
                  target: `vbsp-sheet:${r.sheet}`,
                  detail: { ...r.totals, entries: r.entries },
                },
              ],
            };
          }),
          201,
        );
      },
    }),
    route({
      method: 'post',
      path: `${V1}/sheets/{group}/{month}/handover`,
      tag: 'vbsp',
      summary: 'Hand the group’s cash over at the point; a difference from the sheet is kept visible',
      params: SheetParams,
      body: z.object({ date: s.date, counted: Amount, note: z.string().max(500).optional() }).strict(),
      policy: policies.books('write', groupBook),
      idempotency: 'required',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, async (tx) => {
            const h = await deps.app.vbsp.handOver(
              ctx(),
              { ...params, ...body, date: date('date', body.date) },
              tx,
            );
            return {
              value: { handover: h },
              audit: [{ action: 'vbsp.handover', target: `vbsp-sheet:${h.sheet_id}`, detail: { ...h } }],
            };
          }),
          201,
        ),
    }),
    route({
      method: 'post',
      path: `${V1}/sheets/{group}/{month}/fees`,
      tag: 'vbsp',
      summary: 'Book the month’s entrustment fee and commission (due from the bank)',
      params: SheetParams,
      body: z.object({ date: s.date }).strict(),
      policy: policies.books('write', groupBook),
      idempotency: 'required',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, async (tx) => {
            const f = await deps.app.vbsp.bookFees(ctx(), { ...params, date: date('date', body.date) }, tx);
            return {
              value: { fee: f },
              audit: [
                { action: 'vbsp.fee.book', target: `vbsp-fee:${f.month}/${f.group_id}`, detail: { ...f } },
              ],
            };
          }),
          201,
        ),
    }),
    route({
      method: 'post',
      path: `${V1}/sheets/{group}/{month}/fees/pay`,
      tag: 'vbsp',
      summary: 'The bank pays the fee and commission; the commission is paid to the group leader',
      params: SheetParams,
      body: z.object({ date: s.date }).strict(),
      policy: policies.books('write', groupBook),
      idempotency: 'required',
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, async (tx) => {
            const f = await deps.app.vbsp.payFees(ctx(), { ...params, date: date('date', body.date) }, tx);
            return {
              value: { fee: f },
              audit: [
                { action: 'vbsp.fee.pay', target: `vbsp-fee:${f.month}/${f.group_id}`, detail: { ...f } },
              ],
            };
          }),
          200,
        ),
    }),
    route({
      method: 'get',
      path: `${V1}/statements`,
      tag: 'vbsp',
      summary: 'Imported bank statements of the books the user may read',
      policy: policies.readableBooks(),
      idempotency: 'none',
      handler: async ({ deps, principal }) => {
        const books = await entrustedReadable(deps, principal!);
        const all = await deps.app.vbsp.statements(readCtx(principal));
        return { body: { statements: all.filter((st) => books.has(st.book_code)) } };
      },
    }),
    route({
      method: 'post',
      path: `${V1}/statements`,
      tag: 'vbsp',
      summary:
        'Import the bank’s per-loan statement (.xlsx or .csv, base64); refused row by row, all or nothing',
      body: z
        .object({
          book: s.slug,
          asOf: s.date,
          fileName: z.string().min(1).max(200),
          contentBase64: z.string().max(STATEMENT_BODY_BYTES_MAX),
          acceptUnknown: z.boolean().optional(),
        })
        .strict(),
      bodyLimitBytes: STATEMENT_BODY_BYTES_MAX,
      policy: policies.books('write', ({ body }) => [
        { field: 'book', code: (body as { book: string }).book },
      ]),
      idempotency: 'optional',
      status: 201,
      handler: async ({ deps, body, ctx, keyed }) => {
        const plan = await planned(keyed !== null, () =>
          deps.app.vbsp.planStatement(ctx(), {
            book: body.book,
            asOf: date('asOf', body.asOf),
            fileName: body.fileName,
            content: Buffer.from(body.contentBase64, 'base64'),
            acceptUnknown: body.acceptUnknown ?? false,
          }),
        );
        if (plan instanceof RefusedError)
          return replyAnswer(await deps.app.audit.perform(ctx(), keyed, refusedWork(plan)), 201);
        return replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, async (tx) => {
            const r = await deps.app.vbsp.importStatementInTx(tx, ctx(), plan);
            return {
              value: r,
              audit: [
                {
                  action: 'vbsp.statement.import',
                  target: `vbsp-statement:${r.statement}`,
                  detail: { book: body.book, fileName: body.fileName, rows: r.rows },
                },
              ],
            };
          }),
          201,
        );
      },
    }),
    route({
      method: 'get',
      path: `${V1}/statements/{id}/reconciliation`,
      tag: 'vbsp',
      summary: 'Every difference between the statement and soquy, per loan, with the notes made',
      params: z.object({ id: z.string().min(1).max(60) }),
      policy: policies.books('read', statementBook),
      idempotency: 'none',
      handler: async ({ deps, principal, params }) => ({
        body: await deps.app.vbsp.reconcile(readCtx(principal), params.id),
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/statements/{id}/notes`,
      tag: 'vbsp',
      summary: 'A note resolving a difference (soquy’s figures are never taken from the statement)',
      params: z.object({ id: z.string().min(1).max(60) }),
      body: z
        .object({
          agreementNo: z.string().min(1).max(40),
          kind: z.string().min(1).max(40),
          note: z.string().min(1).max(1000),
          entry: z.string().max(60).nullish(),
        })
        .strict(),
      policy: policies.books('write', statementBook),
      idempotency: 'optional',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, async (tx) => {
            const n = await deps.app.vbsp.addNote(ctx(), { statement: params.id, ...body }, tx);
            return {
              value: { note: n },
              audit: [
                { action: 'vbsp.statement.note', target: `vbsp-statement:${params.id}`, detail: { ...n } },
              ],
            };
          }),
          201,
        ),
    }),
    route({
      method: 'get',
      path: `${V1}/monthly`,
      tag: 'vbsp',
      summary:
        'Monthly lists (idle 3+ months, overdue, frozen, maturing in 3 months) and outstanding by organisation and group',
      query: z.object({ asOf: s.date }).strict(),
      policy: policies.readableBooks(),
      idempotency: 'none',
      handler: async ({ deps, principal, query }) => ({
        body: await deps.app.vbsp.monthly(readCtx(principal), {
          asOf: date('asOf', query.asOf),
          books: await entrustedReadable(deps, principal!),
        }),
      }),
    }),
  ];
}
