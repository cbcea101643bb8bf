import { z } from 'zod';
import { EXPORT_ROW_CAP, countedPageOf } from '../../contracts/common';
import { CSV_EXPORT_RESPONSE, sendCsvExport } from '../../platform/export';
import { DocumentMeta, RejectDocumentBody, UploadDocumentFields } from '../../contracts/documents';
import { MAX_DOCUMENT_BYTES } from '../documents/documents.service';
import {
  ApproveOrderBody,
  CompleteExamBody,
  CreateOrderBody,
  Exam,
  UnderwritingQueueItem,
  UnderwritingQueueQuery,
  ExamExportQuery,
  ExamListQuery,
  OrderExportQuery,
  ExamResultsBody,
  OrderExamBody,
  ScheduleExamBody,
  DeclineOrderBody,
  Order,
  PriceBreakdown,
  RatingPreviewBody,
  OrderListQuery,
  OrderSummary,
  OrderWeekFigures,
  ReasonBody,
  SubmitOrderBody,
  UpdateOrderBody,
  WaiveDocumentBody,
} from '../../contracts/orders';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { ExamsService } from './exams.service';
import type { OrdersService } from './orders.service';
import type { UnderwritingService } from './underwriting.service';

export interface OrdersOwnServices {
  orders: OrdersService;
  exams: ExamsService;
  underwriting: UnderwritingService;
}

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const OrderPage = countedPageOf(OrderSummary).meta({ id: 'OrderPage' });
const NoBody = z.strictObject({});

