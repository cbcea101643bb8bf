import type { Quote } from '@contracts/products';
import { Stack, Text } from '@mantine/core';
import { formatMoney, premiumLabel, premiumPeriodWording } from '@/lib/money';

interface PremiumSummaryProps {
  price: NonNullable<Quote['price']>;
  paymentFrequency: Quote['paymentFrequency'];
  /** Smaller, for lists and the saved quote's facts. */
  compact?: boolean;
}

/** The figure the customer asks for, large: the premium, then how it is paid ("a year, paid monthly (26.14 a month)", or a trip's "single premium, paid once before the trip"). */
export function PremiumSummary({ price, paymentFrequency, compact = false }: PremiumSummaryProps) {
  const { count, amount, firstAmount } = price.installments;
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {premiumLabel(paymentFrequency)}
      </Text>
      <Text fz={compact ? 22 : 34} fw={700} lh={1.15} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="annual-premium">
        {formatMoney(price.annualPremium, price.currency)}
      </Text>
      <Text size={compact ? 'sm' : 'md'} fw={500} data-testid="premium-payment">
        {premiumPeriodWording({ annualPremium: price.annualPremium, paymentFrequency, installmentAmount: amount })}
      </Text>
      {count > 1 && firstAmount !== amount && (
        <Text size="sm" c="dimmed">
          The first installment is {formatMoney(firstAmount, price.currency)} (it takes the cents left over).
        </Text>
      )}
    </Stack>
  );
}
