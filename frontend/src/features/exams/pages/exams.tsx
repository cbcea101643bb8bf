import { EXAM_STATUSES, ExamStatus } from '@contracts/orders';
import { Button, Group, Paper, Select, Stack, Switch } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadMoreButton } from '@/components/LoadMoreButton';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useWorkBranches } from '@/features/customers';
import type { ExamCriteria } from '@/features/exams/api/exam-keys';
import { useExams } from '@/features/exams/api/get-exams';
import { ExamsTable } from '@/features/exams/components/ExamsTable';
import { EXAM_STATUS_LABELS } from '@/features/exams/exam-labels';
import { queryString } from '@/lib/query-string';

const STATUS_OPTIONS = EXAM_STATUSES.map((value) => ({ value, label: EXAM_STATUS_LABELS[value] }));

function readCriteria(params: URLSearchParams): ExamCriteria {
  const status = ExamStatus.safeParse(params.get('status') || undefined).data;
  const branchId = params.get('branchId') || undefined;
  const overdue = params.get('overdue') === 'true' ? ('true' as const) : undefined;
  return Object.fromEntries(Object.entries({ status, branchId, overdue }).filter(([, v]) => v !== undefined));
}

/** /exams — the medical exam worklist: the most urgent first, overdue ones highlighted. */
export function ExamsPage() {
  const [params, setParams] = useSearchParams();
  const criteria = readCriteria(params);
  const { data, error, isPending, isPlaceholderData, refetch, hasNextPage, isFetchingNextPage, fetchNextPage } = useExams(criteria);
  const { branches } = useWorkBranches();
  const exams = data?.pages.flatMap((page) => page.items) ?? [];
  const set = (changes: Partial<ExamCriteria>) => setParams(queryString({ ...criteria, ...changes }), { replace: true });
  const filtered = Object.keys(criteria).length > 0;

  return (
    <Stack gap="lg">
      <PageHeader title="Medical exams" description="Exams the applications need, the most urgent first. Open one to take its next step." />
      <Group align="flex-end" gap="md" wrap="wrap">
        <Select label="Status" placeholder="Any" w={240} clearable data={STATUS_OPTIONS} value={criteria.status ?? null} onChange={(v) => set({ status: ExamStatus.safeParse(v ?? undefined).data })} />
        {(branches?.length ?? 0) > 1 && (
          <Select label="Branch" placeholder="Any" w={160} clearable data={(branches ?? []).map((b) => ({ value: b.id, label: b.name }))} value={criteria.branchId ?? null} onChange={(v) => set({ branchId: v ?? undefined })} />
        )}
        <Switch label="Overdue only" color="red" mb={8} checked={criteria.overdue === 'true'} onChange={(event) => set({ overdue: event.currentTarget.checked ? 'true' : undefined })} />
        {filtered && (
          <Button variant="subtle" leftSection={<IconX size={14} />} onClick={() => setParams('', { replace: true })}>
            Clear all
          </Button>
        )}
      </Group>
      <Paper withBorder style={{ opacity: isPlaceholderData ? 0.6 : 1 }} aria-busy={isPlaceholderData}>
        {isPending ? (
          <LoadingState label="Loading exams…" />
        ) : error ? (
          <Stack p="md">
            <ErrorState error={error} onRetry={() => void refetch()} />
          </Stack>
        ) : exams.length === 0 ? (
          <EmptyState
            title={criteria.overdue ? 'Nothing is overdue' : filtered ? 'No exams match' : 'No medical exams'}
            description={filtered ? 'Clear a filter to see more.' : 'Exams appear here when an application needs them (by age or sum insured).'}
          />
        ) : (
          <ExamsTable exams={exams} />
        )}
      </Paper>
      <LoadMoreButton hasNextPage={hasNextPage} isFetchingNextPage={isFetchingNextPage} onLoadMore={() => void fetchNextPage()} />
    </Stack>
  );
}
