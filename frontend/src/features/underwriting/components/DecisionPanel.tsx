import { DECLINE_REASONS } from '@contracts/orders';
import type { Order } from '@contracts/orders';
import { ActionIcon, Alert, Button, Divider, Group, List, Loader, Modal, NumberInput, Paper, Radio, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCheck, IconMessageQuestion, IconPlus, IconStethoscope, IconX } from '@tabler/icons-react';
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { DECLINE_REASON_LABELS, DOCUMENT_STATUS_LABELS, StepProblemAlert } from '@/features/orders';
import type { StepProblem } from '@/features/orders';
import { EXAM_LABELS, FREQUENCY_LABELS, useProductVersion, WorksheetTable } from '@/features/quotes';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useApproveOrder } from '../api/approve-order';
import { useDeclineOrder } from '../api/decline-order';
import { useRatingPreview } from '../api/rating-preview';
import { useRequestInfo } from '../api/request-info';
import { decisionProblem } from '../decision-problems';

type Choice = 'approve' | 'rated' | 'decline' | 'info';
type DeclineReason = (typeof DECLINE_REASONS)[number];

const CHOICES: { value: Choice; label: string; description: string }[] = [
  { value: 'approve', label: 'Approve as quoted', description: 'Issue the policy at the quoted premium' },
  { value: 'rated', label: 'Approve with rating', description: 'An extra premium and/or exclusions' },
  { value: 'decline', label: 'Decline', description: 'With a reason and a note' },
  { value: 'info', label: 'Request information', description: 'Ask the agent; it goes to their work list' },
];
const DECLINE_OPTIONS = DECLINE_REASONS.map((value) => ({ value, label: DECLINE_REASON_LABELS[value] }));
const MAX_EXCLUSIONS = 10;

function percentOf(value: string | number): number | null {
  const n = typeof value === 'number' ? value : Number(value);
  return value !== '' && Number.isInteger(n) && n >= 1 && n <= 500 ? n : null;
}

function Money({ minor, currency, strong }: { minor: number; currency: string; strong?: boolean }) {
  return (
    <Text span fw={strong ? 700 : 500} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatMoney(minor, currency)}
    </Text>
  );
}

