import { Group, Paper, Title } from '@mantine/core';
import { useId } from 'react';
import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Beside the title, e.g. a badge or a button. */
  aside?: ReactNode;
  children: ReactNode;
}

/** A titled section of a record page; screen readers list it as a region named by its title. */
export function Panel({ title, aside, children }: PanelProps) {
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title id={titleId} order={2} size="h4">
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}
