import { NOTIFICATION_STATUSES, type NotificationStatus, type OutboxMessage, type SinkMessage } from '@contracts/notifications';
import { Badge, Code, Paper, SegmentedControl, Spoiler, Stack, Table, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { formatDateTime } from '@/lib/format-date';
import { useOutbox } from '../api/get-outbox';
import { useSinkMessages } from '../api/get-sink-messages';

const STATUS_COLOR: Record<NotificationStatus, string> = {
  pending: 'gray',
  sending: 'blue',
  sent: 'green',
  delivered: 'teal',
  undelivered: 'red',
  failed: 'orange',
  dead: 'red',
  withdrawn: 'violet',
};

function OutboxTable({ items }: { items: OutboxMessage[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Outbox messages">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Queued</Table.Th>
            <Table.Th>Channel</Table.Th>
            <Table.Th>Template</Table.Th>
            <Table.Th>Recipient</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Next attempt / sent</Table.Th>
            <Table.Th>Last error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{formatDateTime(m.createdAt)}</Table.Td>
              <Table.Td>{m.channel === 'email' ? 'Email' : 'SMS'}</Table.Td>
              <Table.Td>
                {m.template} <Text span c="dimmed" size="xs">{`v${m.templateVersion} · ${m.language}`}</Text>
              </Table.Td>
              <Table.Td>{m.recipient}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[m.status]} variant="light">
                  {m.status}
                </Badge>
              </Table.Td>
              <Table.Td>{m.attempts}</Table.Td>
              <Table.Td>{m.sentAt ? formatDateTime(m.sentAt) : m.status === 'dead' ? '—' : formatDateTime(m.nextAttemptAt)}</Table.Td>
              <Table.Td>
                <Text size="sm" c={m.lastError ? 'red' : 'dimmed'}>
                  {m.lastError ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function OutboxPanel() {
  const [status, setStatus] = useState<NotificationStatus | 'all'>('all');
  const { data, error, isPending, refetch } = useOutbox(status === 'all' ? null : status);
  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label="Status"
        value={status}
        onChange={(v) => setStatus(v as NotificationStatus | 'all')}
        data={[{ value: 'all', label: 'All' }, ...NOTIFICATION_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))]}
        w="fit-content"
      />
      <Paper withBorder>
        {isPending ? (
          <LoadingState label="Loading the outbox…" />
        ) : error ? (
          <Stack p="md">
            <ErrorState error={error} onRetry={() => void refetch()} />
          </Stack>
        ) : data.items.length === 0 ? (
          <EmptyState
            title="No messages"
            description={status === 'all' ? 'Messages appear here when a business change queues one (a payment receipt, for example).' : `No ${status} messages.`}
          />
        ) : (
          <OutboxTable items={data.items} />
        )}
      </Paper>
    </Stack>
  );
}

function SinkPanel() {
  const { data, error, isPending, refetch } = useSinkMessages();
  return (
    <Paper withBorder>
      {isPending ? (
        <LoadingState label="Loading received messages…" />
      ) : error ? (
        <Stack p="md">
          <ErrorState error={error} onRetry={() => void refetch()} />
        </Stack>
      ) : data.items.length === 0 ? (
        <EmptyState title="Nothing received" description="In local mode the embedded SMTP server and the SMS sink keep every message sent; none yet." />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label="Received messages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Received</Table.Th>
                <Table.Th>Channel</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((m: SinkMessage) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{formatDateTime(m.receivedAt)}</Table.Td>
                  <Table.Td>{m.channel === 'email' ? 'Email' : 'SMS'}</Table.Td>
                  <Table.Td>{m.recipient}</Table.Td>
                  <Table.Td>
                    {m.subject && <Text fw={600}>{m.subject}</Text>}
                    <Spoiler maxHeight={48} showLabel="Show all" hideLabel="Hide">
                      <Code block>{m.text ?? ''}</Code>
                    </Spoiler>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

export function OutboxPage() {
  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader title="Outbox" description="Email and SMS to customers, queued with the change that caused them and sent by the worker with retries." />
      <Tabs defaultValue="outbox" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="outbox">Outbox</Tabs.Tab>
          <Tabs.Tab value="sink">Received (local sinks)</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="outbox" pt="md">
          <OutboxPanel />
        </Tabs.Panel>
        <Tabs.Panel value="sink" pt="md">
          <SinkPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
