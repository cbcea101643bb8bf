import { ServiceCalendar } from '@contracts/service';
import { z } from 'zod';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

const ServiceCalendarList = z.object({ items: z.array(ServiceCalendar) });

/** The business-hours calendars a line may follow (the service desk's). */
export async function getCalendars(signal?: AbortSignal): Promise<ServiceCalendar[]> {
  return (await api.get('/service/calendars', ServiceCalendarList, { signal })).items;
}

export const calendarsQueryOptions = () => queryOptions({ queryKey: ['service', 'calendars'] as const, queryFn: ({ signal }) => getCalendars(signal), staleTime: 5 * 60_000 });

export function useCalendars() {
  return useQuery(calendarsQueryOptions());
}
