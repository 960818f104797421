/**
 * Every limit of the registry, named and checked (STYLE: "put a limit on everything"). Units go
 * last in names.
 */
export const REGISTRY_LIMITS = {
  /** Full names: the longest Vietnamese names (with ethnic-minority names) fit well within this. */
  nameLengthMax: 100,
  addressLengthMax: 200,
  relationLengthMax: 40,
  certificateNoLengthMax: 40,
  descriptionLengthMax: 500,
  reasonLengthMax: 200,
  purposeLengthMax: 200,
  policyDetailLengthMax: 40,
  /** A savings-and-loan group of VBSP has 3–60 members (BRIEF §2); we apply it to every group. */
  groupMembersMin: 3,
  groupMembersMax: 60,
  /** Rows of one import file, all sheets together: a whole commune is ≈ 10,000 people. */
  importRowsMax: 250_000,
  /** Rows one list or search returns. */
  pageRowsMax: 10_000,
  /** Words of a search query that count; more are ignored. */
  queryTokensMax: 8,
  queryLengthMax: 200,
  /** People a search looks at before ranking: bounded by the rarest name part of the query. */
  searchCandidatesMax: 20_000,
  /** Vocabulary words one prefix may stand for (the last word of a query as typed so far). */
  prefixExpansionsMax: 200,
  /** Rows of the change log returned by one read. */
  changeRowsMax: 10_000,
} as const;
