import { z } from 'zod';
import {
  ChangeCustomerStatusBody,
  CreateCustomerBody,
  Customer,
  CustomerPage,
  CustomerSearchBody,
  CustomerSearchQuery,
  CustomerOverview,
  CustomerRisk,
  DuplicateCheckBody,
  DuplicateList,
  KycOverview,
  KycVerification,
  MergeCustomersBody,
  NationalIdReveal,
  RejectKycBody,
  SubmitKycVerificationBody,
  UpdateCustomerBody,
  VerifyKycBody,
} from '../../contracts/customers';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { CustomersService } from './customers.service';
import type { KycService } from './kyc.service';
import type { MergeService } from './merge.service';
import type { RiskService } from './risk.service';

const CustomerId = z.strictObject({ id: z.uuid('Not a valid customer id') });
const VerificationId = z.strictObject({ id: z.uuid('Not a valid customer id'), verificationId: z.uuid('Not a valid verification id') });

export interface CustomersOwnServices {
  customers: CustomersService;
  kyc: KycService;
  merge: MergeService;
  risk: RiskService;
}

export function registerCustomerRoutes({ api }: ModuleContext<never>, { customers, kyc, merge }: CustomersOwnServices) {
  api.route({
    method: 'get',
    path: '/customers',
    summary: 'Search customers by name (typo-tolerant), email, phone fragment or number, with filters',
    description: '`q` shorter than 2 characters needs another filter. Ranked by relevance, then name. The national id is searched only through POST /api/customers/search.',
    tags: ['Customers'],
    access: { permission: 'customers:read' },
    request: { query: CustomerSearchQuery },
    responses: { 200: { description: 'A page of customers', schema: CustomerPage } },
    handler: async ({ actor, query }, _req, res) => res.json(await customers.search(actor, query)),
  });

  api.route({
    method: 'post',
    path: '/customers/search',
    summary: 'Search customers with the criteria in the body (adds national id, which never goes in a URL)',
    tags: ['Customers'],
    access: { permission: 'customers:read' },
    request: { body: CustomerSearchBody },
    responses: { 200: { description: 'A page of customers', schema: CustomerPage } },
    handler: async ({ actor, body }, _req, res) => res.json(await customers.search(actor, body)),
  });

  api.route({
    method: 'post',
    path: '/customers',
    summary: 'Create a customer (status prospect)',
    tags: ['Customers'],
    access: { permission: 'customers:create' },
    request: { body: CreateCustomerBody },
    responses: { 201: { description: 'Created', schema: Customer } },
    handler: async ({ actor, body }, _req, res) => {
      const customer = await customers.create(actor, body);
      sendVersioned(res.location(`/api/customers/${customer.id}`), customer, 201);
    },
  });

  api.route({
    method: 'get',
    path: '/customers/:id',
    summary: 'One customer (a sensitive read: audited); the national id is masked',
    tags: ['Customers'],
    access: { permission: 'customers:read' },
    request: { params: CustomerId },
    responses: { 200: { description: 'The customer (ETag = version)', schema: Customer }, 308: { description: 'Merged: Location is the customer it was merged into' } },
    handler: async ({ actor, params }, _req, res) => {
      const customer = await customers.get(actor, params.id);
      if ('redirectTo' in customer) return res.status(308).location(`/api/customers/${customer.redirectTo}`).end();
      sendVersioned(res, customer);
    },
  });

  api.route({
    method: 'patch',
    path: '/customers/:id',
    summary: 'Change customer fields (If-Match required)',
    tags: ['Customers'],
    access: { permission: 'customers:update' },
    ifMatch: true,
    request: { params: CustomerId, body: UpdateCustomerBody },
    responses: { 200: { description: 'Updated', schema: Customer }, 409: { description: 'CUSTOMER_MERGED' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await customers.update(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/customers/:id/status',
    summary: 'Change the status with a reason (prospect → active → inactive / deceased …)',
    tags: ['Customers'],
    access: { permission: 'customers:change-status' },
    ifMatch: true,
    request: { params: CustomerId, body: ChangeCustomerStatusBody },
    responses: { 200: { description: 'Changed', schema: Customer }, 409: { description: 'ILLEGAL_STATUS_CHANGE with currentStatus' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await customers.changeStatus(actor, params.id, ifMatch, body.status, body.reason)),
  });

  api.route({
    method: 'get',
    path: '/customers/:id/national-id',
    summary: 'The full national id (senior agents and above; audited)',
    tags: ['Customers'],
    access: { permission: 'customers:unmask' },
    request: { params: CustomerId },
    responses: { 200: { description: 'The unmasked value', schema: NationalIdReveal } },
    handler: async ({ actor, params }, _req, res) => res.json({ nationalId: await customers.revealNationalId(actor, params.id) }),
  });

  // --- Duplicates, merge, 360° view
  api.route({
    method: 'post',
    path: '/customers/duplicate-check',
    summary: 'Likely duplicates of a draft (the create form asks while the agent types)',
    tags: ['Customers'],
    access: { permission: 'customers:create' },
    request: { body: DuplicateCheckBody },
    responses: { 200: { description: 'Candidates in your branches, and whether one exists in another branch (no details; audited)', schema: DuplicateList } },
    handler: async ({ actor, body }, _req, res) => res.json(await customers.checkDraft(actor, body)),
  });

  api.route({
    method: 'get',
    path: '/customers/:id/duplicates',
    summary: 'Likely duplicates of this customer',
    tags: ['Customers'],
    access: { permission: 'customers:read' },
    request: { params: CustomerId },
    responses: { 200: { description: 'Candidates in your branches, and whether one exists in another branch (no details; audited)', schema: DuplicateList } },
    handler: async ({ actor, params }, _req, res) => res.json(await customers.duplicatesOf(actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/customers/:id/merge',
    summary: 'Merge another customer (sourceId) into this one, moving all their records; If-Match = this customer’s version',
    tags: ['Customers'],
    access: { permission: 'customers:merge' },
    ifMatch: true,
    request: { params: CustomerId, body: MergeCustomersBody },
    responses: { 200: { description: 'The surviving customer', schema: Customer }, 409: { description: 'INVALID_MERGE or CUSTOMER_MERGED' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await merge.merge(actor, params.id, ifMatch, body.sourceId)),
  });

  api.route({
    method: 'get',
    path: '/customers/:id/overview',
    summary: 'The 360° view: profile, KYC, risk, lifetime value and the sections other modules add (audited)',
    tags: ['Customers'],
    access: { permission: 'customers:read' },
    request: { params: CustomerId },
    responses: { 200: { description: 'Overview', schema: CustomerOverview } },
    handler: async ({ actor, params }, _req, res) => res.json(await customers.overview(actor, params.id)),
  });

  // --- KYC
  api.route({
    method: 'get',
    path: '/customers/:id/kyc',
    summary: "The customer's KYC status and verification records",
    tags: ['Customers: KYC'],
    access: { permission: 'customers:read' },
    request: { params: CustomerId },
    responses: { 200: { description: 'KYC', schema: KycOverview } },
    handler: async ({ actor, params }, _req, res) => res.json(await kyc.overview(actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/customers/:id/kyc/verifications',
    summary: 'Record an identity document to check (KYC becomes pending); If-Match = customer version',
    tags: ['Customers: KYC'],
    access: { permission: 'customers:kyc' },
    ifMatch: true,
    request: { params: CustomerId, body: SubmitKycVerificationBody },
    responses: { 201: { description: 'Recorded', schema: KycVerification } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await kyc.submit(actor, params.id, ifMatch, body), 201),
  });

  api.route({
    method: 'post',
    path: '/customers/:id/kyc/verifications/:verificationId/verify',
    summary: 'Accept a document: the customer becomes KYC verified (not by the person who recorded it)',
    tags: ['Customers: KYC'],
    access: { permission: 'customers:kyc-verify' },
    ifMatch: true,
    request: { params: VerificationId, body: VerifyKycBody },
    responses: {
      200: { description: 'Verified', schema: KycVerification },
      409: { description: 'DOCUMENT_EXPIRED, NOT_AN_IDENTITY_DOCUMENT, FOUR_EYES or ILLEGAL_KYC_TRANSITION' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await kyc.verify(actor, params.id, params.verificationId, ifMatch, body.notes)),
  });

  api.route({
    method: 'post',
    path: '/customers/:id/kyc/verifications/:verificationId/reject',
    summary: 'Reject a document with a reason',
    tags: ['Customers: KYC'],
    access: { permission: 'customers:kyc-verify' },
    ifMatch: true,
    request: { params: VerificationId, body: RejectKycBody },
    responses: { 200: { description: 'Rejected', schema: KycVerification } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await kyc.reject(actor, params.id, params.verificationId, ifMatch, body.reason, body.notes)),
  });

  // --- Risk
  api.route({
    method: 'get',
    path: '/customers/:id/risk',
    summary: 'Risk score with each factor’s points (they add up to the score) and its history',
    tags: ['Customers'],
    access: { permission: 'customers:read' },
    request: { params: CustomerId },
    responses: { 200: { description: 'Risk', schema: CustomerRisk } },
    handler: async ({ actor, params }, _req, res) => res.json(await customers.describeRisk(actor, params.id)),
  });
}
