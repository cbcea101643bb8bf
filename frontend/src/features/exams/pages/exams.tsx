import { EXAM_STATUSES, ExamStatus } from '@contracts/orders';
import { Select, Switch } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { BranchFilter, FilterBar } from '@/components/FilterBar';
import { ListPage, loadedItems } from '@/components/ListPage';
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
  const query = useExams(criteria);
  const { branches } = useWorkBranches();
  const set = (changes: Partial<ExamCriteria>) => setParams(queryString({ ...criteria, ...changes }), { replace: true });
  const filtered = Object.keys(criteria).length > 0;

  return (
    <ListPage
      title="Medical exams"
      description="Exams the applications need, the most urgent first. Open one to take its next step."
      filters={
        <FilterBar gap="md" filtered={filtered} onClear={() => setParams('', { replace: true })}>
          <Select
            label="Status"
            placeholder="Any"
            w={240}
            clearable
            data={STATUS_OPTIONS}
            value={criteria.status ?? null}
            onChange={(v) => set({ status: ExamStatus.safeParse(v ?? undefined).data })}
          />
          <BranchFilter branches={branches} value={criteria.branchId} onChange={(branchId) => set({ branchId })} />
          <Switch
            label="Overdue only"
            color="red"
            mb={8}
            checked={criteria.overdue === 'true'}
            onChange={(event) => set({ overdue: event.currentTarget.checked ? 'true' : undefined })}
          />
        </FilterBar>
      }
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading exams…"
      empty={{
        title: criteria.overdue ? 'Nothing is overdue' : filtered ? 'No exams match' : 'No medical exams',
        description: filtered ? 'Clear a filter to see more.' : 'Exams appear here when an application needs them (by age or sum insured).',
      }}
    >
      {(exams) => <ExamsTable exams={exams} />}
    </ListPage>
  );
}
