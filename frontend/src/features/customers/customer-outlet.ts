import type { Customer } from '@contracts/customers';
import { useOutletContext } from 'react-router';

/** The customer the tab routes below the customer page work on (the page passes it to its outlet). */
export function useCustomerOutlet(): Customer {
  return useOutletContext<Customer>();
}
