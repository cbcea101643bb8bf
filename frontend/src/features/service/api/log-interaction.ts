import { Interaction, type CreateInteractionBody } from '@contracts/service';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { serviceKeys } from './service-keys';

/** Logs a contact; the current user is its agent. */
export function logInteraction(body: CreateInteractionBody): Promise<Interaction> {
  return api.post('/interactions', body, Interaction);
}

export function useLogInteraction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: logInteraction,
    // The customer's timeline (under serviceKeys.all: serviceKeys.timelines) and 360° view show the newest interactions.
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: serviceKeys.all }), client.invalidateQueries({ queryKey: ['customers'] })]),
  });
}
