import { PhoneLine } from '@contracts/voice';
import type { UpdatePhoneLineBody } from '@contracts/voice';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/audit-keys';
import { etag } from '@/lib/concurrency';
import { phoneLineKeys } from './phone-line-keys';

export interface UpdatePhoneLineInput {
  line: Pick<PhoneLine, 'id' | 'version'>;
  body: UpdatePhoneLineBody;
}

export function updatePhoneLine({ line, body }: UpdatePhoneLineInput): Promise<PhoneLine> {
  return api.put(`/phone-lines/${line.id}`, body, PhoneLine, { ifMatch: etag(line.version) });
}

type Callbacks = Pick<UseMutationOptions<PhoneLine, Error, UpdatePhoneLineInput>, 'onSuccess' | 'onError'>;

/** Settled either way: a 412 means the list is stale, so it is refetched too. */
export function useUpdatePhoneLine(callbacks: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePhoneLine,
    ...callbacks,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: phoneLineKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
