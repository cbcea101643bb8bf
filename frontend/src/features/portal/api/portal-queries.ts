// The portal's reads: one query key factory and the queries of each screen.
import { PortalHome, PortalInvoiceList, PortalPolicy } from '@contracts/portal';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { portalApi } from './portal-client';

export const portalKeys = {
  all: ['portal'] as const,
  home: () => [...portalKeys.all, 'home'] as const,
  policy: (id: string) => [...portalKeys.all, 'policy', id] as const,
  invoices: () => [...portalKeys.all, 'invoices'] as const,
};

export const portalHomeQuery = () => queryOptions({ queryKey: portalKeys.home(), queryFn: () => portalApi.get('/portal/home', PortalHome) });
export const usePortalHome = () => useQuery(portalHomeQuery());

export const portalPolicyQuery = (id: string) =>
  queryOptions({ queryKey: portalKeys.policy(id), queryFn: () => portalApi.get(`/portal/policies/${encodeURIComponent(id)}`, PortalPolicy) });
export const usePortalPolicy = (id: string) => useQuery(portalPolicyQuery(id));

export const portalInvoicesQuery = () => queryOptions({ queryKey: portalKeys.invoices(), queryFn: () => portalApi.get('/portal/invoices', PortalInvoiceList) });
export const usePortalInvoices = () => useQuery(portalInvoicesQuery());
