import type { CustomerStatus } from '@contracts/customers';
import type { CustomerStatusValue } from './customer-labels';

// The transitions of the customers module (its CONTEXT.md), so the dialog offers only changes the
// server accepts; the server still decides and answers 409 ILLEGAL_STATUS_CHANGE otherwise.
const NEXT_STATUSES: Record<CustomerStatusValue, readonly CustomerStatus[]> = {
  prospect: ['active', 'inactive', 'deceased'],
  active: ['inactive', 'deceased'],
  inactive: ['active', 'deceased'],
  deceased: [],
  merged: [],
};

export function nextStatuses(status: CustomerStatusValue): readonly CustomerStatus[] {
  return NEXT_STATUSES[status];
}

/** What the confirmation says will happen. */
export function statusChangeConsequence(name: string, status: CustomerStatus): string {
  switch (status) {
    case 'active':
      return `${name} becomes an active customer.`;
    case 'inactive':
      return `${name} becomes inactive; the record and its history stay and it can be made active again.`;
    case 'deceased':
      return `${name} is recorded as deceased. This is final: the status can never be changed again.`;
    case 'prospect':
      return `${name} becomes a prospect.`;
  }
}
