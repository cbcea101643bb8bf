import { Case, type CaseReplyBody, type CreateCaseBody, type CsatAnswerBody, type EscalateCaseBody, type MergeCaseBody, type CreateTaskBody, Task } from '@contracts/service';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { serviceKeys } from './service-keys';

export type CaseStep = 'open' | 'pend' | 'resolve' | 'close' | 'reopen';

type Versioned<T> = { id: string; version: number; body: T };

export const openCase = (body: z.input<typeof CreateCaseBody>) => api.post('/cases', body, Case);
export const stepCase = ({ id, version, body, step }: Versioned<{ reason?: string; resolution?: string }> & { step: CaseStep }) =>
  api.post(`/cases/${id}/${step}`, body, Case, { ifMatch: etag(version) });
export const replyToCase = ({ id, version, body }: Versioned<CaseReplyBody>) => api.post(`/cases/${id}/reply`, body, Case, { ifMatch: etag(version) });
export const escalateCase = ({ id, version, body }: Versioned<z.input<typeof EscalateCaseBody>>) => api.post(`/cases/${id}/escalate`, body, Case, { ifMatch: etag(version) });
export const mergeCase = ({ id, version, body }: Versioned<MergeCaseBody>) => api.post(`/cases/${id}/merge`, body, Case, { ifMatch: etag(version) });
export const recordCsat = ({ id, body }: { id: string; body: z.input<typeof CsatAnswerBody> }) => api.post(`/cases/${id}/csat`, body, Case);
export const createTask = (body: z.input<typeof CreateTaskBody>) => api.post('/tasks', body, Task);

/** Every case action refreshes the service desk's queries (the case, its activity, My work, the team). */
function useServiceMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => client.invalidateQueries({ queryKey: serviceKeys.all }) });
}

export const useOpenCase = () => useServiceMutation(openCase);
export const useStepCase = () => useServiceMutation(stepCase);
export const useReplyToCase = () => useServiceMutation(replyToCase);
export const useEscalateCase = () => useServiceMutation(escalateCase);
export const useMergeCase = () => useServiceMutation(mergeCase);
export const useRecordCsat = () => useServiceMutation(recordCsat);
export const useCreateTask = () => useServiceMutation(createTask);
