import type { Exam, ExamStatus, Order } from '@contracts/orders';
import { Badge, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconStethoscope } from '@tabler/icons-react';
import { useState } from 'react';
import { EXAM_LABELS } from '@/features/quotes';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { EXAM_FINISHED, EXAM_NEXT_STEP, EXAM_STATUS_COLORS, EXAM_STATUS_LABELS } from '../exam-labels';
import { EXAM_STEP_TITLES, ExamStepDialog } from './ExamStepDialog';
import type { ExamStepName } from './ExamStepDialog';

/** The steps open from each status, in the order people take them (waive is the underwriter's). */
const STEPS: Record<ExamStatus, ExamStepName[]> = {
  required: ['order', 'waive'],
  ordered: ['schedule', 'cancel', 'waive'],
  scheduled: ['complete', 'schedule', 'cancel', 'waive'],
  completed: ['results', 'waive'],
  results_received: [],
  waived: [],
  cancelled: ['order', 'waive'],
};

export function ExamStatusBadge({ exam }: { exam: Pick<Exam, 'status' | 'overdue'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={EXAM_STATUS_COLORS[exam.status]} variant="light" size="sm">
        {EXAM_STATUS_LABELS[exam.status]}
      </Badge>
      {exam.overdue && (
        <Badge color="red" variant="filled" size="sm">
          Overdue
        </Badge>
      )}
    </Group>
  );
}

function ExamItem({ exam, order, closed }: { exam: Exam; order: Order; closed: boolean }) {
  const { can } = useAuth();
  const [step, setStep] = useState<ExamStepName | null>(null);
  const steps = closed ? [] : STEPS[exam.status].filter((s) => (s === 'waive' ? can('orders:underwrite') : can('exams:manage')));
  const next = EXAM_NEXT_STEP[exam.status];
  return (
    <Stack
      gap={6}
      p="sm"
      role="group"
      aria-label={EXAM_LABELS[exam.examType]}
      style={{
        borderBottom: '1px solid var(--mantine-color-default-border)',
        borderLeft: `3px solid var(--mantine-color-${exam.overdue ? 'red' : EXAM_STATUS_COLORS[exam.status]}-5)`,
        background: exam.overdue ? 'var(--mantine-color-red-0)' : undefined,
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ flex: '1 1 240px' }}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {EXAM_LABELS[exam.examType]}
            </Text>
            <ExamStatusBadge exam={exam} />
          </Group>
          <Text size="xs" c="dimmed">
            Required: {exam.reason}
          </Text>
          {next && !EXAM_FINISHED.includes(exam.status) && (
            <Text size="xs" c={exam.overdue ? 'red' : undefined} fw={exam.overdue ? 600 : undefined}>
              {exam.status === 'scheduled' && exam.scheduledAt
                ? `Appointment ${formatDateTime(exam.scheduledAt)}${exam.location ? ` at ${exam.location}` : ''}`
                : `${next} by ${formatDate(exam.dueOn)}`}
            </Text>
          )}
          {exam.labPartner && (
            <Text size="xs" c="dimmed">
              {exam.labPartner}
              {exam.labOrderReference ? ` · order ${exam.labOrderReference}` : ''}
              {exam.completedOn ? ` · done on ${formatDate(exam.completedOn)}` : ''}
            </Text>
          )}
          {exam.waiveReason && <Text size="xs">Waived: {exam.waiveReason}</Text>}
          {exam.cancelReason && exam.status === 'cancelled' && <Text size="xs">Cancelled: {exam.cancelReason}</Text>}
          {exam.keyResults && exam.keyResults.length > 0 && (
            <List size="sm" spacing={0} mt={2}>
              {exam.keyResults.map((r, i) => (
                <List.Item key={i}>
                  {r.name}: <b>{r.value}</b>
                  {r.unit ? ` ${r.unit}` : ''}{' '}
                  {r.abnormal && (
                    <Badge color="orange" size="xs" variant="light">
                      Abnormal
                    </Badge>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
        {steps.length > 0 && (
          <Group gap="xs">
            {steps.map((s, i) => (
              <Button
                key={s}
                size="xs"
                variant={i === 0 ? 'filled' : s === 'cancel' ? 'subtle' : 'default'}
                color={s === 'cancel' ? 'red' : undefined}
                onClick={() => setStep(s)}
                aria-label={`${EXAM_STEP_TITLES[s]}: ${EXAM_LABELS[exam.examType]}`}
              >
                {s === 'schedule' && exam.status === 'scheduled' ? 'Rebook' : EXAM_STEP_TITLES[s]}
              </Button>
            ))}
          </Group>
        )}
      </Group>
      <ExamStepDialog exam={exam} documents={order.documents} step={step} onClose={() => setStep(null)} />
    </Stack>
  );
}

/** The medical exams the product's rules ask of this application, and the next step of each. */
export function OrderExams({ order }: { order: Order }) {
  if (order.exams.length === 0) {
    return (
      <Group gap="xs" wrap="nowrap">
        <IconStethoscope size={16} aria-hidden style={{ flexShrink: 0 }} />
        <Text size="sm" c="dimmed">
          No medical exams are needed for this application.
        </Text>
      </Group>
    );
  }
  const closed = ['approved', 'declined', 'withdrawn'].includes(order.status);
  const open = order.exams.filter((e) => !EXAM_FINISHED.includes(e.status)).length;
  return (
    <Stack gap={0}>
      <Text size="xs" c={open ? 'orange.8' : 'teal.8'} mb={4} fw={500}>
        {open === 0 ? 'Every exam has its results or is waived.' : `${open} of ${order.exams.length} still open: an approval needs every exam's results (or a waiver).`}
      </Text>
      {order.exams.map((exam) => (
        <ExamItem key={exam.id} exam={exam} order={order} closed={closed} />
      ))}
    </Stack>
  );
}
