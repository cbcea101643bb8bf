import type { Customer } from '@contracts/customers';
import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useAuth } from '@/lib/auth/auth-context';
import { useRevealNationalId } from '../api/reveal-national-id';

/** The masked national id; users allowed to unmask it get "Show", and are told the view is recorded. */
export function NationalIdValue({ customer }: { customer: Pick<Customer, 'id' | 'nationalIdMasked'> }) {
  const { can } = useAuth();
  const reveal = useRevealNationalId();
  const [revealed, setRevealed] = useState<string | null>(null);
  if (customer.nationalIdMasked === null) {
    return (
      <Text span size="sm" c="dimmed">
        Not recorded
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="nowrap">
        <Code fz="sm">{revealed ?? customer.nationalIdMasked}</Code>
        {can('customers:unmask') &&
          (revealed === null ? (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconEye size={14} />}
              loading={reveal.isPending}
              onClick={() => reveal.mutate(customer.id, { onSuccess: (value) => setRevealed(value) })}
              aria-label="Show the full national id"
            >
              Show
            </Button>
          ) : (
            <Button size="compact-xs" variant="subtle" leftSection={<IconEyeOff size={14} />} onClick={() => setRevealed(null)} aria-label="Hide the national id">
              Hide
            </Button>
          ))}
      </Group>
      {can('customers:unmask') && (
        <Text size="xs" c="dimmed">
          Showing the full number is recorded in the audit trail.
        </Text>
      )}
    </Stack>
  );
}
