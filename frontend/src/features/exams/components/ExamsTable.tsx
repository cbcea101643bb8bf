import type { Exam } from '@contracts/orders';
import { Anchor, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { orderPath } from '@/features/orders';
import { EXAM_LABELS } from '@/features/quotes';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { EXAM_FINISHED, EXAM_NEXT_STEP } from '../exam-labels';
import { ExamStatusBadge } from './OrderExams';

/** The worklist, most urgent first: overdue lines stand out; a click opens the application with its exams. */
export function ExamsTable({ exams }: { exams: Exam[] }) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table verticalSpacing="sm" highlightOnHover aria-label="Medical exams">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>Due</Table.Th>
            <Table.Th>Exam</Table.Th>
            <Table.Th w={250}>Status</Table.Th>
            <Table.Th w={110}>Application</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th>Lab</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {exams.map((exam) => {
            const next = EXAM_FINISHED.includes(exam.status) ? null : EXAM_NEXT_STEP[exam.status];
            return (
              <Table.Tr
                key={exam.id}
                onClick={() => navigate(orderPath(exam.orderId))}
                style={{
                  cursor: 'pointer',
                  background: exam.overdue ? 'var(--mantine-color-red-0)' : undefined,
                  boxShadow: exam.overdue ? 'inset 3px 0 0 var(--mantine-color-red-6)' : undefined,
                  // Finished exams (results in, or waived) need nothing more: they stay readable but quiet.
                  opacity: next ? 1 : 0.55,
                }}
                data-overdue={exam.overdue || undefined}
              >
                <Table.Td>
                  <Text size="sm" fw={exam.overdue ? 700 : 500} c={exam.overdue ? 'red.8' : undefined}>
                    {next ? formatDate(exam.dueOn) : '—'}
                  </Text>
                  {next && (
                    <Text size="xs" c="dimmed">
                      {next}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {EXAM_LABELS[exam.examType]}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {exam.reason}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ExamStatusBadge exam={exam} />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={orderPath(exam.orderId)} ff="monospace" size="sm" fw={600} onClick={(event) => event.stopPropagation()}>
                    {exam.orderNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{exam.customer.name}</Text>
                </Table.Td>
                <Table.Td>
                  {exam.labPartner ? (
                    <>
                      <Text size="sm">{exam.labPartner}</Text>
                      <Text size="xs" c="dimmed">
                        {exam.scheduledAt ? `${formatDateTime(exam.scheduledAt)}${exam.location ? ` · ${exam.location}` : ''}` : exam.labOrderReference ? `order ${exam.labOrderReference}` : ''}
                      </Text>
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Not ordered
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
