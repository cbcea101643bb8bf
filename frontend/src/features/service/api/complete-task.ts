import { Task } from '@contracts/service';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { serviceKeys } from './service-keys';

/** Marks a task done with its outcome (If-Match: the version shown). */
export function completeTask(input: { id: string; version: number; outcome: string }): Promise<Task> {
  return api.post(`/tasks/${input.id}/complete`, { outcome: input.outcome }, Task, { ifMatch: etag(input.version) });
}

export function useCompleteTask() {
  const client = useQueryClient();
  return useMutation({ mutationFn: completeTask, onSettled: () => client.invalidateQueries({ queryKey: serviceKeys.all }) });
}
