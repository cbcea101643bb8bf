import { Skeleton, Text } from '@mantine/core';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { useCustomerBilling } from '../api/get-policy-billing';

/** Amount due and overdue across the customer's policies, for the customer header; red when overdue. */
export function CustomerBalance({ customerId }: { customerId: string }) {
  const { can } = useAuth();
  const allowed = can('billing:read');
  const { data, error } = useCustomerBilling(customerId, allowed);
  if (!allowed) return null;
  if (error) return '—';
  if (!data) return <Skeleton height={14} width={90} mt={3} />;
  const owing = data.totals.filter((t) => t.amountDue > 0 || t.overdueAmount > 0);
  if (!owing.length) return 'Nothing due';
  return (
    <span data-testid="customer-balance">
      {owing.map((t) => (
        <Text span size="sm" key={t.currency} c={t.overdueAmount > 0 ? 'red' : undefined} fw={t.overdueAmount > 0 ? 600 : undefined} mr="xs">
          {formatMoney(t.amountDue, t.currency)} due
          {t.overdueAmount > 0 && t.overdueSince ? `, ${formatMoney(t.overdueAmount, t.currency)} overdue since ${formatDate(t.overdueSince)}` : ''}
        </Text>
      ))}
    </span>
  );
}
