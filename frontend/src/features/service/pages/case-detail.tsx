import type { Case, Interaction } from '@contracts/service';
import { ESCALATION_LEVELS } from '@contracts/service';
import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import type { Crumb } from '@/components/Breadcrumbs';
import { PageHeader } from '@/components/PageHeader';
import { customerPath } from '@/features/customers';
import { CaseKnowledgePanel } from '@/features/knowledge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { notifySuccess } from '@/lib/notify';
import { useEscalateCase, useCreateTask, useMergeCase, useRecordCsat, useReplyToCase, useStepCase, type CaseStep } from '../api/case-actions';
import { useCaseActivity, useCustomerCases } from '../api/get-case-activity';
import { LinkCustomerModal } from '../components/LinkCustomerModal';
import { useCase } from '../api/get-case';
import { ActionModal, type ActionField } from '../components/ActionModal';
import { SlaClocks } from '../components/SlaClocks';
import { CASE_STATUS_LABELS, CASE_TYPE_LABELS, CHANNEL_LABELS, LEVEL_LABELS, PRIORITY_LABELS, surveySummary } from '../service-labels';
import { casePath, MY_WORK_PATH } from '../service-paths';

type Action = 'reply' | 'pend' | 'open' | 'resolve' | 'close' | 'reopen' | 'escalate' | 'merge' | 'task' | 'csat';

const REPLY_CHANNELS = (['phone_outbound', 'email', 'chat', 'sms', 'letter', 'in_person'] as const).map((value) => ({ value, label: CHANNEL_LABELS[value] }));

/** Which actions a case in its status offers. */
function actionsFor(c: Case): Action[] {
  switch (c.status) {
    case 'new':
      return ['reply', 'open', 'pend', 'resolve', 'escalate', 'merge', 'task'];
    case 'open':
      return ['reply', 'pend', 'resolve', 'escalate', 'merge', 'task'];
    case 'pending':
      return ['reply', 'open', 'resolve', 'escalate', 'merge', 'task'];
    case 'resolved':
      return c.mergedInto ? [] : ['close', 'reopen', 'task'];
    case 'closed':
      return c.mergedInto ? [] : ['reopen'];
  }
}

const ACTION_LABELS: Record<Action, string> = {
  reply: 'Log a reply',
  open: 'Take up',
  pend: 'Set pending',
  resolve: 'Resolve',
  close: 'Close',
  reopen: 'Reopen',
  escalate: 'Escalate',
  merge: 'Merge into…',
  task: 'Create a task',
  csat: 'Record CSAT answer',
};

/** /cases/:id — the case workspace: clocks counting down in business time, the case's interactions and tasks, and every action. */
export function CaseDetailPage() {
  const { id = '' } = useParams();
  const query = useCase(id);
  if (query.isPending) return <LoadingState label="Loading the case…" />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <CaseWorkspace kase={query.data} />;
}

/** Where a case sits: under its customer ("Customers › Ada Lovelace › Case CS-…"), or, for an unknown contact, under My work. */
function caseCrumbs(kase: Case, can: (permission: string) => boolean): Crumb[] {
  const self = { label: `Case ${kase.caseNumber}` };
  if (!kase.customer) return [{ label: 'My work', to: can('tasks:read') ? MY_WORK_PATH : null }, self];
  const mayOpen = can('customers:read');
  return [{ label: 'Customers', to: mayOpen ? '/customers' : null }, { label: kase.customer.name, to: mayOpen ? customerPath(kase.customer.id) : null }, self];
}

