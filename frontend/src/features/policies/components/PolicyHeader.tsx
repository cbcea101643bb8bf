import type { Policy } from '@contracts/policies';
import { FactLink, FactNote, RecordHeader } from '@/components/RecordHeader';
import { customerPath } from '@/features/customers';
import { orderPath } from '@/features/orders';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { PolicyActions } from '../policy-actions';
import { PolicyStatusBadge } from './PolicyStatusBadge';

/** Whose policy, for what and when, above everything else on the policy page. */
export function PolicyHeader({ policy }: { policy: Policy }) {
  const { can } = useAuth();
  return (
    <RecordHeader
      // The policyholder is the first fact below (a link): not repeated here.
      breadcrumbs={[{ label: 'Policies', to: '/policies' }, { label: policy.policyNumber }]}
      title={`Policy ${policy.policyNumber}`}
      badges={<PolicyStatusBadge status={policy.status} size="lg" />}
      facts={[
        {
          label: 'Policyholder',
          value: (
            <>
              <FactLink to={can('customers:read') ? customerPath(policy.customer.id) : null}>{policy.customer.name}</FactLink>{' '}
              <FactNote number>{policy.customer.customerNumber}</FactNote>
            </>
          ),
        },
        {
          label: 'Product',
          value: (
            <>
              {policy.product.name} <FactNote>version {policy.product.versionNumber}</FactNote>
            </>
          ),
        },
        { label: 'Cover', value: `${formatDate(policy.startDate)} – ${formatDate(policy.endDate)}` },
        { label: 'Agent', value: policy.agent.name },
        {
          label: 'From application',
          value: (
            <FactLink number to={can('orders:read') ? orderPath(policy.order.id) : null}>
              {policy.order.orderNumber}
            </FactLink>
          ),
        },
      ]}
      actions={<PolicyActions policy={policy} />}
    />
  );
}
