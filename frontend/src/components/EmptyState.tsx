import { Stack, Text, ThemeIcon } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  description?: ReactNode;
}

export function EmptyState({ title, description }: EmptyStateProps) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center">
      <ThemeIcon variant="light" color="gray" size="xl" radius="xl" aria-hidden>
        <IconInbox size={22} stroke={1.5} />
      </ThemeIcon>
      <Text fw={500}>{title}</Text>
      {description && (
        <Text c="dimmed" size="sm" maw={420}>
          {description}
        </Text>
      )}
    </Stack>
  );
}
