import type { StandingWorklistItem } from '@contracts/policies';
import { Anchor, Badge, SegmentedControl, Text } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { RecordNumberLink } from '@/components/RecordCells';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import { ListPage, loadedItems } from '@/components/ListPage';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { type StandingList, useStandingWorklist } from '../api/policy-standing';
import { policyPath } from '../policy-paths';
import { daysUntil } from '../standing-wording';

const customerPath = (id: string) => `/customers/${id}`;

const policyAndCustomer: RecordColumn<StandingWorklistItem & { id: string }>[] = [
  { header: 'Policy', priority: 'key', w: 120, cell: (row) => <RecordNumberLink to={policyPath(row.policyId)} number={row.policyNumber} /> },
  {
    header: 'Customer',
    priority: 'key',
    cell: (row) => (
      <>
        <Anchor component={Link} to={customerPath(row.customer.id)} size="sm" fw={500} onClick={(event) => event.stopPropagation()}>
          {row.customer.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {row.product.name} · {formatMoney(row.installmentAmount, row.currency)} an installment
        </Text>
      </>
    ),
  },
];
const agent: RecordColumn<StandingWorklistItem & { id: string }> = { header: 'Agent', w: 180, cell: (row) => <Text size="sm">{row.agent.name}</Text> };

const graceEnds: RecordColumn<StandingWorklistItem & { id: string }> = {
  header: 'Grace ends',
  priority: 'key',
  w: 190,
  cell: (row) => {
    const left = daysUntil(row.standing.graceEndsOn!);
    return (
      <>
        <Badge variant="light" color={left < 0 ? 'red' : left <= 7 ? 'orange' : 'yellow'} data-testid="grace-days-left">
          {left < 0 ? 'Ended' : left === 0 ? 'Today' : `${left} ${left === 1 ? 'day' : 'days'} left`}
        </Badge>
        <Text size="xs" c="dimmed">
          last day {formatDate(row.standing.graceEndsOn!)}, unpaid since {formatDate(row.standing.graceSince!)}
        </Text>
      </>
    );
  },
};

const COLUMNS: Record<StandingList, RecordColumn<StandingWorklistItem & { id: string }>[]> = {
  grace: [...policyAndCustomer, graceEnds, agent],
  lapsed: [
    ...policyAndCustomer,
    { header: 'Lapsed on', priority: 'key', w: 130, cell: (row) => <Text size="sm">{formatDate(row.standing.lapsedOn!)}</Text> },
    {
      header: 'Reinstatable until',
      w: 170,
      cell: (row) => (
        <>
          <Text size="sm">{formatDate(row.standing.reinstatableUntil!)}</Text>
          <Text size="xs" c="dimmed">
            {daysUntil(row.standing.reinstatableUntil!)} days left
          </Text>
        </>
      ),
    },
    agent,
  ],
  review: [
    ...policyAndCustomer,
    graceEnds,
    {
      header: 'Why it waits for you',
      w: 300,
      cell: (row) => (
        <Text size="sm" lineClamp={2}>
          {row.standing.lapseReview?.reasons.join('; ')}
        </Text>
      ),
    },
  ],
};

const LISTS: { value: StandingList; label: string }[] = [
  { value: 'grace', label: 'In grace' },
  { value: 'lapsed', label: 'Lapsed' },
  { value: 'review', label: 'Lapse decisions' },
];

const EMPTY: Record<StandingList, { title: string; description: string }> = {
  grace: { title: 'No policy is in grace', description: 'A policy enters its grace period the night after a premium’s due date passes unpaid.' },
  lapsed: { title: 'No lapsed policy can be reinstated', description: 'Lapsed policies show here while their reinstatement window is open.' },
  review: { title: 'Nothing waits for a decision', description: 'A policy whose grace ends while a change is pending (or a claim is open) waits here for a manager.' },
};

/** /policies/standing — policies in grace, lapsed policies still reinstatable, and the managers' lapse decisions. */
export function PolicyStandingPage() {
  const [params, setParams] = useSearchParams();
  const { can } = useAuth();
  const lists = LISTS.filter((l) => l.value !== 'review' || can('policies:lapse-review'));
  const list = lists.find((l) => l.value === params.get('list'))?.value ?? 'grace';
  const query = useStandingWorklist(list);
  const navigate = useNavigate();
  return (
    <ListPage
      title="Grace and lapse"
      description="Call the customer before grace ends: once the overdue premium is paid the policy is active again. A lapsed policy is reinstated from its page after the arrears are paid."
      filters={<SegmentedControl aria-label="Worklist" data={lists} value={list} onChange={(value) => setParams({ list: value }, { replace: true })} />}
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading the worklist…"
      empty={EMPTY[list]}
    >
      {(rows) => (
        <RecordTable
          aria-label={LISTS.find((l) => l.value === list)!.label}
          minWidth={760}
          rows={rows.map((row) => ({ ...row, id: row.policyId }))}
          columns={COLUMNS[list]}
          rowLabel={(row) => row.policyNumber}
          idPrefix={`standing-${list}`}
          onRowClick={(row) => navigate(policyPath(row.policyId))}
        />
      )}
    </ListPage>
  );
}
