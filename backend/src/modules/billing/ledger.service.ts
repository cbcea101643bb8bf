// The double-entry ledger: posting balanced entries once per external id, reversing them, balances
// as sums over postings, verification, and the ledger reads of a policy or a customer.
import { performance } from 'node:perf_hooks';
import type { FieldError, Page } from '../../contracts/common';
import { CLEARING_METHODS, type AccountKind, type Direction, type LedgerEntry, type LedgerQuery, type SourceType } from '../../contracts/billing';
import type { Db, DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { BadRequestError, NotFoundError } from '../../platform/errors';
import { decodeCursor } from '../../platform/pagination';
import { assertInScope } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import { alreadyReversed, externalIdConflict, invalidEntry } from './billing.errors';
import { CHART_OF_ACCOUNTS, ownerKeyOf, signedForAccount, type AccountRef } from './chart-of-accounts';
import * as repo from './ledger.repository';

export interface NewPosting {
  account: AccountRef;
  direction: Direction;
  /** Minor units, > 0. */
  amount: number;
  /** The invoice a receivable posting charges or pays: an invoice's open amount is the sum of its postings. */
  invoiceId?: string | null;
}

export interface NewEntry {
  /** Unique per business event (e.g. `invoice:<id>:raise`): the same event never posts twice. */
  externalId: string;
  /** Business date (YYYY-MM-DD) the entry counts on. */
  effectiveDate: string;
  sourceType: SourceType;
  sourceId?: string | null;
  description: string;
  /** For scoping reads: whose ledger shows the entry. */
  policyId?: string | null;
  customerId?: string | null;
  branchId?: string | null;
  /** The user who caused it; null for jobs and webhooks. */
  createdBy: string | null;
  postings: NewPosting[];
}

export interface PostResult {
  entry: LedgerEntry;
  /** False when the external id had already been posted with the same content (nothing was written). */
  created: boolean;
}

export interface TrialBalance {
  /** Σ debits = Σ credits in every currency. */
  balanced: boolean;
  currencies: { currency: string; debits: number; credits: number; balanced: boolean }[];
  /** Per account kind and currency; `balance` is on the kind's normal side. */
  accounts: { kind: AccountKind; currency: string; debits: number; credits: number; balance: number }[];
}

export interface LedgerVerification {
  runAt: string;
  entriesChecked: number;
  unbalancedCount: number;
  /** The first 1,000 unbalanced entries, oldest first. */
  unbalancedEntryIds: string[];
  trialBalanceOk: boolean;
  balanced: boolean;
  durationMs: number;
}

export const LEDGER_EXPORT_MAX = 50_000;
const UNBALANCED_IDS_KEPT = 1_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface KeyedPosting {
  key: repo.AccountKey;
  direction: Direction;
  amount: number;
  invoiceId: string | null;
}

const keyOf = (ref: AccountRef): repo.AccountKey => ({ kind: ref.kind, ownerType: CHART_OF_ACCOUNTS[ref.kind].owner, ownerKey: ownerKeyOf(ref), currency: ref.currency });
const opposite = (d: Direction): Direction => (d === 'debit' ? 'credit' : 'debit');

/** What must be equal for a second post of one external id to be the same event. */
function fingerprint(e: {
  effectiveDate: string;
  sourceType: string;
  sourceId: string | null;
  policyId: string | null;
  customerId: string | null;
  branchId: string | null;
  reversesEntryId: string | null;
  postings: KeyedPosting[];
}): string {
  const postings = e.postings.map((p) => `${p.key.kind}|${p.key.ownerType}|${p.key.ownerKey}|${p.key.currency}|${p.direction}|${p.amount}|${p.invoiceId ?? ''}`).sort();
  return JSON.stringify([e.effectiveDate, e.sourceType, e.sourceId, e.policyId, e.customerId, e.branchId, e.reversesEntryId, postings]);
}

function validate(entry: NewEntry): FieldError[] {
  const errors: FieldError[] = [];
  if (!entry.externalId || entry.externalId.length > 200) errors.push({ path: 'externalId', message: 'Give an external id of 1 to 200 characters' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.effectiveDate)) errors.push({ path: 'effectiveDate', message: 'Give the effective date as YYYY-MM-DD' });
  for (const field of ['sourceId', 'policyId', 'customerId', 'branchId', 'createdBy'] as const) {
    const value = entry[field];
    if (value != null && !UUID.test(value)) errors.push({ path: field, message: 'Not a valid id' });
  }
  if (entry.postings.length < 2) errors.push({ path: 'postings', message: 'An entry needs at least two postings' });
  const net = new Map<string, number>();
  entry.postings.forEach((p, i) => {
    const def = CHART_OF_ACCOUNTS[p.account.kind];
    if (!def) errors.push({ path: `postings.${i}.account.kind`, message: 'Unknown account kind' });
    else if (def.owner !== 'company' && !p.account.owner) errors.push({ path: `postings.${i}.account.owner`, message: `A ${p.account.kind} account belongs to a ${def.owner}` });
    else if (p.account.kind === 'cash_clearing' && !(CLEARING_METHODS as readonly string[]).includes(p.account.owner!))
      errors.push({ path: `postings.${i}.account.owner`, message: `Cash clearing accounts are per payment method: ${CLEARING_METHODS.join(', ')}` });
    if (!/^[A-Z]{3}$/.test(p.account.currency)) errors.push({ path: `postings.${i}.account.currency`, message: 'Give an ISO 4217 currency code' });
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0) errors.push({ path: `postings.${i}.amount`, message: 'Amounts are whole minor units above zero' });
    if (p.invoiceId != null && !UUID.test(p.invoiceId)) errors.push({ path: `postings.${i}.invoiceId`, message: 'Not a valid id' });
    if (p.direction !== 'debit' && p.direction !== 'credit') errors.push({ path: `postings.${i}.direction`, message: 'Direction is debit or credit' });
    net.set(p.account.currency, (net.get(p.account.currency) ?? 0) + (p.direction === 'debit' ? p.amount : -p.amount));
  });
  for (const [currency, n] of net) if (n !== 0) errors.push({ path: 'postings', message: `Debits and credits differ by ${Math.abs(n)} in ${currency}` });
  return errors;
}

