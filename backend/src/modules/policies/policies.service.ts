// Reading policies: one with its history, lists with filters (keyset), a customer's policies, and
// what the module adds to the customer (360° section, lifetime value, records moved on a merge).
import type { PageQuery } from '../../contracts/common';
import type { PoliciesErrorCode, Policy, PolicyCashValue, PolicyExportQuery, PolicyListQuery, PolicyStatus, PolicySummary, PolicyVersion } from '../../contracts/policies';
import type { Db, DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { ReadRouter } from '../../platform/read-router';
import type { Clock } from '../../platform/clock';
import { csvExport, type CsvExport } from '../../platform/export';
import type { AuditService } from '../audit/audit.service';
import { contractSummaryFields, readStatusHistory } from '../../platform/records';
import { ConflictError, ValidationError } from '../../platform/errors';
import type { QuoteBook } from '../products/quote-book';
import { cashValueOn } from './cash-value';
import { standingOf } from './policy-standing.service';
import { visibleOr404 } from '../../platform/scope';
import type { TimelineEntry, TimelineWindow } from '../../platform/timeline';
import { termsOf } from './policy-terms';
import { versionInForce, versionsOf } from './policy-transactions.repository';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { OverviewSectionItem } from '../../contracts/customers';
import type { LifetimeValueParts, OverviewSectionContent } from '../customers/customer-extensions';
import { remainingInstallments } from './policy-issuer';
import * as repo from './policies.repository';

const summary = (r: repo.PolicyListRow): PolicySummary => ({
  ...contractSummaryFields(r),
  policyNumber: r.policy_number,
  paymentFrequency: r.payment_frequency,
  startDate: r.start_date,
  endDate: r.end_date,
  branchId: r.branch_id,
  issuedAt: r.issued_at.toISOString(),
});

export class PoliciesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly customers: CustomerProfiles,
    private readonly baseCurrency: string,
    private readonly audit: AuditService,
    private readonly quotes: QuoteBook,
    /** CSV exports read through it (the replica when it may serve). */
    private readonly reads: ReadRouter = new ReadRouter(db),
  ) {}

  /**
   * The policy with its history; its terms are the newest version's, or with `asOf` the version in
   * force on that date (400 before the policy starts: nothing was in force).
   */
  async get(actor: Actor, id: string, asOf?: string): Promise<Policy> {
    const r = visibleOr404(actor, await repo.findPolicy(this.db, id), 'policy');
    if (asOf !== undefined && asOf < r.start_date)
      throw new ValidationError([{ path: 'asOf', message: `The policy starts on ${r.start_date}` }], 'Nothing was in force on that date.');
    const [terms, history] = await Promise.all([versionInForce(this.db, id, asOf), readStatusHistory<PolicyStatus>(this.db, 'policy_status_history', 'policy_id', id)]);
    // Every policy has version 1 (written at issuance, or by the migration for older ones).
    const v = terms!;
    return {
      ...summary(r),
      order: { id: r.order_id, orderNumber: r.order_number },
      insured: r.insured,
      coverages: v.coverages,
      sumInsured: Number(v.sum_insured),
      annualPremium: Number(v.annual_premium),
      paymentFrequency: v.payment_frequency,
      extraPremiumPercent: v.extra_premium_percent,
      exclusions: v.exclusions,
      installments: { count: v.installment_count, amount: Number(v.installment_amount), firstAmount: Number(v.first_installment_amount) },
      termYears: r.term_years,
      trip: r.trip,
      beneficiaries: v.beneficiaries,
      paymentMethod: r.payment_method,
      agent: { id: r.agent_id, name: r.agent_name },
      history,
      standing: await standingOf(this.db, this.quotes, r),
      terms: { version: v.version_number, effectiveFrom: v.effective_from, latestVersion: r.terms_version, asOf: asOf ?? null },
      version: r.version,
    };
  }

  /**
   * The guaranteed cash value on `asOf` (default today) from the policy's own product version's table
   * and the sum insured in force that day; 409 POLICY_NO_CASH_VALUE for a product without one.
   */
  async cashValue(actor: Actor, id: string, asOf?: string): Promise<PolicyCashValue> {
    const r = visibleOr404(actor, await repo.findPolicy(this.db, id), 'policy');
    const date = asOf ?? this.clock.businessDate();
    if (date < r.start_date || date > r.end_date)
      throw new ValidationError([{ path: 'asOf', message: `The policy runs from ${r.start_date} to ${r.end_date}` }], 'That date is outside the policy term.');
    const table = (await this.quotes.definitionOf(this.db, r.product_version_id)).cashValues;
    if (!table) throw new ConflictError('POLICY_NO_CASH_VALUE' satisfies PoliciesErrorCode, `${r.product_name} builds no cash value.`);
    const terms = (await versionInForce(this.db, id, date))!;
    const sumInsured = terms.coverages.find((c) => c.code === table.coverage)?.sumInsured ?? 0;
    const value = cashValueOn(table, sumInsured, r.start_date, date);
    return {
      asOf: date,
      coverage: table.coverage,
      sumInsured,
      currency: r.currency.trim(),
      monthsInForce: value.monthsInForce,
      policyYear: value.policyYear,
      perThousand: value.perThousand,
      cashValue: value.amount,
    };
  }

  /** Every version of the policy's terms, newest first. */
  async versions(actor: Actor, id: string): Promise<PolicyVersion[]> {
    visibleOr404(actor, await repo.findPolicy(this.db, id), 'policy');
    const rows = await versionsOf(this.db, id);
    return rows.map((v) => ({
      version: v.version_number,
      effectiveFrom: v.effective_from,
      transaction: v.transaction_id
        ? { id: v.transaction_id, transactionNumber: v.transaction_number!, type: v.transaction_type as NonNullable<PolicyVersion['transaction']>['type'] }
        : null,
      terms: termsOf(v),
      createdBy: { id: v.created_by, name: v.created_by_name },
      createdAt: v.created_at.toISOString(),
    }));
  }

  async list(actor: Actor, filter: PolicyListQuery) {
    const page = await repo.listPage(this.db, actor, filter);
    return { items: page.items.map(summary), nextCursor: page.nextCursor, total: page.total };
  }

  /** The list (same filters and order) as CSV, at most `cap` rows; audited with the filter and the row count. */
  async exportCsv(actor: Actor, filter: PolicyExportQuery, cap: number): Promise<CsvExport> {
    const rows = await this.reads.run(actor, (db) => repo.exportRows(db, actor, filter, cap));
    const result = csvExport(rows, cap, [
      ['policyNumber', (r) => r.policy_number],
      ['status', (r) => r.status],
      ['customerNumber', (r) => r.customer_number],
      ['customerName', (r) => `${r.first_name} ${r.last_name}`],
      ['product', (r) => r.product_name],
      ['productVersion', (r) => r.version_number],
      ['sumInsuredMinorUnits', (r) => Number(r.sum_insured)],
      ['annualPremiumMinorUnits', (r) => Number(r.annual_premium)],
      ['currency', (r) => r.currency.trim()],
      ['paymentFrequency', (r) => r.payment_frequency],
      ['startDate', (r) => r.start_date],
      ['endDate', (r) => r.end_date],
      ['issuedAt', (r) => r.issued_at.toISOString()],
      ['branchId', (r) => r.branch_id],
      ['policyId', (r) => r.id],
    ]);
    await this.audit.record(this.db, { actor, action: 'policy.export', branchId: actor.branchId, metadata: { filter, rows: result.rows, truncated: result.truncated } });
    return result;
  }

  /** A customer's policies, newest first (404 when the customer is out of scope). */
  async forCustomer(actor: Actor, customerId: string, page: PageQuery) {
    await this.customers.branchOf(this.db, actor, customerId);
    return this.list(actor, { ...page, customerId, sort: '-createdAt' });
  }

  /** The customer's 360° section: the count and the newest five. */
  async overviewSection(db: DbOrTrx, actor: Actor, customerId: string): Promise<OverviewSectionContent<OverviewSectionItem<'policies'>>> {
    const { count, items } = await repo.newestOfCustomer(db, actor, customerId, 5);
    return { count, items: items.map((i) => ({ ...i, annualPremium: Number(i.annualPremium) })) };
  }

  /** Lifetime value: the premiums active policies will still bring (in the base currency; billing will add what has been paid). */
  async lifetimeValue(db: DbOrTrx, customerId: string): Promise<Partial<LifetimeValueParts>> {
    const today = this.clock.businessDate();
    const active = await repo.activeInstallmentPlans(db, customerId, this.baseCurrency);
    const expectedFuturePremiums = active.reduce((sum, p) => sum + remainingInstallments(p.start_date, p.end_date, p.installment_count, today) * Number(p.installment_amount), 0);
    return { expectedFuturePremiums };
  }

  /** The customer timeline's status changes of policies (none without `policies:read`). */
  async statusChanges(db: DbOrTrx, actor: Actor, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]> {
    if (!actor.permissions.has('policies:read')) return [];
    return repo.statusChangesOfCustomer(db, actor, customerId, window);
  }

  /** Policies follow a customer merge. */
  moveCustomer(trx: Trx, sourceId: string, targetId: string): Promise<void> {
    return repo.moveToCustomer(trx, sourceId, targetId);
  }
}
