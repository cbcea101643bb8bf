import { z } from 'zod';
import { PageQuery, pageOf } from '../../contracts/common';
import { Policy, PolicyListQuery, PolicySummary } from '../../contracts/policies';
import { setEtag } from '../../platform/http';
import type { AppModule } from '../../platform/module';
import { scoped } from '../../platform/scope';
import { PoliciesService } from './policies.service';
import { remainingInstallments } from './policy-issuer';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const PolicyPage = pageOf(PolicySummary).meta({ id: 'PolicyPage' });

export const policiesModule: AppModule = {
  name: 'policies',
  register({ api, config, db, clock, services }) {
    const policies = new PoliciesService(db);

    // The customer's 360° view lists their policies; policies follow a customer merge.
    services.customerExtensions.addOverviewSection({
      key: 'policies',
      title: 'Policies',
      load: async (db, actor, customerId) => {
        const base = scoped(db('policies as pol'), actor, 'pol.branch_id').where('pol.customer_id', customerId);
        const [{ count }] = await base.clone().count<{ count: string }[]>('* as count');
        const items = await base
          .clone()
          .join('products as p', 'p.id', 'pol.product_id')
          .orderBy('pol.created_at', 'desc')
          .limit(5)
          .select('pol.id', 'pol.policy_number as policyNumber', 'pol.status', 'p.name as productName', 'pol.annual_premium as annualPremium', 'pol.currency', 'pol.start_date as startDate', 'pol.end_date as endDate');
        return { count: Number(count), items: items.map((i) => ({ ...i, annualPremium: Number(i.annualPremium) })) };
      },
    });
    // Lifetime value: the premiums active policies will still bring (in the base currency; billing
    // will add what has been paid).
    services.customerExtensions.addLifetimeValue({
      name: 'policies',
      load: async (db, customerId) => {
        const today = clock.businessDate();
        const active = await db('policies').where({ customer_id: customerId, status: 'active', currency: config.baseCurrency }).select('start_date', 'end_date', 'installment_count', 'installment_amount');
        const expectedFuturePremiums = active.reduce((sum, p) => sum + remainingInstallments(p.start_date, p.end_date, p.installment_count, today) * Number(p.installment_amount), 0);
        return { expectedFuturePremiums };
      },
    });
    services.customerExtensions.addMergeHandler({
      name: 'policies',
      move: async (trx, { sourceId, targetId }) => void (await trx('policies').where({ customer_id: sourceId }).update({ customer_id: targetId })),
    });

    api.route({
      method: 'get',
      path: '/policies',
      summary: 'Policies in your branches, newest first (filters: status, product, branch, customer, agent)',
      tags: ['Policies'],
      access: { permission: 'policies:read' },
      request: { query: PolicyListQuery },
      responses: { 200: { description: 'A page of policies', schema: PolicyPage } },
      handler: async ({ actor, query }, _req, res) => res.json(await policies.list(actor!, query)),
    });

    api.route({
      method: 'get',
      path: '/policies/:id',
      summary: 'A policy with its status history',
      tags: ['Policies'],
      access: { permission: 'policies:read' },
      request: { params: Id },
      responses: { 200: { description: 'The policy', schema: Policy } },
      handler: async ({ actor, params }, _req, res) => {
        const policy = await policies.get(actor!, params.id);
        setEtag(res, policy.version);
        res.json(policy);
      },
    });

    api.route({
      method: 'get',
      path: '/customers/:id/policies',
      summary: "A customer's policies, newest first",
      tags: ['Policies'],
      access: { permission: 'policies:read' },
      request: { params: Id, query: PageQuery },
      responses: { 200: { description: 'A page of policies', schema: PolicyPage } },
      handler: async ({ actor, params, query }, _req, res) => {
        await services.customerProfiles.branchOf(db, actor!, params.id);
        res.json(await policies.list(actor!, { ...query, customerId: params.id }));
      },
    });
  },
};
