import type { Claim } from '@contracts/claims';
import { Alert, Anchor, Badge, Button, DataList, Grid, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconNote } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { Fact } from '@/components/Fact';
import { LoadingState } from '@/components/LoadingState';
import { Panel } from '@/components/Panel';
import { FactLink, FactNote, RecordHeader } from '@/components/RecordHeader';
import { StatusTimeline } from '@/components/StatusTimeline';
import { HistoryPanel } from '@/features/audit';
import { useClaim, useClaimHistory, useClaimNotes, useClaimPayments, useClaimReserves } from '@/features/claims/api/get-claim';
import { availableClaimActions } from '@/features/claims/claim-actions';
import {
  ASSESSMENT_DECISION_LABELS,
  CLAIMS_PATH,
  CLAIM_STATUS_COLORS,
  CLAIM_STATUS_LABELS,
  LOSS_TYPE_LABELS,
  PAYEE_KIND_LABELS,
  PAYMENT_METHOD_LABELS,
  REPORTER_KIND_LABELS,
  RESERVE_KIND_LABELS,
  coverageName,
  reasonCodeLabel,
} from '@/features/claims/claim-labels';
import { AddNoteModal } from '@/features/claims/components/AddNoteModal';
import { ChangeReserveModal, ReserveDecisionModal } from '@/features/claims/components/ChangeReserveModal';
import type { ReserveDecisionTarget } from '@/features/claims/components/ChangeReserveModal';
import { ClaimActionBar } from '@/features/claims/components/ClaimActionBar';
import { ClaimDocumentsPanel } from '@/features/claims/components/ClaimDocumentsPanel';
import { FastTrackPanel } from '@/features/claims/components/FastTrackPanel';
import { FraudPanel } from '@/features/claims/components/FraudPanel';
import { InformationRequestsPanel } from '@/features/claims/components/InformationRequestsPanel';
import { ClaimStatusBadge } from '@/features/claims/components/ClaimStatusBadge';
import { CoverageCheckList } from '@/features/claims/components/CoverageCheckList';
import { customerPath } from '@/features/customers';
import { policyPath } from '@/features/policies';
import { useAuth, useCurrentUser } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { useDialogTarget } from '@/lib/use-dialog-target';

