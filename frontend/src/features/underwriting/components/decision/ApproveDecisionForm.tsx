import { Alert, Button, Group, List, Loader, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCheck, IconEyeCheck, IconFileAlert, IconStethoscope } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { DOCUMENT_STATUS_LABELS } from '@/components/document-status';
import { EXAM_LABELS, useProductVersion, WorksheetTable } from '@/features/quotes';
import { useAuth } from '@/lib/auth/auth-context';
import { formatMoney, premiumFigure, premiumLabel, premiumPeriod, premiumPeriodWording } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { formatDate } from '@/lib/format-date';
import { useApproveOrder } from '../../api/approve-order';
import { useRatingPreview } from '../../api/rating-preview';
import { approvalReadiness } from '../../approval-readiness';
import { decisionProblem } from '../../decision-problems';
import { ConfirmModal, DecisionButton, Money, NoteField } from './decision-parts';
import type { DecisionFormProps } from './decision-parts';
import { ExclusionsEditor } from './ExclusionsEditor';

function percentOf(value: string | number): number | null {
  const n = typeof value === 'number' ? value : Number(value);
  return value !== '' && Number.isInteger(n) && n >= 1 && n <= 500 ? n : null;
}

/**
 * Approve and issue the policy: as quoted, or with a rating (an extra premium, previewed with the
 * extended worksheet before confirming, and/or exclusions).
 */
