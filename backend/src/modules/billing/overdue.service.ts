// The overdue worklist: the policies of the caller's branches with overdue invoices, most days past
// due first, with the customer and when someone last had contact with them. "Last contact" comes
// from the customer extensions' last-contact contributors: billing contributes the latest payment
// attempt; the service desk (issue 14) will contribute its logged interactions.
import { AGEING_BUCKETS, type OverdueItem, type OverdueListQuery, type ReceivablesAging } from '../../contracts/billing';
import type { CountedPage } from '../../contracts/common';
import type { Db, DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ValidationError } from '../../platform/errors';
import type { CustomerContact, CustomerExtensions, LastContactContributor } from '../customers/customer-extensions';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { QuoteBook } from '../products/quote-book';
import * as repo from './overdue.repository';

/** Billing's last-contact contributor: the customer's latest payment attempt, whatever its outcome. */
export const paymentAttemptContacts: LastContactContributor = {
  name: 'billing-payment-attempts',
  async load(db: DbOrTrx, customerIds: readonly string[]): Promise<Map<string, CustomerContact>> {
    const rows = await repo.lastPaymentAttempts(db, customerIds);
    return new Map(
      rows.map((r) => [r.customer_id, { at: r.created_at, kind: 'payment_attempt', summary: `Payment ${r.payment_number} by ${r.method.replace('_', ' ')}, ${r.status}` }]),
    );
  },
};

export class OverdueWorklist {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly customers: CustomerProfiles,
    private readonly extensions: CustomerExtensions,
    private readonly catalog: QuoteBook,
  ) {}

  /** A page of the worklist (another branch's policies never appear; a forged cursor is 400 INVALID_CURSOR). */
  async list(actor: Actor, query: OverdueListQuery): Promise<CountedPage<OverdueItem>> {
    const today = this.clock.businessDate();
    const productVersionIds = query.productId ? await this.catalog.productVersionIds(this.db, query.productId) : undefined;
    const { items, nextCursor, total } = await repo.overduePage(this.db, actor, {
      today,
      daysFrom: query.daysFrom,
      daysTo: query.daysTo,
      amountMin: query.amountMin,
      productVersionIds,
      branchId: query.branchId,
      customerId: query.customerId,
      q: query.q,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    const customerIds = [...new Set(items.map((r) => r.customer_id))];
    const [names, contacts] = await Promise.all([this.customers.summaries(this.db, customerIds), this.extensions.lastContacts(this.db, customerIds)]);
    return {
      items: items.map((r) => {
        const contact = contacts.get(r.customer_id);
        return {
          policyId: r.policy_id,
          policyNumber: r.policy_number,
          customer: names.get(r.customer_id) ?? { id: r.customer_id, customerNumber: '', name: '' },
          branchId: r.branch_id,
          currency: r.currency,
          overdueAmount: r.overdue_amount,
          overdueSince: r.overdue_since,
          daysPastDue: r.days_past_due,
          overdueInvoices: r.overdue_invoices,
          lastContact: contact ? { at: contact.at.toISOString(), kind: contact.kind, summary: contact.summary } : null,
        };
      }),
      nextCursor,
      total,
    };
  }

  /**
   * The reader's receivables by currency and ageing bucket (the aged receivables report, summed), as
   * they stood at the end of `asOf` (default: today's business date; a later day → 400
   * AGING_AS_OF_IN_FUTURE).
   */
  async aging(actor: Actor, query: { asOf?: string } = {}): Promise<ReceivablesAging> {
    const today = this.clock.businessDate();
    const asOf = query.asOf ?? today;
    assertAgingAsOf(asOf, today);
    const rows = await repo.receivablesAging(this.db, actor, asOf, asOf < today);
    const currencies = [...new Set(rows.map((r) => r.currency))].sort();
    return {
      asOf,
      currencies: currencies.map((currency) => {
        const buckets = AGEING_BUCKETS.map((bucket) => {
          const row = rows.find((r) => r.currency === currency && r.bucket === bucket);
          return { bucket, amount: row?.amount ?? 0, invoices: row?.invoices ?? 0 };
        });
        return { currency, total: buckets.reduce((s, b) => s + b.amount, 0), invoices: buckets.reduce((s, b) => s + b.invoices, 0), buckets };
      }),
    };
  }
}

/** The ageing reads the books up to a day that has come: a later `asOf` is a 400 with the field named. */
export function assertAgingAsOf(asOf: string, today: string): void {
  if (asOf > today)
    throw new ValidationError(
      [{ path: 'query.asOf', message: `Not after today (${today}): the ageing is of receivables as they stood` }],
      `The ageing cannot be read as of ${asOf}, a day to come.`,
      'AGING_AS_OF_IN_FUTURE',
    );
}
