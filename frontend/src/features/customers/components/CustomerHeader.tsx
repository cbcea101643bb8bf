import type { Customer } from '@contracts/customers';
import { Skeleton, Text } from '@mantine/core';
import { RecordHeader } from '@/components/RecordHeader';
import { CustomerBalance } from '@/features/billing';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, yearsSince } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { formatPhone } from '@/lib/phone';
import { useCustomerOverview } from '../api/get-customer-overview';
import { CustomerActions } from '../customer-actions';
import { ChangeStatusButton } from './ChangeStatusButton';
import { CustomerStatusBadge } from './CustomerStatusBadge';
import { KycBadge } from './KycBadge';
import { MergeCustomerButton } from './MergeCustomerButton';
import { RiskBadge } from './RiskBadge';

function LifetimeValue({ customerId }: { customerId: string }) {
  const { data, error } = useCustomerOverview(customerId);
  if (data) return formatMoney(data.lifetimeValue.amount, data.lifetimeValue.currency);
  return error ? '—' : <Skeleton height={14} width={90} mt={3} />;
}

interface CustomerHeaderProps {
  customer: Customer;
  branchName: string | undefined;
}

/**
 * What an agent needs while on the phone, above every tab and kept in view while scrolling: who it
 * is, where they stand, and the actions on the whole record.
 */
export function CustomerHeader({ customer, branchName }: CustomerHeaderProps) {
  const { can } = useAuth();
  return (
    <RecordHeader
      sticky
      breadcrumbs={[{ label: 'Customers', to: '/customers' }, { label: `${customer.firstName} ${customer.lastName}` }]}
      title={`${customer.firstName} ${customer.lastName}`}
      badges={
        <>
          <CustomerStatusBadge status={customer.status} size="md" />
          <KycBadge status={customer.kycStatus} size="md" />
          {customer.riskScore !== null && customer.riskLevel !== null && <RiskBadge score={customer.riskScore} level={customer.riskLevel} size="md" />}
        </>
      }
      facts={[
        {
          label: 'Customer',
          value: (
            <Text span ff="monospace" size="sm" fw={500}>
              {customer.customerNumber}
            </Text>
          ),
        },
        { label: 'Born', value: `${formatDate(customer.dateOfBirth)} (${yearsSince(customer.dateOfBirth)})` },
        ...(customer.phone ? [{ label: 'Phone', value: formatPhone(customer.phone) }] : []),
        { label: 'Lifetime value', value: <LifetimeValue customerId={customer.id} /> },
        ...(can('billing:read') ? [{ label: 'Premium due', value: <CustomerBalance customerId={customer.id} /> }] : []),
        { label: 'Branch', value: branchName ?? '—' },
        { label: 'Agent', value: customer.assignedAgentName ?? 'Nobody' },
      ]}
      actions={
        <>
          <CustomerActions customer={customer} />
          {can('customers:change-status') && <ChangeStatusButton customer={customer} />}
          {can('customers:merge') && <MergeCustomerButton customer={customer} />}
        </>
      }
    />
  );
}
