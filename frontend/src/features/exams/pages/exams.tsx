import { EXAM_SORTS, EXAM_STATUSES, ExamStatus, type ExamSort } from '@contracts/orders';
import { Button, Select, Switch } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { BranchFilter, FilterBar } from '@/components/FilterBar';
import { ExportButton } from '@/components/ExportButton';
import { ListPage, loadedItems } from '@/components/ListPage';
import { ListSummary } from '@/components/ListSummary';
import { useWorkBranches } from '@/features/customers';
import type { ExamCriteria } from '@/features/exams/api/exam-keys';
import { useExams } from '@/features/exams/api/get-exams';
import { ExamsTable } from '@/features/exams/components/ExamsTable';
import { EXAM_STATUS_LABELS } from '@/features/exams/exam-labels';
import { useAuth } from '@/lib/auth/auth-context';
import { readSort } from '@/lib/list-sort';
import { queryString } from '@/lib/query-string';

const STATUS_OPTIONS = EXAM_STATUSES.map((value) => ({ value, label: EXAM_STATUS_LABELS[value] }));

/** Most urgent first: overdue by due date, then by due date, finished last (the API's default). */
const DEFAULT_SORT = 'urgency';

/** The worklist's filters from its address; finished exams are left out unless `showFinished=true`. */
function readCriteria(params: URLSearchParams): { criteria: ExamCriteria; showFinished: boolean } {
  const status = ExamStatus.safeParse(params.get('status') || undefined).data;
  const branchId = params.get('branchId') || undefined;
  const overdue = params.get('overdue') === 'true' ? ('true' as const) : undefined;
  const sort = readSort(params.get('sort'), EXAM_SORTS, DEFAULT_SORT);
  const showFinished = params.get('showFinished') === 'true';
  // A status filter names what it wants, finished or not.
  const finished = showFinished || status ? undefined : ('false' as const);
  const criteria = Object.fromEntries(
    Object.entries({ status, branchId, overdue, finished, sort: sort === DEFAULT_SORT ? undefined : sort }).filter(([, v]) => v !== undefined),
  ) as ExamCriteria;
  return { criteria, showFinished };
}

/** /exams — the medical exam worklist: the most urgent first, overdue ones highlighted. */
export function ExamsPage() {
  const [params, setParams] = useSearchParams();
  const { criteria, showFinished } = readCriteria(params);
  const query = useExams(criteria);
  const { branches } = useWorkBranches();
  const { can } = useAuth();
  // The address keeps the filters, the sort and "show finished" (the API's finished=false is derived from it).
  const { finished: _finished, ...addressable } = criteria;
  const address = { ...addressable, showFinished: showFinished ? 'true' : undefined };
  const set = (changes: Partial<typeof address>) => setParams(queryString({ ...address, ...changes }), { replace: true });
  const { sort, ...filters } = address;
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const listSort = { value: sort ?? DEFAULT_SORT, onChange: (next: string) => set({ sort: next === DEFAULT_SORT ? undefined : (next as ExamSort) }) };

  return (
    <ListPage
      title="Medical exams"
      description="Exams the applications need, the most urgent first: overdue ones by due date, then the rest by due date, finished ones last. Open one to take its next step."
      actions={can('exams:export') && <ExportButton path="/exams" criteria={criteria} fallbackName="policydesk-exams.csv" />}
      summary={<ListSummary total={query.data?.pages[0]?.total} noun={{ one: 'exam', other: 'exams' }} />}
      filters={
        <FilterBar gap="md" filtered={filtered} onClear={() => setParams(queryString({ sort }), { replace: true })}>
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
          <Switch label="Show finished" mb={8} checked={showFinished} onChange={(event) => set({ showFinished: event.currentTarget.checked ? 'true' : undefined })} />
          {sort && (
            <Button variant="subtle" size="compact-sm" mb={6} onClick={() => set({ sort: undefined })}>
              Most urgent first
            </Button>
          )}
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
      {(exams) => <ExamsTable exams={exams} sort={listSort} />}
    </ListPage>
  );
}
