import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';

export function BrandMark({ size = 'md' }: { size?: 'md' | 'lg' }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={size === 'lg' ? 34 : 28} radius="md" aria-hidden>
        <IconShieldCheck size={size === 'lg' ? 20 : 17} stroke={1.8} />
      </ThemeIcon>
      <Text fw={700} fz={size === 'lg' ? 22 : 17} lh={1}>
        Policydesk
      </Text>
    </Group>
  );
}
