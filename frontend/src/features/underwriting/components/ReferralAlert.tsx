import type { Order } from '@contracts/orders';
import { Alert, Badge, Group, List, Text } from '@mantine/core';
import { IconCircleCheck, IconFlag } from '@tabler/icons-react';

/** Why the product's rules sent this application to an underwriter; first thing on the review. */
export function ReferralAlert({ referrals }: { referrals: Order['requirements']['referrals'] }) {
  if (referrals.length === 0) {
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck />} p="sm">
        <Text size="sm">No referral reasons: the product&apos;s rules did not flag this application.</Text>
      </Alert>
    );
  }
  return (
    <Alert color="orange" variant="light" icon={<IconFlag />} title={referrals.length === 1 ? 'Referral reason' : `${referrals.length} referral reasons`} role="region">
      <List size="sm" spacing={4} listStyleType="none">
        {referrals.map((r) => (
          <List.Item key={r.code}>
            <Group gap={8} wrap="nowrap" align="flex-start">
              <Badge color="orange" variant="outline" size="sm" style={{ flexShrink: 0 }}>
                {r.code.replace(/_/g, ' ').toLowerCase()}
              </Badge>
              <Text size="sm" fw={500}>
                {r.message}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
