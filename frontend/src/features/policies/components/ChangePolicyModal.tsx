import type { CancellationReason, EndorsementChanges, Policy, PolicyTerms, PolicyTransaction } from '@contracts/policies';
import type { PaymentFrequency, ProductDefinition } from '@contracts/products';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Switch, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { BeneficiariesEditor, BeneficiariesTable, beneficiaryRows, checkBeneficiaries, type BeneficiaryRow } from '@/features/orders';
import { EXAM_LABELS, FREQUENCY_LABELS, WorksheetTable, formatSum } from '@/features/quotes';
import { ApiError, describeError } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { formatDate } from '@/lib/format-date';
import { formatMoney, toMajorUnits, typedMinorUnits } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useQuotePolicyChange, usePolicyTransactionStep } from '../api/policy-transactions';
import { billingText } from '../billing-effect';

type ChangeKind = 'cover' | 'frequency' | 'smoker' | 'region' | 'beneficiaries';
const KIND_LABELS: Record<ChangeKind, string> = { cover: 'Cover', frequency: 'Payment frequency', smoker: 'Smoker status', region: 'Region', beneficiaries: 'Beneficiaries' };
const FIELDS = ['effectiveDate', 'reason', 'changes'] as const;
/** Each beneficiary's fields as the API names them in a change (`changes.beneficiaries.0.share`), and the list itself. */
const BENEFICIARY_FIELDS = (rows: number) => [
  'changes.beneficiaries',
  ...Array.from({ length: rows }, (_, i) => ['name', 'relationship', 'dateOfBirth', 'share', 'tier'].map((f) => `changes.beneficiaries.${i}.${f}`)).flat(),
];

interface Failure {
  title: string;
  detail?: string;
}

/** The server's refusal in the words an agent acts on. */
function changeProblem(error: unknown): Failure {
  if (error instanceof ApiError) {
    if (error.code === 'POLICY_TRANSACTION_STALE') return { title: 'The policy changed meanwhile', detail: `${error.detail} Close this and start again.` };
    if (error.code === 'POLICY_TRANSACTION_NOT_ELIGIBLE') {
      const reasons = (error.extensions.reasons as { message: string }[] | undefined)?.map((r) => r.message).join(' ');
      return { title: 'The product does not allow this change', detail: reasons ?? error.detail };
    }
    if (error.code === 'POLICY_TRANSACTION_REFERRED') return { title: 'Waiting for an underwriter', detail: error.detail };
    if (error.code === 'BACKDATING_NOT_ALLOWED') return { title: 'Backdating needs a senior agent', detail: error.detail };
  }
  const { title, detail } = describeError(error);
  return { title, detail };
}

const today = () => new Date().toISOString().slice(0, 10);
/** The last day of a period given by its first day after (policy years end the day before the anniversary). */
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

interface FormProps {
  policy: Policy;
  /** The newest terms (smoker status and region come from there). */
  terms: PolicyTerms | undefined;
  definition: ProductDefinition | undefined;
  onQuoted: (tx: PolicyTransaction) => void;
  onCancel: () => void;
}

