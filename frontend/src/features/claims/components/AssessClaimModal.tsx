import { ASSESSMENT_DECISIONS } from '@contracts/claims';
import type { AssessmentDecision, AssessmentReasonCode, Claim } from '@contracts/claims';
import { Alert, Modal, NumberInput, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { serverFieldErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { useAssessClaim } from '../api/assess-claim';
import { buildAssessBody, initialAssessValues, reasonCodesOf, withDecision } from '../assess-form';
import type { AssessFormValues } from '../assess-form';
import { ASSESSMENT_DECISION_LABELS, reasonCodeLabel } from '../claim-labels';
import { claimProblem } from '../claim-problems';
import type { ClaimProblem } from '../claim-problems';

function AssessForm({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  const coverages = claim.coverageCheck.coverages;
  const [initial] = useState(() =>
    initialAssessValues(
      coverages.map((c) => c.code),
      claim.claimedAmount,
    ),
  );
  const [values, setValues] = useState<AssessFormValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const mutation = useAssessClaim({
    onSuccess: (saved) => {
      notifySuccess(`${saved.claimNumber} assessed`, saved.assessment ? `Payable ${formatMoney(saved.assessment.total, saved.currency)}; another person decides it.` : '');
      onClose();
    },
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, ['lines', 'decision', 'reasonCode', 'reason']);
      setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(claimProblem(error, claim.currency));
    },
  });
  useUnsavedChanges(values !== initial && !mutation.isSuccess);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = buildAssessBody(values);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) mutation.mutate({ claim, body: result.body });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Assess the claim">
      <Stack gap="sm">
        <Text size="sm">
          The loss established on each coverage, before the deductible; the payable amount (less the deductible, within what is left of the sum insured) is worked out when saved.
          Leave a coverage empty to not assess it.
        </Text>
        {coverages.length === 0 && (
          <Alert color="orange" variant="light">
            No coverage of this policy answers a {claim.lossType.replace(/_/g, ' ')}: only a rejection can be assessed.
          </Alert>
        )}
        {coverages.map((c, i) => (
          <NumberInput
            key={c.code}
            label={`${c.name} — loss (${claim.currency})`}
            description={`Sum insured ${formatMoney(c.sumInsured, claim.currency)}`}
            value={values.losses[c.code]}
            onChange={(v) => setValues((prev) => ({ ...prev, losses: { ...prev.losses, [c.code]: v } }))}
            min={0}
            decimalScale={2}
            fixedDecimalScale
            thousandSeparator=","
            error={errors[`losses.${c.code}`] ?? (i === 0 ? errors.lines : undefined)}
            data-autofocus={i === 0 || undefined}
          />
        ))}
        <div>
          <Text size="sm" fw={500} mb={4} id="assess-decision">
            Decision
          </Text>
          <SegmentedControl
            aria-labelledby="assess-decision"
            fullWidth
            data={ASSESSMENT_DECISIONS.map((d) => ({ value: d, label: ASSESSMENT_DECISION_LABELS[d] }))}
            value={values.decision}
            onChange={(v) => setValues((prev) => withDecision(prev, v as AssessmentDecision))}
          />
        </div>
        <Select
          label="Reason code"
          data={reasonCodesOf(values.decision).map((code) => ({ value: code, label: reasonCodeLabel(code) }))}
          value={values.reasonCode}
          onChange={(v) => v && setValues((prev) => ({ ...prev, reasonCode: v as AssessmentReasonCode }))}
          allowDeselect={false}
          error={errors.reasonCode}
        />
        <Textarea
          label={values.decision === 'reject' ? 'The clause, and why it applies' : 'Reason'}
          description={values.decision === 'approve' ? 'Optional' : undefined}
          required={values.decision !== 'approve'}
          autosize
          minRows={2}
          maxLength={1000}
          value={values.reason}
          onChange={(e) => {
            const reason = e.currentTarget.value;
            setValues((prev) => ({ ...prev, reason }));
          }}
          error={errors.reason}
        />
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Save assessment" onCancel={onClose} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function AssessClaimModal({ claim, opened, onClose }: { claim: Claim; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Assess ${claim.claimNumber}`} size="lg">
      {opened && <AssessForm claim={claim} onClose={onClose} />}
    </Modal>
  );
}
