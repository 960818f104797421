/**
 * The funds service (issue 8): For the Poor, relief campaigns with phases, Green House collection
 * points, emergency appeals after a shock; donations with gapless receipts, pledges, aid to
 * households and transfers to other levels under maker-checker, and the public disclosure.
 * Every write is one audited transaction; money moves only through `postInTx` in it
 * (docs/design/funds.md).
 */
import { addDays, type BusinessDate, maxDate } from '../../domain/dates.ts';
import {
  type BeneficiaryCategory,
  buildDisclosure,
  type DisclosureReport,
  type DonationRecord,
  type SpendingRecord,
} from '../../domain/funds/disclosure.ts';
import {
  AID_PURPOSES,
  type AidPurpose,
  type CapRow,
  capInForce,
  checkBeneficiary,
  checkCap,
  checkDonationDate,
  checkPurpose,
  checkReceiptNo,
  DONOR_KINDS,
  type DonorKind,
  FUND_ACCOUNTS,
  FUND_KINDS,
  FUND_LEVELS,
  FUNDS_LIMITS,
  type FundKind,
  type FundLevel,
  type FundTerms,
  formAccount,
  MONEY_FORMS,
  type MoneyForm,
  PURPOSE_ACCOUNT,
  receiptDocumentNo,
  type SpendingKind,
  voucherDocumentNo,
} from '../../domain/funds/rules.ts';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import * as q from '../../store/funds-store.ts';
import { readAccountTotals, readTotals } from '../../store/ledger-store.ts';
import type { Store, Tx } from '../../store/open-store.ts';
import { findHouseholds, findShocks, statusesOf } from '../../store/registry-store.ts';
import type { Operations } from '../approvals/operations.ts';
import type { AuditCtx, AuditLog, Keyed, Reply, Work } from '../audit/audit-log.ts';
import { type Ctx, nowIso, today } from '../context.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { checkDrafts, type InternalDraft, postInTx } from '../ledger/post.ts';
import { amount, bool, date, oneOf, optionalCount, optionalPartyId, partyId, slug, text } from './parse.ts';

// --- views ----------------------------------------------------------------------------------------

export interface PhaseView {
  readonly phaseNo: number;
  readonly name: string;
  readonly startsOn: BusinessDate;
  readonly endsOn: BusinessDate;
}

export interface PointView {
  readonly id: string;
  readonly name: string;
  readonly villageId: string | null;
}

export interface FundView extends FundTerms {
  readonly book: string;
  readonly organisation: string | null;
  readonly level: FundLevel;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly purpose: string;
  readonly shockId: string | null;
}

export interface FundSummary extends FundView {
  /** Open for donations today. */
  readonly open: boolean;
  /** Cash, bank and goods held now (journal). */
  readonly balanceDong: number;
}

export interface FundDetail extends FundSummary {
  readonly phases: readonly PhaseView[];
  readonly points: readonly PointView[];
  readonly pledges: ReadonlyArray<PledgeView & { readonly outstandingDong: number }>;
  readonly donations: number;
  readonly receivedDong: number;
  readonly spendings: number;
  readonly spentDong: number;
}

export interface PledgeView {
  readonly fund: string;
  readonly id: string;
  readonly date: BusinessDate;
  readonly donorKind: DonorKind;
  readonly donorName: string | null;
  readonly anonymous: boolean;
  readonly amountDong: number;
  readonly entry: string;
}

export interface DonationView {
  readonly fund: string;
  readonly receiptNo: number;
  /** The printed number: `PT-<fund>-000012`. */
  readonly documentNo: string;
  readonly date: BusinessDate;
  readonly donorKind: DonorKind;
  readonly donorName: string | null;
  readonly donorIdNo: string | null;
  readonly donorAddress: string | null;
  readonly anonymous: boolean;
  readonly form: MoneyForm;
  readonly amountDong: number;
  readonly inKindDescription: string | null;
  readonly point: string | null;
  readonly phase: number | null;
  readonly pledge: string | null;
  readonly memo: string;
  /** `book#seq` of its journal entry. */
  readonly entry: string;
  readonly actor: string;
}

export interface SpendingView {
  readonly fund: string;
  readonly voucherNo: number;
  readonly documentNo: string;
  readonly kind: SpendingKind;
  readonly date: BusinessDate;
  readonly purpose: AidPurpose;
  readonly household: string | null;
  readonly shock: string | null;
  readonly recipient: string | null;
  readonly form: MoneyForm;
  readonly amountDong: number;
  readonly phase: number | null;
  readonly memo: string;
  readonly operation: number | null;
  readonly proposedBy: string;
  readonly approvedBy: string;
  readonly entry: string;
}

/** What `aidReceivedByHousehold` answers: every aid, from every fund, up to a day. */
export interface HouseholdAid {
  readonly household: string;
  readonly asOf: BusinessDate;
  readonly aids: ReadonlyArray<SpendingView & { readonly fundNameVi: string; readonly fundNameEn: string }>;
  readonly totalDong: number;
}

/** What `fundActivity` answers: a fund's donations and spendings in a period. */
export interface FundActivity {
  readonly fund: string;
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly donations: readonly DonationView[];
  readonly spendings: readonly SpendingView[];
  readonly receivedDong: number;
  readonly spentDong: number;
}

// --- inputs ---------------------------------------------------------------------------------------

export interface FundInput {
  readonly id: unknown;
  readonly kind: unknown;
  readonly level?: unknown;
  readonly nameVi: unknown;
  readonly nameEn?: unknown;
  readonly purpose: unknown;
  readonly restrictedPurposes?: readonly unknown[] | undefined;
  readonly opensOn: unknown;
  readonly closesOn: unknown;
  readonly organisation?: unknown;
  /** Emergency appeals start from a shock event; the household is the shock's. */
  readonly shockId?: unknown;
  readonly phases?: ReadonlyArray<{ name: unknown; startsOn: unknown; endsOn: unknown }> | undefined;
  readonly points?: ReadonlyArray<{ id: unknown; name: unknown; village?: unknown }> | undefined;
}

