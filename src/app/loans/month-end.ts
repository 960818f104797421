/**
 * The month-end (or any-date) run: brings every loan's books to its replay at the end of a day
 * (accrued interest, overdue and frozen classes, commitments) and writes that day's snapshot.
 *
 * - One job row per run (`loan_job`), walking loans in id order, one transaction per chunk; the
 *   chunk's entries, snapshot rows and the job's cursor commit together, so a run killed at any
 *   point resumes after the last chunk that committed, and nothing is posted twice.
 * - Idempotent: each loan's entries are the difference between what its books hold and what the
 *   replay says, so running again posts nothing unless something changed; a loan and a date have
 *   one snapshot row (primary key `tenant, as_of, loan`). A chunk's journal batch carries the key
 *   `loans:month-end:<date>:r<run>:c<chunk>`.
 * - A run for a date before an earlier run's date also re-syncs the later dates, so every date a
 *   run covered stays exact.
 */
import { isBusinessDate } from '../../domain/dates.ts';
import type { EntryDraft } from '../../domain/ledger/entry.ts';
import { LOAN_LIMITS } from '../../domain/loans/limits.ts';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import { findBooks } from '../../store/ledger-store.ts';
import * as q from '../../store/loans-store.ts';
import type { Store } from '../../store/open-store.ts';
import { type Ctx, nowIso } from '../context.ts';
import type { PostEnv } from '../ledger/post.ts';
import { postInTx } from '../ledger/post.ts';
import { loadCatalogue, loadFiles, planSync } from './loan-file.ts';

export const MONTH_END_CHUNK_DEFAULT = 500;

export interface MonthEndOptions {
  readonly asOf: string;
  readonly chunkSize?: number;
  readonly onProgress?: (p: MonthEndProgress) => void;
  /** Called inside each chunk's transaction just before it commits (tests simulate a crash here). */
  readonly beforeCommit?: (chunk: number) => void;
}

export interface MonthEndProgress {
  readonly job: string;
  readonly asOf: string;
  readonly chunk: number;
  readonly loansDone: number;
  readonly loansTotal: number;
  readonly entriesPosted: number;
}

export interface MonthEndResult extends MonthEndProgress {
  readonly runNo: number;
  /** True when this call carried on a run that had stopped half-way. */
  readonly resumed: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
}

export async function runMonthEnd(
  store: Store,
  env: PostEnv,
  ctx: Ctx,
  opts: MonthEndOptions,
): Promise<MonthEndResult> {
  const out: Refusal[] = [];
  if (!isBusinessDate(opts.asOf)) out.push({ code: 'date_invalid', field: 'asOf', value: opts.asOf });
  const size = opts.chunkSize ?? MONTH_END_CHUNK_DEFAULT;
  if (!Number.isSafeInteger(size) || size < 1 || size > LOAN_LIMITS.chunkLoansMax)
    out.push({
      code: 'too_many',
      field: 'chunkSize',
      value: size,
      params: { max: LOAN_LIMITS.chunkLoansMax },
    });
  if (out.length > 0) throw new RefusedError(out);
  // Entries dated inside a closed period would be refused half-way through the run: refuse first.
  const books = await findBooks(store.db, store.kind, ctx.tenant, await q.loanBooks(store.db, ctx.tenant));
  const closed = books.find((b) => b.lockedThrough !== null && opts.asOf <= b.lockedThrough);
  if (closed)
    throw new RefusedError([
      {
        code: 'period_closed',
        field: 'asOf',
        value: opts.asOf,
        params: { book: closed.code, lockedThrough: closed.lockedThrough! },
      },
    ]);

  const { job, resumed } = await store.write(async (tx) => {
    const runs = await q.findJobs(tx, ctx.tenant, opts.asOf);
    const latest = runs[0];
    if (latest?.status === 'running') return { job: latest, resumed: true };
    const at = nowIso(ctx);
    const runNo = (latest?.runNo ?? 0) + 1;
    const row: q.JobRow = {
      id: `month-end:${opts.asOf}:${runNo}`,
      kind: 'month_end',
      asOf: opts.asOf,
      runNo,
      status: 'running',
      cursor: null,
      loansDone: 0,
      loansTotal: await q.countLoans(tx, ctx.tenant),
      entriesPosted: 0,
      chunksDone: 0,
      startedAt: at,
      updatedAt: at,
      finishedAt: null,
      actor: ctx.actor,
    };
    await q.insertJob(tx, ctx.tenant, row);
    return { job: row, resumed: false };
  });

  let progress: MonthEndProgress = {
    job: job.id,
    asOf: job.asOf,
    chunk: job.chunksDone,
    loansDone: job.loansDone,
    loansTotal: job.loansTotal,
    entriesPosted: job.entriesPosted,
  };
  for (;;) {
    const step = await store.write(async (tx) => {
      const [current] = (await q.findJobs(tx, ctx.tenant, opts.asOf)).filter((j) => j.id === job.id);
      if (!current || current.status === 'done') return null;
      const rows = await q.listLoansAfter(tx, ctx.tenant, current.cursor, size);
      if (rows.length === 0) return null;
      // Lock the chunk's books before reading their postings: a repayment racing on PostgreSQL
      // waits, so the differences computed here are against what is committed.
      await findBooks(tx, store.kind, ctx.tenant, [...new Set(rows.map((r) => r.book))].sort(), true);
      const catalogue = await loadCatalogue(tx, ctx.tenant);
      const files = await loadFiles(tx, ctx.tenant, rows, catalogue);
      const dates = await q.syncDates(tx, ctx.tenant, opts.asOf);
      const at = nowIso(ctx);
      const drafts: EntryDraft[] = [];
      const upserts: q.SnapshotRow[] = [];
      const removals: Array<{ asOf: string; loan: string }> = [];
      for (const f of files) {
        const plan = planSync(f, f.facts, dates, [], at);
        drafts.push(...plan.drafts);
        for (const s of plan.snapshots)
          if (s.row === null) removals.push({ asOf: s.asOf, loan: f.row.id });
          else upserts.push(s.row);
      }
      const chunk = current.chunksDone + 1;
      let posted = 0;
      if (drafts.length > 0) {
        const r = await postInTx(tx, env, ctx, drafts, {
          idempotencyKey: `loans:month-end:${opts.asOf}:r${current.runNo}:c${chunk}`,
        });
        posted = r.entries.length;
      }
      await q.upsertSnapshots(tx, ctx.tenant, upserts);
      for (const r of removals) await q.deleteSnapshot(tx, ctx.tenant, r.asOf, r.loan);
      const next: MonthEndProgress = {
        job: current.id,
        asOf: current.asOf,
        chunk,
        loansDone: current.loansDone + rows.length,
        loansTotal: Math.max(current.loansTotal, current.loansDone + rows.length),
        entriesPosted: current.entriesPosted + posted,
      };
      await q.updateJob(tx, ctx.tenant, current.id, {
        cursor: rows[rows.length - 1]!.id,
        loansDone: next.loansDone,
        entriesPosted: next.entriesPosted,
        chunksDone: chunk,
        updatedAt: at,
      });
      opts.beforeCommit?.(chunk);
      return next;
    });
    if (step === null) break;
    progress = step;
    opts.onProgress?.(progress);
  }
  const finishedAt = nowIso(ctx);
  await store.write((tx) =>
    q.updateJob(tx, ctx.tenant, job.id, { status: 'done', finishedAt, updatedAt: finishedAt }),
  );
  return { ...progress, runNo: job.runNo, resumed, startedAt: job.startedAt, finishedAt };
}
