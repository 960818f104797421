/**
 * Every limit of the ledger, named and checked (STYLE: "put a limit on everything").
 * Units go last in names.
 */
export const LEDGER_LIMITS = {
  /** A meeting of 60 members with five lines each still fits in one entry. */
  postingsPerEntryMax: 1_000,
  memoLengthMax: 500,
  documentNoLengthMax: 40,
  idempotencyKeyLengthMax: 128,
  actorLengthMax: 64,
  /** One batch (one import file, one API call) is one transaction; bounded to keep memory bounded. */
  entriesPerBatchMax: 1_000_000,
  /** Rows of one journal CSV import. */
  importRowsMax: 4_000_000,
  /** Rows returned by one journal or statement page. */
  pageRowsMax: 10_000,
  accountsPerBookMax: 2_000,
  nameLengthMax: 200,
} as const;