export interface DonationInput {
  readonly fund: unknown;
  readonly date: unknown;
  readonly donorKind: unknown;
  readonly donorName?: unknown;
  readonly donorIdNo?: unknown;
  readonly donorAddress?: unknown;
  /** The donor asks not to be named in any disclosure. */
  readonly anonymous?: unknown;
  readonly form?: unknown;
  readonly amount: unknown;
  readonly inKindDescription?: unknown;
  readonly point?: unknown;
  readonly phase?: unknown;
  readonly pledge?: unknown;
  /** A number typed from a pre-printed receipt book: must be the fund's next one. */
  readonly receiptNo?: unknown;
  readonly memo?: unknown;
  readonly idempotencyKey?: string | null | undefined;
}

export interface PledgeInput {
  readonly fund: unknown;
  readonly date: unknown;
  readonly donorKind: unknown;
  readonly donorName?: unknown;
  readonly anonymous?: unknown;
  readonly amount: unknown;
}

export interface AidInput {
  readonly fund: unknown;
  readonly household: unknown;
  readonly purpose: unknown;
  readonly amount: unknown;
  readonly date: unknown;
  readonly form?: unknown;
  readonly shockId?: unknown;
  readonly memo?: unknown;
}

export interface TransferInput {
  readonly fund: unknown;
  readonly recipient: unknown;
  readonly purpose: unknown;
  readonly amount: unknown;
  readonly date: unknown;
  readonly form?: unknown;
  readonly phase?: unknown;
  readonly memo?: unknown;
}

/** A spending as a proposal stores it (parsed, plain JSON). */
export interface SpendingPayload {
  readonly fund: string;
  readonly kind: SpendingKind;
  readonly household: string | null;
  readonly shockId: string | null;
  readonly recipient: string | null;
  readonly purpose: AidPurpose;
  readonly amountDong: number;
  readonly date: BusinessDate;
  readonly form: MoneyForm;
  readonly phase: number | null;
  readonly memo: string;
}

const LIST_LIMIT = FUNDS_LIMITS.listRowsMax;
const CHUNK = 10_000;

function throwIf(refusals: Refusal[]): void {
  if (refusals.length > 0) throw new RefusedError(refusals);
}

function fundView(r: q.FundRow): FundView {
  return {
    id: r.id,
    book: r.book_code,
    organisation: r.organisation_id,
    kind: r.kind as FundKind,
    level: r.level as FundLevel,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    purpose: r.purpose,
    restrictedPurposes:
      r.restricted_purposes === '' ? [] : (r.restricted_purposes.split(',') as AidPurpose[]),
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    shockId: r.shock_id,
    householdId: r.household_id,
  };
}

function donationView(r: q.DonationRow): DonationView {
  return {
    fund: r.fund_id,
    receiptNo: r.receipt_no,
    documentNo: receiptDocumentNo(r.fund_id, r.receipt_no),
    date: r.received_on,
    donorKind: r.donor_kind as DonorKind,
    donorName: r.donor_name,
    donorIdNo: r.donor_id_no,
    donorAddress: r.donor_address,
    anonymous: r.anonymous === 1,
    form: r.form as MoneyForm,
    amountDong: r.amount_dong,
    inKindDescription: r.in_kind_description,
    point: r.point_id,
    phase: r.phase_no,
    pledge: r.pledge_id,
    memo: r.memo,
    entry: `${r.book_code}#${r.seq}`,
    actor: r.actor,
  };
}

function spendingView(r: q.SpendingRow): SpendingView {
  return {
    fund: r.fund_id,
    voucherNo: r.voucher_no,
    documentNo: voucherDocumentNo(r.fund_id, r.voucher_no),
    kind: r.kind as SpendingKind,
    date: r.paid_on,
    purpose: r.purpose as AidPurpose,
    household: r.household_id,
    shock: r.shock_id,
    recipient: r.recipient_name,
    form: r.form as MoneyForm,
    amountDong: r.amount_dong,
    phase: r.phase_no,
    memo: r.memo,
    operation: r.operation_id,
    proposedBy: r.proposed_by,
    approvedBy: r.approved_by,
    entry: `${r.book_code}#${r.seq}`,
  };
}

/** Cash, bank and goods: what the fund holds. */
const HOLDING_ACCOUNTS = [FUND_ACCOUNTS.cash, FUND_ACCOUNTS.bank, FUND_ACCOUNTS.inKind];
const DONATION_ACCOUNTS = [FUND_ACCOUNTS.cashDonations, FUND_ACCOUNTS.inKindDonations];
const SPENDING_ACCOUNTS = [...Object.values(PURPOSE_ACCOUNT), FUND_ACCOUNTS.transfers];

export class Funds {
  constructor(
    readonly store: Store,
    readonly ledger: Ledger,
    readonly audit: AuditLog,
    readonly operations: Operations,
  ) {}

  // --- set-up -------------------------------------------------------------------------------------

