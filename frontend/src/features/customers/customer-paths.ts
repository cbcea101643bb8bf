/** The customer page and its tabs. */
export type CustomerTab = 'overview' | 'details' | 'kyc' | 'quotes' | 'ledger' | 'history';

export function customerPath(id: string, tab: CustomerTab = 'overview'): string {
  return tab === 'overview' ? `/customers/${id}` : `/customers/${id}/${tab}`;
}

export const NEW_CUSTOMER_PATH = '/customers/new';
