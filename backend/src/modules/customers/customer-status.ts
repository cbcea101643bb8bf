// Customer statuses and the changes allowed between them (merged is reached only by a merge).
import type { CustomerStatus } from '../../contracts/customers';

export const STATUS_TRANSITIONS: Record<CustomerStatus | 'merged', readonly CustomerStatus[]> = {
  prospect: ['active', 'inactive', 'deceased'],
  active: ['inactive', 'deceased'],
  inactive: ['active', 'deceased'],
  deceased: [],
  merged: [],
};

export const canChangeStatus = (from: CustomerStatus | 'merged', to: CustomerStatus) => STATUS_TRANSITIONS[from].includes(to);
