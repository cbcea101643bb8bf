import { z } from 'zod';
import { PageQuery, pageOf } from '../../contracts/common';
import { Policy, PolicyListQuery, PolicySummary } from '../../contracts/policies';
import { setEtag } from '../../platform/http';
import type { AppModule } from '../../platform/module';
import { PoliciesService } from './policies.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const PolicyPage = pageOf(PolicySummary).meta({ id: 'PolicyPage' });

export const policiesModule: AppModule = {
  name: 'policies',
  register({ api, config, db, clock, services }) {
    const policies = new PoliciesService(db, clock, services.customerProfiles, config.baseCurrency);

    // The customer's 360° view lists their policies and counts what they will still bring; policies follow a customer merge.
    services.customerExtensions.addOverviewSection({ key: 'policies', title: 'Policies', load: (db, actor, customerId) => policies.overviewSection(db, actor, customerId) });
    services.customerExtensions.addLifetimeValue({ name: 'policies', load: (db, customerId) => policies.lifetimeValue(db, customerId) });
    services.customerExtensions.addMergeHandler({ name: 'policies', move: (trx, { sourceId, targetId }) => policies.moveCustomer(trx, sourceId, targetId) });

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
      handler: async ({ actor, params, query }, _req, res) => res.json(await policies.forCustomer(actor!, params.id, query)),
    });
  },
};
