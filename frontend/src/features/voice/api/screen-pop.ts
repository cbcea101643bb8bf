import { AgentAvailability, RingingCall } from '@contracts/voice';
import type { VoiceQueue } from '@contracts/voice';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const screenPopKeys = {
  all: ['screen-pop'] as const,
  availability: () => [...screenPopKeys.all, 'availability'] as const,
};

export const getAvailability = () => api.get('/agent-availability', AgentAvailability);

export const availabilityQuery = () => queryOptions({ queryKey: screenPopKeys.availability(), queryFn: getAvailability });

export function useAvailability(enabled = true) {
  return useQuery({ ...availabilityQuery(), enabled });
}

export function updateAvailability(queues: VoiceQueue[]): Promise<AgentAvailability> {
  return api.put('/agent-availability', { queues }, AgentAvailability);
}

export function useUpdateAvailability() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAvailability,
    onSuccess: (data) => queryClient.setQueryData(screenPopKeys.availability(), data),
  });
}

export function takeCall(id: string): Promise<RingingCall> {
  return api.post(`/ringing-calls/${id}/take`, undefined, RingingCall);
}
