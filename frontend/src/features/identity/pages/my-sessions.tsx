import type { AuthSession } from '@contracts/identity';
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { notifySuccess } from '@/lib/notify';
import { useEndMySession, useMySessions } from '../api/sessions';

/** A short name for a browser's user agent: "Chrome on Windows". */
function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : null;
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return browser && system ? `${browser} on ${system}` : (browser ?? system ?? userAgent.slice(0, 60));
}

/** The signed-in user's own sessions; ending one logs that device out at its next request. */
export function MySessionsPage() {
  const sessions = useMySessions();
  const end = useEndMySession();
  const { logout } = useAuth();
  const [ending, setEnding] = useState<AuthSession | null>(null);

  const confirmEnd = () => {
    if (!ending) return;
    const wasCurrent = ending.current;
    end.mutate(ending.id, {
      onSuccess: () => {
        if (wasCurrent) return void logout();
        notifySuccess('Session ended', 'That device is logged out.');
      },
      onSettled: () => setEnding(null),
    });
  };

  return (
    <Stack gap="lg">
      <PageHeader title="My sessions" description="Where you are logged in. End any session you do not recognise; last use is updated every few minutes." />
      {sessions.isPending ? (
        <LoadingState />
      ) : sessions.error ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.items.length === 0 ? (
        <EmptyState title="No live sessions" />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table aria-label="My sessions" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>IP address</Table.Th>
                <Table.Th>Logged in</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text size="sm" title={s.userAgent ?? undefined}>
                      {describeDevice(s.userAgent)}{' '}
                      {s.current && (
                        <Badge size="sm" variant="light">
                          This device
                        </Badge>
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.ip ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(s.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" color="red" onClick={() => setEnding(s)}>
                      {s.current ? 'Log out here' : 'End session'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmDialog
        opened={ending !== null}
        onClose={() => setEnding(null)}
        title={ending?.current ? 'Log out of this device?' : 'End this session?'}
        confirmLabel={ending?.current ? 'Log out' : 'End session'}
        color="red"
        loading={end.isPending}
        onConfirm={confirmEnd}
      >
        {ending?.current ? 'You will be logged out here.' : 'That device is logged out at once and must log in again.'}
      </ConfirmDialog>
    </Stack>
  );
}