function CaseWorkspace({ kase }: { kase: Case }) {
  const { can } = useAuth();
  const [action, setAction] = useState<Action | null>(null);
  const [linking, setLinking] = useState<Interaction | null>(null);
  const activity = useCaseActivity(kase.id);
  const others = useCustomerCases(kase.customer?.id ?? null);
  const step = useStepCase();
  const reply = useReplyToCase();
  const escalate = useEscalateCase();
  const merge = useMergeCase();
  const task = useCreateTask();
  const csat = useRecordCsat();
  const base = { id: kase.id, version: kase.version };
  const close = () => setAction(null);
  const offered = [...actionsFor(kase), ...(kase.survey?.status === 'sent' ? (['csat'] as const) : [])];
  const mergeTargets = (others.data?.items ?? []).filter((c) => c.id !== kase.id && ['new', 'open', 'pending'].includes(c.status));

  const forms: Partial<Record<Action, { fields: ActionField[]; submit: (v: Record<string, string>) => Promise<unknown>; loading: boolean; done: string }>> = {
    reply: {
      fields: [
        { name: 'channel', label: 'Channel', kind: 'select', required: true, options: REPLY_CHANNELS, initial: 'phone_outbound' },
        { name: 'notes', label: 'What you answered', kind: 'textarea', required: true },
      ],
      submit: (v) => reply.mutateAsync({ ...base, body: { channel: v.channel as 'email', notes: v.notes! } }),
      loading: reply.isPending,
      done: 'Reply logged',
    },
    escalate: {
      fields: [
        { name: 'reason', label: 'Reason', kind: 'textarea', required: true },
        {
          name: 'toLevel',
          label: 'To level',
          kind: 'select',
          options: ESCALATION_LEVELS.filter((l) => ESCALATION_LEVELS.indexOf(l) > ESCALATION_LEVELS.indexOf(kase.escalationLevel)).map((l) => ({
            value: l,
            label: LEVEL_LABELS[l],
          })),
        },
      ],
      submit: (v) => escalate.mutateAsync({ ...base, body: { reason: v.reason!, ...(v.toLevel ? { toLevel: v.toLevel as 'manager' } : {}) } }),
      loading: escalate.isPending,
      done: 'Case escalated',
    },
    merge: {
      fields: [
        { name: 'intoCaseId', label: 'Merge into', kind: 'select', required: true, options: mergeTargets.map((c) => ({ value: c.id, label: `${c.caseNumber} ${c.subject}` })) },
        { name: 'reason', label: 'Why' },
      ],
      submit: (v) => merge.mutateAsync({ ...base, body: { intoCaseId: v.intoCaseId!, ...(v.reason?.trim() ? { reason: v.reason } : {}) } }),
      loading: merge.isPending,
      done: 'Cases merged',
    },
    task: {
      fields: [
        { name: 'title', label: 'Title', required: true },
        { name: 'dueAt', label: 'Due', kind: 'datetime', required: true },
        { name: 'remindAt', label: 'Remind me (by email)', kind: 'datetime' },
      ],
      submit: (v) =>
        task.mutateAsync({
          title: v.title!,
          dueAt: new Date(v.dueAt!).toISOString(),
          ...(v.remindAt ? { remindAt: new Date(v.remindAt).toISOString() } : {}),
          links: [{ kind: 'case', id: kase.id }, ...(kase.customer ? [{ kind: 'customer' as const, id: kase.customer.id }] : [])],
        }),
      loading: task.isPending,
      done: 'Task created',
    },
    csat: {
      fields: [
        { name: 'score', label: 'Score (1–5)', kind: 'select', required: true, options: ['1', '2', '3', '4', '5'].map((s) => ({ value: s, label: s })) },
        { name: 'comment', label: 'Comment', kind: 'textarea' },
      ],
      submit: (v) => csat.mutateAsync({ id: kase.id, body: { score: Number(v.score), ...(v.comment?.trim() ? { comment: v.comment } : {}) } }),
      loading: csat.isPending,
      done: 'Answer recorded',
    },
  };
  for (const s of ['open', 'pend', 'resolve', 'close', 'reopen'] as const) {
    forms[s] = {
      fields:
        s === 'resolve' ? [{ name: 'resolution', label: 'Resolution', kind: 'textarea', required: true }] : [{ name: 'reason', label: s === 'pend' ? 'Waiting for' : 'Reason' }],
      submit: (v) => step.mutateAsync({ ...base, step: s as CaseStep, body: s === 'resolve' ? { resolution: v.resolution! } : v.reason?.trim() ? { reason: v.reason } : {} }),
      loading: step.isPending,
      done: `Case: ${ACTION_LABELS[s].toLowerCase()}`,
    };
  }
  const form = action ? forms[action] : undefined;

  return (
    <Stack>
      <PageHeader
        breadcrumbs={caseCrumbs(kase, can)}
        title={`Case ${kase.caseNumber}: ${kase.subject}`}
        description={
          <Group gap="xs">
            <Badge>{CASE_STATUS_LABELS[kase.status]}</Badge>
            <Badge variant="light">{CASE_TYPE_LABELS[kase.type]}</Badge>
            <Badge variant="light" color={kase.priority === 'urgent' ? 'red' : kase.priority === 'high' ? 'orange' : 'gray'}>
              {PRIORITY_LABELS[kase.priority]}
            </Badge>
            <Badge variant="outline">Level: {LEVEL_LABELS[kase.escalationLevel]}</Badge>
            {kase.customer && (
              <Anchor component={Link} to={customerPath(kase.customer.id)} size="sm">
                {kase.customer.name}
              </Anchor>
            )}
            <Text size="sm">Assigned to {kase.assignee?.name ?? 'the branch queue'}</Text>
          </Group>
        }
      />
      {kase.mergedInto && (
        <Alert color="gray">
          Merged into{' '}
          <Anchor component={Link} to={casePath(kase.mergedInto.id)}>
            {kase.mergedInto.caseNumber}
          </Anchor>
          .
        </Alert>
      )}
      <Group gap="xs" aria-label="Case actions" role="toolbar">
        {offered.map((a) => (
          <Button
            key={a}
            size="sm"
            variant={a === 'reply' || a === 'resolve' ? 'filled' : 'light'}
            onClick={() => setAction(a)}
            disabled={a === 'merge' && mergeTargets.length === 0}
          >
            {ACTION_LABELS[a]}
          </Button>
        ))}
      </Group>
      {can('knowledge:read') && <CaseKnowledgePanel caseId={kase.id} caseNumber={kase.caseNumber} hasCustomer={kase.customer !== null} />}
      <Title order={2} size="h4">
        SLA clocks
      </Title>
      <SlaClocks clocks={kase.clocks} />
      {kase.survey && (
        <Paper withBorder p="sm" aria-label="Satisfaction survey">
          <Stack gap={4}>
            <Text fw={600} size="sm">
              Satisfaction survey: {surveySummary(kase.survey).state}
            </Text>
            {kase.survey.link && (
              <Group gap="xs">
                <Text size="sm">
                  {surveySummary(kase.survey).linkAdvice} (until {formatDateTime(kase.survey.expiresAt)}):
                </Text>
                <Code aria-label="Survey link">{`${window.location.origin}${kase.survey.link}`}</Code>
                <CopyButton value={`${window.location.origin}${kase.survey.link}`}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="subtle" onClick={copy}>
                      {copied ? 'Copied' : 'Copy'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            )}
          </Stack>
        </Paper>
      )}
      {kase.resolution && (
        <Text size="sm">
          <b>Resolution:</b> {kase.resolution}
        </Text>
      )}
      <Title order={2} size="h4">
        Interactions
      </Title>
      <Paper withBorder>
        {activity.isPending ? (
          <LoadingState label="Loading interactions…" />
        ) : activity.error ? (
          <ErrorState error={activity.error} onRetry={() => void activity.refetch()} />
        ) : activity.data.interactions.length === 0 ? (
          <EmptyState title="No interactions yet" description="Replies and the customer's contacts about this case appear here." />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Case interactions">
              <Table.Tbody>
                {activity.data.interactions.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i.occurredAt)}</Table.Td>
                    <Table.Td>{CHANNEL_LABELS[i.channel]}</Table.Td>
                    <Table.Td>
                      {i.subject}
                      {!i.customer && (i.contactPhone || i.contactEmail) && (
                        <Text size="xs" c="dimmed">
                          Unknown contact: {[i.contactPhone, i.contactEmail].filter(Boolean).join(', ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{i.agent.name}</Table.Td>
                    <Table.Td ta="right">
                      {!i.customer && can('interactions:create') && (
                        <Button size="compact-xs" variant="default" aria-label={`Link ${i.subject} to a customer`} onClick={() => setLinking(i)}>
                          Link to customer…
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Title order={2} size="h4">
        Tasks
      </Title>
      <Paper withBorder>
        {activity.data && activity.data.tasks.length > 0 ? (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Case tasks">
              <Table.Tbody>
                {activity.data.tasks.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(t.dueAt)}</Table.Td>
                    <Table.Td>{t.title}</Table.Td>
                    <Table.Td>{t.assignee?.name ?? 'Branch queue'}</Table.Td>
                    <Table.Td>{t.status === 'done' ? 'Done' : 'Open'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text p="sm" size="sm" c="dimmed">
            No tasks.
          </Text>
        )}
      </Paper>
      {kase.escalations.length > 0 && (
        <>
          <Title order={2} size="h4">
            Escalations
          </Title>
          <List size="sm" listStyleType="none" spacing={4} aria-label="Escalations">
            {kase.escalations.map((e, i) => (
              <List.Item key={i}>
                {formatDateTime(e.escalatedAt)}: {LEVEL_LABELS[e.fromLevel]} → {LEVEL_LABELS[e.toLevel]} ({e.trigger.replace('_', ' ')}) — {e.reason}
                {e.trigger !== 'manual' ? ' · by rule' : e.escalatedBy ? ` · by ${e.escalatedBy.name}` : ''}
              </List.Item>
            ))}
          </List>
        </>
      )}
      <Title order={2} size="h4">
        History
      </Title>
      <List size="sm" listStyleType="none" spacing={4} aria-label="Status history">
        {kase.history.map((h, i) => (
          <List.Item key={i}>
            {formatDateTime(h.changedAt)}: {h.fromStatus ? `${CASE_STATUS_LABELS[h.fromStatus]} → ` : ''}
            {CASE_STATUS_LABELS[h.toStatus]} by {h.changedBy?.name ?? 'the system'}
            {h.reason ? ` — ${h.reason}` : ''}
          </List.Item>
        ))}
      </List>
      <LinkCustomerModal interaction={linking} onClose={() => setLinking(null)} />
      {form && action && (
        <ActionModal
          title={ACTION_LABELS[action]}
          opened
          onClose={close}
          fields={form.fields}
          submitLabel={ACTION_LABELS[action].replace('…', '')}
          loading={form.loading}
          onSubmit={async (values) => {
            await form.submit(values);
            notifySuccess(form.done, `${kase.caseNumber} ${kase.subject}`);
          }}
        />
      )}
    </Stack>
  );
}
