import { Group, Text, ThemeIcon } from '@mantine/core';
import type { MantineBreakpoint } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';

interface BrandMarkProps {
  size?: 'md' | 'lg';
  /** Show the word "Policydesk" only from this breakpoint up (the console's header on a phone keeps the mark alone, to leave the badge and the controls their room). */
  wordFrom?: MantineBreakpoint;
}

export function BrandMark({ size = 'md', wordFrom }: BrandMarkProps) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={size === 'lg' ? 34 : 28} radius="md" aria-hidden>
        <IconShieldCheck size={size === 'lg' ? 20 : 17} stroke={1.8} />
      </ThemeIcon>
      <Text fw={700} fz={size === 'lg' ? 22 : 17} lh={1} visibleFrom={wordFrom}>
        Policydesk
      </Text>
    </Group>
  );
}
