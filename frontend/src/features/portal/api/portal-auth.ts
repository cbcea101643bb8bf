// Registration (three steps) and sign-in: each a mutation; a completed registration or a login
// starts the portal session.
import { PortalRegistrationStarted, PortalRegistrationVerified, PortalTokenResponse } from '@contracts/portal';
import type { PortalLoginBody, PortalRegistrationStartBody } from '@contracts/portal';
import { useMutation } from '@tanstack/react-query';
import { portalApi, portalSession } from './portal-client';

export const useStartRegistration = () =>
  useMutation({ mutationFn: (body: PortalRegistrationStartBody) => portalApi.post('/portal/registration', body, PortalRegistrationStarted) });

export const useVerifyRegistration = () =>
  useMutation({ mutationFn: (body: { registrationId: string; code: string }) => portalApi.post('/portal/registration/verify', body, PortalRegistrationVerified) });

export const useCompleteRegistration = () =>
  useMutation({
    mutationFn: (body: { registrationId: string; password: string }) => portalApi.post('/portal/registration/complete', body, PortalTokenResponse),
    onSuccess: (tokens) => portalSession.start(tokens),
  });

export const usePortalLogin = () =>
  useMutation({
    mutationFn: (body: PortalLoginBody) => portalApi.post('/portal/auth/login', body, PortalTokenResponse),
    onSuccess: (tokens) => portalSession.start(tokens),
  });
