import type { ReportExportFormat, ReportSummary } from '@contracts/reports';
import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ApiError, describeError } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { notifySuccess } from '@/lib/notify';
import { useCreateExport } from '../api/reports';
import { paramFields, paramsFromValues } from '../report-params';
import { FORMAT_LABELS } from './format-labels';
import { ScheduleReportModal } from './ScheduleReportModal';

/** One report the user may run: its parameters as a form, a format and the Export button. */
export function ReportCard({ report }: { report: ReportSummary }) {
  const fields = useMemo(() => paramFields(report.params), [report.params]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [format, setFormat] = useState<ReportExportFormat>('xlsx');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const create = useCreateExport();
  const [scheduling, setScheduling] = useState<Record<string, unknown> | null>(null);
  const headingId = `report-${report.key.replace(/\W/g, '-')}`;

  /**
   * The parameters as filled in, or null (their errors shown, the first focused). For a schedule the
   * report's dates may stay empty: each run can fill them with the period before it.
   */
  const checkedParams = (forSchedule = false) => {
    setFailure(null);
    const period = forSchedule && report.period ? [report.period.from, report.period.to] : [];
    const { params, errors: local } = paramsFromValues(
      fields.map((f) => (period.includes(f.name) ? { ...f, required: false } : f)),
      values,
    );
    setErrors(local);
    if (Object.keys(local).length) {
      document.getElementById(`${headingId}-${Object.keys(local)[0]}`)?.focus();
      return null;
    }
    return params;
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const params = checkedParams();
    if (!params) return;
    create.mutate(
      { key: report.key, body: { format, params } },
      {
        onSuccess: () => notifySuccess('Export queued', `${report.title} (${FORMAT_LABELS[format]}) is being written: it appears under Your exports.`),
        onError: (error) => {
          const names = fields.map((f) => `params.${f.name}`);
          const { byField, unplaced } = serverFieldErrors(error, names);
          setErrors(Object.fromEntries(Object.entries(byField).map(([k, v]) => [k.slice('params.'.length), v])));
          if (!(error instanceof ApiError) || !Object.keys(byField).length || unplaced.length) setFailure(describeError(error));
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <form onSubmit={submit} noValidate aria-label={`Export ${report.title}`}>
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Title order={2} size="h4" id={headingId}>
                {report.title}
              </Title>
              <Text size="sm" c="dimmed">
                {report.description}
              </Text>
            </Stack>
            {report.personalData && (
              <Badge color="orange" variant="light">
                Personal data: exports are audited
              </Badge>
            )}
          </Group>
          <Group align="flex-start" gap="sm">
            {fields.map((field) => {
              const common = {
                id: `${headingId}-${field.name}`,
                label: field.label,
                description: field.description,
                required: field.required,
                error: errors[field.name],
                w: 200,
              };
              const set = (value: string) => setValues((v) => ({ ...v, [field.name]: value }));
              if (field.kind === 'choice') {
                return (
                  <Select
                    key={field.name}
                    {...common}
                    data={field.options.map((o) => ({ value: o, label: o.replaceAll('_', ' ') }))}
                    value={values[field.name] ?? null}
                    onChange={(v) => set(v ?? '')}
                    clearable
                  />
                );
              }
              return (
                <TextInput
                  key={field.name}
                  {...common}
                  type={field.kind === 'date' ? 'date' : 'text'}
                  inputMode={field.kind === 'integer' ? 'numeric' : undefined}
                  value={values[field.name] ?? ''}
                  onChange={(e) => set(e.currentTarget.value)}
                />
              );
            })}
            <Select
              id={`${headingId}-format`}
              label="Format"
              w={140}
              allowDeselect={false}
              data={(Object.keys(FORMAT_LABELS) as ReportExportFormat[]).map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
              value={format}
              onChange={(v) => v && setFormat(v as ReportExportFormat)}
            />
          </Group>
          <FailureAlert failure={failure} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setScheduling(checkedParams(true))}>
              Schedule…
            </Button>
            <Button type="submit" loading={create.isPending}>
              Export
            </Button>
          </Group>
        </Stack>
      </form>
      {scheduling && <ScheduleReportModal report={report} params={scheduling} format={format} opened onClose={() => setScheduling(null)} />}
    </Paper>
  );
}
