import { MfaEnrolment, MfaStatus, RecoveryCodes } from '@contracts/identity';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const mfaKeys = { status: ['auth', 'mfa'] as const };

export function getMfaStatus(signal?: AbortSignal): Promise<MfaStatus> {
  return api.get('/auth/mfa', MfaStatus, { signal });
}

export const mfaStatusQueryOptions = () => queryOptions({ queryKey: mfaKeys.status, queryFn: ({ signal }) => getMfaStatus(signal) });

export function useMfaStatus() {
  return useQuery(mfaStatusQueryOptions());
}

/** A new secret (and its QR code); replaces a set-up that was never confirmed. */
export function startMfaEnrolment(): Promise<MfaEnrolment> {
  return api.post('/auth/mfa/enrolment', undefined, MfaEnrolment);
}

export function useStartMfaEnrolment() {
  return useMutation({ mutationFn: startMfaEnrolment });
}

/** Confirms with a first code; answers the recovery codes, shown this once. */
export function confirmMfaEnrolment(code: string): Promise<RecoveryCodes> {
  return api.post('/auth/mfa/enrolment/confirm', { code }, RecoveryCodes);
}

/** The form shows a wrong code next to its field, so it passes its own onError. */
export function useConfirmMfaEnrolment(callbacks: { onError?: (error: Error) => void }) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: confirmMfaEnrolment, ...callbacks, onSuccess: () => queryClient.invalidateQueries({ queryKey: mfaKeys.status }) });
}
