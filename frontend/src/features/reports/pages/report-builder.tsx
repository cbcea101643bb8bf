import { ROLES, type Role } from '@contracts/auth';
import type { CustomReport, CustomReportDataset, CustomReportResult } from '@contracts/custom-reports';
import { CUSTOM_REPORT_KEY } from '@contracts/custom-reports';
import type { ReportExportFormat } from '@contracts/reports';
import { ActionIcon, Badge, Button, Group, List, MultiSelect, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { FailureAlert } from '@/components/FailureAlert';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { ApiError, describeError } from '@/lib/api-error';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useCreateExport } from '../api/reports';
import { useCustomReportDatasets, useCustomReports, usePreviewCustomReport, useSaveCustomReport, useUpdateCustomReport } from '../api/custom-reports';
import { AGGREGATE_LABELS, definitionOf, OPERATOR_LABELS, stateOf, type BuilderState } from '../builder-definition';
import { ExportsTable } from '../components/ExportsTable';
import { FORMAT_LABELS } from '../components/format-labels';

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admins',
  manager: 'Managers',
  senior_agent: 'Senior agents',
  agent: 'Agents',
  underwriter: 'Underwriters',
  claims_adjuster: 'Claims adjusters',
  finance: 'Finance',
  finance_manager: 'Finance managers',
  claims_automation: 'Claims automation (system)',
};

const emptyState = (dataset: string): BuilderState => ({ dataset, columns: [], filters: [], groupBy: [], totals: [] });

interface Failure {
  title: string;
  detail?: string;
  errors: { path: string; message: string }[];
}

function failureOf(error: unknown): Failure {
  return { ...describeError(error), errors: error instanceof ApiError ? error.errors : [] };
}

