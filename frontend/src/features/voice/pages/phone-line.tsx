import { Button, Grid, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useAuth } from '@/lib/auth/auth-context';
import { useDisclosure } from '@mantine/hooks';
import { usePhoneLine } from '../api/get-phone-line';
import { EditPhoneLineModal } from '../components/EditPhoneLineModal';
import { LineMonitoringPanel } from '../components/LineMonitoringPanel';
import { QUEUE_NAMES } from '../phone-line-form';

/** A phone line: its menu and settings (admins edit them) and its monitoring. */
export function PhoneLinePage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const canManage = can('phone-lines:manage');
  const { data: line, error, isPending, refetch } = usePhoneLine(id);
  const [editing, edit] = useDisclosure(false);

  if (isPending) return <LoadingState label="Loading phone line…" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const keys = [...line.menu].sort((a, b) => a.digit.localeCompare(b.digit));
  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader
        title={line.name}
        breadcrumbs={[{ label: 'Phone lines', to: '/phone-lines' }, { label: line.name }]}
        description={`${line.number} · ${line.active ? 'Active' : 'Inactive'}`}
        actions={canManage && <Button onClick={edit.open}>Edit line</Button>}
      />
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="line-menu-title">
            <Title id="line-menu-title" order={2} size="h4" mb="xs">
              Menu
            </Title>
            <Text size="sm" mb="xs">
              {line.greeting}
            </Text>
            <Table aria-label="Menu keys">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Queue</Table.Th>
                  <Table.Th>What the menu says</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.map((m) => (
                  <Table.Tr key={m.digit}>
                    <Table.Td ff="monospace">{m.digit}</Table.Td>
                    <Table.Td>{QUEUE_NAMES[m.queue]}</Table.Td>
                    <Table.Td>{m.label}</Table.Td>
                  </Table.Tr>
                ))}
                {line.urgent && (
                  <Table.Tr>
                    <Table.Td ff="monospace">{line.urgent.digit}</Table.Td>
                    <Table.Td>Urgent</Table.Td>
                    <Table.Td>{line.urgent.label}</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
            <Text size="sm" mt="xs" c="dimmed">
              After hours: {line.afterHours === 'voicemail' ? 'voicemail with transcription (a case)' : 'closed message, then hang up'}.
            </Text>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <LineMonitoringPanel lineId={line.id} />
        </Grid.Col>
      </Grid>
      {canManage && <EditPhoneLineModal line={editing ? line : null} opened={editing} onClose={edit.close} />}
    </Stack>
  );
}
