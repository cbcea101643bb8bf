import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useSystemInfo } from '../api/get-system-info';
import { environmentLabels } from '../environment-labels';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={500}>{value}</Text>
    </Stack>
  );
}

/** The server's business date is what policies and payments are booked on, not the PC's clock. */
export function SystemInfoPanel() {
  const { data, error, isPending, refetch } = useSystemInfo();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="system-info-title">
      <Title id="system-info-title" order={2} size="h4" mb="sm">
        System
      </Title>
      {isPending ? (
        <LoadingState label="Loading system information…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label="Business date" value={dayjs(data.businessDate).format('dddd D MMMM YYYY')} />
          <Fact label="Environment" value={environmentLabels[data.environment]} />
          <Fact label="Version" value={data.version} />
        </SimpleGrid>
      )}
    </Paper>
  );
}
