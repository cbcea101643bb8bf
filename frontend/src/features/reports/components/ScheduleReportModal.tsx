import type { ReportExportFormat, ReportSchedulePeriod, ReportSummary } from '@contracts/reports';
import { Button, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { useBranchAgents } from '@/features/branches';
import { describeError } from '@/lib/api-error';
import { useAuth, useCurrentUser } from '@/lib/auth/auth-context';
import { serverFieldErrors } from '@/lib/form-errors';
import { notifySuccess } from '@/lib/notify';
import { useCreateSchedule } from '../api/reports';
import { browserTimeZone, cronOf, describeCron, PERIOD_LABELS, periodOf, timeZones, WEEKDAYS, type Frequency, type Timing } from '../schedule-timing';
import { FORMAT_LABELS } from './format-labels';

const FIELDS = ['cron', 'timeZone', 'period', 'recipientIds', 'format'] as const;
/** The period select's choice that keeps the dates as filled in on the card. */
const AS_FILLED = 'as-filled';

interface Props {
  report: ReportSummary;
  /** The report's parameters as filled in on its card. */
  params: Record<string, unknown>;
  format: ReportExportFormat;
  opened: boolean;
  onClose: () => void;
}

/** Schedules a report: daily, weekly or monthly at a time in a time zone, to the user and colleagues of their branch. */
export function ScheduleReportModal({ report, params, format: initialFormat, opened, onClose }: Props) {
  const user = useCurrentUser();
  const { can } = useAuth();
  const colleagues = useBranchAgents(can('branches:read') ? user.branchId : '');
  const [timing, setTiming] = useState<Timing>({ frequency: 'weekly', weekday: 1, dayOfMonth: 1, time: '08:00' });
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  // A report with dates covers the period before each run, matching the frequency until the user picks one.
  const [period, setPeriod] = useState<ReportSchedulePeriod | typeof AS_FILLED | null>(null);
  const chosenPeriod = report.period ? (period ?? periodOf(timing.frequency)) : null;
  const [format, setFormat] = useState<ReportExportFormat>(initialFormat);
  const [recipientIds, setRecipientIds] = useState<string[]>([user.id]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const create = useCreateSchedule();
  const zones = useMemo(() => timeZones(), []);
  const people = useMemo(() => {
    const others = (colleagues.data ?? []).filter((c) => c.id !== user.id).map((c) => ({ value: c.id, label: c.name }));
    return [{ value: user.id, label: `${user.name} (you)` }, ...others];
  }, [colleagues.data, user.id, user.name]);
  const cron = cronOf(timing);
  const set = (patch: Partial<Timing>) => setTiming((t) => ({ ...t, ...patch }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const local: Record<string, string> = {};
    if (!cron) local.time = 'Use the 24-hour format HH:MM';
    if (!recipientIds.length) local.recipientIds = 'Choose at least one recipient';
    setErrors(local);
    if (Object.keys(local).length || !cron) return;
    create.mutate(
      { key: report.key, body: { format, params, cron, timeZone, period: chosenPeriod === AS_FILLED ? null : chosenPeriod, recipientIds } },
      {
        onSuccess: (schedule) => {
          notifySuccess('Report scheduled', `${report.title}: ${describeCron(schedule.cron).toLowerCase()} (${schedule.timeZone}). It appears under Your schedules.`);
          onClose();
        },
        onError: (error) => {
          const { byField, unplaced } = serverFieldErrors(error, FIELDS);
          // The time and day make the cron expression: its error belongs next to the time.
          const { cron: cronError, ...rest } = byField;
          setErrors({ ...rest, ...(cronError ? { time: cronError } : {}) });
          if (unplaced.length || !Object.keys(byField).length) setFailure(describeError(error));
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Schedule ${report.title}`} size="lg">
      <form onSubmit={submit} noValidate aria-label={`Schedule ${report.title}`}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Each run gives every recipient their own copy, with what they may see, and emails them a link to it. The file is never attached.
          </Text>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="schedule-frequency">
              How often
            </Text>
            <SegmentedControl
              aria-labelledby="schedule-frequency"
              value={timing.frequency}
              onChange={(v) => set({ frequency: v as Frequency })}
              data={[
                { value: 'daily', label: 'Daily' },
                { value: 'weekly', label: 'Weekly' },
                { value: 'monthly', label: 'Monthly' },
              ]}
            />
          </Stack>
          <Group align="flex-start" gap="sm" grow>
            {timing.frequency === 'weekly' && (
              <Select
                label="Day"
                allowDeselect={false}
                data={WEEKDAYS.map((d, i) => ({ value: String(i), label: d }))}
                value={String(timing.weekday)}
                onChange={(v) => v && set({ weekday: Number(v) })}
              />
            )}
            {timing.frequency === 'monthly' && (
              <Select
                label="Day of the month"
                allowDeselect={false}
                data={Array.from({ length: 28 }, (_, i) => String(i + 1))}
                value={String(timing.dayOfMonth)}
                onChange={(v) => v && set({ dayOfMonth: Number(v) })}
              />
            )}
            <TextInput label="Time" type="time" required value={timing.time} onChange={(e) => set({ time: e.currentTarget.value })} error={errors.time} />
          </Group>
          {chosenPeriod && (
            <Select
              label="Dates"
              description="What each run covers: it fills the report's dates"
              allowDeselect={false}
              data={[
                ...(Object.keys(PERIOD_LABELS) as ReportSchedulePeriod[]).map((p) => ({ value: p, label: PERIOD_LABELS[p] })),
                { value: AS_FILLED, label: 'The dates filled in on the report' },
              ]}
              value={chosenPeriod}
              onChange={(v) => v && setPeriod(v as ReportSchedulePeriod | typeof AS_FILLED)}
              error={errors.period}
            />
          )}
          <Select label="Time zone" required searchable allowDeselect={false} data={zones} value={timeZone} onChange={(v) => v && setTimeZone(v)} error={errors.timeZone} />
          <MultiSelect
            label="Recipients"
            description="You and colleagues of your branch"
            required
            searchable
            data={people}
            value={recipientIds}
            onChange={setRecipientIds}
            error={errors.recipientIds}
          />
          <Select
            label="Format"
            allowDeselect={false}
            data={(Object.keys(FORMAT_LABELS) as ReportExportFormat[]).map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
            value={format}
            onChange={(v) => v && setFormat(v as ReportExportFormat)}
            error={errors.format}
          />
          {cron && (
            <Text size="sm" aria-live="polite">
              {`${describeCron(cron)} (${timeZone}), ${FORMAT_LABELS[format]}.`}
            </Text>
          )}
          <FailureAlert failure={failure} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Schedule
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
