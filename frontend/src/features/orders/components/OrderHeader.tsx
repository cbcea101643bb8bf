import type { Order } from '@contracts/orders';
import { Button, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { FactLink, FactNote, RecordHeader } from '@/components/RecordHeader';
import { customerPath } from '@/features/customers';
import { customerQuotePath, formatSum } from '@/features/quotes';
import { useAuth } from '@/lib/auth/auth-context';
import { formatMoney, formatPremium } from '@/lib/money';
import { termWording, tripWithDestination } from '@/lib/term-wording';
import { ORDER_STATUS_HINTS } from '../order-labels';
import { OrderStatusBadge } from './OrderStatusBadge';

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
    <RecordHeader
      // The customer is the first fact below (a link): not repeated here.
      breadcrumbs={[{ label: 'Applications', to: '/orders' }, { label: order.orderNumber }]}
      title={`Application ${order.orderNumber}`}
      badges={<OrderStatusBadge status={order.status} size="lg" />}
      description={
        <Text size="sm" c="dimmed">
          {ORDER_STATUS_HINTS[order.status]}
        </Text>
      }
      facts={[
        {
          label: 'Customer',
          value: (
            <>
              <FactLink to={can('customers:read') ? customerPath(order.customer.id) : null}>{order.customer.name}</FactLink>{' '}
              <FactNote number>{order.customer.customerNumber}</FactNote>
            </>
          ),
        },
        {
          label: 'Product',
          value: (
            <>
              {order.product.name}{' '}
              <FactNote>
                v{order.product.versionNumber} · {termWording(order)}
              </FactNote>
            </>
          ),
        },
        ...(order.trip ? [{ label: 'Trip', value: tripWithDestination(order.trip) }] : []),
        { label: 'Sum insured', value: formatSum(order.sumInsured, order.currency) },
        {
          label: rated ? 'Premium (rated)' : 'Premium',
          value: (
            <>
              {formatPremium({ annualPremium: order.approvedAnnualPremium ?? order.annualPremium, currency: order.currency, paymentFrequency: order.paymentFrequency })}
              {rated && <FactNote>quoted {formatMoney(order.annualPremium, order.currency)}</FactNote>}
            </>
          ),
        },
        { label: 'Agent', value: order.agent.name },
        {
          label: 'Quote',
          value: (
            <FactLink number to={can('quotes:read') ? customerQuotePath(order.customer.id, order.quoteId) : null}>
              {order.quoteNumber}
            </FactLink>
          ),
        },
      ]}
      actions={
        <>
          {order.policyId && can('policies:read') && (
            <Button component={Link} to={policyPath(order.policyId)} color="teal" leftSection={<IconShieldCheck size={18} />}>
              Open the policy
            </Button>
          )}
          {actions}
        </>
      }
    />
  );
}
