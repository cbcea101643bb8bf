// Reading policies: one with its history, lists with filters (keyset), a customer's policies.
import type { Policy, PolicyListQuery, PolicyStatus, PolicySummary } from '../../contracts/policies';
import type { Db, DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { NotFoundError } from '../../platform/errors';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { readStatusHistory } from '../../platform/records';
import { assertInScope, scoped } from '../../platform/scope';

const POLICY_ORDER: SortKey[] = [
  { column: 'pol.created_at', field: 'created_at', dir: 'desc' },
  { column: 'pol.id', field: 'id', dir: 'desc' },
];

type Row = Record<string, any>;

const summary = (r: Row): PolicySummary => ({
  id: r.id,
  policyNumber: r.policy_number,
  status: r.status,
  customer: { id: r.customer_id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}` },
  product: { id: r.product_id, name: r.product_name, category: r.product_category, versionId: r.product_version_id, versionNumber: r.version_number },
  sumInsured: Number(r.sum_insured),
  currency: r.currency,
  annualPremium: Number(r.annual_premium),
  paymentFrequency: r.payment_frequency,
  startDate: r.start_date,
  endDate: r.end_date,
  branchId: r.branch_id,
  issuedAt: r.issued_at.toISOString(),
});

export class PoliciesService {
  constructor(private readonly db: Db) {}

  private base(db: DbOrTrx) {
    return db('policies as pol')
      .join('customers as c', 'c.id', 'pol.customer_id')
      .join('products as p', 'p.id', 'pol.product_id')
      .join('product_versions as v', 'v.id', 'pol.product_version_id')
      .select('pol.*', 'c.customer_number', 'c.first_name', 'c.last_name', 'p.name as product_name', 'p.category as product_category', 'v.version_number');
  }

  async get(actor: Actor, id: string): Promise<Policy> {
    const r: Row | undefined = await this.base(this.db).join('orders as o', 'o.id', 'pol.order_id').join('users as a', 'a.id', 'pol.agent_id').where('pol.id', id).first('o.order_number', 'a.name as agent_name');
    if (!r) throw new NotFoundError('policy');
    assertInScope(actor, r.branch_id, 'policy');

    return {
      ...summary(r),
      order: { id: r.order_id, orderNumber: r.order_number },
      insured: r.insured,
      coverages: r.coverages,
      extraPremiumPercent: r.extra_premium_percent,
      exclusions: r.exclusions,
      installments: { count: r.installment_count, amount: Number(r.installment_amount), firstAmount: Number(r.first_installment_amount) },
      termYears: r.term_years,
      beneficiaries: r.beneficiaries,
      paymentMethod: r.payment_method,
      agent: { id: r.agent_id, name: r.agent_name },
      history: await readStatusHistory<PolicyStatus>(this.db, 'policy_status_history', 'policy_id', id),
      version: r.version,
    };
  }

  async list(actor: Actor, filter: PolicyListQuery) {
    const q = scoped(this.base(this.db), actor, 'pol.branch_id');
    if (filter.status) q.where('pol.status', filter.status);
    if (filter.productId) q.where('pol.product_id', filter.productId);
    if (filter.branchId) q.where('pol.branch_id', filter.branchId);
    if (filter.customerId) q.where('pol.customer_id', filter.customerId);
    if (filter.agentId) q.where('pol.agent_id', filter.agentId);
    const page = await keysetPage<Row>(q, POLICY_ORDER, filter);
    return { items: page.items.map(summary), nextCursor: page.nextCursor };
  }
}