  /** Opens a fund or campaign: its own book (charity-fund template), phases and points. */
  createFundWork(ctx: AuditCtx, input: FundInput): Work<FundDetail> {
    const r: Refusal[] = [];
    const id = slug(r, 'id', input.id);
    const kind = oneOf(r, FUND_KINDS, 'fundKind', input.kind, 'for_the_poor', true);
    const level = oneOf(r, FUND_LEVELS, 'level', input.level, 'commune');
    const nameVi = text(r, 'nameVi', input.nameVi, true) ?? '';
    const nameEn = text(r, 'nameEn', input.nameEn, false) ?? nameVi;
    const purpose = text(r, 'purpose', input.purpose, true, FUNDS_LIMITS.textLengthMax) ?? '';
    const restricted = (input.restrictedPurposes ?? []).map((p, i) =>
      oneOf(r, AID_PURPOSES, `restrictedPurposes[${i}]`, p, 'house', true),
    );
    const opensOn = date(r, 'opensOn', input.opensOn);
    const closesOn = date(r, 'closesOn', input.closesOn);
    if (r.length === 0 && closesOn < opensOn)
      r.push({ code: 'funds_dates_reversed', field: 'closesOn', value: closesOn, params: { opensOn } });
    const organisation =
      input.organisation == null || input.organisation === ''
        ? null
        : slug(r, 'organisation', input.organisation);
    const shockId = optionalPartyId(r, 'shockId', input.shockId);
    if (kind === 'emergency' && shockId === null)
      r.push({ code: 'funds_appeal_needs_shock', field: 'shockId', value: null });
    const phases = (input.phases ?? []).map((p, i) => ({
      phase_no: i + 1,
      name: text(r, `phases[${i}].name`, p.name, true) ?? '',
      starts_on: date(r, `phases[${i}].startsOn`, p.startsOn),
      ends_on: date(r, `phases[${i}].endsOn`, p.endsOn),
    }));
    for (const p of phases)
      if (p.ends_on < p.starts_on || p.starts_on < opensOn || p.ends_on > closesOn)
        r.push({
          code: 'funds_phase_outside_fund',
          field: `phases[${p.phase_no - 1}]`,
          value: `${p.starts_on}..${p.ends_on}`,
          params: { opensOn, closesOn },
        });
    const points = (input.points ?? []).map((p, i) => ({
      id: slug(r, `points[${i}].id`, p.id),
      name: text(r, `points[${i}].name`, p.name, true) ?? '',
      village_id: p.village == null || p.village === '' ? null : slug(r, `points[${i}].village`, p.village),
    }));
    if (phases.length > FUNDS_LIMITS.phasesMax || points.length > FUNDS_LIMITS.pointsMax)
      r.push({
        code: 'too_many',
        field: phases.length > FUNDS_LIMITS.phasesMax ? 'phases' : 'points',
        value: Math.max(phases.length, points.length),
        params: {
          max: phases.length > FUNDS_LIMITS.phasesMax ? FUNDS_LIMITS.phasesMax : FUNDS_LIMITS.pointsMax,
        },
      });
    if (new Set(points.map((p) => p.id)).size !== points.length)
      r.push({ code: 'already_exists', field: 'points', value: points.map((p) => p.id).join(',') });
    throwIf(r);
    return async (tx) => {
      let householdId: string | null = null;
      if (shockId !== null) {
        const [shock] = await findShocks(tx, ctx.tenant, { ids: [shockId], limit: 1 });
        if (!shock)
          throw new RefusedError([{ code: 'funds_shock_unknown', field: 'shockId', value: shockId }]);
        householdId = shock.householdId;
      }
      const restrictedPurposes =
        kind === 'emergency' && restricted.length === 0
          ? (['emergency'] as AidPurpose[])
          : [...new Set(restricted)];
      await this.ledger.createBookInTx(tx, ctx, {
        code: id,
        template: 'charity-fund',
        organisation,
        nameVi,
        nameEn,
      });
      const row: q.FundRow = {
        id,
        book_code: id,
        organisation_id: organisation,
        kind,
        level,
        name_vi: nameVi,
        name_en: nameEn,
        purpose,
        restricted_purposes: restrictedPurposes.join(','),
        opens_on: opensOn,
        closes_on: closesOn,
        shock_id: shockId,
        household_id: householdId,
        created_at: nowIso(ctx),
        actor: ctx.actor,
      };
      await q.insertFund(
        tx,
        ctx.tenant,
        row,
        phases.map((p) => ({ fund_id: id, ...p })),
        points.map((p) => ({ fund_id: id, ...p })),
      );
      return {
        value: await this.#detail(tx, ctx, row),
        audit: [{ action: 'funds.create', target: `fund:${id}`, detail: { kind, restrictedPurposes } }],
      };
    };
  }

  /** The commune's cap per household for one aid purpose, from a date (dated; never edited). */
  setCapWork(
    ctx: AuditCtx,
    input: { purpose: unknown; amount: unknown; from: unknown; documentNo?: unknown },
  ): Work<{ purpose: AidPurpose; capDong: number; from: BusinessDate; documentNo: string | null }> {
    const r: Refusal[] = [];
    const purpose = oneOf(r, AID_PURPOSES, 'purpose', input.purpose, 'house', true);
    const capDong = amount(r, 'amount', input.amount);
    const from = date(r, 'from', input.from);
    const documentNo = text(r, 'documentNo', input.documentNo, false);
    throwIf(r);
    return async (tx) => {
      if ((await q.listCaps(tx, ctx.tenant)).some((c) => c.purpose === purpose && c.effective_from === from))
        throw new RefusedError([{ code: 'already_exists', field: 'from', value: from }]);
      await q.insertCap(tx, ctx.tenant, {
        purpose,
        effective_from: from,
        cap_dong: capDong,
        document_no: documentNo,
        created_at: nowIso(ctx),
        actor: ctx.actor,
      });
      return {
        value: { purpose, capDong, from, documentNo },
        audit: [{ action: 'funds.cap', target: `cap:${purpose}`, detail: { capDong, from } }],
      };
    };
  }

  // --- donations ----------------------------------------------------------------------------------

