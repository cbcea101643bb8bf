import { NationalIdReveal } from '@contracts/customers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/audit-keys';

/** The full national id. Every call is recorded in the audit trail, so it is asked for on request, never cached. */
export async function revealNationalId(customerId: string): Promise<string | null> {
  return (await api.get(`/customers/${customerId}/national-id`, NationalIdReveal)).nationalId;
}

export function useRevealNationalId() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revealNationalId,
    onSettled: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
