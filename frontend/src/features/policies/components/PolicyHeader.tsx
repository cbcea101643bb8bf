import type { Policy } from '@contracts/policies';
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { RecordHeader } from '@/components/RecordHeader';
import { customerPath } from '@/features/customers';
import { orderPath } from '@/features/orders';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { PolicyStatusBadge } from './PolicyStatusBadge';

/** Whose policy, for what and when, above everything else on the policy page. */
export function PolicyHeader({ policy }: { policy: Policy }) {
  const { can } = useAuth();
  return (
    <RecordHeader
      title={`Policy ${policy.policyNumber}`}
      badges={<PolicyStatusBadge status={policy.status} size="lg" />}
      facts={[
        {
          label: 'Policyholder',
          value: (
            <>
              {can('customers:read') ? (
                <Anchor component={Link} to={customerPath(policy.customer.id)} size="sm" fw={500}>
                  {policy.customer.name}
                </Anchor>
              ) : (
                policy.customer.name
              )}{' '}
              <Text span size="xs" c="dimmed" ff="monospace">
                {policy.customer.customerNumber}
              </Text>
            </>
          ),
        },
        {
          label: 'Product',
          value: (
            <>
              {policy.product.name}{' '}
              <Text span size="xs" c="dimmed">
                version {policy.product.versionNumber}
              </Text>
            </>
          ),
        },
        { label: 'Cover', value: `${formatDate(policy.startDate)} – ${formatDate(policy.endDate)}` },
        { label: 'Agent', value: policy.agent.name },
        {
          label: 'From application',
          value: can('orders:read') ? (
            <Anchor component={Link} to={orderPath(policy.order.id)} size="sm" ff="monospace">
              {policy.order.orderNumber}
            </Anchor>
          ) : (
            policy.order.orderNumber
          ),
        },
      ]}
    />
  );
}
