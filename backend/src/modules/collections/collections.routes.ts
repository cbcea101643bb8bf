import {
  CollectionFigures,
  CreatePromiseBody,
  FiguresQuery,
  DunningPlan,
  DunningPlanHistory,
  DunningPlanList,
  InvoiceCollections,
  InvoiceParams,
  PaymentPromise,
  ProductVersionParams,
  PutDunningPlanBody,
  Worklist,
  WorklistQuery,
  WriteOffProposals,
  WriteOffProposalsQuery,
} from '../../contracts/collections';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { DunningPlansService } from './plans.service';
import type { PromisesService } from './promises.service';

export function registerCollectionsRoutes({ api }: Pick<ModuleContext, 'api'>, plans: DunningPlansService, promises: PromisesService) {
  api.route({
    method: 'get',
    path: '/collections/dunning-plans',
    summary: 'The dunning plans of every product version that has one',
    tags: ['Collections'],
    access: { permission: 'collections:read' },
    responses: { 200: { description: 'The plans', schema: DunningPlanList } },
    handler: async (_input, _req, res) => res.json(await plans.list()),
  });

  api.route({
    method: 'get',
    path: '/collections/dunning-plans/:productVersionId',
    summary: 'A product version’s dunning plan (no steps and version 0 while it has none); the ETag is its version',
    tags: ['Collections'],
    access: { permission: 'collections:read' },
    request: { params: ProductVersionParams },
    responses: { 200: { description: 'The plan', schema: DunningPlan } },
    handler: async ({ params }, _req, res) => sendVersioned(res, await plans.get(params.productVersionId)),
  });

  api.route({
    method: 'put',
    path: '/collections/dunning-plans/:productVersionId',
    summary: 'Replace a product version’s dunning steps (finance managers; If-Match on the plan’s version, "0" for a new plan)',
    tags: ['Collections'],
    access: { permission: 'collections:plan' },
    ifMatch: true,
    request: { params: ProductVersionParams, body: PutDunningPlanBody },
    responses: { 200: { description: 'Saved', schema: DunningPlan }, 400: { description: 'DUNNING_PLAN_INVALID with field errors' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await plans.replace(actor, params.productVersionId, ifMatch, body)),
  });

  api.route({
    method: 'get',
    path: '/collections/dunning-plans/:productVersionId/history',
    summary: 'Every saved version of a product version’s dunning plan, newest first',
    tags: ['Collections'],
    access: { permission: 'collections:read' },
    request: { params: ProductVersionParams },
    responses: { 200: { description: 'The history', schema: DunningPlanHistory } },
    handler: async ({ params }, _req, res) => res.json(await plans.history(params.productVersionId)),
  });

  api.route({
    method: 'post',
    path: '/collections/invoices/:invoiceId/promises',
    summary: 'Record a customer’s promise to pay an overdue invoice (pauses its dunning plan until kept or broken)',
    tags: ['Collections'],
    access: { permission: 'collections:promise' },
    request: { params: InvoiceParams, body: CreatePromiseBody },
    responses: {
      201: { description: 'Recorded', schema: PaymentPromise },
      400: { description: 'PROMISE_DATE_INVALID (before today or too far ahead)' },
      409: { description: 'PROMISE_INVOICE_NOT_OVERDUE, PROMISE_EXCEEDS_AMOUNT_DUE (with openAmount), PROMISE_ALREADY_OPEN' },
    },
    handler: async ({ actor, params, body }, _req, res) => {
      const promise = await promises.create(actor, params.invoiceId, body);
      res.status(201).location(`/api/collections/invoices/${params.invoiceId}`).json(promise);
    },
  });

  api.route({
    method: 'get',
    path: '/collections/invoices/:invoiceId',
    summary: 'What collections did on an invoice: the dunning steps run and the promises to pay',
    tags: ['Collections'],
    access: { permission: 'collections:read' },
    request: { params: InvoiceParams },
    responses: { 200: { description: 'The record', schema: InvoiceCollections } },
    handler: async ({ actor, params }, _req, res) => res.json(await promises.ofInvoice(actor, params.invoiceId)),
  });

  api.route({
    method: 'get',
    path: '/collections/worklist',
    summary: 'Overdue accounts of your branches ranked by amount × days past due, with open promises and the last dunning step',
    tags: ['Collections'],
    access: { permission: 'collections:read' },
    request: { query: WorklistQuery },
    responses: { 200: { description: 'The worklist', schema: Worklist } },
    handler: async ({ actor, query }, _req, res) => res.json(await promises.worklist(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/collections/figures',
    summary: 'Collection figures of your branches for a period: days sales outstanding, cure rate, promises kept',
    tags: ['Collections'],
    access: { permission: 'collections:read' },
    request: { query: FiguresQuery },
    responses: { 200: { description: 'The figures', schema: CollectionFigures } },
    handler: async ({ actor, query }, _req, res) => res.json(await promises.figures(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/collections/write-off-proposals',
    summary: 'Write-off proposals: unpaid invoices of your branches with a small amount open for a long time, oldest due first',
    description:
      'At most `maxAmount` open (minor units, default 2,500) and due `minDaysPastDue` days ago or more (default 60). Each says whether your own ' +
      'write_off_amount limit covers it; writing one off is `POST /api/invoices/{id}/write-off`, where the limit is enforced.',
    tags: ['Collections'],
    access: { permission: 'collections:read' },
    request: { query: WriteOffProposalsQuery },
    responses: { 200: { description: 'The proposals', schema: WriteOffProposals } },
    handler: async ({ actor, query }, _req, res) => res.json(await promises.writeOffProposals(actor, query)),
  });
}