  pledgeWork(ctx: AuditCtx, input: PledgeInput): Work<PledgeView> {
    const r: Refusal[] = [];
    const fundId = slug(r, 'fund', input.fund);
    const on = date(r, 'date', input.date);
    const donor = this.#donor(r, input);
    const amountDong = amount(r, 'amount', input.amount);
    throwIf(r);
    return async (tx) => {
      const fund = await this.#fundOr(tx, ctx, fundId);
      throwIf(checkDonationDate(fund, on));
      const id = `CK-${String((await q.pledgesOf(tx, ctx.tenant, fundId)).length + 1).padStart(4, '0')}`;
      const posted = await postInTx(tx, this.ledger.env, ctx, [
        {
          book: fund.book,
          date: on,
          kind: 'pledge',
          memo: `Cam kết ủng hộ ${id}`,
          postings: [
            { account: FUND_ACCOUNTS.pledges, party: id, amount: amountDong },
            { account: FUND_ACCOUNTS.pledgesContra, amount: -amountDong },
          ],
        },
      ]);
      const e = posted.entries[0]!;
      const row: q.PledgeRow = {
        fund_id: fundId,
        id,
        pledged_on: on,
        donor_kind: donor.kind,
        donor_name: donor.name,
        anonymous: donor.anonymous ? 1 : 0,
        amount_dong: amountDong,
        book_code: e.book,
        seq: e.seq,
        created_at: nowIso(ctx),
        actor: ctx.actor,
      };
      await q.insertPledge(tx, ctx.tenant, row);
      return {
        value: pledgeView(row),
        audit: [{ action: 'funds.pledge', target: `pledge:${fundId}/${id}`, detail: { amountDong } }],
      };
    };
  }

