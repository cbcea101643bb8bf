import type { Quote } from '@contracts/products';
import { Stack, Text } from '@mantine/core';
import { formatMoney } from '@/lib/money';
import { FREQUENCY_LABELS } from '../quote-labels';

interface PremiumSummaryProps {
  price: NonNullable<Quote['price']>;
  paymentFrequency: Quote['paymentFrequency'];
  /** Smaller, for lists and the saved quote's facts. */
  compact?: boolean;
}

/** The figure the customer asks for, large: the annual premium, then what they pay and how often. */
export function PremiumSummary({ price, paymentFrequency, compact = false }: PremiumSummaryProps) {
  const { count, amount, firstAmount } = price.installments;
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        Annual premium
      </Text>
      <Text fz={compact ? 22 : 34} fw={700} lh={1.15} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="annual-premium">
        {formatMoney(price.annualPremium, price.currency)}
      </Text>
      {count > 1 ? (
        <Text size={compact ? 'sm' : 'md'} fw={500}>
          {FREQUENCY_LABELS[paymentFrequency]}: {count} × {formatMoney(amount, price.currency)}
        </Text>
      ) : (
        <Text size={compact ? 'sm' : 'md'} fw={500}>
          Paid once a year
        </Text>
      )}
      {count > 1 && firstAmount !== amount && (
        <Text size="sm" c="dimmed">
          The first installment is {formatMoney(firstAmount, price.currency)} (it takes the cents left over).
        </Text>
      )}
    </Stack>
  );
}
