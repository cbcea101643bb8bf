import { EXPORT_FORMATS, type GlMapping, type JournalExportBatch } from '@contracts/finance';
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { FailureAlert } from '@/components/FailureAlert';
import { LoadingState } from '@/components/LoadingState';
import { api } from '@/lib/api-client';
import { ApiError, describeError } from '@/lib/api-error';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { notifyProblem, notifySuccess } from '@/lib/notify';
import { saveFile } from '@/lib/save-file';
import { useCreateJournalExport, useGlMapping, useJournalExports, useReplaceGlMapping } from '../api/finance';
import { monthLabel } from '../finance-format';

const FORMAT_LABELS: Record<JournalExportBatch['format'], string> = { quickbooks: 'QuickBooks Online', netsuite: 'NetSuite', generic: 'Generic CSV' };

/** The chart-of-accounts mapping: every account kind's general-ledger code and name (finance managers edit it). */
function MappingEditor({ mapping }: { mapping: GlMapping }) {
  const { can } = useAuth();
  const editable = can('finance:close');
  const [rows, setRows] = useState(() => mapping.items.map((i) => ({ kind: i.kind, description: i.description, glCode: i.glCode ?? '', glName: i.glName ?? '' })));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const save = useReplaceGlMapping();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const filled = rows.filter((r) => r.glCode.trim() || r.glName.trim());
    const local: Record<string, string> = {};
    filled.forEach((r) => {
      if (!/^[\w.:-]+$/.test(r.glCode.trim())) local[`${r.kind}.glCode`] = 'Letters, digits, dots, colons and dashes';
      if (!r.glName.trim()) local[`${r.kind}.glName`] = 'Required';
    });
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    save.mutate(
      { revision: mapping.revision, items: filled.map((r) => ({ kind: r.kind, glCode: r.glCode.trim(), glName: r.glName.trim() })) },
      {
        onSuccess: () => notifySuccess('Mapping saved', 'New exports use it; batches made before keep theirs.'),
        onError: (error) => setFailure(describeError(error)),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Chart-of-accounts mapping">
      <Stack gap="xs">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} aria-label="General-ledger accounts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Policydesk account</Table.Th>
                <Table.Th w={160}>GL code</Table.Th>
                <Table.Th w={260}>GL account name</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => {
                const set = (patch: Partial<typeof r>) => setRows(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
                return (
                  <Table.Tr key={r.kind}>
                    <Table.Td>
                      <Text size="sm">{r.description}</Text>
                      <Text size="xs" c="dimmed">
                        {r.kind}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`GL code of ${r.kind}`}
                        value={r.glCode}
                        readOnly={!editable}
                        onChange={(e) => set({ glCode: e.currentTarget.value })}
                        error={errors[`${r.kind}.glCode`]}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`GL account name of ${r.kind}`}
                        value={r.glName}
                        readOnly={!editable}
                        onChange={(e) => set({ glName: e.currentTarget.value })}
                        error={errors[`${r.kind}.glName`]}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <FailureAlert failure={failure} />
        {editable && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save the mapping
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

async function download(batch: JournalExportBatch) {
  try {
    const file = await api.download(`/finance/exports/${batch.id}/file`);
    saveFile(file.blob, file.filename ?? batch.filename);
  } catch (error) {
    notifyProblem(error, 'Could not download the journal');
  }
}

/** Export a closed month's journal to the accounting system, and the batches made so far. */
export function JournalExportsPanel({ closedMonths }: { closedMonths: string[] }) {
  const { can } = useAuth();
  const mapping = useGlMapping();
  const batches = useJournalExports();
  const create = useCreateJournalExport();
  const [month, setMonth] = useState<string | null>(closedMonths[0] ?? null);
  const [format, setFormat] = useState<JournalExportBatch['format']>('quickbooks');
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const exportNow = () => {
    if (!month) return;
    setFailure(null);
    create.mutate(
      { month, format },
      {
        onSuccess: (batch) => {
          notifySuccess(`${monthLabel(batch.month)} exported`, `${batch.lineCount} lines for ${FORMAT_LABELS[batch.format]}.`);
          void download(batch);
        },
        onError: (error) => {
          const unmapped = error instanceof ApiError ? (error.extensions.unmapped as string[] | undefined) : undefined;
          setFailure(unmapped ? { title: 'Some accounts have no GL code', detail: `Map ${unmapped.join(', ')} below first.` } : describeError(error));
        },
      },
    );
  };
  return (
    <Stack gap="md">
      {can('finance:export') &&
        (closedMonths.length === 0 ? (
          <Alert variant="light" color="gray">
            Close a month to export its journal.
          </Alert>
        ) : (
          <Group align="flex-end" gap="sm">
            <Select label="Closed month" w={200} allowDeselect={false} data={closedMonths.map((m) => ({ value: m, label: monthLabel(m) }))} value={month} onChange={setMonth} />
            <Select
              label="Format"
              w={200}
              allowDeselect={false}
              data={EXPORT_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
              value={format}
              onChange={(v) => v && setFormat(v as JournalExportBatch['format'])}
            />
            <Button onClick={exportNow} loading={create.isPending}>
              Export the journal
            </Button>
          </Group>
        ))}
      <FailureAlert failure={failure} />
      {batches.isPending ? (
        <LoadingState label="Loading the exports…" />
      ) : batches.isError ? (
        <ErrorState error={batches.error} onRetry={() => void batches.refetch()} />
      ) : (
        batches.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={6} aria-label="Journal exports">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Month</Table.Th>
                  <Table.Th>Format</Table.Th>
                  <Table.Th>Lines</Table.Th>
                  <Table.Th>Totals</Table.Th>
                  <Table.Th>Made</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Download</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batches.data.items.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>{monthLabel(b.month)}</Table.Td>
                    <Table.Td>{FORMAT_LABELS[b.format]}</Table.Td>
                    <Table.Td>{b.lineCount}</Table.Td>
                    <Table.Td>{b.totals.map((t) => `${formatMoney(t.debits, t.currency)} each side`).join('; ')}</Table.Td>
                    <Table.Td>
                      {formatDateTime(b.createdAt)} by {b.createdBy.name}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="default" onClick={() => void download(b)}>
                        Download
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      )}
      <Text fw={600} size="sm">
        Chart-of-accounts mapping
      </Text>
      {mapping.isPending ? (
        <LoadingState label="Loading the mapping…" />
      ) : mapping.isError ? (
        <ErrorState error={mapping.error} onRetry={() => void mapping.refetch()} />
      ) : (
        <MappingEditor key={mapping.data.revision} mapping={mapping.data} />
      )}
    </Stack>
  );
}
