import { OutboxMessage, type NotificationStatus } from '@contracts/notifications';
import { pageOf } from '@contracts/common';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys } from './notification-keys';

const OutboxPage = pageOf(OutboxMessage);

/** The newest 100 outbox messages, optionally of one status. */
export function getOutbox(status: NotificationStatus | null, signal?: AbortSignal) {
  const query = new URLSearchParams({ limit: '100', ...(status ? { status } : {}) });
  return api.get(`/notifications?${query.toString()}`, OutboxPage, { signal });
}

export const outboxQueryOptions = (status: NotificationStatus | null) =>
  queryOptions({ queryKey: notificationKeys.outbox(status), queryFn: ({ signal }) => getOutbox(status, signal), refetchInterval: 30_000 });

export function useOutbox(status: NotificationStatus | null) {
  return useQuery(outboxQueryOptions(status));
}