function Cell({ value, type, currency }: { value: unknown; type: string; currency: unknown }) {
  if (value === null || value === undefined) return <>—</>;
  if (type === 'money' && typeof value === 'number') return <>{typeof currency === 'string' ? formatMoney(value, currency) : (value / 100).toFixed(2)}</>;
  if (type === 'decimal' && typeof value === 'number') return <>{value.toFixed(2)}</>;
  if (type === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  if (type === 'datetime' && typeof value === 'string') return <>{new Date(value).toLocaleString('en-US')}</>;
  return <>{String(value)}</>;
}

function ResultTable({ result }: { result: CustomReportResult }) {
  if (result.rows.length === 0) return <EmptyState title="No rows" description="Nothing in your branches matches these filters." />;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={500}>
        <Table striped withTableBorder aria-label="Report preview">
          <Table.Thead>
            <Table.Tr>
              {result.columns.map((c) => (
                <Table.Th key={c.key}>{c.header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.rows.map((row, i) => (
              <Table.Tr key={i}>
                {result.columns.map((c) => (
                  <Table.Td key={c.key}>
                    <Cell value={row[c.key]} type={c.type} currency={row.currency} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {result.grandTotals && (
              <Table.Tr fw={700}>
                {result.columns.map((c, i) => (
                  <Table.Td key={c.key}>{c.key in result.grandTotals! ? <Cell value={result.grandTotals![c.key]} type={c.type} currency={null} /> : i === 0 ? 'All' : ''}</Table.Td>
                ))}
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {result.truncated && (
        <Text size="sm" c="dimmed">
          The preview shows the first rows; export the report for all of them.
        </Text>
      )}
    </Stack>
  );
}

function Builder({ datasets, saved }: { datasets: CustomReportDataset[]; saved: CustomReport[] }) {
  const ids = useRef(0);
  const nextId = () => ++ids.current;
  const [state, setState] = useState<BuilderState>(emptyState(datasets[0]!.key));
  const [current, setCurrent] = useState<CustomReport | null>(null);
  const [name, setName] = useState('');
  const [shared, setShared] = useState<Role | null>(null);
  const [format, setFormat] = useState<ReportExportFormat>('xlsx');
  const [result, setResult] = useState<CustomReportResult | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const preview = usePreviewCustomReport();
  const save = useSaveCustomReport();
  const update = useUpdateCustomReport();
  const exporting = useCreateExport();

  const dataset = datasets.find((d) => d.key === state.dataset);
  const fields = useMemo(() => dataset?.fields ?? [], [dataset]);
  const fieldOptions = fields.map((f) => ({ value: f.key, label: f.masked ? `${f.header} (masked)` : f.header }));
  const groupOptions = fields.filter((f) => f.groupable).map((f) => ({ value: f.key, label: f.header }));
  const fieldOf = (key: string) => fields.find((f) => f.key === key);
  const patch = (change: Partial<BuilderState>) => {
    setState((s) => ({ ...s, ...change }));
    setResult(null);
  };

  const open = (id: string | null) => {
    const report = saved.find((r) => r.id === id) ?? null;
    setCurrent(report);
    setFailure(null);
    setResult(null);
    if (!report) return;
    setName(report.name);
    setShared(report.sharedWithRole);
    setState(
      stateOf(
        report.definition,
        datasets.find((d) => d.key === report.definition.dataset),
        nextId,
      ),
    );
  };

  const run = () => {
    setFailure(null);
    preview.mutate(definitionOf(state, dataset), { onSuccess: setResult, onError: (e) => setFailure(failureOf(e)) });
  };

  const store = () => {
    setFailure(null);
    const definition = definitionOf(state, dataset);
    const done = (report: CustomReport) => {
      setCurrent(report);
      notifySuccess('Report saved', report.sharedWithRole ? `${report.name} is shared with ${ROLE_LABELS[report.sharedWithRole].toLowerCase()}.` : `${report.name} is yours only.`);
    };
    if (current?.mine) update.mutate({ report: current, body: { name, definition, sharedWithRole: shared } }, { onSuccess: done, onError: (e) => setFailure(failureOf(e)) });
    else save.mutate({ name, definition, sharedWithRole: shared }, { onSuccess: done, onError: (e) => setFailure(failureOf(e)) });
  };

  const exportSaved = () => {
    if (!current) return;
    exporting.mutate(
      { key: CUSTOM_REPORT_KEY, body: { format, params: { reportId: current.id } } },
      {
        onSuccess: () => notifySuccess('Export queued', `${current.name} (${FORMAT_LABELS[format]}) is being written: it appears under Your exports.`),
        onError: (e) => setFailure(failureOf(e)),
      },
    );
  };

  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="section" aria-labelledby="builder-definition">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4" id="builder-definition">
              Report
            </Title>
            <Select
              label="Open a saved report"
              placeholder={saved.length ? 'Choose a report' : 'None saved yet'}
              w={300}
              data={saved.map((r) => ({ value: r.id, label: r.mine ? r.name : `${r.name} (shared by ${r.owner.name})` }))}
              value={current?.id ?? null}
              onChange={open}
              clearable
            />
          </Group>
          <Select
            label="Dataset"
            w={260}
            allowDeselect={false}
            data={datasets.map((d) => ({ value: d.key, label: d.title }))}
            value={state.dataset}
            onChange={(v) => v && patch(emptyState(v))}
          />
          <MultiSelect
            label="Columns"
            description="With grouping, only grouped fields"
            data={fieldOptions}
            value={state.columns}
            onChange={(columns) => patch({ columns })}
            searchable
          />
          <Stack gap={4}>
            <Text fw={500} size="sm">
              Filters
            </Text>
            {state.filters.map((f, i) => {
              const field = fieldOf(f.field);
              const ops = (field?.operators ?? []).map((o) => ({ value: o, label: OPERATOR_LABELS[o] }));
              const setFilter = (change: Partial<(typeof state.filters)[number]>) => patch({ filters: state.filters.map((x) => (x.id === f.id ? { ...x, ...change } : x)) });
              const noValue = f.op === 'is_null' || f.op === 'not_null';
              return (
                <Group key={f.id} gap="xs" align="flex-end">
                  <Select
                    aria-label={`Filter ${i + 1} field`}
                    w={220}
                    data={fieldOptions}
                    value={f.field}
                    allowDeselect={false}
                    onChange={(v) => v && setFilter({ field: v, op: fieldOf(v)!.operators[0]!, value: '' })}
                  />
                  <Select
                    aria-label={`Filter ${i + 1} operator`}
                    w={160}
                    data={ops}
                    value={f.op}
                    allowDeselect={false}
                    onChange={(v) => v && setFilter({ op: v as typeof f.op })}
                  />
                  {!noValue &&
                    (field?.values || field?.type === 'boolean' ? (
                      f.op === 'in' ? (
                        <MultiSelect
                          aria-label={`Filter ${i + 1} values`}
                          w={260}
                          data={field.values ?? ['true', 'false']}
                          value={Array.isArray(f.value) ? f.value : []}
                          onChange={(value) => setFilter({ value })}
                        />
                      ) : (
                        <Select
                          aria-label={`Filter ${i + 1} value`}
                          w={200}
                          data={field.values ?? ['true', 'false']}
                          value={typeof f.value === 'string' && f.value ? f.value : null}
                          onChange={(v) => setFilter({ value: v ?? '' })}
                        />
                      )
                    ) : (
                      <TextInput
                        aria-label={`Filter ${i + 1} value`}
                        w={220}
                        type={field?.type === 'date' && f.op !== 'in' ? 'date' : 'text'}
                        placeholder={f.op === 'in' ? 'Values, separated by commas' : field?.type === 'money' ? 'Amount' : field?.type === 'datetime' ? '2027-03-01T00:00:00Z' : ''}
                        value={Array.isArray(f.value) ? f.value.join(',') : f.value}
                        onChange={(e) => setFilter({ value: e.currentTarget.value })}
                      />
                    ))}
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove filter ${i + 1}`} onClick={() => patch({ filters: state.filters.filter((x) => x.id !== f.id) })}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              );
            })}
            <Group>
              <Button
                variant="default"
                size="xs"
                disabled={!fields.length}
                onClick={() => patch({ filters: [...state.filters, { id: nextId(), field: fields[0]!.key, op: fields[0]!.operators[0]!, value: '' }] })}
              >
                Add filter
              </Button>
            </Group>
          </Stack>
          <MultiSelect
            label="Group by"
            description="Up to three fields"
            data={groupOptions}
            value={state.groupBy}
            maxValues={3}
            onChange={(groupBy) => patch({ groupBy })}
            searchable
          />
          <Stack gap={4}>
            <Text fw={500} size="sm">
              Totals
            </Text>
            {state.totals.map((t, i) => {
              const setTotal = (change: Partial<(typeof state.totals)[number]>) => patch({ totals: state.totals.map((x) => (x.id === t.id ? { ...x, ...change } : x)) });
              const totalFields = fields.filter((f) => f.aggregates.includes(t.fn)).map((f) => ({ value: f.key, label: f.header }));
              return (
                <Group key={t.id} gap="xs">
                  <Select
                    aria-label={`Total ${i + 1}`}
                    w={140}
                    allowDeselect={false}
                    data={(Object.keys(AGGREGATE_LABELS) as (typeof t.fn)[]).map((fn) => ({ value: fn, label: AGGREGATE_LABELS[fn] }))}
                    value={t.fn}
                    onChange={(v) =>
                      v && setTotal({ fn: v as typeof t.fn, field: v === 'count' ? null : t.field && fieldOf(t.field)?.aggregates.includes(v as typeof t.fn) ? t.field : null })
                    }
                  />
                  <Select
                    aria-label={`Total ${i + 1} of`}
                    w={220}
                    placeholder={t.fn === 'count' ? 'Rows' : 'Choose a field'}
                    data={totalFields}
                    value={t.field}
                    clearable={t.fn === 'count'}
                    onChange={(v) => setTotal({ field: v })}
                  />
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove total ${i + 1}`} onClick={() => patch({ totals: state.totals.filter((x) => x.id !== t.id) })}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              );
            })}
            <Group>
              <Button variant="default" size="xs" onClick={() => patch({ totals: [...state.totals, { id: nextId(), fn: 'count', field: null }] })}>
                Add total
              </Button>
            </Group>
          </Stack>
          {failure && (
            <Stack gap={4}>
              <FailureAlert failure={failure} />
              {failure.errors.length > 0 && (
                <List size="sm" aria-label="What to fix">
                  {failure.errors.map((e) => (
                    <List.Item key={e.path}>{`${e.path}: ${e.message}`}</List.Item>
                  ))}
                </List>
              )}
            </Stack>
          )}
          <Group justify="flex-end">
            <Button onClick={run} loading={preview.isPending}>
              Preview
            </Button>
          </Group>
        </Stack>
      </Paper>

      {result && (
        <Stack gap="xs" component="section" aria-labelledby="builder-preview">
          <Title order={2} size="h4" id="builder-preview">
            Preview
          </Title>
          <ResultTable result={result} />
        </Stack>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="builder-save">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4" id="builder-save">
              Save, share and export
            </Title>
            {current && (
              <Badge variant="light" color={current.sharedWithRole ? 'blue' : 'gray'}>
                {current.sharedWithRole ? `Shared with ${ROLE_LABELS[current.sharedWithRole].toLowerCase()}` : 'Private'}
              </Badge>
            )}
          </Group>
          <Group align="flex-end" gap="sm">
            <TextInput label="Name" w={280} value={name} onChange={(e) => setName(e.currentTarget.value)} disabled={!!current && !current.mine} />
            <Select
              label="Share with"
              w={200}
              placeholder="Only me"
              data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              value={shared}
              onChange={(v) => setShared(v as Role | null)}
              clearable
              disabled={!!current && !current.mine}
            />
            <Button onClick={store} loading={save.isPending || update.isPending} disabled={!!current && !current.mine}>
              {current?.mine ? 'Save changes' : 'Save'}
            </Button>
          </Group>
          <Group align="flex-end" gap="sm">
            <Select
              label="Format"
              w={140}
              allowDeselect={false}
              data={(Object.keys(FORMAT_LABELS) as ReportExportFormat[]).map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
              value={format}
              onChange={(v) => v && setFormat(v as ReportExportFormat)}
            />
            <Button variant="default" onClick={exportSaved} disabled={!current} loading={exporting.isPending}>
              Export
            </Button>
            {!current && (
              <Text size="sm" c="dimmed">
                Save the report to export it.
              </Text>
            )}
          </Group>
        </Stack>
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="your-exports">
        <Title order={2} size="h3" id="your-exports">
          Your exports
        </Title>
        <ExportsTable />
      </Stack>
    </Stack>
  );
}

/** The custom report builder: a dataset, columns, filters, grouping and totals; preview, save, share and export. */
export function ReportBuilderPage() {
  const datasets = useCustomReportDatasets();
  const saved = useCustomReports();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Report builder"
        breadcrumbs={[{ label: 'Reports', to: '/reports' }, { label: 'Report builder' }]}
        description="Build a report from the fields of a dataset: only what you may see in your branches, with protected data masked as everywhere else."
      />
      {datasets.isPending || saved.isPending ? (
        <LoadingState label="Loading the datasets…" />
      ) : datasets.isError ? (
        <ErrorState error={datasets.error} onRetry={() => void datasets.refetch()} />
      ) : saved.isError ? (
        <ErrorState error={saved.error} onRetry={() => void saved.refetch()} />
      ) : datasets.data.items.length === 0 ? (
        <EmptyState title="No datasets for your role" description="The datasets you may report on appear here." />
      ) : (
        <Builder datasets={datasets.data.items} saved={saved.data.items} />
      )}
    </Stack>
  );
}
