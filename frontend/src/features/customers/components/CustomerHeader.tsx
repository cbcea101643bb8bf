import type { Customer } from '@contracts/customers';
import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, yearsSince } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { useCustomerOverview } from '../api/get-customer-overview';
import { ChangeStatusButton } from './ChangeStatusButton';
import { CustomerStatusBadge } from './CustomerStatusBadge';
import { KycBadge } from './KycBadge';
import { MergeCustomerButton } from './MergeCustomerButton';
import { RiskBadge } from './RiskBadge';

function HeaderFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.4}>
        {label}
      </Text>
      <Text component="div" size="sm" fw={500}>
        {children}
      </Text>
    </Stack>
  );
}

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
    <Paper
      withBorder
      p="md"
      component="header"
      style={{ position: 'sticky', top: 'var(--app-shell-header-offset, 56px)', zIndex: 2 }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap="xs">
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              {customer.firstName} {customer.lastName}
            </Title>
            <CustomerStatusBadge status={customer.status} size="md" />
            <KycBadge status={customer.kycStatus} size="md" />
            {customer.riskScore !== null && customer.riskLevel !== null && (
              <RiskBadge score={customer.riskScore} level={customer.riskLevel} size="md" />
            )}
          </Group>
          <Group gap="xl" align="flex-start">
            <HeaderFact label="Customer">
              <Text span ff="monospace" size="sm" fw={500}>
                {customer.customerNumber}
              </Text>
            </HeaderFact>
            <HeaderFact label="Born">
              {formatDate(customer.dateOfBirth)} ({yearsSince(customer.dateOfBirth)})
            </HeaderFact>
            <HeaderFact label="Lifetime value">
              <LifetimeValue customerId={customer.id} />
            </HeaderFact>
            <HeaderFact label="Branch">{branchName ?? '—'}</HeaderFact>
            <HeaderFact label="Agent">{customer.assignedAgentName ?? 'Nobody'}</HeaderFact>
          </Group>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          {can('customers:change-status') && <ChangeStatusButton customer={customer} />}
          {can('customers:merge') && <MergeCustomerButton customer={customer} />}
        </Group>
      </Group>
    </Paper>
  );
}
