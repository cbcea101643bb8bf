// The monthly close. A finance manager closes an ended month once every earlier month is closed and
// the ledger balances; from then on nothing is posted dated in it (the ledger dates a late entry on
// the first open day, and the database refuses one that is not). Reopening takes a second finance
// manager (never whoever closed it) and a reason, and only for the latest closed month. Every step
// is audited with its history in the same transaction.
import type { LedgerEntry } from '../../contracts/billing';
import type { Page } from '../../contracts/common';
import type {
  AccountEntriesQuery,
  AccountingPeriod,
  ClosePeriodBody,
  FinanceErrorCode,
  FinancialStatement,
  PeriodList,
  ReopenPeriodBody,
  TrialBalanceReport,
} from '../../contracts/finance';
import { withTransaction, type Db, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays, addMonthsClamped } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { ConflictError, PreconditionFailedError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import { CHART_OF_ACCOUNTS } from '../billing/chart-of-accounts';
import type { LedgerPeriod, LedgerService } from '../billing/ledger.service';
import { monthEnd, monthOf, monthsBetween, monthStart, nextMonth } from './periods';
import type { QuoteBook } from '../products/quote-book';
import type { EarningService } from './earning.service';
import type { ReconciliationService } from './reconciliation.service';
import * as repo from './periods.repository';

const conflict = (code: FinanceErrorCode, detail: string, extras?: Record<string, unknown>) => new ConflictError(code, detail, extras);
/** How far back the list of periods reaches when the ledger is older. */
const LISTED_MONTHS = 24;

export class PeriodsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly earning: EarningService,
    private readonly quotes: QuoteBook,
    private readonly reconciliation: ReconciliationService,
  ) {}

  /** Every month from the ledger's first entry (at most two years back) to the current one, newest first. */
  async list(): Promise<PeriodList> {
    const today = this.clock.businessDate();
    const current = monthOf(today);
    const first = await this.ledger.firstEntryDate(this.db);
    const books = await this.books();
    const { lockedThrough } = books;
    const earliest = monthOf(addMonthsClamped(monthStart(current), -(LISTED_MONTHS - 1)));
    const oldest = monthOf([first ?? today, lockedThrough ?? today].sort()[0]!);
    const from = oldest < earliest ? earliest : oldest;
    const rows = new Map((await this.ledger.periods(this.db, monthStart(from))).map((r) => [monthOf(r.period_start), r]));
    const history = await repo.historyFrom(this.db, monthStart(from));
    const reconciling = await this.reconciliation.monthsWithOpenItems(this.db);
    const items = monthsBetween(from, current)
      .map((month) => this.toDto(month, rows.get(month), history, books, reconciling))
      .reverse();
    return { items, firstOpenDate: lockedThrough ? addDays(lockedThrough, 1) : monthStart(from), earnedThrough: books.earnedThrough };
  }

  private toDto(month: string, row: LedgerPeriod | undefined, history: repo.PeriodHistoryRow[], books: Books, reconciling = new Set<string>()): AccountingPeriod {
    const status = row?.status ?? 'open';
    return {
      month,
      from: monthStart(month),
      to: monthEnd(month),
      status,
      closable: status === 'open' && closeProblem(month, books) === null && !reconciling.has(month),
      closedAt: row?.closed_at ? row.closed_at.toISOString() : null,
      closedBy: row?.closed_by ? { id: row.closed_by, name: row.closed_by_name ?? '' } : null,
      history: history
        .filter((h) => h.period_start === monthStart(month))
        .map((h) => ({ event: h.event, reason: h.reason, by: { id: h.changed_by, name: h.changed_by_name }, at: h.changed_at.toISOString() })),
      version: row?.version ?? 1,
    };
  }

  private async one(month: string): Promise<AccountingPeriod> {
    const list = await this.list();
    return (
      list.items.find((p) => p.month === month) ??
      this.toDto(
        month,
        (await this.ledger.periods(this.db, monthStart(month))).find((r) => r.period_start === monthStart(month)),
        [],
        await this.books(),
        await this.reconciliation.monthsWithOpenItems(this.db),
      )
    );
  }

  private async books(db: Db | Trx = this.db): Promise<Books> {
    return {
      today: this.clock.businessDate(),
      lockedThrough: await this.ledger.lockedThrough(db),
      firstEntryDate: await this.ledger.firstEntryDate(db),
      earnedThrough: await this.earning.earnedThrough(db),
    };
  }

  /** Closes an ended month (If-Match on the period's version) after checking that the ledger balances. */
  async close(actor: Actor, month: string, version: number, body: ClosePeriodBody): Promise<AccountingPeriod> {
    await withTransaction(this.db, async (trx) => {
      const period = await this.ledger.lockPeriod(trx, monthStart(month));
      if (period.status === 'closed') throw conflict('PERIOD_INVALID_TRANSITION', `${month} is closed already.`, { currentStatus: 'closed' });
      if (period.version !== version) throw new PreconditionFailedError(period.version);
      const books = await this.books(trx);
      const problem = closeProblem(month, books);
      if (problem) throw conflict(problem.code, problem.detail, problem.code === 'PERIOD_EARNING_BEHIND' ? { earnedThrough: books.earnedThrough } : undefined);
      const open = await this.reconciliation.openItems(trx, monthStart(month), monthEnd(month));
      if (open.count > 0)
        throw new ConflictError(
          'PERIOD_RECONCILIATION_OPEN',
          `${open.count} bank statement line${open.count === 1 ? '' : 's'} dated in ${month} ${open.count === 1 ? 'is' : 'are'} neither matched nor explained (above ${open.threshold} minor units): reconcile them before the close.`,
          { items: open.count, lineIds: open.ids, threshold: open.threshold },
        );
      const unbalanced = await this.ledger.unbalancedEntries(trx);
      const trial = await this.ledger.trialBalance(trx, monthEnd(month));
      if (unbalanced.count > 0 || !trial.balanced) {
        throw conflict('PERIOD_UNBALANCED', `The ledger does not balance (${unbalanced.count} unbalanced entries): ${month} stays open.`, { unbalancedEntryIds: unbalanced.ids });
      }
      const now = this.clock.now();
      await this.ledger.setPeriodStatus(trx, period.period_start, period.version, { status: 'closed', closedAt: now, closedBy: actor.userId });
      await repo.insertHistory(trx, { period_start: period.period_start, event: 'closed', reason: body.note ?? null, changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'period.close',
        entity: { type: 'accounting_period', id: month },
        before: { status: 'open' },
        after: { status: 'closed' },
        metadata: { trialBalance: trial.currencies, ...(body.note ? { note: body.note } : {}) },
      });
    });
    return this.one(month);
  }

  /** Reopens the latest closed month: a second finance manager, with a reason (If-Match). */
  async reopen(actor: Actor, month: string, version: number, body: ReopenPeriodBody): Promise<AccountingPeriod> {
    await withTransaction(this.db, async (trx) => {
      const period = await this.ledger.lockPeriod(trx, monthStart(month));
      if (period.status !== 'closed') throw conflict('PERIOD_INVALID_TRANSITION', `${month} is open.`, { currentStatus: period.status });
      if (period.version !== version) throw new PreconditionFailedError(period.version);
      const lockedThrough = await this.ledger.lockedThrough(trx);
      if (lockedThrough !== monthEnd(month))
        throw conflict('PERIOD_LATER_CLOSED', `A later month is closed (the books are closed through ${lockedThrough}): reopen that one first.`);
      if (period.closed_by === actor.userId) throw conflict('PERIOD_SAME_PERSON', 'You closed this month: another finance manager must reopen it.');
      const now = this.clock.now();
      await this.ledger.setPeriodStatus(trx, period.period_start, period.version, { status: 'open' });
      await repo.insertHistory(trx, { period_start: period.period_start, event: 'reopened', reason: body.reason, changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'period.reopen',
        entity: { type: 'accounting_period', id: month },
        before: { status: 'closed', closedBy: period.closed_by },
        after: { status: 'open' },
        metadata: { reason: body.reason },
      });
    });
    return this.one(month);
  }

  /** A month's income and expenses (their movements in it) and its balances at the end, from the ledger. */
  async statement(month: string): Promise<FinancialStatement> {
    const [from, to] = [monthStart(month), monthEnd(month)];
    const [moved, atEnd] = await Promise.all([this.ledger.trialBalance(this.db, to, from), this.ledger.trialBalance(this.db, to)]);
    const lines = (accounts: typeof moved.accounts, cls: string) =>
      accounts
        .filter((a) => CHART_OF_ACCOUNTS[a.kind].class === cls && (a.debits !== 0 || a.credits !== 0))
        .map((a) => ({ kind: a.kind, description: CHART_OF_ACCOUNTS[a.kind].description, currency: a.currency, amount: a.balance }));
    const income = lines(moved.accounts, 'income');
    const expenses = lines(moved.accounts, 'expense');
    const currencies = [...new Set([...income, ...expenses].map((l) => l.currency))].sort();
    const sum = (list: { currency: string; amount: number }[], currency: string) => list.filter((l) => l.currency === currency).reduce((s, l) => s + l.amount, 0);
    return {
      month,
      from,
      to,
      income,
      expenses,
      result: currencies.map((currency) => ({ currency, amount: sum(income, currency) - sum(expenses, currency) })),
      assets: lines(atEnd.accounts, 'asset'),
      liabilities: lines(atEnd.accounts, 'liability'),
      balanced: atEnd.balanced,
    };
  }

  /** The entries behind a statement's or the premium register's figure (drill-down), newest first. */
  async accountEntries(query: AccountEntriesQuery): Promise<Page<LedgerEntry>> {
    const { kind, currency, from, to, productId, sourceTypes, ...page } = query;
    const productVersionIds = productId ? await this.quotes.productVersionIds(this.db, productId) : undefined;
    return this.ledger.accountEntries(
      { accountKind: kind, currency, from, to, ...(productVersionIds ? { productVersionIds } : {}), ...(sourceTypes ? { sourceTypes } : {}) },
      page,
    );
  }

  /** The trial balance on a date: every account's debits, credits and balance from the entries dated on or before it. */
  async trialBalance(asOf: string): Promise<TrialBalanceReport> {
    const trial = await this.ledger.trialBalance(this.db, asOf);
    return {
      asOf,
      balanced: trial.balanced,
      currencies: trial.currencies,
      accounts: trial.accounts.map((a) => ({ ...a, description: CHART_OF_ACCOUNTS[a.kind].description })),
    };
  }
}

