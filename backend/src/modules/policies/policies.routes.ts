import { z } from 'zod';
import { PageQuery, pageOf } from '../../contracts/common';
import { Policy, PolicyListQuery, PolicySummary } from '../../contracts/policies';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { PoliciesService } from './policies.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const PolicyPage = pageOf(PolicySummary).meta({ id: 'PolicyPage' });

export function registerPolicyRoutes({ api }: ModuleContext<'customerProfiles'>, policies: PoliciesService) {
  api.route({
    method: 'get',
    path: '/policies',
    summary: 'Policies in your branches, newest first (filters: status, product, branch, customer, agent)',
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { query: PolicyListQuery },
    responses: { 200: { description: 'A page of policies', schema: PolicyPage } },
    handler: async ({ actor, query }, _req, res) => res.json(await policies.list(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/policies/:id',
    summary: 'A policy with its status history',
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { params: Id },
    responses: { 200: { description: 'The policy', schema: Policy } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await policies.get(actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/customers/:id/policies',
    summary: "A customer's policies, newest first",
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { params: Id, query: PageQuery },
    responses: { 200: { description: 'A page of policies', schema: PolicyPage } },
    handler: async ({ actor, params, query }, _req, res) => res.json(await policies.forCustomer(actor, params.id, query)),
  });
}
