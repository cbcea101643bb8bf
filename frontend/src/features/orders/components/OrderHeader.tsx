import type { Order } from '@contracts/orders';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { customerPath } from '@/features/customers';
import { customerQuotePath, formatSum, FREQUENCY_LABELS } from '@/features/quotes';
import { useAuth } from '@/lib/auth/auth-context';
import { formatMoney } from '@/lib/money';
import { ORDER_STATUS_HINTS } from '../order-labels';
import { OrderStatusBadge } from './OrderStatusBadge';

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

interface OrderHeaderProps {
  order: Order;
  actions?: ReactNode;
  /** Where the issued policy's page is (the policies feature builds on orders, so it is passed in). */
  policyPath: (policyId: string) => string;
}

/** Who, what and how much, above everything else on the application; the actions on the whole record on the right. */
export function OrderHeader({ order, actions, policyPath }: OrderHeaderProps) {
  const { can } = useAuth();
  const rated = order.approvedAnnualPremium !== null && order.approvedAnnualPremium !== order.annualPremium;
  return (
    <Paper withBorder p="md" component="header">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap="xs" style={{ flex: '1 1 420px' }}>
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              Application {order.orderNumber}
            </Title>
            <OrderStatusBadge status={order.status} size="lg" />
          </Group>
          <Text size="sm" c="dimmed">
            {ORDER_STATUS_HINTS[order.status]}
          </Text>
          <Group gap="xl" align="flex-start" style={{ rowGap: 8 }}>
            <HeaderFact label="Customer">
              {can('customers:read') ? (
                <Anchor component={Link} to={customerPath(order.customer.id)} size="sm" fw={500}>
                  {order.customer.name}
                </Anchor>
              ) : (
                order.customer.name
              )}{' '}
              <Text span size="xs" c="dimmed" ff="monospace">
                {order.customer.customerNumber}
              </Text>
            </HeaderFact>
            <HeaderFact label="Product">
              {order.product.name}{' '}
              <Text span size="xs" c="dimmed">
                v{order.product.versionNumber} · {order.termYears} years
              </Text>
            </HeaderFact>
            <HeaderFact label="Sum insured">{formatSum(order.sumInsured, order.currency)}</HeaderFact>
            <HeaderFact label={rated ? 'Premium (rated)' : 'Annual premium'}>
              {formatMoney(order.approvedAnnualPremium ?? order.annualPremium, order.currency)}{' '}
              <Text span size="xs" c="dimmed">
                {FREQUENCY_LABELS[order.paymentFrequency].toLowerCase()}
                {rated ? ` · quoted ${formatMoney(order.annualPremium, order.currency)}` : ''}
              </Text>
            </HeaderFact>
            <HeaderFact label="Agent">{order.agent.name}</HeaderFact>
            <HeaderFact label="Quote">
              {can('quotes:read') ? (
                <Anchor component={Link} to={customerQuotePath(order.customer.id, order.quoteId)} size="sm" ff="monospace">
                  {order.quoteNumber}
                </Anchor>
              ) : (
                order.quoteNumber
              )}
            </HeaderFact>
          </Group>
        </Stack>
        <Group gap="sm">
          {order.policyId && can('policies:read') && (
            <Button component={Link} to={policyPath(order.policyId)} color="teal" leftSection={<IconShieldCheck size={18} />}>
              Open the policy
            </Button>
          )}
          {actions}
        </Group>
      </Group>
    </Paper>
  );
}