interface Books {
  today: string;
  lockedThrough: string | null;
  firstEntryDate: string | null;
  /** The last day the earning job has earned premium for (null before its first run). */
  earnedThrough: string | null;
}

/**
 * Why a month cannot be closed now, or null: it must have ended, the month before it be closed (or
 * hold no entry), and the earning job have earned premium through its last day.
 */
function closeProblem(month: string, books: Books): { code: FinanceErrorCode; detail: string } | null {
  const problem = (code: FinanceErrorCode, detail: string) => ({ code, detail });
  const notClosable = (detail: string) => problem('PERIOD_NOT_CLOSABLE', detail);
  if (monthEnd(month) >= books.today) return notClosable(`${month} has not ended yet.`);
  if (books.lockedThrough !== null) {
    if (monthEnd(month) <= books.lockedThrough) return notClosable(`${month} is closed already.`);
    const next = nextMonth(monthOf(books.lockedThrough));
    if (next !== month) return notClosable(`Close ${next} first: months close in order.`);
  } else if (books.firstEntryDate !== null && monthOf(books.firstEntryDate) < month) {
    return notClosable(`Close ${monthOf(books.firstEntryDate)} first: months close in order.`);
  }
  if (books.earnedThrough === null || books.earnedThrough < monthEnd(month)) {
    return problem(
      'PERIOD_EARNING_BEHIND',
      `Premium has been earned ${books.earnedThrough ? `through ${books.earnedThrough}` : 'for no day yet'}: the earning job must run through ${monthEnd(month)} before ${month} closes.`,
    );
  }
  return null;
}
