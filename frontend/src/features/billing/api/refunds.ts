import { PAGE_LIMIT_MAX } from '@contracts/common';
import type { CountedPage } from '@contracts/common';
import { RefundAwaitingApprovalPage, RefundPage, RefundWithHistory, WriteOff } from '@contracts/billing';
import type { ApproveRefundBody, Refund, RefundAwaitingApproval, RefundPaidBody, RefundToApproveSort, RefundReasonBody, RequestRefundBody, WriteOffBody } from '@contracts/billing';
import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { countOfPage } from '@/lib/list-count';
import { queryString } from '@/lib/query-string';
import { billingKeys } from './billing-keys';

/** The policy's refunds, newest first (the first page: a policy has a few). */
export function usePolicyRefunds(policyId: string, enabled = true) {
  return useQuery(
    queryOptions({
      queryKey: billingKeys.policyRefunds(policyId),
      queryFn: ({ signal }) => api.get(`/policies/${policyId}/refunds?limit=50`, RefundPage, { signal }),
      enabled,
    }),
  );
}

export function getRefundsAwaitingApproval(
  cursor: string | undefined,
  limit: number,
  signal?: AbortSignal,
  sort?: RefundToApproveSort,
): Promise<CountedPage<RefundAwaitingApproval>> {
  return api.get(`/refunds/awaiting-approval${queryString({ limit, cursor, sort })}`, RefundAwaitingApprovalPage, { signal });
}

export const refundsAwaitingApprovalOptions = (sort?: RefundToApproveSort) =>
  infiniteQueryOptions({
    queryKey: [...billingKeys.refundsAwaitingApproval(), { sort }],
    queryFn: ({ pageParam, signal }) => getRefundsAwaitingApproval(pageParam, 50, signal, sort),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

/** Refunds waiting for a decision in the approver's branches, oldest first unless sorted otherwise. */
export function useRefundsAwaitingApproval(sort?: RefundToApproveSort) {
  return useInfiniteQuery({ ...refundsAwaitingApprovalOptions(sort), placeholderData: keepPreviousData });
}

/** How many refunds wait for a decision: one capped page. */
export function useRefundsAwaitingApprovalCount() {
  return useQuery({
    queryKey: [...billingKeys.refundsAwaitingApproval(), 'count'],
    queryFn: async ({ signal }) => countOfPage(await getRefundsAwaitingApproval(undefined, PAGE_LIMIT_MAX, signal)),
  });
}

/** Everything billing shows: a refund or write-off changes figures, lists and customer totals. */
function useInvalidateBilling() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: billingKeys.all });
}

export interface RequestRefundInput {
  body: RequestRefundBody;
  /** One key for the form's lifetime: a double click or a retry replays, never requests twice. */
  idempotencyKey: string;
}

/** 409 REFUND_EXCEEDS_PAYMENT (`refundable`), REFUND_EXCEEDS_CREDIT (`available`), REFUND_PAYMENT_NOT_REFUNDABLE. */
export function requestRefund({ body, idempotencyKey }: RequestRefundInput): Promise<RefundWithHistory> {
  return api.post('/refunds', body, RefundWithHistory, { idempotencyKey });
}

export function useRequestRefund() {
  const invalidate = useInvalidateBilling();
  return useMutation({ mutationFn: requestRefund, onSettled: invalidate });
}

export type RefundStep =
  { action: 'approve'; body: ApproveRefundBody } | { action: 'reject' | 'cancel' | 'failed'; body: RefundReasonBody } | { action: 'paid'; body: RefundPaidBody };

export type RefundStepInput = RefundStep & { refund: Pick<Refund, 'id' | 'version'> };

/**
 * A decision or payout on a refund, with the version read (412 when someone else moved it first).
 * Approve: 409 FOUR_EYES (you requested it), 403 APPROVAL_LIMIT_EXCEEDED (above your refund limit).
 */
export function refundStep({ refund, action, body }: RefundStepInput): Promise<RefundWithHistory> {
  return api.post(`/refunds/${refund.id}/${action}`, body, RefundWithHistory, { ifMatch: etag(refund.version) });
}

export function useRefundStep() {
  const invalidate = useInvalidateBilling();
  return useMutation({ mutationFn: refundStep, onSettled: invalidate });
}

export interface WriteOffInput {
  invoiceId: string;
  body: WriteOffBody;
  idempotencyKey: string;
}

/** 409 WRITE_OFF_EXCEEDS_OPEN (`openAmount`), 403 APPROVAL_LIMIT_EXCEEDED (above your write-off limit). */
export function writeOff({ invoiceId, body, idempotencyKey }: WriteOffInput): Promise<WriteOff> {
  return api.post(`/invoices/${invoiceId}/write-off`, body, WriteOff, { idempotencyKey });
}

export function useWriteOff() {
  const invalidate = useInvalidateBilling();
  return useMutation({ mutationFn: writeOff, onSettled: invalidate });
}
