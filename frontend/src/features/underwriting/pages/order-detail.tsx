import type { Order } from '@contracts/orders';
import type { DeclarationQuestion } from '@contracts/products';
import { Alert, Anchor, Grid, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { StatusTimeline } from '@/components/StatusTimeline';
import type { StatusChange } from '@/components/StatusTimeline';
import { HistoryPanel } from '@/features/audit';
import { Panel } from '@/components/Panel';
import { OrderExams } from '@/features/exams';
import {
  ApplicationForm,
  ApplicationSummary,
  DECLINE_REASON_LABELS,
  DocumentChecklist,
  InfoRequestBanner,
  ORDER_STATUS_COLORS,
  ORDER_STATUS_LABELS,
  OrderHeader,
  ORDERS_PATH,
  SubmitPanel,
  useOrder,
  WithdrawButton,
} from '@/features/orders';
import { policyPath } from '@/features/policies';
import type { StepProblem } from '@/features/orders';
import { productVersionQueryOptions } from '@/features/quotes';
import { CustomerRiskPanel } from '@/features/underwriting/components/CustomerRiskPanel';
import { DecisionPanel } from '@/features/underwriting/components/DecisionPanel';
import { QuoteWorksheetPanel } from '@/features/underwriting/components/QuoteWorksheetPanel';
import { ReferralAlert } from '@/features/underwriting/components/ReferralAlert';
import { StartReviewPanel } from '@/features/underwriting/components/StartReviewPanel';
import { UNDERWRITING_PATH } from '@/features/underwriting/underwriting-paths';
import { useAuth } from '@/lib/auth/auth-context';
import { decidedAfter } from '@/lib/business-days';
import { formatPremium } from '@/lib/money';

const EDITABLE: readonly Order['status'][] = ['draft', 'info_requested'];
const WITHDRAWABLE: readonly Order['status'][] = ['draft', 'submitted', 'info_requested'];
const REVIEWING: readonly Order['status'][] = ['submitted', 'in_underwriting'];

/** A decline's history reason is "code: note"; the code reads as words. */
function historyReason(change: StatusChange<Order['status']>): string | null {
  if (change.toStatus === 'declined' && change.reason) {
    const [code, ...note] = change.reason.split(': ');
    const label = DECLINE_REASON_LABELS[code as keyof typeof DECLINE_REASON_LABELS];
    if (label) return `${label}: ${note.join(': ')}`;
  }
  if (change.fromStatus === 'info_requested' && change.toStatus === 'submitted' && change.reason) return `Answer: ${change.reason}`;
  return change.reason;
}

function Outcome({ order }: { order: Order }) {
  if (order.status === 'approved') {
    const rated = order.extraPremiumPercent !== null || order.exclusions.length > 0;
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck />} title={rated ? 'Approved with a rating' : 'Approved as quoted'}>
        <Text size="sm">
          The policy is issued at{' '}
          {formatPremium({ annualPremium: order.approvedAnnualPremium ?? order.annualPremium, currency: order.currency, paymentFrequency: order.paymentFrequency })}
          {order.extraPremiumPercent !== null ? `, with ${order.extraPremiumPercent} % extra premium` : ''}
          {order.processingBusinessDays !== null ? `; ${decidedAfter(order.processingBusinessDays)}` : ''}.
        </Text>
        {order.exclusions.length > 0 && <Text size="sm">Exclusions: {order.exclusions.join('; ')}.</Text>}
      </Alert>
    );
  }
  if (order.status === 'declined') {
    const decline = [...order.history].reverse().find((h) => h.toStatus === 'declined');
    return (
      <Alert color="red" variant="light" icon={<IconCircleX />} title="Declined">
        <Text size="sm">{decline ? historyReason(decline) : 'Declined by underwriting.'}</Text>
      </Alert>
    );
  }
  return null;
}

/** /orders/:id — the application: the agent fills it in and follows it; the underwriter reviews and decides it. */
export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const { data: order, error, isPending, refetch } = useOrder(id);
  // The version's declaration questions (published versions never change).
  const versionId = order?.product.versionId ?? '';
  const version = useQuery({ ...productVersionQueryOptions(versionId), enabled: versionId !== '' });
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<StepProblem | null>(null);
  const onDirtyChange = useCallback((next: boolean) => setDirty(next), []);
  const underwriter = can('orders:underwrite');
  const back = underwriter && !can('orders:create') ? { to: UNDERWRITING_PATH, label: 'Underwriting queue' } : { to: ORDERS_PATH, label: 'Applications' };

  const backLink = (
    <Anchor component={Link} to={back.to} size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {back.label}
    </Anchor>
  );
  if (isPending) return <LoadingState label="Loading the application…" />;
  if (error) {
    return (
      <Stack gap="md" maw={640}>
        {backLink}
        <ErrorState error={error} onRetry={() => void refetch()} />
      </Stack>
    );
  }

  const questions: DeclarationQuestion[] | undefined = version.data?.definition.declarationQuestions;
  const editable = EDITABLE.includes(order.status) && can('orders:create');
  const reviewing = underwriter && REVIEWING.includes(order.status);
  const showReview = underwriter && !editable;

  return (
    <Stack gap="md">
      {backLink}
      <OrderHeader order={order} policyPath={policyPath} actions={WITHDRAWABLE.includes(order.status) && can('orders:create') ? <WithdrawButton order={order} /> : undefined} />
      {order.status === 'info_requested' && <InfoRequestBanner order={order} dirty={dirty} problem={problem} onProblem={setProblem} />}
      <Outcome order={order} />
      {(showReview || order.requirements.referrals.length > 0) && <ReferralAlert referrals={order.requirements.referrals} />}

      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {editable ? (
              questions ? (
                <ApplicationForm key={order.version} order={order} questions={questions} submitErrors={problem?.fieldErrors ?? null} onDirtyChange={onDirtyChange} />
              ) : version.error ? (
                <ErrorState error={version.error} onRetry={() => void version.refetch()} />
              ) : (
                <LoadingState label="Loading the declaration questions…" />
              )
            ) : (
              <ApplicationSummary order={order} questions={questions} />
            )}
            <Panel title="Documents">
              <DocumentChecklist order={order} missingOnSubmit={problem?.missingDocuments ?? []} />
            </Panel>
            <Panel title="Medical exams">
              <OrderExams order={order} />
            </Panel>
            {showReview && <QuoteWorksheetPanel order={order} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            {order.status === 'draft' && can('orders:create') && <SubmitPanel order={order} questions={questions} dirty={dirty} problem={problem} onProblem={setProblem} />}
            {reviewing && order.status === 'submitted' && <StartReviewPanel order={order} />}
            {reviewing && order.status === 'in_underwriting' && <DecisionPanel key={order.version} order={order} />}
            <Panel title="Status">
              <StatusTimeline history={order.history} labels={ORDER_STATUS_LABELS} colors={ORDER_STATUS_COLORS} reasonText={historyReason} />
            </Panel>
            {showReview && can('customers:read') && <CustomerRiskPanel customerId={order.customer.id} />}
          </Stack>
        </Grid.Col>
      </Grid>
      <HistoryPanel entityType="order" entityId={order.id} />
    </Stack>
  );
}
