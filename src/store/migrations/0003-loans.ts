/**
 * Loans (issue 5): programmes and their dated rates, loan contracts, the loans' event history, the
 * month-end snapshot cache and the month-end job. Contracts, rates and events are append-only;
 * balances are never stored here: they are the journal's (postings name the loan as party). The
 * snapshot is a cache of the replay on a date, rewritten whenever a later event changes it, and
 * tests prove it equal to a full replay.
 *
 * Also: an index of postings by party (a loan's whole history in one range scan), and the loan
 * accounts added to the charts of books made before this migration.
 */
import { type Kysely, sql } from 'kysely';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import type { Ddl } from './dialect.ts';

const DONG = `BETWEEN 0 AND ${AMOUNT_DONG_MAX}`;

/** Accounts the loans need in books made from these templates before 0003 (copied, frozen here). */
const NEW_ACCOUNTS: ReadonlyArray<
  [template: string, code: string, type: string, side: string, vi: string, en: string, party: string]
> = [
  [
    'farmers-support-fund',
    '1314',
    'asset',
    'debit',
    'Cho vay hội viên – gia hạn nợ',
    'Member loans – extended',
    'required',
  ],
  [
    'farmers-support-fund',
    '1319',
    'asset',
    'debit',
    'Phí quá hạn phải thu',
    'Overdue fees receivable',
    'required',
  ],
  [
    'farmers-support-fund',
    '007',
    'memo',
    'debit',
    'Cam kết cho vay chưa giải ngân',
    'Loan commitments not disbursed',
    'required',
  ],
  [
    'farmers-support-fund',
    '0082',
    'memo',
    'credit',
    'Cam kết cho vay (đối ứng)',
    'Loan commitments (contra)',
    'none',
  ],
  [
    'vbsp-entrusted',
    '004',
    'memo',
    'debit',
    'Dư nợ NHCSXH – gia hạn nợ',
    'VBSP loans serviced – extended',
    'required',
  ],
  [
    'vbsp-entrusted',
    '005',
    'memo',
    'debit',
    'Lãi NHCSXH phải thu (theo dõi)',
    'VBSP interest receivable (tracked)',
    'required',
  ],
  [
    'vbsp-entrusted',
    '006',
    'memo',
    'debit',
    'Lãi quá hạn NHCSXH phải thu (theo dõi)',
    'VBSP overdue interest receivable (tracked)',
    'required',
  ],
  [
    'vbsp-entrusted',
    '007',
    'memo',
    'debit',
    'Cam kết cho vay chưa giải ngân',
    'Loan commitments not disbursed',
    'required',
  ],
  [
    'vbsp-entrusted',
    '0081',
    'memo',
    'credit',
    'Lãi NHCSXH phải thu (đối ứng)',
    'VBSP interest receivable (contra)',
    'none',
  ],
  [
    'vbsp-entrusted',
    '0082',
    'memo',
    'credit',
    'Cam kết cho vay (đối ứng)',
    'Loan commitments (contra)',
    'none',
  ],
];

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** In foreign-key order, for `db copy`. */
export const tables = [
  'loan_programme',
  'loan_programme_rate',
  'loan',
  'loan_event',
  'loan_snapshot',
  'loan_job',
] as const;

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  const I = d.int;
  const months = (col: string, min: number) => `${col} ${I} NOT NULL CHECK (${col} BETWEEN ${min} AND 360)`;
  const statements = [
    `CREATE TABLE loan_programme (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       id TEXT NOT NULL,
       name_vi TEXT NOT NULL,
       name_en TEXT NOT NULL,
       accounting TEXT NOT NULL CHECK (accounting IN ('own','entrusted')),
       book_template TEXT NOT NULL,
       charge TEXT NOT NULL CHECK (charge IN ('interest','fee')),
       quoting TEXT NOT NULL CHECK (quoting IN ('year','month')),
       day_count TEXT NOT NULL CHECK (day_count IN ('act/365','30e/360')),
       overdue_multiplier_ppm ${I} NOT NULL CHECK (overdue_multiplier_ppm BETWEEN 1 AND 10000000),
       rate_policy TEXT NOT NULL CHECK (rate_policy IN ('floating','fixed_at_disbursement')),
       cap_household_dong ${I} CHECK (cap_household_dong ${DONG}),
       cap_project_dong ${I} CHECK (cap_project_dong ${DONG}),
       ${months('term_months_max', 1)},
       schedule_method TEXT NOT NULL CHECK (schedule_method IN ('equal_principal','annuity','bullet','custom')),
       ${months('principal_every_months', 1)},
       ${months('interest_every_months', 1)},
       ${months('grace_principal_months', 0)},
       ${months('grace_interest_months', 0)},
       ${months('extension_months_max', 1)},
       ${months('freeze_months_max', 1)},
       allocation_order TEXT NOT NULL,
       requires_source ${I} NOT NULL CHECK (requires_source IN (0, 1)),
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, id))${d.tableEnd}`,
    // Exactly one of an absolute quoted rate or a multiple of another programme's rate.
    `CREATE TABLE loan_programme_rate (
       tenant_id TEXT NOT NULL,
       programme_id TEXT NOT NULL,
       effective_from TEXT NOT NULL CHECK (length(effective_from) = 10),
       quoted_ppm ${I} CHECK (quoted_ppm BETWEEN 0 AND 1000000),
       quoting TEXT NOT NULL CHECK (quoting IN ('year','month')),
       base_programme_id TEXT,
       multiplier_ppm ${I} CHECK (multiplier_ppm BETWEEN 1 AND 10000000),
       document_no TEXT,
       note TEXT NOT NULL,
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       CHECK ((quoted_ppm IS NULL) <> (base_programme_id IS NULL)),
       CHECK ((base_programme_id IS NULL) = (multiplier_ppm IS NULL)),
       PRIMARY KEY (tenant_id, programme_id, effective_from),
       FOREIGN KEY (tenant_id, programme_id) REFERENCES loan_programme(tenant_id, id),
       FOREIGN KEY (tenant_id, base_programme_id) REFERENCES loan_programme(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE loan (
       tenant_id TEXT NOT NULL,
       id TEXT NOT NULL,
       programme_id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       household_id TEXT NOT NULL,
       organisation_id TEXT,
       group_id TEXT,
       village_id TEXT,
       source TEXT CHECK (source IN ('central','province','district','commune')),
       purpose TEXT NOT NULL,
       agreement_no TEXT,
       amount_applied_dong ${I} NOT NULL CHECK (amount_applied_dong > 0 AND amount_applied_dong <= ${AMOUNT_DONG_MAX}),
       ${months('term_months', 1)},
       schedule_method TEXT NOT NULL CHECK (schedule_method IN ('equal_principal','annuity','bullet','custom')),
       ${months('principal_every_months', 1)},
       ${months('interest_every_months', 1)},
       ${months('grace_principal_months', 0)},
       ${months('grace_interest_months', 0)},
       custom_schedule TEXT,
       day_count TEXT NOT NULL CHECK (day_count IN ('act/365','30e/360')),
       overdue_multiplier_ppm ${I} NOT NULL CHECK (overdue_multiplier_ppm BETWEEN 1 AND 10000000),
       rate_policy TEXT NOT NULL CHECK (rate_policy IN ('floating','fixed_at_disbursement')),
       allocation_order TEXT NOT NULL,
       applied_on TEXT NOT NULL CHECK (length(applied_on) = 10),
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, programme_id) REFERENCES loan_programme(tenant_id, id),
       FOREIGN KEY (tenant_id, book_code) REFERENCES book(tenant_id, code))${d.tableEnd}`,
    `CREATE INDEX loan_household ON loan (tenant_id, household_id)`,
    `CREATE INDEX loan_group ON loan (tenant_id, group_id)`,
    `CREATE INDEX loan_agreement ON loan (tenant_id, agreement_no) WHERE agreement_no IS NOT NULL`,
    `CREATE TABLE loan_event (
       tenant_id TEXT NOT NULL,
       loan_id TEXT NOT NULL,
       seq ${I} NOT NULL CHECK (seq >= 1),
       kind TEXT NOT NULL CHECK (kind IN ('apply','approve','disburse','repay','extend','adjust','freeze','write_off','close')),
       effective_date TEXT NOT NULL CHECK (length(effective_date) = 10),
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       document_no TEXT,
       approver TEXT,
       cause_shock_id TEXT,
       cause_kind TEXT,
       cause_text TEXT,
       loss_dong ${I} CHECK (loss_dong ${DONG}),
       params TEXT NOT NULL,
       result TEXT NOT NULL,
       entries TEXT NOT NULL,
       idempotency_key TEXT,
       request_hash TEXT,
       PRIMARY KEY (tenant_id, loan_id, seq),
       FOREIGN KEY (tenant_id, loan_id) REFERENCES loan(tenant_id, id))${d.tableEnd}`,
    `CREATE UNIQUE INDEX loan_event_key ON loan_event (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    `CREATE INDEX loan_event_kind ON loan_event (tenant_id, kind, effective_date)`,
    // A cache of the replay at the end of a day, one row per loan: reports as of a month-end read
    // it instead of replaying every loan. Rewritten, never trusted blindly: tests compare it with a
    // replay.
    `CREATE TABLE loan_snapshot (
       tenant_id TEXT NOT NULL,
       as_of TEXT NOT NULL,
       loan_id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       programme_id TEXT NOT NULL,
       household_id TEXT NOT NULL,
       organisation_id TEXT,
       group_id TEXT,
       village_id TEXT,
       source TEXT,
       status TEXT NOT NULL,
       outstanding_dong ${I} NOT NULL,
       current_dong ${I} NOT NULL,
       overdue_dong ${I} NOT NULL,
       extended_dong ${I} NOT NULL,
       frozen_dong ${I} NOT NULL,
       interest_due_dong ${I} NOT NULL,
       interest_accrued_dong ${I} NOT NULL,
       overdue_interest_dong ${I} NOT NULL,
       days_past_due ${I} NOT NULL,
       bucket TEXT NOT NULL,
       oldest_overdue_due TEXT,
       frozen_until TEXT,
       last_transaction TEXT,
       maturity TEXT,
       computed_at TEXT NOT NULL,
       PRIMARY KEY (tenant_id, as_of, loan_id))${d.tableEnd}`,
    `CREATE TABLE loan_job (
       tenant_id TEXT NOT NULL,
       id TEXT NOT NULL,
       kind TEXT NOT NULL CHECK (kind IN ('month_end')),
       as_of TEXT NOT NULL,
       run_no ${I} NOT NULL CHECK (run_no >= 1),
       status TEXT NOT NULL CHECK (status IN ('running','done')),
       cursor TEXT,
       loans_done ${I} NOT NULL,
       loans_total ${I} NOT NULL,
       entries_posted ${I} NOT NULL,
       chunks_done ${I} NOT NULL,
       started_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       finished_at TEXT,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, id))${d.tableEnd}`,
    `CREATE UNIQUE INDEX loan_job_run ON loan_job (tenant_id, kind, as_of, run_no)`,
    // A loan's postings by its party id. No `seq` in it: see the secondary indexes of 0001, which
    // must never look like a way to find an entry's postings by sequence.
    `CREATE INDEX posting_party ON posting (tenant_id, book_code, party_id)`,
    ...d.appendOnly('loan_programme'),
    ...d.appendOnly('loan_programme_rate'),
    ...d.appendOnly('loan'),
    ...d.appendOnly('loan_event'),
    ...NEW_ACCOUNTS.map(
      ([template, code, type, side, vi, en, party]) =>
        `INSERT INTO account (tenant_id, book_code, code, type, normal_side, name_vi, name_en, party_mode, balance_rule, created_at)
         SELECT b.tenant_id, b.code, ${quote(code)}, ${quote(type)}, ${quote(side)}, ${quote(vi)}, ${quote(en)}, ${quote(party)}, 'none', b.created_at
           FROM book b WHERE b.template = ${quote(template)}
            AND NOT EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = b.tenant_id AND a.book_code = b.code AND a.code = ${quote(code)})`,
    ),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
