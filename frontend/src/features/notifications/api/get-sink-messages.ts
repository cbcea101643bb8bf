import { SinkMessage } from '@contracts/notifications';
import { pageOf } from '@contracts/common';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys } from './notification-keys';

const SinkPage = pageOf(SinkMessage);

/** The newest 100 messages the local sinks kept (local mode). */
export function getSinkMessages(signal?: AbortSignal) {
  return api.get('/notifications/sink?limit=100', SinkPage, { signal });
}

export const sinkMessagesQueryOptions = () => queryOptions({ queryKey: notificationKeys.sink(), queryFn: ({ signal }) => getSinkMessages(signal), refetchInterval: 30_000 });

export function useSinkMessages() {
  return useQuery(sinkMessagesQueryOptions());
}