function CoverageCheckPanel({ claim }: { claim: Claim }) {
  const check = claim.coverageCheck;
  return (
    <Panel title="Coverage check">
      {claim.coverageDoubtful && (
        <Alert color="orange" variant="light" p="sm" mb="sm" icon={<IconAlertTriangle size={18} />} title="Coverage doubtful: the adjuster looks at it first">
          <List size="sm">
            {check.reasons.map((r) => (
              <List.Item key={r}>{r}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <CoverageCheckList checks={check.checks} />
      <Text size="xs" c="dimmed" mt="sm">
        On the terms {check.termsVersion !== null ? `of version ${check.termsVersion}` : ''} in force on {formatDate(check.lossDate)}.
      </Text>
    </Panel>
  );
}

function ReservesPanel({ claim }: { claim: Claim }) {
  const { can } = useAuth();
  const me = useCurrentUser();
  const reserves = useClaimReserves(claim.id);
  const changes = reserves.data?.changes ?? [];
  const [changing, setChanging] = useState(false);
  const deciding = useDialogTarget<ReserveDecisionTarget>();
  const mayChange = availableClaimActions(claim, can).includes('reserve');
  return (
    <Panel
      title="Reserves"
      aside={
        <Group gap="sm">
          <Text size="sm">Outstanding {formatMoney(claim.outstandingReserve, claim.currency)}</Text>
          {mayChange && (
            <Button size="xs" variant="default" onClick={() => setChanging(true)}>
              Change reserve
            </Button>
          )}
        </Group>
      }
    >
      {claim.reserves.length === 0 ? (
        <Text size="sm" c="dimmed">
          No reserve held.
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label="Reserves held">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Coverage</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claim.reserves.map((r) => (
              <Table.Tr key={`${r.coverage}/${r.kind}`}>
                <Table.Td>{coverageName(claim, r.coverage)}</Table.Td>
                <Table.Td>{RESERVE_KIND_LABELS[r.kind]}</Table.Td>
                <Table.Td ta="right">{formatMoney(r.amount, claim.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {changes.length > 0 && (
        <>
          <Title order={3} size="h6" mt="md" mb={4}>
            Changes
          </Title>
          <Table verticalSpacing={4} aria-label="Reserve changes">
            <Table.Tbody>
              {changes.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="sm">
                      {coverageName(claim, c.coverage)}, {c.kind}: {formatMoney(c.previousAmount, claim.currency)} → {formatMoney(c.newAmount, claim.currency)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.reason} — {c.requestedBy.name}, {formatDateTime(c.requestedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" c={c.status === 'pending' ? 'orange' : c.status === 'declined' ? 'red' : undefined}>
                      {c.status === 'pending' ? 'Pending approval' : c.status === 'declined' ? 'Declined' : 'Posted'}
                    </Text>
                    {c.status === 'pending' && mayChange && c.requestedBy.id !== me.id && (
                      <Group gap={4} justify="flex-end" mt={4} wrap="nowrap">
                        <Button size="compact-xs" onClick={() => deciding.open({ change: c, decision: 'approve' })}>
                          Approve
                        </Button>
                        <Button size="compact-xs" variant="default" color="red" onClick={() => deciding.open({ change: c, decision: 'decline' })}>
                          Decline
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <ChangeReserveModal claim={claim} opened={changing} onClose={() => setChanging(false)} />
      <ReserveDecisionModal claim={claim} target={deciding.target} opened={deciding.opened} onClose={deciding.close} />
    </Panel>
  );
}

/** What was paid on an approved claim, to whom and how, and what is left of the approved amount. */
function PaymentsPanel({ claim }: { claim: Claim }) {
  const payments = useClaimPayments(claim.id, claim.approvedAmount !== null);
  if (claim.approvedAmount === null) return null;
  const items = payments.data?.items ?? [];
  return (
    <Panel
      title="Payments"
      aside={
        <Text size="sm">
          Paid {formatMoney(claim.paidAmount, claim.currency)} of {formatMoney(claim.approvedAmount, claim.currency)} approved
        </Text>
      }
    >
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing paid yet.
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label="Claim payments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Payment</Table.Th>
              <Table.Th>Paid to</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Text size="sm">
                    {p.paymentNumber}
                    {p.final ? ' (final)' : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {coverageName(claim, p.coverage)} · {PAYMENT_METHOD_LABELS[p.method]} · {p.paidBy.name}, {formatDateTime(p.paidAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.payee.name}</Text>
                  <Text size="xs" c="dimmed">
                    {PAYEE_KIND_LABELS[p.payee.kind]}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatMoney(p.amount, p.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {payments.data && payments.data.payableLeft > 0 && (
        <Text size="xs" c="dimmed" mt="sm">
          {formatMoney(payments.data.payableLeft, claim.currency)} left to pay.
        </Text>
      )}
    </Panel>
  );
}

/** The assessment in force: each coverage's payable amount and how it was reached, the decision and its approvals so far. */
function AssessmentPanel({ claim }: { claim: Claim }) {
  const a = claim.assessment;
  if (!a) return null;
  return (
    <Panel title="Assessment" aside={<Text size="sm">Payable {formatMoney(a.total, claim.currency)}</Text>}>
      {a.lines.length > 0 && (
        <Table verticalSpacing={4} aria-label="Assessment per coverage">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Coverage</Table.Th>
              <Table.Th>How</Table.Th>
              <Table.Th ta="right">Payable</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.lines.map((l) => (
              <Table.Tr key={l.coverage}>
                <Table.Td>{coverageName(claim, l.coverage)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{l.explanation}</Text>
                </Table.Td>
                <Table.Td ta="right">{formatMoney(l.payable, claim.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <DataList labelWidth={130} size="sm" mt="sm">
        <Fact label="Decision">
          {ASSESSMENT_DECISION_LABELS[a.decision]} ({reasonCodeLabel(a.reasonCode).toLowerCase()}){a.reason ? `: ${a.reason}` : ''}
        </Fact>
        <Fact label="Assessed">
          {formatDateTime(a.assessedAt)} by {a.assessedBy.name}
        </Fact>
        <Fact label="Approvals">
          {a.approvals.length} of {a.approvalsRequired}
          {a.approvals.map((ap) => ` — level ${ap.level}: ${ap.approvedBy.name}, ${formatDateTime(ap.approvedAt)}`).join('')}
        </Fact>
      </DataList>
    </Panel>
  );
}

function NotesPanel({ claim }: { claim: Claim }) {
  const { can } = useAuth();
  const notes = useClaimNotes(claim.id);
  const items = notes.data?.items ?? [];
  const [adding, setAdding] = useState(false);
  return (
    <Panel
      title="Investigation notes (internal)"
      aside={
        availableClaimActions(claim, can).includes('note') && (
          <Button size="xs" variant="default" leftSection={<IconNote size={14} />} onClick={() => setAdding(true)}>
            Add note
          </Button>
        )
      }
    >
      {notes.error ? (
        <ErrorState error={notes.error} onRetry={() => void notes.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {notes.isPending ? 'Loading…' : 'No notes yet.'}
        </Text>
      ) : (
        <Stack gap="xs">
          {items.map((n) => (
            <div key={n.id}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {n.body}
              </Text>
              <Text size="xs" c="dimmed">
                {n.createdBy.name}, {formatDateTime(n.createdAt)}
              </Text>
            </div>
          ))}
        </Stack>
      )}
      <AddNoteModal claim={claim} opened={adding} onClose={() => setAdding(false)} />
    </Panel>
  );
}

/** Whose claim, on which policy, what and where it stands, and the claim's next steps. */
function ClaimHeader({ claim }: { claim: Claim }) {
  const { can } = useAuth();
  return (
    <RecordHeader
      breadcrumbs={[{ label: 'Claims', to: CLAIMS_PATH }, { label: claim.claimNumber }]}
      title={`Claim ${claim.claimNumber}`}
      badges={
        <>
          <ClaimStatusBadge status={claim.status} size="lg" data-testid="claim-status" />
          {claim.coverageDoubtful && (
            <Badge variant="outline" color="orange" size="lg">
              Coverage doubtful
            </Badge>
          )}
        </>
      }
      facts={[
        {
          label: 'Policyholder',
          value: (
            <>
              <FactLink to={can('customers:read') ? customerPath(claim.customer.id) : null}>{claim.customer.name}</FactLink>{' '}
              <FactNote number>{claim.customer.customerNumber}</FactNote>
            </>
          ),
        },
        {
          label: 'Policy',
          value: (
            <FactLink number to={can('policies:read') ? policyPath(claim.policy.id) : null}>
              {claim.policy.policyNumber}
            </FactLink>
          ),
        },
        { label: 'Loss', value: `${LOSS_TYPE_LABELS[claim.lossType]}, ${formatDate(claim.lossDate)}` },
        { label: 'Adjuster', value: claim.assignee?.name ?? 'Unassigned' },
        ...(claim.approvedAmount !== null
          ? [{ label: 'Paid', value: `${formatMoney(claim.paidAmount, claim.currency)} of ${formatMoney(claim.approvedAmount, claim.currency)}` }]
          : claim.claimedAmount !== null
            ? [{ label: 'Claimed', value: formatMoney(claim.claimedAmount, claim.currency) }]
            : []),
        ...(claim.ageDays !== null ? [{ label: 'Open for', value: `${claim.ageDays} days` }] : []),
      ]}
      actions={<ClaimActionBar claim={claim} />}
    />
  );
}

/** /claims/:id — the claim, and the actions the user may take on it. */
export function ClaimDetailPage() {
  const { id = '' } = useParams();
  const { data: claim, error, isPending, refetch } = useClaim(id);
  const history = useClaimHistory(id);
  const back = (
    <Anchor component={Link} to={CLAIMS_PATH} size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> Claims
    </Anchor>
  );
  if (isPending) return <LoadingState label="Loading the claim…" />;
  if (error) {
    return (
      <Stack gap="md" maw={640}>
        {back}
        <ErrorState error={error} onRetry={() => void refetch()} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <ClaimHeader claim={claim} />
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Panel title="Loss">
              <DataList labelWidth={150} size="sm">
                <Fact label="Loss type">{LOSS_TYPE_LABELS[claim.lossType]}</Fact>
                <Fact label="When">
                  {formatDate(claim.lossDate)}
                  {claim.lossTime ? ` at ${claim.lossTime}` : ''}
                </Fact>
                <Fact label="Where">{claim.location}</Fact>
                <Fact label="What happened">{claim.description}</Fact>
                <Fact label="Claimed">{claim.claimedAmount !== null ? formatMoney(claim.claimedAmount, claim.currency) : 'Not known yet'}</Fact>
                <Fact label="Reported by">
                  {claim.reporter.name} ({REPORTER_KIND_LABELS[claim.reporter.kind].toLowerCase()}
                  {claim.reporter.relationship ? `, ${claim.reporter.relationship}` : ''}) — {[claim.reporter.phone, claim.reporter.email].filter(Boolean).join(', ')}
                </Fact>
              </DataList>
            </Panel>
            <CoverageCheckPanel claim={claim} />
            <FastTrackPanel claim={claim} />
            <FraudPanel claim={claim} />
            <ClaimDocumentsPanel claim={claim} />
            <InformationRequestsPanel claim={claim} />
            <ReservesPanel claim={claim} />
            <AssessmentPanel claim={claim} />
            <PaymentsPanel claim={claim} />
            <NotesPanel claim={claim} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <Panel title="Handling">
              <DataList labelWidth={130} size="sm">
                <Fact label="Adjuster">{claim.assignee?.name ?? 'Unassigned'}</Fact>
                <Fact label="Reported">
                  {formatDateTime(claim.createdAt)} by {claim.createdBy.name}
                </Fact>
                {claim.submittedAt && <Fact label="Submitted">{formatDateTime(claim.submittedAt)}</Fact>}
                {claim.decidedAt && (
                  <Fact label="Decided">
                    {formatDateTime(claim.decidedAt)} ({claim.processingBusinessDays} business days)
                  </Fact>
                )}
                {claim.ageDays !== null && <Fact label="Open for">{claim.ageDays} days</Fact>}
                {claim.openInformationRequests.length > 0 && (
                  <Fact label="Waiting for">
                    {claim.openInformationRequests.length === 1 ? 'The claimant: 1 request' : `The claimant: ${claim.openInformationRequests.length} requests`}
                    {claim.openInformationRequests.some((r) => r.overdue) && (
                      <Badge color="red" ml="xs">
                        Overdue
                      </Badge>
                    )}
                  </Fact>
                )}
              </DataList>
            </Panel>
            <Panel title="Status">
              {history.data ? (
                <StatusTimeline history={history.data.items} labels={CLAIM_STATUS_LABELS} colors={CLAIM_STATUS_COLORS} />
              ) : history.error ? (
                <ErrorState error={history.error} onRetry={() => void history.refetch()} />
              ) : (
                <Text size="sm" c="dimmed">
                  Loading…
                </Text>
              )}
            </Panel>
          </Stack>
        </Grid.Col>
      </Grid>
      <HistoryPanel entityType="claim" entityId={claim.id} />
    </Stack>
  );
}