/** What changes, from when, who asked and why. */
function ChangeForm({ policy, terms, definition, onQuoted, onCancel }: FormProps) {
  const [kind, setKind] = useState<ChangeKind>('cover');
  const [effectiveDate, setEffectiveDate] = useState(today());
  const [requestedBy, setRequestedBy] = useState<'policyholder' | 'insurer'>('policyholder');
  const [reason, setReason] = useState('');
  const held = new Map(policy.coverages.map((c) => [c.code, c.sumInsured]));
  const [cover, setCover] = useState<Record<string, { included: boolean; amount: number | string }>>(() =>
    Object.fromEntries((definition?.coverages ?? []).map((c) => [c.code, { included: held.has(c.code), amount: held.has(c.code) ? toMajorUnits(held.get(c.code)!) : '' }])),
  );
  const [frequency, setFrequency] = useState<PaymentFrequency>(policy.paymentFrequency);
  const [smoker, setSmoker] = useState(terms?.smoker ?? false);
  const [region, setRegion] = useState(terms?.region ?? '');
  // Who receives the benefit (no re-rating): shown where the policy names beneficiaries (life cover).
  const currentBeneficiaries = terms?.beneficiaries ?? policy.beneficiaries;
  const hasBeneficiaries = currentBeneficiaries.length > 0;
  const beneficiariesForm = useForm<{ beneficiaries: BeneficiaryRow[] }>({ initialValues: { beneficiaries: beneficiaryRows(currentBeneficiaries) } });
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const quote = useQuotePolicyChange(policy.id);
  const phone = useMediaQuery('(max-width: 48em)');
  const kinds = (Object.keys(KIND_LABELS) as ChangeKind[]).filter((k) => k !== 'beneficiaries' || hasBeneficiaries);

  const changes = (): EndorsementChanges | string => {
    switch (kind) {
      case 'cover': {
        const coverages = [];
        for (const c of definition?.coverages ?? []) {
          const row = cover[c.code];
          if (!row?.included) continue;
          const flat = 'options' in c.sumInsured;
          const minor = flat ? 0 : typedMinorUnits(row.amount);
          if (minor === undefined) return `Enter the sum insured of ${c.name}`;
          coverages.push({ code: c.code, sumInsured: minor });
        }
        return { coverages };
      }
      case 'frequency':
        return { paymentFrequency: frequency };
      case 'smoker':
        return { smoker };
      case 'region':
        return region.trim().length >= 2 ? { region: region.trim().toUpperCase() } : 'Enter the region code (e.g. NY)';
      case 'beneficiaries': {
        const problems: Record<string, string> = {};
        const beneficiaries = checkBeneficiaries(beneficiariesForm.values.beneficiaries, today(), problems);
        beneficiariesForm.setErrors(problems);
        if (Object.keys(problems).length) return problems.beneficiaries ?? 'Correct the beneficiaries marked below';
        return beneficiaries.length ? { beneficiaries } : 'Name at least one beneficiary';
      }
    }
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const local: Partial<Record<string, string>> = {};
    const asked = changes();
    if (typeof asked === 'string') local.changes = asked;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate)) local.effectiveDate = 'Use the format YYYY-MM-DD';
    if (reason.trim().length < 3) local.reason = 'Say why (at least 3 characters)';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length || typeof asked === 'string') return;
    quote.mutate(
      { type: 'endorsement', effectiveDate, requestedBy, reason: reason.trim(), changes: asked },
      {
        onSuccess: onQuoted,
        onError: (error) => {
          // The beneficiaries' own fields (changes.beneficiaries.0.share) go next to them.
          const onRows = serverFieldErrors(error, BENEFICIARY_FIELDS(beneficiariesForm.values.beneficiaries.length)).byField;
          beneficiariesForm.setErrors(Object.fromEntries(Object.entries(onRows).map(([path, message]) => [path.slice('changes.'.length), message])));
          const { byField, unplaced } = serverFieldErrors(error, FIELDS);
          if (Object.keys(onRows).length) delete byField.changes; // shown beside the beneficiaries instead
          setErrors(byField);
          if ((Object.keys(byField).length === 0 && Object.keys(onRows).length === 0) || unplaced.length > 0) setFailure(changeProblem(error));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Change the policy">
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as ChangeKind)}
          data={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          aria-label="What changes"
          // Five choices do not fit side by side on a phone: stacked there.
          orientation={phone ? 'vertical' : 'horizontal'}
          fullWidth
        />
        {kind === 'cover' && (
          <Table verticalSpacing={4} aria-label="Cover after the change">
            <Table.Tbody>
              {(definition?.coverages ?? []).map((c) => {
                const row = cover[c.code] ?? { included: false, amount: '' };
                const flat = 'options' in c.sumInsured;
                return (
                  <Table.Tr key={c.code}>
                    <Table.Td>
                      <Checkbox
                        label={c.name}
                        checked={row.included}
                        disabled={c.required}
                        onChange={(e) => setCover({ ...cover, [c.code]: { ...row, included: e.currentTarget.checked } })}
                      />
                    </Table.Td>
                    <Table.Td w={200}>
                      {flat ? (
                        <Text size="sm" c="dimmed">
                          Flat
                        </Text>
                      ) : (
                        <NumberInput
                          aria-label={`Sum insured of ${c.name} (${policy.currency})`}
                          value={row.amount}
                          onChange={(amount) => setCover({ ...cover, [c.code]: { ...row, amount } })}
                          disabled={!row.included}
                          thousandSeparator=","
                          decimalScale={2}
                          size="xs"
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {kind === 'frequency' && (
          <Select
            label="Pay"
            value={frequency}
            onChange={(v) => v && setFrequency(v as PaymentFrequency)}
            data={Object.keys(definition?.frequencyLoadings ?? { [policy.paymentFrequency]: '0' }).map((f) => ({ value: f, label: FREQUENCY_LABELS[f as PaymentFrequency] }))}
            allowDeselect={false}
          />
        )}
        {kind === 'smoker' && <Switch label="The insured smokes" checked={smoker} onChange={(e) => setSmoker(e.currentTarget.checked)} />}
        {kind === 'region' && (
          <TextInput label="Region" description="The rating region after the move, e.g. NY" value={region} onChange={(e) => setRegion(e.currentTarget.value)} maxLength={40} />
        )}
        {kind === 'beneficiaries' && <BeneficiariesEditor form={beneficiariesForm} />}
        {errors.changes && (
          <Text size="sm" c="red" role="alert">
            {errors.changes}
          </Text>
        )}
        <Group grow align="flex-start">
          <TextInput
            label="Effective date"
            description={`Within this policy year; before today needs a senior agent`}
            placeholder="YYYY-MM-DD"
            maxLength={10}
            value={effectiveDate}
            onChange={(e) => setEffectiveDate(e.currentTarget.value)}
            error={errors.effectiveDate}
          />
          <Select
            label="Asked by"
            value={requestedBy}
            onChange={(v) => v && setRequestedBy(v as 'policyholder' | 'insurer')}
            data={[
              { value: 'policyholder', label: 'The policyholder' },
              { value: 'insurer', label: 'The insurer' },
            ]}
            allowDeselect={false}
          />
        </Group>
        <Textarea label="Reason" autosize minRows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
        <FailureAlert failure={failure} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={quote.isPending}>
            Quote the change
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The quoted change: old and new premium, what the rest of the policy year costs, the worksheet; issue it or drop it. */
export function QuotedChange({ tx, policy, definition, onDone }: { tx: PolicyTransaction; policy: Policy; definition: ProductDefinition | undefined; onDone: () => void }) {
  const step = usePolicyTransactionStep(policy.id);
  const [failure, setFailure] = useState<Failure | null>(null);
  // A double click sends one request: the second click arrives before the button shows it is busy.
  const sent = useRef(false);
  const q = tx.quote!;
  const currency = policy.currency;
  const run = (action: 'issue' | 'discard') => {
    if (sent.current) return;
    sent.current = true;
    // mutateAsync: its callbacks run even when the change unmounts this component (the page re-renders the policy's new state first).
    void step.mutateAsync({ tx, action, reason: action === 'discard' ? 'Not taken up by the customer' : undefined }).then(
      (done) => {
        if (action === 'issue' && done.type === 'cancellation')
          notifySuccess(`${policy.policyNumber} cancelled`, `From ${formatDate(done.effectiveDate)}. ${billingText(done, currency)}.`);
        else if (action === 'issue') {
          notifySuccess(
            `${done.transactionNumber} issued`,
            `Version ${done.resultTermsVersion} of the terms from ${formatDate(done.effectiveDate)}. ${billingText(done, currency)}.`,
          );
        } else notifySuccess(`${done.transactionNumber} discarded`, 'The policy is unchanged.');
        onDone();
      },
      (error: unknown) => {
        sent.current = false;
        setFailure(changeProblem(error));
      },
    );
  };
  const delta = q.premiumDelta;
  const settlement = q.cancellation;
  const referred = tx.status === 'draft' && tx.referral?.status === 'pending';
  return (
    <Stack gap="sm" aria-label="Quoted change">
      {referred && (
        <Alert variant="light" color="orange" title="Referred to an underwriter" data-testid="referral">
          {[
            ...tx.referral!.medicalExams.map((e) => `${EXAM_LABELS[e.exam as keyof typeof EXAM_LABELS] ?? e.exam} (${e.description})`),
            ...tx.referral!.referrals.map((r) => r.message),
          ].join('; ')}
          . The change waits in the underwriting queue; once accepted it can be issued from the Changes panel.
        </Alert>
      )}
      {settlement ? (
        <Alert variant="light" color={delta > 0 ? 'blue' : 'teal'} title={`The policy ends on ${formatDate(tx.effectiveDate)}`} data-testid="settlement">
          {settlement.freeLook
            ? `Within the free-look period (until ${formatDate(settlement.freeLookEndsOn)}): the whole premium billed, ${formatMoney(settlement.billed, currency)}, goes back to the customer's credit.`
            : `Billed for policy year ${q.policyYear.number}: ${formatMoney(settlement.billed, currency)}; earned to ${formatDate(tx.effectiveDate)}: ${formatMoney(settlement.earned, currency)}. ${
                delta < 0
                  ? `${formatMoney(-delta, currency)} goes back to the customer's credit`
                  : delta > 0
                    ? `${formatMoney(delta, currency)} is still to pay, on one invoice`
                    : 'Nothing to settle'
              }.`}{' '}
          {(settlement.shortRatePenalty ?? 0) + (settlement.fee ?? 0) > 0 &&
            `The product keeps ${formatMoney(settlement.shortRatePenalty ?? 0, currency)} of the unearned premium (short rate) and charges a ${formatMoney(settlement.fee ?? 0, currency)} cancellation fee. `}
          What the customer has paid and is not owed stays as their credit, to refund from the billing panel (with its approval).
        </Alert>
      ) : (
        <>
          <Group gap="xl">
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Annual premium now
              </Text>
              <Text fw={600}>{formatMoney(q.oldAnnualPremium, currency)}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                After the change
              </Text>
              <Text fw={700} data-testid="new-annual-premium">
                {formatMoney(q.newAnnualPremium, currency)}
              </Text>
            </div>
            {tx.newTerms && (
              <div>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  Sum insured
                </Text>
                <Text fw={600}>{formatSum(tx.newTerms.sumInsured, currency)}</Text>
              </div>
            )}
          </Group>
          <Alert variant="light" color={delta > 0 ? 'blue' : delta < 0 ? 'teal' : 'gray'} data-testid="pro-rata">
            {delta === 0
              ? 'No premium change for the rest of this policy year.'
              : `For the ${q.daysRemaining} days left of policy year ${q.policyYear.number} (to ${formatDate(dayBefore(q.policyYear.to))}): ${
                  delta > 0 ? `${formatMoney(delta, currency)} to pay, on one invoice` : `${formatMoney(-delta, currency)} back to the customer as credit`
                }. From the next policy year the new premium is billed ${FREQUENCY_LABELS[tx.newTerms?.paymentFrequency ?? policy.paymentFrequency].toLowerCase()}.`}
          </Alert>
        </>
      )}
      {tx.newTerms && 'beneficiaries' in tx.changes && tx.changes.beneficiaries && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            Beneficiaries after the change
          </Text>
          <BeneficiariesTable beneficiaries={tx.newTerms.beneficiaries} />
        </Stack>
      )}
      {q.worksheet.length > 0 && tx.newTerms && (
        <WorksheetTable
          price={{ currency, annualPremium: q.newAnnualPremium, installments: tx.newTerms.installments, worksheet: q.worksheet }}
          definition={definition}
          coverages={tx.newTerms.coverages}
        />
      )}
      <FailureAlert failure={failure} />
      <Group justify="flex-end">
        <Button variant="default" color="red" onClick={() => run('discard')} loading={step.isPending && step.variables?.action === 'discard'}>
          Discard
        </Button>
        {referred ? (
          <Button onClick={onDone}>Done</Button>
        ) : (
          <Button color={settlement ? 'red' : undefined} onClick={() => run('issue')} loading={step.isPending && step.variables?.action === 'issue'}>
            {settlement ? 'Cancel the policy' : 'Issue the change'}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Change a policy: the form, then the quoted change to issue. */
export function ChangePolicyModal({
  opened,
  onClose,
  policy,
  terms,
  definition,
}: {
  opened: boolean;
  onClose: () => void;
  policy: Policy;
  terms: PolicyTerms | undefined;
  definition: ProductDefinition | undefined;
}) {
  const [quoted, setQuoted] = useState<PolicyTransaction | null>(null);
  const phone = useMediaQuery('(max-width: 48em)');
  const close = () => {
    setQuoted(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={quoted ? `${quoted.transactionNumber}: the change, priced` : `Change ${policy.policyNumber}`} size="xl" fullScreen={phone}>
      {quoted ? (
        <QuotedChange tx={quoted} policy={policy} definition={definition} onDone={close} />
      ) : (
        <ChangeForm policy={policy} terms={terms} definition={definition} onQuoted={setQuoted} onCancel={close} />
      )}
    </Modal>
  );
}

const CUSTOMER_REASONS: { value: CancellationReason; label: string }[] = [
  { value: 'customer_request', label: 'The customer no longer wants it' },
  { value: 'replaced_elsewhere', label: 'Replaced by another insurer' },
  { value: 'affordability', label: 'Cannot afford it' },
  { value: 'moved_abroad', label: 'Moved abroad' },
  { value: 'other', label: 'Other' },
];
const FOR_CAUSE: { value: CancellationReason; label: string }[] = [
  { value: 'misrepresentation', label: 'Misrepresentation (insurer)' },
  { value: 'fraud', label: 'Fraud (insurer)' },
];

/** Cancel a policy: the reason and date, then the settlement to confirm. */
export function CancelPolicyModal({ opened, onClose, policy, forCause }: { opened: boolean; onClose: () => void; policy: Policy; forCause: boolean }) {
  const [quoted, setQuoted] = useState<PolicyTransaction | null>(null);
  const [effectiveDate, setEffectiveDate] = useState(today());
  const [cancellationReason, setCancellationReason] = useState<CancellationReason>('customer_request');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const phone = useMediaQuery('(max-width: 48em)');
  const quote = useQuotePolicyChange(policy.id);
  const close = () => {
    setQuoted(null);
    onClose();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const local: Partial<Record<string, string>> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate)) local.effectiveDate = 'Use the format YYYY-MM-DD';
    if (reason.trim().length < 3) local.reason = 'Say why (at least 3 characters)';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    const requestedBy = FOR_CAUSE.some((r) => r.value === cancellationReason) ? 'insurer' : 'policyholder';
    quote.mutate(
      { type: 'cancellation', effectiveDate, requestedBy, reason: reason.trim(), cancellationReason },
      {
        onSuccess: setQuoted,
        onError: (error) => {
          const { byField, unplaced } = serverFieldErrors(error, FIELDS);
          setErrors(byField);
          if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(changeProblem(error));
        },
      },
    );
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={quoted ? `${quoted.transactionNumber}: cancelling ${policy.policyNumber}` : `Cancel ${policy.policyNumber}`}
      size="lg"
      fullScreen={phone}
    >
      {quoted ? (
        <QuotedChange tx={quoted} policy={policy} definition={undefined} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate aria-label="Cancel the policy">
          <Stack gap="sm">
            <Select
              label="Why"
              value={cancellationReason}
              onChange={(v) => v && setCancellationReason(v as CancellationReason)}
              data={forCause ? [...CUSTOMER_REASONS, ...FOR_CAUSE] : CUSTOMER_REASONS}
              allowDeselect={false}
            />
            <TextInput
              label="Cancel from"
              description="Cover ends on this date; before today needs a senior agent"
              placeholder="YYYY-MM-DD"
              maxLength={10}
              value={effectiveDate}
              onChange={(e) => setEffectiveDate(e.currentTarget.value)}
              error={errors.effectiveDate}
            />
            <Textarea label="Note" autosize minRows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
            <FailureAlert failure={failure} />
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={close}>
                Keep the policy
              </Button>
              <Button type="submit" color="red" loading={quote.isPending}>
                Work out the settlement
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