export function registerOrderRoutes({ api, clock, config }: ModuleContext<never>, { orders, exams, underwriting }: OrdersOwnServices) {
  api.route({
    method: 'post',
    path: '/orders',
    summary: "Start an application (draft) from a saved, unexpired quote, for the quote's customer",
    tags: ['Orders'],
    access: { permission: 'orders:create' },
    request: { body: CreateOrderBody },
    responses: {
      201: { description: 'Draft created', schema: Order },
      404: { description: 'The quote does not exist, is not saved or is outside your branch scope' },
      409: { description: 'QUOTE_EXPIRED, QUOTE_WITHOUT_CUSTOMER or ORDER_EXISTS' },
    },
    handler: async ({ actor, body }, _req, res) => {
      const order = await orders.create(actor, body.quoteId);
      res.location(`/api/orders/${order.id}`);
      sendVersioned(res, order, 201);
    },
  });

  api.route({
    method: 'get',
    path: '/orders',
    summary:
      'Applications in your branches, newest first or as `sort` asks (filters: status, product, agent, branch, customer, created date range), with a count (exact up to 100)',
    tags: ['Orders'],
    access: { permission: 'orders:read' },
    request: { query: OrderListQuery },
    responses: { 200: { description: 'A page of orders and how many there are', schema: OrderPage } },
    handler: async ({ actor, query }, _req, res) => res.json(await orders.list(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/orders/export',
    summary: `The applications list as CSV (same filters and sort; at most EXPORT_ROW_CAP rows, ${EXPORT_ROW_CAP} by default), audited`,
    tags: ['Orders'],
    access: { permission: 'orders:export' },
    request: { query: OrderExportQuery },
    responses: { 200: CSV_EXPORT_RESPONSE },
    handler: async ({ actor, query }, _req, res) => sendCsvExport(res, 'applications', clock.businessDate(), await orders.exportCsv(actor, query, config.exportRowCap)),
  });

  api.route({
    method: 'get',
    path: '/orders/week-figures',
    summary: "This week's applications in your branches (Monday to Sunday, UTC): first submitted, decided, policies issued",
    tags: ['Orders'],
    access: { permission: 'orders:read' },
    responses: { 200: { description: 'The counts', schema: OrderWeekFigures } },
    handler: async ({ actor }, _req, res) => res.json(await orders.weekFigures(actor)),
  });

  api.route({
    method: 'get',
    path: '/orders/:id',
    summary: 'An application with its status history',
    tags: ['Orders'],
    access: { permission: 'orders:read' },
    request: { params: Id },
    responses: { 200: { description: 'The order', schema: Order } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await orders.get(actor, params.id)),
  });

  api.route({
    method: 'patch',
    path: '/orders/:id',
    summary: 'Fill in a draft (or an order waiting for information): insured person, beneficiaries, declaration answers, payment method, requested start date',
    tags: ['Orders'],
    access: { permission: 'orders:create' },
    ifMatch: true,
    request: { params: Id, body: UpdateOrderBody },
    responses: { 200: { description: 'Saved', schema: Order }, 409: { description: 'ORDER_NOT_EDITABLE' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await orders.update(actor, params.id, ifMatch, body)),
  });

  const transition = <B extends z.ZodType>(
    path: string,
    summary: string,
    permission: 'orders:create' | 'orders:underwrite',
    body: B,
    run: (actor: NonNullable<Parameters<typeof orders.get>[0]>, id: string, version: number, body: z.infer<B>) => Promise<Order>,
  ) =>
    api.route({
      method: 'post',
      path: `/orders/:id/${path}`,
      summary,
      tags: ['Orders'],
      access: { permission },
      ifMatch: true,
      request: { params: Id, body },
      responses: { 200: { description: 'Moved', schema: Order }, 409: { description: 'ILLEGAL_TRANSITION (with currentStatus), or the step’s own reason' } },
      handler: async ({ actor, params, body: input, ifMatch }, _req, res) => sendVersioned(res, await run(actor, params.id, ifMatch, input as z.infer<B>)),
    });

  transition(
    'submit',
    'Submit for underwriting (or resubmit with the information asked for): complete, quote unexpired, customer still eligible',
    'orders:create',
    SubmitOrderBody,
    (a, id, v, b) => orders.submit(a, id, v, b.response),
  );
  transition('withdraw', 'Withdraw an application not yet in underwriting', 'orders:create', ReasonBody, (a, id, v, b) => orders.withdraw(a, id, v, b.reason));
  transition('start-review', 'Take a submitted application for review (you become its underwriter)', 'orders:underwrite', NoBody, (a, id, v) => underwriting.startReview(a, id, v));
  transition('request-info', 'Ask the agent for information (appears in their work list)', 'orders:underwrite', ReasonBody, (a, id, v, b) =>
    underwriting.requestInfo(a, id, v, b.reason),
  );
  transition(
    'approve',
    'Approve as quoted or with a rating (extra premium %, exclusions) and issue the policy in the same transaction; four-eyes (nobody who submitted it), every required document verified or waived (409 DOCUMENTS_UNVERIFIED), exams done or waived, and your order_sum_insured limit apply',
    'orders:underwrite',
    ApproveOrderBody,
    (a, id, v, b) => underwriting.approve(a, id, v, b),
  );
  transition('decline', 'Decline with a reason code and a note', 'orders:underwrite', DeclineOrderBody, (a, id, v, b) => underwriting.decline(a, id, v, b.reasonCode, b.note));

  api.route({
    method: 'post',
    path: '/orders/:id/rating-preview',
    summary: 'The premium and worksheet with an extra premium, to show before approving with a rating (changes nothing)',
    tags: ['Orders'],
    access: { permission: 'orders:underwrite' },
    request: { params: Id, body: RatingPreviewBody },
    responses: { 200: { description: 'The rated price', schema: PriceBreakdown } },
    handler: async ({ actor, params, body }, _req, res) => res.json(await underwriting.ratingPreview(actor, params.id, body.extraPremiumPercent)),
  });

  api.route({
    method: 'post',
    path: '/orders/:id/documents',
    summary: 'Upload one of the application’s required documents (multipart: `file` — PDF, PNG, JPEG or TIFF up to 10 MB, type checked from the bytes — and `code`)',
    tags: ['Orders'],
    access: { permission: 'orders:create' },
    upload: { field: 'file', maxBytes: MAX_DOCUMENT_BYTES },
    request: { params: Id, body: UploadDocumentFields },
    responses: { 201: { description: 'Stored', schema: DocumentMeta }, 409: { description: 'ORDER_CLOSED' } },
    handler: async ({ actor, params, body, file }, _req, res) => {
      const doc = await orders.uploadDocument(actor, params.id, body.code, file);
      res.status(201).location(`/api/documents/${doc.id}/content`).json(doc);
    },
  });

  const DocumentIds = z.strictObject({ id: z.uuid('Not a valid id'), documentId: z.uuid('Not a valid id') });
  api.route({
    method: 'post',
    path: '/orders/:id/documents/:documentId/verify',
    summary: 'Mark an uploaded document as verified',
    tags: ['Orders'],
    access: { permission: 'orders:underwrite' },
    request: { params: DocumentIds },
    responses: { 200: { description: 'The order with its checklist', schema: Order }, 409: { description: 'DOCUMENT_ALREADY_REVIEWED or ORDER_NOT_IN_REVIEW' } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await orders.reviewDocument(actor, params.id, params.documentId, { verified: true })),
  });
  api.route({
    method: 'post',
    path: '/orders/:id/documents/:documentId/reject',
    summary: 'Reject an uploaded document, saying why (the agent uploads a new one)',
    tags: ['Orders'],
    access: { permission: 'orders:underwrite' },
    request: { params: DocumentIds, body: RejectDocumentBody },
    responses: { 200: { description: 'The order with its checklist', schema: Order }, 409: { description: 'DOCUMENT_ALREADY_REVIEWED or ORDER_NOT_IN_REVIEW' } },
    handler: async ({ actor, params, body }, _req, res) =>
      sendVersioned(res, await orders.reviewDocument(actor, params.id, params.documentId, { verified: false, reason: body.reason })),
  });

  api.route({
    method: 'post',
    path: '/orders/:id/waive-document',
    summary: 'Waive one of the required documents, saying why (approval needs each one verified or waived)',
    tags: ['Orders'],
    access: { permission: 'orders:underwrite' },
    request: { params: Id, body: WaiveDocumentBody },
    responses: {
      200: { description: 'The order with its checklist', schema: Order },
      409: { description: 'DOCUMENT_ALREADY_SETTLED (verified or waived already) or ORDER_NOT_IN_REVIEW' },
    },
    handler: async ({ actor, params, body }, _req, res) => sendVersioned(res, await orders.waiveDocument(actor, params.id, body.code, body.reason)),
  });

  // --- Medical exams: the worklist and one endpoint per step.
  const ExamPage = countedPageOf(Exam).meta({ id: 'ExamPage' });
  api.route({
    method: 'get',
    path: '/exams',
    summary:
      'The exam worklist in your branches, the most urgent first (overdue by due date, then the rest by due date, finished ones — results received, waived — last) or as `sort` asks; `overdue=true`: past their due date; `open=true`: still to be done; `finished=false`: without the finished ones. With a count (exact up to 100)',
    tags: ['Exams'],
    access: { permission: 'orders:read' },
    request: { query: ExamListQuery },
    responses: { 200: { description: 'A page of exams and how many there are', schema: ExamPage } },
    handler: async ({ actor, query }, _req, res) => res.json(await exams.list(actor, query)),
  });
  api.route({
    method: 'get',
    path: '/exams/export',
    summary: `The exam worklist as CSV (same filters and sort; at most EXPORT_ROW_CAP rows, ${EXPORT_ROW_CAP} by default), audited`,
    tags: ['Exams'],
    access: { permission: 'exams:export' },
    request: { query: ExamExportQuery },
    responses: { 200: CSV_EXPORT_RESPONSE },
    handler: async ({ actor, query }, _req, res) => sendCsvExport(res, 'exams', clock.businessDate(), await exams.exportCsv(actor, query, config.exportRowCap)),
  });
  api.route({
    method: 'get',
    path: '/exams/lab-partners',
    summary: 'The laboratories exams can be ordered from',
    tags: ['Exams'],
    access: { permission: 'orders:read' },
    responses: { 200: { description: 'Lab partners', schema: z.object({ items: z.array(z.string()) }) } },
    handler: (_input, _req, res) => res.json({ items: exams.labPartners }),
  });
  api.route({
    method: 'get',
    path: '/exams/:id',
    summary: 'One exam',
    tags: ['Exams'],
    access: { permission: 'orders:read' },
    request: { params: Id },
    responses: { 200: { description: 'The exam', schema: Exam } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await exams.get(actor, params.id)),
  });
  const examStep = <B extends z.ZodType>(
    path: string,
    summary: string,
    permission: 'exams:manage' | 'orders:underwrite',
    body: B,
    run: (actor: NonNullable<Parameters<typeof exams.get>[0]>, id: string, version: number, body: z.infer<B>) => Promise<Exam>,
  ) =>
    api.route({
      method: 'post',
      path: `/exams/:id/${path}`,
      summary,
      tags: ['Exams'],
      access: { permission },
      ifMatch: true,
      request: { params: Id, body },
      responses: { 200: { description: 'Moved', schema: Exam }, 409: { description: 'ILLEGAL_EXAM_TRANSITION (with currentStatus) or ORDER_CLOSED' } },
      handler: async ({ actor, params, body: input, ifMatch }, _req, res) => sendVersioned(res, await run(actor, params.id, ifMatch, input as z.infer<B>)),
    });
  examStep('order', 'Order from a lab partner, with its order reference', 'exams:manage', OrderExamBody, (a, id, v, b) =>
    exams.orderFromLab(a, id, v, b.labPartner, b.labOrderReference),
  );
  examStep('schedule', 'Book (or rebook) the appointment: date, time and place', 'exams:manage', ScheduleExamBody, (a, id, v, b) =>
    exams.schedule(a, id, v, b.scheduledAt, b.location),
  );
  examStep('complete', 'The exam took place', 'exams:manage', CompleteExamBody, (a, id, v, b) => exams.complete(a, id, v, b.completedOn));
  examStep('results', 'Record the key results (and the result document uploaded to the order)', 'exams:manage', ExamResultsBody, (a, id, v, b) =>
    exams.recordResults(a, id, v, b.keyResults, b.resultDocumentId),
  );
  examStep('cancel', 'Cancel a lab order (it can be ordered again)', 'exams:manage', ReasonBody, (a, id, v, b) => exams.cancel(a, id, v, b.reason));
  examStep('waive', 'Waive the exam (underwriters), saying why', 'orders:underwrite', ReasonBody, (a, id, v, b) => exams.waive(a, id, v, b.reason));

  api.route({
    method: 'get',
    path: '/underwriting/queue',
    summary: 'Orders awaiting a decision: high priority first (referral reasons, large sums), then the longest waiting; filter by product, branch, referral reason, status',
    tags: ['Underwriting'],
    access: { permission: 'orders:underwrite' },
    request: { query: UnderwritingQueueQuery },
    responses: { 200: { description: 'The queue', schema: z.object({ items: z.array(UnderwritingQueueItem) }) } },
    handler: async ({ actor, query }, _req, res) => res.json(await underwriting.queue(actor, query)),
  });
}
