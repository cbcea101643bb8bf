import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Breadcrumbs, type Crumb } from './Breadcrumbs';

export interface HeaderFact {
  label: string;
  value: ReactNode;
}

interface RecordHeaderProps {
  /** What the record is called, with its number: "Application O-000123", "Policy P-000042", a customer's name. */
  title: ReactNode;
  /** Status badges beside the title. */
  badges?: ReactNode;
  /** A line under the title: what the record is, or what its status means. */
  description?: ReactNode;
  /** Small labelled figures under the title; they wrap on narrow screens. */
  facts: HeaderFact[];
  /** Actions on the whole record, on the right (below the facts on narrow screens). */
  actions?: ReactNode;
  /** Stays in view below the console's header while the page scrolls (the customer record). */
  sticky?: boolean;
  /** Where the record sits ("Applications › Ada Lovelace › O-000123"), above the title. */
  breadcrumbs?: Crumb[];
}

const STICKY = { position: 'sticky', top: 'var(--app-shell-header-offset, 56px)', zIndex: 2 } as const;

/** The top of a record page (customer, product, application, policy): who or what it is, where it stands, and the actions on it. */
export function RecordHeader({ title, badges, description, facts, actions, sticky, breadcrumbs }: RecordHeaderProps) {
  return (
    <Paper withBorder p="md" component="header" style={sticky ? STICKY : undefined}>
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap="xs" style={{ flex: '1 1 420px' }}>
          {breadcrumbs && <Breadcrumbs items={breadcrumbs} />}
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              {title}
            </Title>
            {badges}
          </Group>
          {description}
          <Group gap="xl" align="flex-start" style={{ rowGap: 8 }}>
            {facts.map((fact) => (
              <Stack key={fact.label} gap={0}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.4}>
                  {fact.label}
                </Text>
                <Text component="div" size="sm" fw={500}>
                  {fact.value}
                </Text>
              </Stack>
            ))}
          </Group>
        </Stack>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </Paper>
  );
}

/**
 * A fact that names another record: a link when the user may open it (`to`), its text otherwise.
 * Record numbers are set in monospace.
 */
export function FactLink({ to, number, children }: { to: string | null; number?: boolean; children: ReactNode }) {
  if (!to) return children;
  return (
    <Anchor component={Link} to={to} size="sm" {...(number ? { ff: 'monospace' } : { fw: 500 })}>
      {children}
    </Anchor>
  );
}

/** Smaller, dimmed words after a fact's value: a customer's number, a product's version. */
export function FactNote({ number, children }: { number?: boolean; children: ReactNode }) {
  return (
    <Text span size="xs" c="dimmed" ff={number ? 'monospace' : undefined}>
      {children}
    </Text>
  );
}
