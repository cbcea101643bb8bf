import type { Policy } from '@contracts/policies';
import { Text } from '@mantine/core';
import { formatMoney } from '@/lib/money';
import { useCashValue } from '../api/policy-transactions';

/** Under the premium, for products that build one: the guaranteed cash value today. */
export function CashValueLine({ policy, hasTable }: { policy: Policy; hasTable: boolean }) {
  const value = useCashValue(policy.id, hasTable && policy.status === 'active');
  if (!value.data) return null;
  const v = value.data;
  return (
    <>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">
        Cash value today
      </Text>
      <Text fz={20} fw={600} data-testid="cash-value">
        {formatMoney(v.cashValue, v.currency)}
      </Text>
      <Text size="sm" c="dimmed">
        {v.perThousand} per 1,000 insured after {v.monthsInForce} {v.monthsInForce === 1 ? 'month' : 'months'} in force (policy year {v.policyYear})
      </Text>
    </>
  );
}
