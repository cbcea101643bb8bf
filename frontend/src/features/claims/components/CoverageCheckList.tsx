import type { CoverageCheck } from '@contracts/claims';
import { Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { COVERAGE_CHECK_LABELS } from '../claim-labels';

/** Each check of the coverage check, passed or failed, with the reason an agent can read out. */
export function CoverageCheckList({ checks }: { checks: CoverageCheck['checks'] }) {
  return (
    <Stack gap="xs" role="group" aria-label="Checks">
      {checks.map((c) => (
        <Group key={c.code} gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon size="sm" radius="xl" color={c.passed ? 'teal' : 'orange'} variant="light" role="img" aria-label={c.passed ? 'Passed' : 'Failed'}>
            {c.passed ? <IconCheck size={14} /> : <IconX size={14} />}
          </ThemeIcon>
          <div>
            <Text size="sm" fw={500}>
              {COVERAGE_CHECK_LABELS[c.code]}
            </Text>
            <Text size="xs" c="dimmed">
              {c.detail}
            </Text>
          </div>
        </Group>
      ))}
    </Stack>
  );
}