export function ApproveDecisionForm({ order, draft, onChange, onProblem, problem, busy, rated }: DecisionFormProps & { rated: boolean }) {
  const { extra, exclusions } = draft;
  const { user } = useAuth();
  const [confirming, setConfirming] = useState(false);
  const percent = percentOf(extra);
  const [debouncedPercent] = useDebouncedValue(percent, 300);
  const preview = useRatingPreview(order.id, rated ? debouncedPercent : null);
  const version = useProductVersion(order.product.versionId);
  const previewCurrent = preview.data && percent !== null && debouncedPercent === percent && !preview.isPlaceholderData;

  const approve = useApproveOrder({
    onSuccess: (saved) => {
      setConfirming(false);
      notifySuccess(
        'Approved: policy issued',
        `${saved.orderNumber} is approved at ${premiumFigure(saved.approvedAnnualPremium ?? saved.annualPremium, saved.currency, saved.paymentFrequency)}.`,
      );
    },
    onError: (error) => {
      setConfirming(false);
      onProblem(decisionProblem(error));
    },
  });

  const extraTyped = extra !== '';
  const ratedReady = (percent !== null || (!extraTyped && exclusions.length > 0)) && !(extraTyped && percent === null);
  const trimmedNote = draft.note.trim();
  // What the server would refuse (FOUR_EYES, DOCUMENTS_UNVERIFIED, EXAMS_OUTSTANDING), said before trying.
  const { submittedByYou, unverifiedDocuments: unverified, openExams, tripStarted, ready } = approvalReadiness(order, user?.id);
  const newPremium = rated && percent !== null && previewCurrent ? preview.data!.annualPremium : order.annualPremium;

  return (
    <>
      {!rated && (
        <Text size="sm">
          The policy is issued at <Money minor={order.annualPremium} currency={order.currency} strong />{' '}
          {premiumPeriodWording({ annualPremium: order.annualPremium, paymentFrequency: order.paymentFrequency })}.
        </Text>
      )}

      {rated && (
        <Stack gap="sm">
          <NumberInput
            label="Extra premium (%)"
            description="A whole percentage, 1 to 500; leave empty for exclusions only"
            min={1}
            max={500}
            allowDecimal={false}
            allowNegative={false}
            value={extra}
            onChange={(value) => onChange({ extra: value })}
            error={extraTyped && percent === null ? 'A whole number from 1 to 500' : undefined}
            maw={220}
          />
          {percent !== null && (
            <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)" aria-live="polite" aria-label="Rated premium">
              {preview.error ? (
                <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
              ) : !preview.data ? (
                <Group gap={6}>
                  <Loader size={14} />
                  <Text size="sm" c="dimmed">
                    Working out the premium…
                  </Text>
                </Group>
              ) : (
                <Stack gap={2} style={{ opacity: previewCurrent ? 1 : 0.5 }}>
                  <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                    New {premiumLabel(order.paymentFrequency).toLowerCase()}
                  </Text>
                  <Text fz={24} fw={700} lh={1.2} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="rated-premium">
                    {formatMoney(preview.data.annualPremium, preview.data.currency)}
                  </Text>
                  <Text size="sm">
                    Quoted <Money minor={order.annualPremium} currency={order.currency} /> · +{formatMoney(preview.data.annualPremium - order.annualPremium, order.currency)}
                  </Text>
                  {preview.data.installments.count > 1 && (
                    <Text size="sm" c="dimmed">
                      {preview.data.installments.count} × {formatMoney(preview.data.installments.amount, preview.data.currency)}
                      {preview.data.installments.firstAmount !== preview.data.installments.amount &&
                        ` (first ${formatMoney(preview.data.installments.firstAmount, preview.data.currency)})`}
                    </Text>
                  )}
                </Stack>
              )}
            </Paper>
          )}
          <ExclusionsEditor value={exclusions} onChange={(next) => onChange({ exclusions: next })} />
        </Stack>
      )}

      <NoteField required={false} value={draft.note} onChange={(note) => onChange({ note })} />

      {submittedByYou && (
        <Alert color="yellow" variant="light" p="xs" icon={<IconEyeCheck size={18} />} title="You submitted this application">
          <Text size="sm">Under the four-eyes rule someone else must approve it.</Text>
        </Alert>
      )}
      {unverified.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          p="xs"
          icon={<IconFileAlert size={18} />}
          title={`${unverified.length} ${unverified.length === 1 ? 'document is' : 'documents are'} not verified`}
        >
          <Text size="sm">
            {unverified.map((d) => `${d.name.replace(/ \(.*\)$/, '')} (${DOCUMENT_STATUS_LABELS[d.status].toLowerCase()})`).join(', ')}. Verify or waive{' '}
            {unverified.length === 1 ? 'it' : 'each one'} under Documents, then approve.
          </Text>
        </Alert>
      )}
      {openExams.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          p="xs"
          icon={<IconStethoscope size={18} />}
          title={`${openExams.length} medical ${openExams.length === 1 ? 'exam is' : 'exams are'} still open`}
        >
          <Text size="sm">
            {openExams.map((e) => EXAM_LABELS[e.examType]).join(', ')}. Record the results or waive {openExams.length === 1 ? 'it' : 'them'} under Medical exams, then approve.
          </Text>
        </Alert>
      )}
      {tripStarted && order.trip && (
        <Alert color="yellow" variant="light" p="xs" title="The trip has started">
          <Text size="sm">
            It left on {formatDate(order.trip.departureDate)}: a trip is insured from its departure, so this application can no longer be approved. Decline it, and quote the trip
            again with new dates if it is still to come.
          </Text>
        </Alert>
      )}
      {problem}

      <DecisionButton
        color="teal"
        icon={<IconCheck size={18} />}
        disabled={!ready || (rated && (!ratedReady || (percent !== null && !previewCurrent)))}
        busy={busy}
        onClick={() => {
          onProblem(null);
          setConfirming(true);
        }}
      >
        {rated ? 'Review and approve…' : 'Approve…'}
      </DecisionButton>

      <ConfirmModal
        opened={confirming}
        title={rated ? `Approve ${order.orderNumber} with a rating?` : `Approve ${order.orderNumber} as quoted?`}
        onClose={() => setConfirming(false)}
        confirm={
          <Button
            color="teal"
            loading={approve.isPending}
            onClick={() =>
              approve.mutate({
                order,
                decision: {
                  ...(rated && percent !== null ? { extraPremiumPercent: percent } : {}),
                  ...(rated && exclusions.length ? { exclusions } : {}),
                  ...(trimmedNote ? { note: trimmedNote } : {}),
                },
              })
            }
          >
            Approve and issue the policy
          </Button>
        }
      >
        <Text size="sm">
          The policy for {order.customer.name} is issued now, at <Money minor={newPremium} currency={order.currency} strong /> {premiumPeriod(order.paymentFrequency)}. This cannot
          be undone.
        </Text>
        {rated && exclusions.length > 0 && (
          <Alert variant="light" color="orange" p="xs" title="Exclusions">
            <List size="sm">
              {exclusions.map((e) => (
                <List.Item key={e}>{e}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {rated && percent !== null && preview.data && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              The worksheet, extended by +{percent} %
            </Text>
            <WorksheetTable price={preview.data} definition={version.data?.definition} coverages={order.coverages} />
          </Stack>
        )}
      </ConfirmModal>
    </>
  );
}
