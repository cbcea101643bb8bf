import { PublicSurvey, type SurveyAnswerBody } from '@contracts/service';
import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client';
import { serviceKeys } from './service-keys';

/** The question behind a public survey link (no login). */
export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: serviceKeys.survey(token),
    queryFn: ({ signal }) => api.get(`/public/surveys/${encodeURIComponent(token)}`, PublicSurvey, { signal }),
    retry: false,
  });
}

export function useAnswerSurvey(token: string) {
  return useMutation({
    mutationFn: (body: z.input<typeof SurveyAnswerBody>) => api.post(`/public/surveys/${encodeURIComponent(token)}`, body, z.object({ answered: z.literal(true) })),
  });
}