/** Exclusions as a short list: type one, Add, remove with ×. */
function ExclusionsEditor({ value, onChange }: { value: string[]; onChange: (next: string[]) => void }) {
  const [text, setText] = useState('');
  const trimmed = text.trim();
  const add = () => {
    if (trimmed.length < 3 || value.length >= MAX_EXCLUSIONS || value.includes(trimmed)) return;
    onChange([...value, trimmed]);
    setText('');
  };
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label="Exclusions"
          description="What the policy will not cover, one at a time"
          placeholder="e.g. Death from motor racing"
          value={text}
          maxLength={300}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          error={text.length > 0 && trimmed.length < 3 ? 'At least 3 characters' : undefined}
          style={{ flex: 1 }}
        />
        <Button variant="default" leftSection={<IconPlus size={14} />} onClick={add} disabled={trimmed.length < 3 || value.length >= MAX_EXCLUSIONS} mb={text.length > 0 && trimmed.length < 3 ? 22 : 0}>
          Add
        </Button>
      </Group>
      {value.length > 0 && (
        <List size="sm" spacing={2} aria-label="Exclusions">
          {value.map((exclusion) => (
            <List.Item key={exclusion}>
              <Group gap={4} wrap="nowrap">
                <Text size="sm">{exclusion}</Text>
                <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Remove exclusion ${exclusion}`} onClick={() => onChange(value.filter((e) => e !== exclusion))}>
                  <IconX size={12} />
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function ConfirmModal({ opened, title, onClose, children, confirm }: { opened: boolean; title: string; onClose: () => void; children: ReactNode; confirm: ReactNode }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="auto">
      <Stack gap="md" maw={820}>
        {children}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          {confirm}
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The underwriter's decision on an application in underwriting: approve (as quoted or rated, the new
 * premium previewed with the extended worksheet before confirming), decline, or ask for information.
 */
export function DecisionPanel({ order }: { order: Order }) {
  const titleId = useId();
  const [choice, setChoice] = useState<Choice>('approve');
  const [note, setNote] = useState('');
  const [extra, setExtra] = useState<string | number>('');
  const [exclusions, setExclusions] = useState<string[]>([]);
  const [declineReason, setDeclineReason] = useState<DeclineReason | null>(null);
  const [infoText, setInfoText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<StepProblem | null>(null);

  const percent = percentOf(extra);
  const [debouncedPercent] = useDebouncedValue(percent, 300);
  const preview = useRatingPreview(order.id, choice === 'rated' ? debouncedPercent : null);
  const version = useProductVersion(order.product.versionId);
  const previewCurrent = preview.data && percent !== null && debouncedPercent === percent && !preview.isPlaceholderData;

  const onError = (error: Error) => {
    setConfirming(false);
    setProblem(decisionProblem(error));
  };
  const approve = useApproveOrder({
    onSuccess: (saved) => {
      setConfirming(false);
      notifySuccess('Approved: policy issued', `${saved.orderNumber} is approved at ${formatMoney(saved.approvedAnnualPremium ?? saved.annualPremium, saved.currency)} a year.`);
    },
    onError,
  });
  const decline = useDeclineOrder({
    onSuccess: (saved) => (setConfirming(false), notifySuccess('Application declined', `${saved.orderNumber} is declined; the agent sees the reason.`)),
    onError,
  });
  const requestInfo = useRequestInfo({
    onSuccess: (saved) => notifySuccess('Information requested', `${saved.orderNumber} is back with ${saved.agent.name}, in their work list.`),
    onError,
  });

  const extraTyped = extra !== '';
  const ratedReady = (percent !== null || (!extraTyped && exclusions.length > 0)) && !(extraTyped && percent === null);
  const declineReady = declineReason !== null && note.trim().length >= 3;
  const infoReady = infoText.trim().length >= 3;
  const busy = approve.isPending || decline.isPending || requestInfo.isPending;
  const trimmedNote = note.trim();
  // Approval needs every exam's results or a waiver (409 EXAMS_OUTSTANDING otherwise): say so before trying.
  const openExams = order.exams.filter((e) => e.status !== 'results_received' && e.status !== 'waived');
  const approving = choice === 'approve' || choice === 'rated';
  const blockedByExams = approving && openExams.length > 0;
  // Not a rule of the server, but worth a look before approving: documents nobody has verified.
  const unverified = order.documents.filter((d) => d.status !== 'verified');

  const decide = () => {
    setProblem(null);
    if (choice === 'info') {
      if (infoReady) requestInfo.mutate({ order, reason: infoText.trim() });
      return;
    }
    setConfirming(true);
  };

  const newPremium = choice === 'rated' && percent !== null && previewCurrent ? preview.data!.annualPremium : order.annualPremium;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} shadow="xs">
      <Stack gap="sm">
        <Title id={titleId} order={2} size="h4">
          Decision
        </Title>
        <Radio.Group value={choice} onChange={(value) => (setProblem(null), setChoice(value as Choice))} aria-label="Decision">
          <Stack gap={8}>
            {CHOICES.map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} description={c.description} />
            ))}
          </Stack>
        </Radio.Group>
        <Divider />

        {choice === 'approve' && (
          <Text size="sm">
            The policy is issued at <Money minor={order.annualPremium} currency={order.currency} strong /> a year ({FREQUENCY_LABELS[order.paymentFrequency].toLowerCase()}).
          </Text>
        )}

        {choice === 'rated' && (
          <Stack gap="sm">
            <NumberInput
              label="Extra premium (%)"
              description="A whole percentage, 1 to 500; leave empty for exclusions only"
              min={1}
              max={500}
              allowDecimal={false}
              allowNegative={false}
              value={extra}
              onChange={setExtra}
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
                      New annual premium
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
                        {preview.data.installments.firstAmount !== preview.data.installments.amount && ` (first ${formatMoney(preview.data.installments.firstAmount, preview.data.currency)})`}
                      </Text>
                    )}
                  </Stack>
                )}
              </Paper>
            )}
            <ExclusionsEditor value={exclusions} onChange={setExclusions} />
          </Stack>
        )}

        {choice === 'decline' && (
          <Select label="Reason" placeholder="Choose the reason" data={DECLINE_OPTIONS} value={declineReason} onChange={(value) => setDeclineReason(value as DeclineReason | null)} allowDeselect={false} />
        )}

        {choice === 'info' ? (
          <Textarea
            label="What is needed"
            description="The agent sees this on the application and in their work list."
            placeholder="e.g. A letter from the cardiologist about the 2023 treatment."
            autosize
            minRows={3}
            maxLength={2000}
            value={infoText}
            onChange={(event) => setInfoText(event.currentTarget.value)}
          />
        ) : (
          <Textarea
            label={choice === 'decline' ? 'Note' : 'Note (optional)'}
            description={choice === 'decline' ? 'Why, for the agent and the file' : 'For the file'}
            autosize
            minRows={2}
            maxLength={4000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={choice === 'decline' && note.length > 0 && trimmedNote.length < 3 ? 'At least 3 characters' : undefined}
          />
        )}

        {blockedByExams && (
          <Alert color="yellow" variant="light" p="xs" icon={<IconStethoscope size={18} />} title={`${openExams.length} medical ${openExams.length === 1 ? 'exam is' : 'exams are'} still open`}>
            <Text size="sm">
              {openExams.map((e) => EXAM_LABELS[e.examType]).join(', ')}. Record the results or waive {openExams.length === 1 ? 'it' : 'them'} under Medical exams, then approve.
            </Text>
          </Alert>
        )}
        {approving && !blockedByExams && unverified.length > 0 && (
          <Text size="sm" c="orange.8">
            Not verified: {unverified.map((d) => `${d.name.replace(/ \(.*\)$/, '')} (${DOCUMENT_STATUS_LABELS[d.status].toLowerCase()})`).join(', ')}.
          </Text>
        )}
        {problem && <StepProblemAlert problem={problem} customerId={order.customer.id} onClose={() => setProblem(null)} />}

        <Button
          size="md"
          color={choice === 'decline' ? 'red' : choice === 'info' ? 'yellow' : 'teal'}
          leftSection={choice === 'info' ? <IconMessageQuestion size={18} /> : choice === 'decline' ? <IconX size={18} /> : <IconCheck size={18} />}
          disabled={blockedByExams || (choice === 'rated' && (!ratedReady || (percent !== null && !previewCurrent))) || (choice === 'decline' && !declineReady) || (choice === 'info' && !infoReady)}
          loading={busy}
          onClick={decide}
        >
          {choice === 'approve' ? 'Approve…' : choice === 'rated' ? 'Review and approve…' : choice === 'decline' ? 'Decline…' : 'Send to the agent'}
        </Button>
      </Stack>

      <ConfirmModal
        opened={confirming && (choice === 'approve' || choice === 'rated')}
        title={choice === 'rated' ? `Approve ${order.orderNumber} with a rating?` : `Approve ${order.orderNumber} as quoted?`}
        onClose={() => setConfirming(false)}
        confirm={
          <Button
            color="teal"
            loading={approve.isPending}
            onClick={() =>
              approve.mutate({
                order,
                decision: {
                  ...(choice === 'rated' && percent !== null ? { extraPremiumPercent: percent } : {}),
                  ...(choice === 'rated' && exclusions.length ? { exclusions } : {}),
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
          The policy for {order.customer.name} is issued now, at <Money minor={newPremium} currency={order.currency} strong /> a year. This cannot be undone.
        </Text>
        {choice === 'rated' && exclusions.length > 0 && (
          <Alert variant="light" color="orange" p="xs" title="Exclusions">
            <List size="sm">
              {exclusions.map((e) => (
                <List.Item key={e}>{e}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {choice === 'rated' && percent !== null && preview.data && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              The worksheet, extended by +{percent} %
            </Text>
            <WorksheetTable price={preview.data} definition={version.data?.definition} coverages={order.coverages} />
          </Stack>
        )}
      </ConfirmModal>

      <ConfirmModal
        opened={confirming && choice === 'decline'}
        title={`Decline ${order.orderNumber}?`}
        onClose={() => setConfirming(false)}
        confirm={
          <Button color="red" loading={decline.isPending} onClick={() => declineReason && decline.mutate({ order, reasonCode: declineReason, note: trimmedNote })}>
            Decline application
          </Button>
        }
      >
        <Text size="sm">
          {order.customer.name}&apos;s application is declined ({declineReason ? DECLINE_REASON_LABELS[declineReason].toLowerCase() : ''}). This cannot be undone.
        </Text>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
          “{trimmedNote}”
        </Text>
      </ConfirmModal>
    </Paper>
  );
}