function toDto(row: repo.EntryRow, postings: repo.PostingRow[], reversedBy: string | null): LedgerEntry {
  return {
    id: row.id,
    seq: row.seq,
    externalId: row.external_id,
    effectiveDate: row.effective_date,
    sourceType: row.source_type,
    sourceId: row.source_id,
    description: row.description,
    reversesEntryId: row.reverses_entry_id,
    reversedByEntryId: reversedBy,
    policyId: row.policy_id,
    customerId: row.customer_id,
    branchId: row.branch_id,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    postings: postings.map((p) => ({
      accountKind: p.kind,
      accountOwner: p.owner_type === 'company' ? null : p.owner_key,
      direction: p.direction,
      amount: p.amount,
      currency: p.currency,
    })),
  };
}

const keyedFromRows = (rows: repo.PostingRow[]): KeyedPosting[] =>
  rows.map((p) => ({
    key: { kind: p.kind, ownerType: p.owner_type, ownerKey: p.owner_key, currency: p.currency },
    direction: p.direction,
    amount: p.amount,
    invoiceId: p.invoice_id,
  }));

/** A month's standing in the books' lock. */
export type LedgerPeriod = repo.PeriodRow;

export class LedgerService {
  /** Account ids known committed, by account key (`repo.ensureAccounts`): accounts never change, so they are never forgotten. */
  private readonly committedAccounts = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly customers: CustomerProfiles,
  ) {}

  /**
   * Posts a balanced entry in the caller's transaction. Idempotent by external id: the same event
   * posted again returns the first entry and writes nothing; different content under the same
   * external id is a 409 (LEDGER_EXTERNAL_ID_CONFLICT). The description and author are not compared.
   */
  async post(trx: Trx, entry: NewEntry): Promise<PostResult> {
    const errors = validate(entry);
    if (errors.length) throw invalidEntry(errors);
    return this.write(
      trx,
      { ...entry, reversesEntryId: null },
      entry.postings.map((p) => ({ key: keyOf(p.account), direction: p.direction, amount: p.amount, invoiceId: p.invoiceId ?? null })),
    );
  }

  /**
   * Reverses an entry: a new entry with every posting on the other side, pointing at the original.
   * An entry is reversed once (409 LEDGER_ENTRY_ALREADY_REVERSED); repeating the same reversal
   * (same external id) returns it. Audited as `ledger.reverse`. `actor` is null when no user caused
   * it (a gateway's webhook).
   */
  async reverse(
    trx: Trx,
    actor: Actor | null,
    entryId: string,
    reason: string,
    externalId: string,
    options: { effectiveDate?: string; sourceType?: SourceType; sourceId?: string | null } = {},
  ): Promise<PostResult> {
    const original = await repo.findEntry(trx, { id: entryId }, { lock: true });
    if (!original) throw new NotFoundError('ledger entry');
    const existing = await repo.findReversal(trx, entryId);
    if (existing && existing.external_id !== externalId) throw alreadyReversed(entryId, existing.id);
    // The same reversal asked again (a retry, perhaps on another day): the one already posted.
    if (existing) return { entry: (await this.hydrate(trx, [existing]))[0]!, created: false };
    const postings = keyedFromRows(await repo.postingsOf(trx, [entryId])).map((p) => ({ ...p, direction: opposite(p.direction) }));
    const result = await this.write(
      trx,
      {
        externalId,
        effectiveDate: options.effectiveDate ?? this.clock.businessDate(),
        sourceType: options.sourceType ?? original.source_type,
        sourceId: options.sourceId !== undefined ? options.sourceId : original.source_id,
        description: `Reversal of ${original.external_id}: ${reason}`,
        policyId: original.policy_id,
        customerId: original.customer_id,
        branchId: original.branch_id,
        createdBy: actor?.userId ?? null,
        reversesEntryId: entryId,
      },
      postings,
    );
    if (result.created) {
      await this.audit.record(trx, {
        actor,
        action: 'ledger.reverse',
        entity: { type: 'journal_entry', id: result.entry.id },
        branchId: original.branch_id ?? actor?.branchId ?? null,
        metadata: { reversesEntryId: entryId, reversedExternalId: original.external_id, externalId, reason },
      });
    }
    return result;
  }

  private async write(trx: Trx, entry: Omit<NewEntry, 'postings'> & { reversesEntryId: string | null }, postings: KeyedPosting[]): Promise<PostResult> {
    const content = {
      effectiveDate: entry.effectiveDate,
      sourceType: entry.sourceType,
      sourceId: entry.sourceId ?? null,
      policyId: entry.policyId ?? null,
      customerId: entry.customerId ?? null,
      branchId: entry.branchId ?? null,
      reversesEntryId: entry.reversesEntryId,
    };
    // A date in a closed month is posted on the first open day, saying what it was for.
    const lockedThrough = await repo.lockedThrough(trx);
    const postedOn = lockedThrough !== null && content.effectiveDate <= lockedThrough ? addDays(lockedThrough, 1) : content.effectiveDate;
    const inserted = await repo.insertEntryIfNew(trx, {
      external_id: entry.externalId,
      effective_date: postedOn,
      source_type: content.sourceType,
      source_id: content.sourceId,
      reverses_entry_id: content.reversesEntryId,
      description: postedOn === content.effectiveDate ? entry.description : `${entry.description} (for ${content.effectiveDate}; the books are closed through ${lockedThrough})`,
      policy_id: content.policyId,
      customer_id: content.customerId,
      branch_id: content.branchId,
      created_at: this.clock.now(),
      created_by: entry.createdBy,
    });
    if (!inserted) {
      // Posted before (or by a concurrent transaction that has committed since): the same event, or a conflict.
      const existing = (await repo.findEntry(trx, { external_id: entry.externalId }))!;
      const existingPostings = await repo.postingsOf(trx, [existing.id]);
      const same =
        fingerprint({
          // Posted on its own date, or on the first open day when its month was closed then or is now.
          effectiveDate: existing.effective_date === postedOn ? content.effectiveDate : existing.effective_date,
          sourceType: existing.source_type,
          sourceId: existing.source_id,
          policyId: existing.policy_id,
          customerId: existing.customer_id,
          branchId: existing.branch_id,
          reversesEntryId: existing.reverses_entry_id,
          postings: keyedFromRows(existingPostings),
        }) === fingerprint({ ...content, postings });
      if (!same) throw externalIdConflict(entry.externalId, existing.id);
      const reversedBy = (await repo.reversalsOf(trx, [existing.id])).get(existing.id) ?? null;
      return { entry: toDto(existing, existingPostings, reversedBy), created: false };
    }
    const accounts = await repo.ensureAccounts(
      trx,
      postings.map((p) => p.key),
      this.committedAccounts,
    );
    const rows = postings.map((p) => ({
      entry_id: inserted.id,
      account_id: accounts.get(repo.accountKeyString(p.key))!,
      direction: p.direction,
      amount: p.amount,
      currency: p.key.currency,
      invoice_id: p.invoiceId,
    }));
    await repo.insertPostings(trx, rows);
    // What was just written, in the order written (the postings' identity order, as `postingsOf` reads them).
    const written = rows.map((r, i) => ({ ...r, kind: postings[i]!.key.kind, owner_type: postings[i]!.key.ownerType, owner_key: postings[i]!.key.ownerKey }));
    return { entry: toDto(inserted, written, null), created: true };
  }

  /** An account's balance on its normal side (receivables positive when owed, credit positive when held). */
  async balance(db: DbOrTrx, account: AccountRef): Promise<number> {
    const { debits, credits } = await repo.accountTotals(db, keyOf(account));
    return signedForAccount(account.kind, 'debit', debits) + signedForAccount(account.kind, 'credit', credits);
  }

  /** What the policy owes: its premium receivable. */
  policyReceivable(db: DbOrTrx, policyId: string, currency: string): Promise<number> {
    return this.balance(db, { kind: 'premium_receivable', owner: policyId, currency });
  }

  /** The customer's unapplied credit. */
  customerCredit(db: DbOrTrx, customerId: string, currency: string): Promise<number> {
    return this.balance(db, { kind: 'customer_credit', owner: customerId, currency });
  }

  /** The customer's unapplied credit in each currency it has an account in. */
  async customerCredits(db: DbOrTrx, customerId: string): Promise<{ currency: string; balance: number }[]> {
    return (await repo.ownerTotals(db, 'customer_credit', 'customer', customerId)).map((t) => ({
      currency: t.currency,
      balance: signedForAccount('customer_credit', 'debit', t.debits) + signedForAccount('customer_credit', 'credit', t.credits),
    }));
  }

  /**
   * A customer merge (inside its transaction): billing's policies follow the customer, and the
   * source's credit in each currency moves to the target by an entry (the source's history stays
   * where it was posted).
   */
  async moveCustomer(trx: Trx, actor: Actor, sourceId: string, targetId: string): Promise<void> {
    await repo.moveBillingPolicies(trx, sourceId, targetId, this.clock.now());
    for (const { currency, balance } of await this.customerCredits(trx, sourceId)) {
      if (balance === 0) continue;
      const amount = Math.abs(balance);
      await this.post(trx, {
        externalId: `customer-merge:${sourceId}:${targetId}:${currency}`,
        effectiveDate: this.clock.businessDate(),
        sourceType: 'reallocation',
        description: 'Credit moved to the customer this one was merged into',
        customerId: targetId,
        createdBy: actor.userId,
        postings: [
          { account: { kind: 'customer_credit', owner: sourceId, currency }, direction: balance > 0 ? 'debit' : 'credit', amount },
          { account: { kind: 'customer_credit', owner: targetId, currency }, direction: balance > 0 ? 'credit' : 'debit', amount },
        ],
      });
    }
  }

  /** Every account's totals, of every entry or of those dated on or before `asOf` (and on or after `from`: the movements of a period). */
  async trialBalance(db: DbOrTrx, asOf?: string, from?: string): Promise<TrialBalance> {
    const rows = await repo.trialBalanceRows(db, asOf, from);
    const byCurrency = new Map<string, { debits: number; credits: number }>();
    for (const r of rows) {
      const c = byCurrency.get(r.currency) ?? { debits: 0, credits: 0 };
      c.debits += Number(r.debits);
      c.credits += Number(r.credits);
      byCurrency.set(r.currency, c);
    }
    const currencies = [...byCurrency].map(([currency, t]) => ({ currency, ...t, balanced: t.debits === t.credits }));
    return {
      balanced: currencies.every((c) => c.balanced),
      currencies,
      accounts: rows.map((r) => ({
        kind: r.kind,
        currency: r.currency,
        debits: Number(r.debits),
        credits: Number(r.credits),
        balance: signedForAccount(r.kind, 'debit', Number(r.debits)) + signedForAccount(r.kind, 'credit', Number(r.credits)),
      })),
    };
  }

  // --- The books' lock: months close in order (the finance module decides when), and the ledger
  // posts nothing dated on or before the end of the latest closed month (the database refuses it too).

  /** The last day of the latest closed month, or null while no month is closed. */
  lockedThrough(db: DbOrTrx): Promise<string | null> {
    return repo.lockedThrough(db);
  }

  /** The months' standing (closed ones and those reopened since) from `from` on, oldest first. */
  periods(db: DbOrTrx, from: string): Promise<LedgerPeriod[]> {
    return repo.periodsFrom(db, from);
  }

  /** Locks the month starting `periodStart` for changes (its row made if it has none), in the caller's transaction. */
  lockPeriod(trx: Trx, periodStart: string): Promise<LedgerPeriod> {
    return repo.lockPeriod(trx, periodStart);
  }

  setPeriodStatus(trx: Trx, periodStart: string, version: number, change: { status: 'open' } | { status: 'closed'; closedAt: Date; closedBy: string }): Promise<LedgerPeriod> {
    return repo.setPeriodStatus(trx, periodStart, version, change);
  }

  /** Each day's totals per account kind and currency within [from, to] (a summarised journal for the accounting system). */
  dailyMovements(db: DbOrTrx, from: string, to: string) {
    return repo.dailyMovements(db, from, to);
  }

  /** How many entries are dated within [from, to]. */
  entryCount(db: DbOrTrx, from: string, to: string): Promise<number> {
    return repo.entryCount(db, from, to);
  }

  /** The date of the oldest entry, or null for an empty ledger. */
  firstEntryDate(db: DbOrTrx): Promise<string | null> {
    return repo.firstEntryDate(db);
  }

  /** Entries that do not balance (the deferred constraint makes this empty unless the data was tampered with). */
  unbalancedEntries(db: DbOrTrx, limit = UNBALANCED_IDS_KEPT): Promise<{ count: number; ids: string[] }> {
    return repo.findUnbalancedEntries(db, limit);
  }

  /** Re-checks every entry and the trial balance on one snapshot, and records what it found. */
  async verify(db: Db = this.db): Promise<LedgerVerification> {
    const started = performance.now();
    const row = await db.transaction(
      async (trx) => {
        const entriesChecked = await repo.countEntries(trx);
        const unbalanced = await repo.findUnbalancedEntries(trx, UNBALANCED_IDS_KEPT);
        const trial = await this.trialBalance(trx);
        return repo.insertVerification(trx, {
          run_at: this.clock.now(),
          entries_checked: entriesChecked,
          unbalanced_count: unbalanced.count,
          unbalanced_entry_ids: unbalanced.ids,
          trial_balance: trial.currencies.map(({ currency, debits, credits }) => ({ currency, debits, credits })),
          trial_balance_ok: trial.balanced,
          duration_ms: Math.round(performance.now() - started),
        });
      },
      { isolationLevel: 'repeatable read' },
    );
    return toVerification(row);
  }

  async latestVerification(db: DbOrTrx = this.db): Promise<LedgerVerification | null> {
    const row = await repo.latestVerification(db);
    return row ? toVerification(row) : null;
  }

  // --- Reads for the ledger pages (branch-scoped: another branch's policy or customer is 404).

  async policyLedger(actor: Actor, policyId: string, page: LedgerQuery): Promise<Page<LedgerEntry>> {
    await this.assertPolicyInScope(actor, policyId);
    return this.page({ policyId }, page);
  }

  async customerLedger(actor: Actor, customerId: string, page: LedgerQuery): Promise<Page<LedgerEntry>> {
    await this.customers.branchOf(this.db, actor, customerId);
    return this.page({ customerId }, page);
  }

  /** The entries behind a figure: those posting to an account kind in a currency, dated within [from, to], newest first. */
  async accountEntries(
    scope: { accountKind: AccountKind; currency: string; from: string; to: string; productVersionIds?: readonly string[]; sourceTypes?: readonly string[] },
    page: LedgerQuery,
  ): Promise<Page<LedgerEntry>> {
    return this.page(scope, page);
  }

  /** Every entry of a policy or a customer for CSV export (newest first, capped), audited as `ledger.export`. */
  async exportLedger(actor: Actor, scope: { policyId: string } | { customerId: string }): Promise<LedgerEntry[]> {
    const branchId = 'policyId' in scope ? await this.assertPolicyInScope(actor, scope.policyId) : await this.customers.branchOf(this.db, actor, scope.customerId);
    const entries = await this.hydrate(this.db, await repo.exportEntries(this.db, scope, LEDGER_EXPORT_MAX));
    await this.audit.record(this.db, {
      actor,
      action: 'ledger.export',
      entity: 'policyId' in scope ? { type: 'policy', id: scope.policyId } : { type: 'customer', id: scope.customerId },
      branchId,
      metadata: { entries: entries.length },
    });
    return entries;
  }

  private async assertPolicyInScope(actor: Actor, policyId: string): Promise<string> {
    const policy = await repo.findBillingPolicy(this.db, policyId);
    if (!policy) throw new NotFoundError('policy');
    assertInScope(actor, policy.branch_id, 'policy');
    return policy.branch_id;
  }

  private async page(scope: repo.EntryScope, page: LedgerQuery): Promise<Page<LedgerEntry>> {
    // The cursor holds the last entry's seq: anything else is a forged or stale cursor (400, not a database error).
    if (page.cursor && !decodeCursor(repo.LEDGER_SORT, page.cursor).every((v) => Number.isSafeInteger(v))) {
      throw new BadRequestError('INVALID_CURSOR', 'The cursor is not valid for this list; start again from the first page.', {
        errors: [{ path: 'cursor', message: 'Invalid cursor' }],
      });
    }
    const { items, nextCursor } = await repo.listEntries(this.db, scope, page);
    return { items: await this.hydrate(this.db, items), nextCursor };
  }

  private async hydrate(db: DbOrTrx, rows: repo.EntryRow[]): Promise<LedgerEntry[]> {
    const ids = rows.map((r) => r.id);
    const [postings, reversals] = await Promise.all([repo.postingsOf(db, ids), repo.reversalsOf(db, ids)]);
    const byEntry = new Map<string, repo.PostingRow[]>();
    for (const p of postings) byEntry.set(p.entry_id, [...(byEntry.get(p.entry_id) ?? []), p]);
    return rows.map((r) => toDto(r, byEntry.get(r.id) ?? [], reversals.get(r.id) ?? null));
  }
}

function toVerification(row: repo.VerificationRow): LedgerVerification {
  return {
    runAt: row.run_at.toISOString(),
    entriesChecked: Number(row.entries_checked),
    unbalancedCount: Number(row.unbalanced_count),
    unbalancedEntryIds: row.unbalanced_entry_ids,
    trialBalanceOk: row.trial_balance_ok,
    balanced: row.balanced,
    durationMs: row.duration_ms,
  };
}
