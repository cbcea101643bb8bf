import { ServiceMetrics } from '@contracts/service';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { serviceKeys } from './service-keys';

/** Agent performance over a period of business dates: agents get their own row, senior agents and managers their branches'. */
export function useServiceMetrics(period: { from: string; to: string }) {
  return useQuery({
    queryKey: serviceKeys.metrics(period),
    queryFn: ({ signal }) => api.get(`/service/metrics?${new URLSearchParams(period).toString()}`, ServiceMetrics, { signal }),
    placeholderData: keepPreviousData,
  });
}