  #donor(
    r: Refusal[],
    input: { donorKind: unknown; donorName?: unknown; anonymous?: unknown },
  ): { kind: DonorKind; name: string | null; anonymous: boolean } {
    const kind = oneOf(r, DONOR_KINDS, 'donorKind', input.donorKind, 'person');
    const name = text(r, 'donorName', input.donorName, kind !== 'anonymous');
    if (kind === 'anonymous' && name !== null)
      r.push({ code: 'funds_anonymous_named', field: 'donorName', value: name });
    return {
      kind,
      name: kind === 'anonymous' ? null : name,
      anonymous: kind === 'anonymous' || bool(input.anonymous),
    };
  }

  /** Records a donation and issues its receipt (phiếu thu) with the fund's next number. */
  donateWork(ctx: AuditCtx, input: DonationInput): Work<DonationView> {
    const r: Refusal[] = [];
    const fundId = slug(r, 'fund', input.fund);
    const on = date(r, 'date', input.date);
    const donor = this.#donor(r, input);
    const idNo = text(r, 'donorIdNo', input.donorIdNo, false, 20);
    const address = text(r, 'donorAddress', input.donorAddress, false);
    const form = oneOf(r, MONEY_FORMS, 'form', input.form, 'cash');
    const amountDong = amount(r, 'amount', input.amount);
    const inKind = text(
      r,
      'inKindDescription',
      input.inKindDescription,
      form === 'in_kind',
      FUNDS_LIMITS.textLengthMax,
    );
    if (form !== 'in_kind' && inKind !== null)
      r.push({ code: 'funds_in_kind_only', field: 'inKindDescription', value: inKind });
    const point = input.point == null || input.point === '' ? null : slug(r, 'point', input.point);
    const phase = optionalCount(r, 'phase', input.phase, FUNDS_LIMITS.phasesMax);
    const pledge = optionalPartyId(r, 'pledge', input.pledge);
    const typedNo = optionalCount(r, 'receiptNo', input.receiptNo, 1_000_000_000);
    const memo = text(r, 'memo', input.memo, false, FUNDS_LIMITS.textLengthMax);
    throwIf(r);
    return async (tx) => {
      const fund = await this.#fundOr(tx, ctx, fundId);
      const refusals = [...checkDonationDate(fund, on)];
      if (point !== null && !(await q.pointsOf(tx, ctx.tenant, fundId)).some((p) => p.id === point))
        refusals.push({ code: 'funds_point_unknown', field: 'point', value: point });
      if (phase !== null) {
        const ph = (await q.phasesOf(tx, ctx.tenant, fundId)).find((p) => p.phase_no === phase);
        if (!ph) refusals.push({ code: 'funds_phase_unknown', field: 'phase', value: phase });
        else if (on < ph.starts_on || on > ph.ends_on)
          refusals.push({
            code: 'funds_phase_dates',
            field: 'date',
            value: on,
            params: { phase, startsOn: ph.starts_on, endsOn: ph.ends_on },
          });
      }
      let pledgeRelease = 0;
      if (pledge !== null) {
        const p = await q.findPledge(tx, ctx.tenant, fundId, pledge);
        if (!p) refusals.push({ code: 'funds_pledge_unknown', field: 'pledge', value: pledge });
        else {
          const t = await readTotals(tx, ctx.tenant, fund.book, FUND_ACCOUNTS.pledges, pledge);
          pledgeRelease = Math.min(amountDong, t.debit - t.credit);
        }
      }
      const next = await q.nextReceiptNo(tx, ctx.tenant, fundId);
      refusals.push(...checkReceiptNo(typedNo, next));
      throwIf(refusals);
      const documentNo = receiptDocumentNo(fundId, next);
      const draft: InternalDraft = {
        book: fund.book,
        date: on,
        kind: 'donation',
        memo: memo ?? `Ủng hộ ${fund.nameVi}`.slice(0, FUNDS_LIMITS.textLengthMax),
        documentNo,
        postings: [
          { account: formAccount(form), amount: amountDong },
          {
            account: form === 'in_kind' ? FUND_ACCOUNTS.inKindDonations : FUND_ACCOUNTS.cashDonations,
            amount: -amountDong,
          },
          ...(pledgeRelease > 0
            ? [
                { account: FUND_ACCOUNTS.pledges, party: pledge!, amount: -pledgeRelease },
                { account: FUND_ACCOUNTS.pledgesContra, amount: pledgeRelease },
              ]
            : []),
        ],
      };
      const posted = await postInTx(tx, this.ledger.env, ctx, [draft], {
        idempotencyKey: input.idempotencyKey ?? null,
      });
      const e = posted.entries[0]!;
      if (posted.replayed) {
        const earlier = (await q.donationsOf(tx, ctx.tenant, fundId, { limit: LIST_LIMIT })).find(
          (d) => d.seq === e.seq,
        );
        return { value: donationView(earlier!), audit: [] };
      }
      const row: q.DonationRow = {
        fund_id: fundId,
        receipt_no: next,
        received_on: on,
        donor_kind: donor.kind,
        donor_name: donor.name,
        donor_id_no: idNo,
        donor_address: address,
        anonymous: donor.anonymous ? 1 : 0,
        form,
        amount_dong: amountDong,
        in_kind_description: inKind,
        point_id: point,
        phase_no: phase,
        pledge_id: pledge,
        memo: draft.memo,
        book_code: e.book,
        seq: e.seq,
        created_at: nowIso(ctx),
        actor: ctx.actor,
      };
      await q.insertDonation(tx, ctx.tenant, row);
      return {
        value: donationView(row),
        audit: [
          {
            action: 'funds.donate',
            target: `receipt:${documentNo}`,
            detail: { amountDong, form, entry: `${e.book}#${e.seq}` },
          },
        ],
      };
    };
  }

  // --- spending (maker-checker) -------------------------------------------------------------------

  /** Parses an aid request into the payload a proposal stores. */
  aidPayload(input: AidInput): SpendingPayload {
    const r: Refusal[] = [];
    const payload: SpendingPayload = {
      fund: slug(r, 'fund', input.fund),
      kind: 'aid',
      household: partyId(r, 'household', input.household),
      shockId: optionalPartyId(r, 'shockId', input.shockId),
      recipient: null,
      purpose: oneOf(r, AID_PURPOSES, 'purpose', input.purpose, 'house', true),
      amountDong: amount(r, 'amount', input.amount),
      date: date(r, 'date', input.date),
      form: oneOf(r, MONEY_FORMS, 'form', input.form, 'cash'),
      phase: null,
      memo: text(r, 'memo', input.memo, false, FUNDS_LIMITS.textLengthMax) ?? '',
    };
    throwIf(r);
    return payload;
  }

  transferPayload(input: TransferInput): SpendingPayload {
    const r: Refusal[] = [];
    const form = oneOf(r, MONEY_FORMS, 'form', input.form, 'cash');
    if (form === 'in_kind')
      r.push({ code: 'value_not_allowed', field: 'form', value: form, params: { allowed: 'cash, bank' } });
    const payload: SpendingPayload = {
      fund: slug(r, 'fund', input.fund),
      kind: 'transfer',
      household: null,
      shockId: null,
      recipient: text(r, 'recipient', input.recipient, true) ?? '',
      purpose: oneOf(r, AID_PURPOSES, 'purpose', input.purpose, 'relief', true),
      amountDong: amount(r, 'amount', input.amount),
      date: date(r, 'date', input.date),
      form,
      phase: optionalCount(r, 'phase', input.phase, FUNDS_LIMITS.phasesMax),
      memo: text(r, 'memo', input.memo, false, FUNDS_LIMITS.textLengthMax) ?? '',
    };
    throwIf(r);
    return payload;
  }

  /** Proposes aid to a household; another user approves it (`operations.approve`). */
  async proposeAid(
    ctx: AuditCtx,
    input: AidInput,
    keyed: Keyed | null = null,
  ): Promise<Reply & { replayed: boolean }> {
    return this.operations.submit(ctx, 'funds.aid', this.aidPayload(input), keyed);
  }

  /** Proposes sending money to another level (district, province); another user approves it. */
  async proposeTransfer(
    ctx: AuditCtx,
    input: TransferInput,
    keyed: Keyed | null = null,
  ): Promise<Reply & { replayed: boolean }> {
    return this.operations.submit(ctx, 'funds.transfer', this.transferPayload(input), keyed);
  }

  /** Every rule a spending must pass, read inside the transaction; returns the fund. */
  async checkSpendingInTx(tx: Tx, ctx: Ctx, p: SpendingPayload): Promise<FundView> {
    const fund = await this.#fundOr(tx, ctx, p.fund);
    const r: Refusal[] = [...checkPurpose(fund, p.purpose)];
    if (p.kind === 'aid') {
      const household = p.household!;
      const [h] = await findHouseholds(tx, ctx.tenant, [household]);
      if (!h || h.archivedOn !== null)
        r.push({ code: 'funds_household_unknown', field: 'household', value: household });
      if (p.shockId !== null) {
        const [s] = await findShocks(tx, ctx.tenant, { ids: [p.shockId], limit: 1 });
        if (!s || s.householdId !== household)
          r.push({ code: 'funds_shock_unknown', field: 'shockId', value: p.shockId });
      }
      r.push(...checkBeneficiary(fund, household));
      const caps: CapRow[] = (await q.listCaps(tx, ctx.tenant)).map((c) => ({
        purpose: c.purpose,
        effectiveFrom: c.effective_from,
        capDong: c.cap_dong,
      }));
      const already = await q.aidTotalOf(tx, ctx.tenant, p.fund, household, p.purpose);
      r.push(...checkCap(fund, household, capInForce(caps, p.purpose, p.date), already, p.amountDong));
    } else if (
      p.phase !== null &&
      !(await q.phasesOf(tx, ctx.tenant, p.fund)).some((x) => x.phase_no === p.phase)
    )
      r.push({ code: 'funds_phase_unknown', field: 'phase', value: p.phase });
    throwIf(r);
    return fund;
  }

  #spendingDraft(fund: FundView, p: SpendingPayload, voucherNo: number): InternalDraft {
    const expense = p.kind === 'aid' ? PURPOSE_ACCOUNT[p.purpose] : FUND_ACCOUNTS.transfers;
    const what = p.kind === 'aid' ? `Hỗ trợ hộ ${p.household}` : `Chuyển ${p.recipient}`;
    return {
      book: fund.book,
      date: p.date,
      kind: p.kind === 'aid' ? 'aid' : 'transfer',
      memo: (p.memo === '' ? what : `${what}: ${p.memo}`).slice(0, FUNDS_LIMITS.textLengthMax),
      documentNo: voucherDocumentNo(fund.id, voucherNo),
      postings: [
        { account: expense, amount: p.amountDong },
        { account: formAccount(p.form), amount: -p.amountDong },
      ],
    };
  }

  /** Checks the ledger would take the entry too (cash on hand, closed period) without writing. */
  async checkSpendingFullyInTx(tx: Tx, ctx: Ctx, p: SpendingPayload): Promise<void> {
    const fund = await this.checkSpendingInTx(tx, ctx, p);
    const refusals = await checkDrafts(tx, this.ledger.env, ctx, [
      this.#spendingDraft(fund, p, await q.nextVoucherNo(tx, ctx.tenant, p.fund)),
    ]);
    throwIf(refusals);
    // The ledger checks cash on every day from the payment on when it posts (at approval); a
    // proposal is refused already when the money is not there on its date or today.
    const account = formAccount(p.form);
    for (const asOf of [p.date, undefined]) {
      const t = await readTotals(tx, ctx.tenant, fund.book, account, '', asOf);
      if (t.debit - t.credit < p.amountDong)
        throw new RefusedError([
          {
            code: 'balance_rule_broken',
            field: 'amount',
            value: p.amountDong,
            params: {
              account,
              party: '',
              date: asOf ?? today(ctx),
              balance: t.debit - t.credit - p.amountDong,
            },
          },
        ]);
    }
  }

  /** Pays an approved spending: its voucher (phiếu chi), its entry and its row, in the caller's transaction. */
  async executeSpendingInTx(
    tx: Tx,
    ctx: Ctx,
    p: SpendingPayload,
    options: { idempotencyKey: string | null; operationId?: number },
  ): Promise<SpendingView> {
    const fund = await this.checkSpendingInTx(tx, ctx, p);
    const cut = ctx.actor.lastIndexOf('/');
    // The approvals module runs an approved operation as "<proposer>/<approver>" (never one person).
    const proposedBy = cut > 0 ? ctx.actor.slice(0, cut) : ctx.actor;
    const approvedBy = cut > 0 ? ctx.actor.slice(cut + 1) : '';
    if (approvedBy === '' || approvedBy === proposedBy)
      throw new RefusedError([
        {
          code: 'approver_is_proposer',
          field: 'id',
          value: options.operationId ?? null,
          params: { by: proposedBy },
        },
      ]);
    const voucherNo = await q.nextVoucherNo(tx, ctx.tenant, p.fund);
    const posted = await postInTx(tx, this.ledger.env, ctx, [this.#spendingDraft(fund, p, voucherNo)], {
      idempotencyKey: options.idempotencyKey,
    });
    const e = posted.entries[0]!;
    const row: q.SpendingRow = {
      fund_id: p.fund,
      voucher_no: voucherNo,
      kind: p.kind,
      paid_on: p.date,
      purpose: p.purpose,
      household_id: p.household,
      shock_id: p.shockId,
      recipient_fund_id: null,
      recipient_name: p.recipient,
      form: p.form,
      amount_dong: p.amountDong,
      phase_no: p.phase,
      memo: p.memo,
      operation_id: options.operationId ?? null,
      proposed_by: proposedBy,
      approved_by: approvedBy,
      book_code: e.book,
      seq: e.seq,
      created_at: nowIso(ctx),
    };
    await q.insertSpending(tx, ctx.tenant, row);
    return spendingView(row);
  }

  // --- audited conveniences (CLI, tests) ------------------------------------------------------------

  async createFund(ctx: AuditCtx, input: FundInput): Promise<FundDetail> {
    return this.audit.write(ctx, this.createFundWork(ctx, input));
  }
  async setCap(
    ctx: AuditCtx,
    input: { purpose: unknown; amount: unknown; from: unknown; documentNo?: unknown },
  ) {
    return this.audit.write(ctx, this.setCapWork(ctx, input));
  }
  async pledge(ctx: AuditCtx, input: PledgeInput): Promise<PledgeView> {
    return this.audit.write(ctx, this.pledgeWork(ctx, input));
  }
  async donate(ctx: AuditCtx, input: DonationInput): Promise<DonationView> {
    return this.audit.write(ctx, this.donateWork(ctx, input));
  }

  // --- reads --------------------------------------------------------------------------------------

  async #fundOr(db: Tx, ctx: Ctx, id: string): Promise<FundView> {
    const row = await q.findFund(db, ctx.tenant, id);
    if (!row) throw new RefusedError([{ code: 'funds_fund_unknown', field: 'fund', value: id }]);
    return fundView(row);
  }

  async #holding(db: Tx, ctx: Ctx, book: string, asOf?: string): Promise<number> {
    const totals = await readAccountTotals(db, ctx.tenant, book, asOf);
    return totals
      .filter((t) => HOLDING_ACCOUNTS.includes(t.account as (typeof HOLDING_ACCOUNTS)[number]))
      .reduce((s, t) => s + t.debit - t.credit, 0);
  }

  async #summary(db: Tx, ctx: Ctx, row: q.FundRow): Promise<FundSummary> {
    const v = fundView(row);
    const t = today(ctx);
    return {
      ...v,
      open: v.opensOn <= t && t <= v.closesOn,
      balanceDong: await this.#holding(db, ctx, v.book),
    };
  }

  async #detail(db: Tx, ctx: Ctx, row: q.FundRow): Promise<FundDetail> {
    const s = await this.#summary(db, ctx, row);
    const totals = await q.fundTotals(db, ctx.tenant, row.id);
    const pledges = [];
    for (const p of await q.pledgesOf(db, ctx.tenant, row.id)) {
      const t = await readTotals(db, ctx.tenant, row.book_code, FUND_ACCOUNTS.pledges, p.id);
      pledges.push({ ...pledgeView(p), outstandingDong: t.debit - t.credit });
    }
    return {
      ...s,
      phases: (await q.phasesOf(db, ctx.tenant, row.id)).map((p) => ({
        phaseNo: p.phase_no,
        name: p.name,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
      })),
      points: (await q.pointsOf(db, ctx.tenant, row.id)).map((p) => ({
        id: p.id,
        name: p.name,
        villageId: p.village_id,
      })),
      pledges,
      ...totals,
    };
  }

  async funds(ctx: Ctx): Promise<FundSummary[]> {
    const db = this.store.db;
    const out: FundSummary[] = [];
    for (const row of await q.listFunds(db, ctx.tenant)) out.push(await this.#summary(db, ctx, row));
    return out;
  }

  async fund(ctx: Ctx, id: string): Promise<FundDetail> {
    const row = await q.findFund(this.store.db, ctx.tenant, id);
    if (!row) throw new RefusedError([{ code: 'funds_fund_unknown', field: 'fund', value: id }]);
    return this.#detail(this.store.db, ctx, row);
  }

  async caps(
    ctx: Ctx,
  ): Promise<Array<{ purpose: string; from: BusinessDate; capDong: number; documentNo: string | null }>> {
    return (await q.listCaps(this.store.db, ctx.tenant)).map((c) => ({
      purpose: c.purpose,
      from: c.effective_from,
      capDong: c.cap_dong,
      documentNo: c.document_no,
    }));
  }

  /** One receipt (phiếu thu) to print. */
  async receipt(
    ctx: Ctx,
    fund: string,
    receiptNo: number,
  ): Promise<{ fund: FundView; donation: DonationView }> {
    const f = await this.#fundOr(this.store.db, ctx, fund);
    const d = await q.findDonation(this.store.db, ctx.tenant, fund, receiptNo);
    if (!d) throw new RefusedError([{ code: 'funds_receipt_unknown', field: 'receiptNo', value: receiptNo }]);
    return { fund: f, donation: donationView(d) };
  }

  /** One voucher (phiếu chi) to print, with the payee household's head and address. */
  async voucher(
    ctx: Ctx,
    fund: string,
    voucherNo: number,
  ): Promise<{
    fund: FundView;
    spending: SpendingView;
    payee: { name: string | null; address: string | null };
  }> {
    const db = this.store.db;
    const f = await this.#fundOr(db, ctx, fund);
    const s = await q.findSpending(db, ctx.tenant, fund, voucherNo);
    if (!s) throw new RefusedError([{ code: 'funds_voucher_unknown', field: 'voucherNo', value: voucherNo }]);
    let payee: { name: string | null; address: string | null } = { name: s.recipient_name, address: null };
    if (s.household_id !== null) {
      const [h] = await findHouseholds(db, ctx.tenant, [s.household_id]);
      const head =
        h?.headPersonId == null
          ? undefined
          : await db
              .selectFrom('person')
              .select('full_name')
              .where('tenant_id', '=', ctx.tenant)
              .where('id', '=', h.headPersonId)
              .executeTakeFirst();
      payee = { name: head?.full_name ?? s.household_id, address: h?.address ?? null };
    }
    return { fund: f, spending: spendingView(s), payee };
  }

  async donations(
    ctx: Ctx,
    fund: string,
    range: { from?: string; to?: string } = {},
  ): Promise<DonationView[]> {
    await this.#fundOr(this.store.db, ctx, fund);
    return (await q.donationsOf(this.store.db, ctx.tenant, fund, { ...range, limit: LIST_LIMIT })).map(
      donationView,
    );
  }

  async spendings(
    ctx: Ctx,
    fund: string,
    range: { from?: string; to?: string } = {},
  ): Promise<SpendingView[]> {
    await this.#fundOr(this.store.db, ctx, fund);
    return (await q.spendingsOf(this.store.db, ctx.tenant, fund, { ...range, limit: LIST_LIMIT })).map(
      spendingView,
    );
  }

  /**
   * For other areas (the household page, households at risk): every aid a household received
   * from every fund, dated on or before `asOf` (today by default), and the total.
   */
  async aidReceivedByHousehold(
    ctx: Ctx,
    household: string,
    asOf: BusinessDate = today(ctx),
  ): Promise<HouseholdAid> {
    const db = this.store.db;
    const rows = await q.aidOfHousehold(db, ctx.tenant, household, asOf, LIST_LIMIT);
    const names = new Map((await q.listFunds(db, ctx.tenant)).map((f) => [f.id, f]));
    const aids = rows.map((r) => ({
      ...spendingView(r),
      fundNameVi: names.get(r.fund_id)?.name_vi ?? r.fund_id,
      fundNameEn: names.get(r.fund_id)?.name_en ?? r.fund_id,
    }));
    return { household, asOf, aids, totalDong: aids.reduce((s, a) => s + a.amountDong, 0) };
  }

  /** For other areas: a fund's donations and spendings in a period, with their totals. */
  async fundActivity(
    ctx: Ctx,
    fund: string,
    range: { from?: unknown; to?: unknown } = {},
  ): Promise<FundActivity> {
    const f = await this.#fundOr(this.store.db, ctx, fund);
    const { from, to } = this.#period(f, range, maxDate(today(ctx), f.closesOn));
    const donations = await this.donations(ctx, fund, { from, to });
    const spendings = await this.spendings(ctx, fund, { from, to });
    return {
      fund,
      from,
      to,
      donations,
      spendings,
      receivedDong: donations.reduce((s, d) => s + d.amountDong, 0),
      spentDong: spendings.reduce((s, d) => s + d.amountDong, 0),
    };
  }

  #period(
    f: FundView,
    range: { from?: unknown; to?: unknown },
    defaultTo: BusinessDate,
  ): { from: BusinessDate; to: BusinessDate } {
    const r: Refusal[] = [];
    const from = date(r, 'from', range.from === '' ? undefined : range.from, f.opensOn);
    const to = date(r, 'to', range.to === '' ? undefined : range.to, defaultTo);
    throwIf(r);
    if (from > to)
      throw new RefusedError([
        { code: 'funds_dates_reversed', field: 'to', value: to, params: { opensOn: from } },
      ]);
    return { from, to };
  }

  /**
   * The public disclosure of a fund over a period (công khai): received by donor (anonymous ones
   * as one line, in kind apart), spent by purpose and beneficiary category, balances from the
   * journal. Carries no beneficiary's personal data. `to` defaults to today.
   */
  async disclosure(
    ctx: Ctx,
    fund: string,
    range: { from?: unknown; to?: unknown } = {},
  ): Promise<DisclosureReport> {
    const db = this.store.db;
    const f = await this.#fundOr(db, ctx, fund);
    const { from, to } = this.#period(f, range, today(ctx));
    // Every row of the period, a chunk at a time (keyset on the gapless numbers): a disclosure
    // is never cut short.
    const donations: q.DonationRow[] = [];
    for (let after = 0; ; ) {
      const part = await q.donationsOf(db, ctx.tenant, fund, { from, to, limit: CHUNK, after });
      donations.push(...part);
      if (part.length < CHUNK) break;
      after = part[part.length - 1]!.receipt_no;
    }
    const spendings: q.SpendingRow[] = [];
    for (let after = 0; ; ) {
      const part = await q.spendingsOf(db, ctx.tenant, fund, { from, to, limit: CHUNK, after });
      spendings.push(...part);
      if (part.length < CHUNK) break;
      after = part[part.length - 1]!.voucher_no;
    }
    const points = new Map((await q.pointsOf(db, ctx.tenant, fund)).map((p) => [p.id, p.name]));
    const households = [
      ...new Set(spendings.flatMap((s) => (s.household_id === null ? [] : [s.household_id]))),
    ];
    const statuses = await statusesOf(db, ctx.tenant, households);
    const category = (household: string, on: BusinessDate): BeneficiaryCategory => {
      let best: { decidedOn: string; status: string } | undefined;
      for (const s of statuses)
        if (s.householdId === household && s.decidedOn <= on && (!best || s.decidedOn > best.decidedOn))
          best = s;
      return best?.status === 'poor' ? 'poor' : best?.status === 'near_poor' ? 'near_poor' : 'other';
    };
    const before = addDays(from, -1);
    const sumOf = async (accounts: readonly string[], asOf: string, sign: 1 | -1) =>
      (await readAccountTotals(db, ctx.tenant, f.book, asOf))
        .filter((t) => accounts.includes(t.account))
        .reduce((s, t) => s + sign * (t.debit - t.credit), 0);
    const donationRecords: DonationRecord[] = donations.map((d) => ({
      receiptNo: d.receipt_no,
      date: d.received_on,
      donorKind: d.donor_kind as DonorKind,
      donorName: d.donor_name,
      anonymous: d.anonymous === 1,
      form: d.form as MoneyForm,
      amountDong: d.amount_dong,
      inKindDescription: d.in_kind_description,
      pointName: d.point_id === null ? null : (points.get(d.point_id) ?? d.point_id),
      phaseNo: d.phase_no,
    }));
    const spendingRecords: SpendingRecord[] = spendings.map((s) => ({
      voucherNo: s.voucher_no,
      kind: s.kind as SpendingKind,
      date: s.paid_on,
      purpose: s.purpose as AidPurpose,
      amountDong: s.amount_dong,
      form: s.form as MoneyForm,
      householdId: s.household_id,
      category: s.household_id === null ? null : category(s.household_id, s.paid_on),
      recipient: s.recipient_name,
      phaseNo: s.phase_no,
    }));
    return buildDisclosure({
      fund: {
        id: f.id,
        nameVi: f.nameVi,
        nameEn: f.nameEn,
        kind: f.kind,
        purpose: f.purpose,
        opensOn: f.opensOn,
        closesOn: f.closesOn,
      },
      from,
      to,
      openingDong: await this.#holding(db, ctx, f.book, before),
      closingDong: await this.#holding(db, ctx, f.book, to),
      donations: donationRecords,
      spendings: spendingRecords,
      journal: {
        receivedDong: (await sumOf(DONATION_ACCOUNTS, to, -1)) - (await sumOf(DONATION_ACCOUNTS, before, -1)),
        spentDong: (await sumOf(SPENDING_ACCOUNTS, to, 1)) - (await sumOf(SPENDING_ACCOUNTS, before, 1)),
      },
    });
  }
}

function pledgeView(p: q.PledgeRow): PledgeView {
  return {
    fund: p.fund_id,
    id: p.id,
    date: p.pledged_on,
    donorKind: p.donor_kind as DonorKind,
    donorName: p.donor_name,
    anonymous: p.anonymous === 1,
    amountDong: p.amount_dong,
    entry: `${p.book_code}#${p.seq}`,
  };
}
