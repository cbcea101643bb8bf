import { z } from 'zod';
import { EXPORT_ROW_CAP, PageQuery, countedPageOf } from '../../contracts/common';
import {
  CreatePolicyTransactionBody,
  DecideReferralBody,
  DiscardPolicyTransactionBody,
  Policy,
  PolicyCashValue,
  PolicyExportQuery,
  PolicyListQuery,
  PolicyReadQuery,
  PolicySummary,
  PolicyTransaction,
  PolicyVersion,
  ReferredTransactionsQuery,
} from '../../contracts/policies';
import { CSV_EXPORT_RESPONSE, sendCsvExport } from '../../platform/export';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { PoliciesService } from './policies.service';
import type { PolicyTransactionsService } from './policy-transactions.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const PolicyPage = countedPageOf(PolicySummary).meta({ id: 'PolicyPage' });
const PolicyTransactionList = z.object({ items: z.array(PolicyTransaction) }).meta({ id: 'PolicyTransactionList' });
const PolicyVersionList = z.object({ items: z.array(PolicyVersion) }).meta({ id: 'PolicyVersionList' });
const NoBody = z.strictObject({});

export function registerPolicyRoutes(
  { api, clock, config }: ModuleContext<'customerProfiles'>,
  { policies, transactions }: { policies: PoliciesService; transactions: PolicyTransactionsService },
) {
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
    summary: 'A policy with its status history; its terms are the newest, or those in force on `asOf`',
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { params: Id, query: PolicyReadQuery },
    responses: { 200: { description: 'The policy', schema: Policy } },
    handler: async ({ actor, params, query }, _req, res) => sendVersioned(res, await policies.get(actor, params.id, query.asOf)),
  });

  api.route({
    method: 'get',
    path: '/policies/:id/cash-value',
    summary: 'The guaranteed cash value on a date (default today), from the product version’s cash-value table',
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { params: Id, query: PolicyReadQuery },
    responses: { 200: { description: 'The cash value', schema: PolicyCashValue }, 409: { description: 'POLICY_NO_CASH_VALUE: the product builds none' } },
    handler: async ({ actor, params, query }, _req, res) => res.json(await policies.cashValue(actor, params.id, query.asOf)),
  });

  api.route({
    method: 'get',
    path: '/policies/:id/versions',
    summary: "The versions of a policy's terms, newest first, each with the transaction that made it",
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { params: Id },
    responses: { 200: { description: 'The versions', schema: PolicyVersionList } },
    handler: async ({ actor, params }, _req, res) => res.json({ items: await policies.versions(actor, params.id) }),
  });

  api.route({
    method: 'get',
    path: '/policies/:id/transactions',
    summary: "A policy's transactions (endorsements…), newest first",
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { params: Id },
    responses: { 200: { description: 'The transactions', schema: PolicyTransactionList } },
    handler: async ({ actor, params }, _req, res) => res.json(await transactions.forPolicy(actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/policies/:id/transactions',
    summary: 'Quote a change to an active policy: the re-rating worksheet and the pro-rata amount for the rest of the policy year (nothing changes until it is issued)',
    tags: ['Policies'],
    access: { permission: 'policies:service' },
    request: { params: Id, body: CreatePolicyTransactionBody },
    responses: {
      201: { description: 'Quoted (or, when it needs an underwriter, a draft with its referral)', schema: PolicyTransaction },
      403: { description: 'BACKDATING_NOT_ALLOWED: a change effective before today needs a senior agent or a manager' },
      409: { description: 'POLICY_NOT_SERVICEABLE, POLICY_NOT_REPRODUCIBLE, POLICY_TRANSACTION_NOT_ELIGIBLE (with reasons)' },
    },
    handler: async ({ actor, params, body }, _req, res) => sendVersioned(res, await transactions.create(actor, params.id, body), 201),
  });

  api.route({
    method: 'get',
    path: '/policy-transactions',
    summary: 'Changes to policies referred to underwriters and not yet decided, oldest first',
    tags: ['Policies'],
    access: { permission: 'orders:underwrite' },
    request: { query: ReferredTransactionsQuery },
    responses: { 200: { description: 'The referred changes', schema: PolicyTransactionList } },
    handler: async ({ actor }, _req, res) => res.json(await transactions.referred(actor)),
  });

  api.route({
    method: 'post',
    path: '/policy-transactions/:id/referral',
    summary: 'Decide a referred change (underwriters): accepted, it can be issued; declined, it is discarded',
    tags: ['Policies'],
    access: { permission: 'orders:underwrite' },
    ifMatch: true,
    request: { params: Id, body: DecideReferralBody },
    responses: {
      200: { description: 'Decided', schema: PolicyTransaction },
      403: { description: 'APPROVAL_LIMIT_EXCEEDED: the new sum insured is above your order_sum_insured limit' },
      409: { description: 'POLICY_TRANSACTION_NOT_REFERRED, FOUR_EYES (you asked for the change)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await transactions.decideReferral(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'get',
    path: '/policy-transactions/:id',
    summary: 'A policy transaction with its worksheet, billing effect and history',
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { params: Id },
    responses: { 200: { description: 'The transaction', schema: PolicyTransaction } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await transactions.get(actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/policy-transactions/:id/issue',
    summary: 'Issue a quoted change: a new version of the terms from its effective date, and its billing effect (an invoice or credit)',
    tags: ['Policies'],
    access: { permission: 'policies:service' },
    ifMatch: true,
    request: { params: Id, body: NoBody },
    responses: {
      200: { description: 'Issued', schema: PolicyTransaction },
      403: { description: 'BACKDATING_NOT_ALLOWED' },
      409: {
        description: 'POLICY_TRANSACTION_NOT_OPEN, POLICY_TRANSACTION_STALE (another change was issued first, or the date no longer fits: quote again), POLICY_NOT_SERVICEABLE',
      },
    },
    handler: async ({ actor, params, ifMatch }, _req, res) => sendVersioned(res, await transactions.issue(actor, params.id, ifMatch)),
  });

  api.route({
    method: 'post',
    path: '/policy-transactions/:id/discard',
    summary: 'Discard a quoted change, with a reason',
    tags: ['Policies'],
    access: { permission: 'policies:service' },
    ifMatch: true,
    request: { params: Id, body: DiscardPolicyTransactionBody },
    responses: {
      200: { description: 'Discarded', schema: PolicyTransaction },
      409: { description: 'POLICY_TRANSACTION_NOT_OPEN, POLICY_TRANSACTION_IS_RENEWAL (decline it with a reason)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await transactions.discard(actor, params.id, ifMatch, body.reason)),
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
