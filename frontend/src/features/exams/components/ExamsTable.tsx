import type { Exam } from '@contracts/orders';
import { Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { CustomerName, RecordNumberLink } from '@/components/RecordCells';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import type { ListSort } from '@/components/SortableHeader';
import { orderPath } from '@/features/orders';
import { EXAM_LABELS } from '@/features/quotes';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { EXAM_FINISHED, EXAM_NEXT_STEP } from '../exam-labels';
import { ExamStatusBadge } from './OrderExams';

/** What still has to happen to the exam; null once it is finished. */
function nextStep(exam: Exam): string | null {
  return EXAM_FINISHED.includes(exam.status) ? null : EXAM_NEXT_STEP[exam.status];
}

const COLUMNS: RecordColumn<Exam>[] = [
  {
    header: 'Due',
    w: 150,
    sortField: 'dueOn',
    cell: (exam) => {
      const next = nextStep(exam);
      return (
        <>
          <Text size="sm" fw={exam.overdue ? 700 : 500} c={exam.overdue ? 'red.8' : undefined}>
            {next ? formatDate(exam.dueOn) : '—'}
          </Text>
          {next && (
            <Text size="xs" c="dimmed">
              {next}
            </Text>
          )}
        </>
      );
    },
  },
  {
    header: 'Exam',
    priority: 'key',
    cell: (exam) => (
      <>
        <Text size="sm" fw={500}>
          {EXAM_LABELS[exam.examType]}
        </Text>
        <Text size="xs" c="dimmed">
          {exam.reason}
        </Text>
      </>
    ),
  },
  { header: 'Status', priority: 'key', w: 250, sortField: 'status', cell: (exam) => <ExamStatusBadge exam={exam} /> },
  { header: 'Application', w: 120, sortField: 'orderNumber', cell: (exam) => <RecordNumberLink to={orderPath(exam.orderId)} number={exam.orderNumber} /> },
  { header: 'Customer', priority: 'key', sortField: 'customerName', cell: (exam) => <CustomerName customer={exam.customer} /> },
  {
    header: 'Lab',
    cell: (exam) =>
      exam.labPartner ? (
        <>
          <Text size="sm">{exam.labPartner}</Text>
          <Text size="xs" c="dimmed">
            {exam.scheduledAt
              ? `${formatDateTime(exam.scheduledAt)}${exam.location ? ` · ${exam.location}` : ''}`
              : exam.labOrderReference
                ? `order ${exam.labOrderReference}`
                : ''}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Not ordered
        </Text>
      ),
  },
];

/** The worklist, most urgent first: overdue lines stand out; a click opens the application with its exams. */
export function ExamsTable({ exams, sort }: { exams: Exam[]; sort?: ListSort }) {
  const navigate = useNavigate();
  return (
    <RecordTable
      aria-label="Medical exams"
      minWidth={960}
      rows={exams}
      columns={COLUMNS}
      rowLabel={(exam) => `the exam for ${exam.orderNumber}`}
      idPrefix="exam"
      sort={sort}
      onRowClick={(exam) => navigate(orderPath(exam.orderId))}
      rowProps={(exam) => ({
        style: {
          // Finished exams (results in, or waived) need nothing more: quiet on grey, but still readable
          // (they were faded with opacity, which took their text below 4.5:1).
          background: exam.overdue ? 'var(--mantine-color-red-0)' : nextStep(exam) ? undefined : 'var(--mantine-color-gray-0)',
          boxShadow: exam.overdue ? 'inset 3px 0 0 var(--mantine-color-red-6)' : undefined,
        },
        'data-overdue': exam.overdue || undefined,
      })}
    />
  );
}
