import { z } from 'zod';
import {
  ApproveRefundBody,
  RefundListQuery,
  RefundPage,
  RefundAwaitingApprovalPage,
  RefundsAwaitingApprovalQuery,
  RefundPaidBody,
  RefundReasonBody,
  RefundWithHistory,
  RequestRefundBody,
  WriteOff,
  WriteOffBody,
} from '../../contracts/billing';
import type { Actor } from '../../platform/actor';
import { sendVersioned } from '../../platform/http';
import { sendIdempotent } from '../../platform/idempotency';
import type { ModuleContext } from '../../platform/module';
import type { RefundsService } from './refunds.service';
import type { WriteOffsService } from './write-offs.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });

export function registerRefundRoutes({ api }: ModuleContext<never>, { refunds, writeOffs }: { refunds: RefundsService; writeOffs: WriteOffsService }) {
  api.route({
    method: 'post',
    path: '/refunds',
    summary: 'Request a refund of a payment (part or all, to its own method) or of the customer’s credit',
    description:
      'Nothing moves until another person approves it. A payment’s refunds that are requested, approved or paid never exceed what was paid (409 ' +
      'REFUND_EXCEEDS_PAYMENT, with `refundable`); only a succeeded payment is refunded (409 REFUND_PAYMENT_NOT_REFUNDABLE). A credit refund may not exceed ' +
      'the credit less the credit refunds waiting (409 REFUND_EXCEEDS_CREDIT, with `available`).',
    tags: ['Refunds'],
    access: { permission: 'refunds:request' },
    idempotent: 'refunds.request',
    request: { body: RequestRefundBody },
    responses: { 201: { description: 'The refund, requested', schema: RefundWithHistory }, 404: { description: 'Payment, policy or customer not found' } },
    handler: async ({ actor, body, idempotency }, _req, res) => sendIdempotent(res, await refunds.request(actor, idempotency, body)),
  });

  // Before /refunds/:id, which would take the word for an id.
  api.route({
    method: 'get',
    path: '/refunds/awaiting-approval',
    summary: 'Refunds waiting for a decision in your branches, oldest first or as `sort` asks, each with its customer, and how many there are (exact up to 100)',
    tags: ['Refunds'],
    access: { permission: 'refunds:approve' },
    request: { query: RefundsAwaitingApprovalQuery },
    responses: { 200: { description: 'A page of requested refunds', schema: RefundAwaitingApprovalPage } },
    handler: async ({ actor, query }, _req, res) => res.json(await refunds.listAwaitingApproval(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/refunds/:id',
    summary: 'A refund with its status history',
    tags: ['Refunds'],
    access: { permission: 'payments:read' },
    request: { params: Id },
    responses: { 200: { description: 'The refund', schema: RefundWithHistory } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await refunds.get(actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/policies/:id/refunds',
    summary: 'The refunds of a policy (its payments’ and credit refunds asked from it), newest first',
    tags: ['Refunds'],
    access: { permission: 'payments:read' },
    request: { params: Id, query: RefundListQuery },
    responses: { 200: { description: 'A page of refunds', schema: RefundPage } },
    handler: async ({ actor, params, query }, _req, res) => res.json(await refunds.listForPolicy(actor, params.id, query)),
  });

  const transition = <B extends z.ZodType>(
    path: string,
    summary: string,
    permission: 'refunds:request' | 'refunds:approve',
    body: B,
    conflicts: string,
    run: (actor: Actor, id: string, version: number, body: z.infer<B>) => Promise<RefundWithHistory>,
  ) =>
    api.route({
      method: 'post',
      path: `/refunds/:id/${path}`,
      summary,
      tags: ['Refunds'],
      access: { permission },
      ifMatch: true,
      request: { params: Id, body },
      responses: { 200: { description: 'Moved', schema: RefundWithHistory }, 409: { description: conflicts } },
      handler: async ({ actor, params, body: input, ifMatch }, _req, res) => sendVersioned(res, await run(actor, params.id, ifMatch, input as z.infer<B>)),
    });

  transition(
    'approve',
    'Approve a requested refund: another person than the requester, within your refund_amount limit; a card refund goes to the gateway at once',
    'refunds:approve',
    ApproveRefundBody,
    'REFUND_ILLEGAL_TRANSITION, FOUR_EYES, REFUND_EXCEEDS_PAYMENT, REFUND_EXCEEDS_CREDIT, REFUND_PAYMENT_NOT_REFUNDABLE (403 APPROVAL_LIMIT_EXCEEDED)',
    (a, id, v, b) => refunds.approve(a, id, v, b),
  );
  transition('reject', 'Reject a requested refund, with the reason', 'refunds:approve', RefundReasonBody, 'REFUND_ILLEGAL_TRANSITION', (a, id, v, b) =>
    refunds.reject(a, id, v, b.reason),
  );
  transition(
    'cancel',
    'Cancel a requested refund (who requested it, or an approver), with the reason',
    'refunds:request',
    RefundReasonBody,
    'REFUND_ILLEGAL_TRANSITION',
    (a, id, v, b) => refunds.cancel(a, id, v, b.reason),
  );
  transition(
    'paid',
    'Record the payout of an approved refund (transfer, check, cash) with its reference; card refunds are paid by the gateway',
    'refunds:approve',
    RefundPaidBody,
    'REFUND_ILLEGAL_TRANSITION, REFUND_PAID_BY_GATEWAY',
    (a, id, v, b) => refunds.recordPaid(a, id, v, b),
  );
  transition(
    'failed',
    'Record that the payout of an approved refund failed (bounced, not cashed): the money is the customer’s credit again',
    'refunds:approve',
    RefundReasonBody,
    'REFUND_ILLEGAL_TRANSITION, REFUND_PAID_BY_GATEWAY',
    (a, id, v, b) => refunds.recordFailed(a, id, v, b.reason),
  );

  api.route({
    method: 'post',
    path: '/invoices/:id/write-off',
    summary: 'Write off (part of) what is open on an invoice, within your write_off_amount limit, with the reason',
    description:
      'Posts the write-off to the ledger; an invoice with nothing left open becomes `written_off`. 409 WRITE_OFF_EXCEEDS_OPEN above the open amount (with ' +
      '`openAmount`); 403 APPROVAL_LIMIT_EXCEEDED above your limit.',
    tags: ['Invoices'],
    access: { permission: 'invoices:write-off' },
    idempotent: 'invoices.write-off',
    request: { params: Id, body: WriteOffBody },
    responses: { 201: { description: 'Written off', schema: WriteOff }, 404: { description: 'Invoice not found' } },
    handler: async ({ actor, params, body, idempotency }, _req, res) => sendIdempotent(res, await writeOffs.writeOff(actor, idempotency, params.id, body)),
  });
}
