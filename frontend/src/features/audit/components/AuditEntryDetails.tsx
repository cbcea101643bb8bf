import type { AuditEntry } from '@contracts/identity';
import { Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { changeLabel, changeValue } from '../change-format';
import type { ChangeContext } from '../change-format';

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value ?? '—'}
      </Text>
    </Stack>
  );
}

function ValueCell({ children }: { children: string }) {
  return <Table.Td style={{ overflowWrap: 'anywhere' }}>{children}</Table.Td>;
}

/** The expanded audit row: field-by-field before/after, then where the request came from. */
export function AuditEntryDetails({ entry, context }: { entry: AuditEntry; context: ChangeContext }) {
  const changes = Object.entries(entry.changes ?? {});
  // A created record has only "after" values, a deleted one only "before": no empty column for the other.
  const withBefore = changes.some(([, change]) => 'before' in change);
  const withAfter = changes.some(([, change]) => 'after' in change);
  const both = withBefore && withAfter;
  return (
    <Stack gap="md" py="xs">
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          No field changes recorded.
        </Text>
      ) : (
        <Table withTableBorder withColumnBorders layout="fixed" bg="var(--mantine-color-body)">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="30%">Field</Table.Th>
              {withBefore && <Table.Th>{both ? 'Before' : 'Value'}</Table.Th>}
              {withAfter && <Table.Th>{both ? 'After' : 'Value'}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map(([field, { before, after }]) => (
              <Table.Tr key={field}>
                <Table.Td fw={500}>{changeLabel(entry.entityType, field, context)}</Table.Td>
                {withBefore && <ValueCell>{changeValue(entry.entityType, field, before, context)}</ValueCell>}
                {withAfter && <ValueCell>{changeValue(entry.entityType, field, after, context)}</ValueCell>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <Fact label="Record id" value={entry.entityId} />
        <Fact label="Request reference" value={entry.requestId} />
        <Fact label="IP address" value={entry.ip} />
        <Fact label="Browser" value={entry.userAgent} />
      </SimpleGrid>
      {entry.metadata && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Details
          </Text>
          <Code block>{JSON.stringify(entry.metadata, null, 2)}</Code>
        </Stack>
      )}
    </Stack>
  );
}
