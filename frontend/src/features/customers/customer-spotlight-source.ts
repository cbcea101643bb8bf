import type { SpotlightSource } from '@/features/search';
import { formatDate } from '@/lib/format-date';
import { searchCustomers } from './api/search-customers';
import { CUSTOMER_STATUS_LABELS } from './customer-labels';
import { customerPath } from './customer-paths';

const RESULTS = 8;

/** Customers by name, number, email or phone: what an agent has at hand when the phone rings. */
export const customerSpotlightSource: SpotlightSource = {
  id: 'customers',
  label: 'Customers',
  permission: 'customers:read',
  search: async (query, signal) => {
    const page = await searchCustomers({ q: query }, { limit: RESULTS }, signal);
    return page.items.map((customer) => ({
      id: customer.id,
      label: `${customer.firstName} ${customer.lastName}`,
      description: [
        customer.customerNumber,
        `born ${formatDate(customer.dateOfBirth)}`,
        customer.email ?? customer.phone,
        customer.status === 'active' ? null : CUSTOMER_STATUS_LABELS[customer.status],
      ]
        .filter(Boolean)
        .join(' · '),
      to: customerPath(customer.id),
    }));
  },
};
