import type { Quote } from '@contracts/products';
import { Alert, List } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';

/** Why the product cannot be offered with these options: one line per failed rule, as the API says it. */
export function EligibilityReasons({ reasons }: { reasons: Quote['eligibility']['reasons'] }) {
  return (
    <Alert color="red" variant="light" icon={<IconBan />} title="Not eligible" role="alert">
      <List size="sm" spacing={2}>
        {reasons.map((reason) => (
          <List.Item key={`${reason.code}-${reason.message}`}>{reason.message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
