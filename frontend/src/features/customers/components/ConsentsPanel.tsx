import type { Customer } from '@contracts/customers';
import { DataList, Group, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { formatDateTime } from '@/lib/format-date';
import { Fact } from '@/components/Fact';
import { Panel } from '@/components/Panel';

type Consent = Customer['consents']['marketing'];

function ConsentValue({ consent }: { consent: Consent }) {
  return (
    <Group gap={6} wrap="nowrap">
      <ThemeIcon size={18} radius="xl" variant="light" color={consent.given ? 'teal' : 'gray'} aria-hidden>
        {consent.given ? <IconCheck size={12} /> : <IconX size={12} />}
      </ThemeIcon>
      <Text span size="sm">
        {consent.given ? 'Given' : 'Not given'}
        {consent.changedAt && (
          <Text span size="sm" c="dimmed">
            {' '}
            since {formatDateTime(consent.changedAt)}
          </Text>
        )}
      </Text>
    </Group>
  );
}

export function ConsentsPanel({ consents }: { consents: Customer['consents'] }) {
  return (
    <Panel title="Consents">
      <DataList labelWidth={150} size="sm">
        <Fact label="Data processing">
          <ConsentValue consent={consents.dataProcessing} />
        </Fact>
        <Fact label="Marketing">
          <ConsentValue consent={consents.marketing} />
        </Fact>
      </DataList>
    </Panel>
  );
}
