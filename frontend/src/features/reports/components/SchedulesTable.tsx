import type { ReportSchedule } from '@contracts/reports';
import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatDateTime } from '@/lib/format-date';
import { notifyProblem, notifySuccess } from '@/lib/notify';
import { useDeleteSchedule, useReportSchedules, useUpdateSchedule } from '../api/reports';
import { describeCron, PERIOD_LABELS } from '../schedule-timing';
import { FORMAT_LABELS } from './format-labels';

/** The user's scheduled reports: when each runs, to whom, the next run; pause, resume, delete. */
export function SchedulesTable() {
  const query = useReportSchedules();
  const update = useUpdateSchedule();
  const remove = useDeleteSchedule();
  const [deleting, setDeleting] = useState<ReportSchedule | null>(null);
  if (query.isPending) return <LoadingState label="Loading your schedules…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data.items.length) return <EmptyState title="No scheduled reports" description="Use Schedule… on a report above to have it sent to you and your colleagues." />;

  const toggle = (schedule: ReportSchedule) => {
    const status = schedule.status === 'active' ? 'paused' : 'active';
    update.mutate(
      { schedule, body: { status } },
      {
        onSuccess: () =>
          notifySuccess(
            status === 'paused' ? 'Schedule paused' : 'Schedule resumed',
            `${schedule.reportTitle} ${status === 'paused' ? 'will not run until you resume it' : 'runs again'}.`,
          ),
        onError: (error) => notifyProblem(error, 'Could not change the schedule'),
      },
    );
  };

  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" aria-label="Your schedules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Report</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Recipients</Table.Th>
              <Table.Th>Next run</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text size="sm">{s.reportTitle}</Text>
                  <Text size="xs" c="dimmed">
                    {FORMAT_LABELS[s.format]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeCron(s.cron)}</Text>
                  <Text size="xs" c="dimmed">
                    {s.timeZone}
                    {s.period ? ` · covering ${PERIOD_LABELS[s.period].replace(/^The /, 'the ').replace(' each run', '')}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.recipients.map((r) => r.name).join(', ')}</Text>
                </Table.Td>
                <Table.Td>
                  {s.status === 'paused' ? (
                    <Badge color="gray" variant="light">
                      Paused
                    </Badge>
                  ) : (
                    <Text size="sm">{s.nextRunAt && formatDateTime(s.nextRunAt)}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => toggle(s)} aria-label={`${s.status === 'active' ? 'Pause' : 'Resume'} ${s.reportTitle}`}>
                      {s.status === 'active' ? 'Pause' : 'Resume'}
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(s)} aria-label={`Delete ${s.reportTitle} schedule`}>
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this schedule?"
        confirmLabel="Delete schedule"
        color="red"
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting, {
            onSuccess: () => {
              notifySuccess('Schedule deleted', `${deleting.reportTitle} will not be sent again. Copies already made stay under Your exports.`);
              setDeleting(null);
            },
            onError: (error) => notifyProblem(error, 'Could not delete the schedule'),
          })
        }
      >
        {deleting ? `${deleting.reportTitle} (${describeCron(deleting.cron).toLowerCase()}) will not run again. Copies already sent stay.` : ''}
      </ConfirmDialog>
    </>
  );
}
