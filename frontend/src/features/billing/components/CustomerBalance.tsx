import { Skeleton, Text } from '@mantine/core';
import { useAuth } from '@/lib/auth/auth-context';
import { useCustomerBilling } from '../api/get-policy-billing';
import { balanceSummary, worthShowing } from '../customer-balance';

/** Amount due, overdue, what falls due next and the credit across the customer's policies, for the customer header; red when overdue. */
export function CustomerBalance({ customerId }: { customerId: string }) {
  const { can } = useAuth();
  const allowed = can('billing:read');
  const { data, error } = useCustomerBilling(customerId, allowed);
  if (!allowed) return null;
  if (error) return '—';
  if (!data) return <Skeleton height={14} width={90} mt={3} />;
  const shown = data.totals.filter(worthShowing);
  if (!shown.length) return 'Nothing due';
  return (
    <span data-testid="customer-balance">
      {shown.map((t) => (
        <Text span size="sm" key={t.currency} c={t.overdueAmount > 0 ? 'red' : undefined} fw={t.overdueAmount > 0 ? 600 : undefined} mr="xs">
          {balanceSummary(t)}
        </Text>
      ))}
    </span>
  );
}
