import { z } from 'zod';
import { EXPORT_ROW_CAP, PageQuery, countedPageOf } from '../../contracts/common';
import { Policy, PolicyExportQuery, PolicyListQuery, PolicySummary } from '../../contracts/policies';
import { CSV_EXPORT_RESPONSE, sendCsvExport } from '../../platform/export';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { PoliciesService } from './policies.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const PolicyPage = countedPageOf(PolicySummary).meta({ id: 'PolicyPage' });

export function registerPolicyRoutes({ api, clock, config }: ModuleContext<'customerProfiles'>, policies: PoliciesService) {
  api.route({
    method: 'get',
    path: '/policies',
    summary: 'Policies in your branches, newest first or as `sort` asks (filters: status, product, branch, customer, agent), with a count (exact up to 100)',
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { query: PolicyListQuery },
    responses: { 200: { description: 'A page of policies and how many there are', schema: PolicyPage } },
    handler: async ({ actor, query }, _req, res) => res.json(await policies.list(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/policies/export',
    summary: `The policies list as CSV (same filters and sort; at most EXPORT_ROW_CAP rows, ${EXPORT_ROW_CAP} by default), audited`,
    tags: ['Policies'],
    access: { permission: 'policies:export' },
    request: { query: PolicyExportQuery },
    responses: { 200: CSV_EXPORT_RESPONSE },
    handler: async ({ actor, query }, _req, res) => sendCsvExport(res, 'policies', clock.businessDate(), await policies.exportCsv(actor, query, config.exportRowCap)),
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
