import { ChangeReserveBody, RESERVE_KINDS } from '@contracts/claims';
import type { Claim, ReserveChange, ReserveKind } from '@contracts/claims';
import { Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ConfirmWithReasonForm } from '@/components/ConfirmWithReasonDialog';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { serverFieldErrors } from '@/lib/form-errors';
import { schemaFieldErrors } from '@/lib/form-schema';
import { formatMoney, toMajorUnits, typedMinorUnits } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { useChangeReserve, useDecideReserveChange } from '../api/change-reserve';
import { coverageName, RESERVE_KIND_LABELS } from '../claim-labels';
import { claimProblem } from '../claim-problems';
import type { ClaimProblem } from '../claim-problems';

const FIELDS = ['coverage', 'kind', 'amount', 'reason'] as const;

const heldOf = (claim: Claim, coverage: string | null, kind: ReserveKind) => claim.reserves.find((r) => r.coverage === coverage && r.kind === kind)?.amount ?? 0;

function ReserveForm({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  const coverages = claim.coverageCheck.coverages;
  const [coverage, setCoverage] = useState<string | null>(coverages[0]?.code ?? null);
  const [kind, setKind] = useState<ReserveKind>('indemnity');
  const held = heldOf(claim, coverage, kind);
  const [amount, setAmount] = useState<number | string>(toMajorUnits(held));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const mutation = useChangeReserve({
    onSuccess: (reserves) => {
      const pending = reserves.changes.some((c) => c.status === 'pending' && c.coverage === coverage && c.kind === kind);
      notifySuccess(
        pending ? 'Reserve change waits for approval' : 'Reserve changed',
        pending ? 'It is above your claim limit: a colleague with the limit approves it.' : 'Posted to the ledger.',
      );
      onClose();
    },
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, FIELDS);
      setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(claimProblem(error, claim.currency));
    },
  });
  const dirty = reason !== '' || typedMinorUnits(amount) !== held;
  useUnsavedChanges(dirty && !mutation.isSuccess);
  // Another coverage or kind: start from the reserve it holds.
  const choose = (nextCoverage: string | null, nextKind: ReserveKind) => {
    setCoverage(nextCoverage);
    setKind(nextKind);
    setAmount(toMajorUnits(heldOf(claim, nextCoverage, nextKind)));
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const typed = { coverage: coverage ?? '', kind, amount: typedMinorUnits(amount), reason };
    const local: Partial<Record<string, string>> = schemaFieldErrors(ChangeReserveBody, typed);
    const sumInsured = coverages.find((c) => c.code === coverage)?.sumInsured;
    if (!local.amount && kind === 'indemnity' && sumInsured && typed.amount !== undefined && typed.amount > sumInsured)
      local.amount = `At most the sum insured, ${formatMoney(sumInsured, claim.currency)}`;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    mutation.mutate({ claim, body: ChangeReserveBody.parse(typed) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Change a reserve">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label="Coverage"
            data={coverages.map((c) => ({ value: c.code, label: c.name }))}
            value={coverage}
            onChange={(v) => choose(v, kind)}
            allowDeselect={false}
            error={errors.coverage}
          />
          <Select
            label="Kind"
            data={RESERVE_KINDS.map((k) => ({ value: k, label: RESERVE_KIND_LABELS[k] }))}
            value={kind}
            onChange={(v) => v && choose(coverage, v as ReserveKind)}
            allowDeselect={false}
            error={errors.kind}
          />
        </SimpleGrid>
        <NumberInput
          label={`New reserve (${claim.currency})`}
          description={`Held now: ${formatMoney(held, claim.currency)}. 0 releases it.`}
          value={amount}
          onChange={setAmount}
          min={0}
          decimalScale={2}
          fixedDecimalScale
          thousandSeparator=","
          error={errors.amount}
          data-autofocus
        />
        <Textarea label="Reason" autosize minRows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} required />
        <Text size="xs" c="dimmed">
          A raise that takes the claim’s reserves above your claim limit waits for a colleague’s approval; a lowering is posted at once.
        </Text>
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Change reserve" onCancel={onClose} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function ChangeReserveModal({ claim, opened, onClose }: { claim: Claim; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Change a reserve of ${claim.claimNumber}`}>
      {opened && <ReserveForm claim={claim} onClose={onClose} />}
    </Modal>
  );
}

function DecisionForm({ claim, change, decision, onClose }: { claim: Claim; change: ReserveChange; decision: 'approve' | 'decline'; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const mutation = useDecideReserveChange({
    onSuccess: () => {
      notifySuccess(
        decision === 'approve' ? 'Reserve change approved' : 'Reserve change declined',
        decision === 'approve' ? 'Posted to the ledger.' : 'The reserve stays as it was.',
      );
      onClose();
    },
    onError: (error) => setFailure(claimProblem(error, claim.currency)),
  });
  return (
    <ConfirmWithReasonForm
      formLabel={decision === 'approve' ? 'Approve the reserve change' : 'Decline the reserve change'}
      confirmLabel={decision === 'approve' ? 'Approve change' : 'Decline change'}
      color={decision === 'decline' ? 'red' : undefined}
      loading={mutation.isPending}
      onCancel={onClose}
      onConfirm={() => {
        if (mutation.isPending) return;
        setFailure(null);
        mutation.mutate({ claim, changeId: change.id, body: { decision, ...(note.trim() ? { note: note.trim() } : {}) } });
      }}
    >
      <Text size="sm">
        {coverageName(claim, change.coverage)}, {RESERVE_KIND_LABELS[change.kind].toLowerCase()}: {formatMoney(change.previousAmount, claim.currency)} →{' '}
        <b>{formatMoney(change.newAmount, claim.currency)}</b>, asked by {change.requestedBy.name}: “{change.reason}”
      </Text>
      <Textarea label="Note (optional)" autosize minRows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
      <FailureAlert failure={failure} />
    </ConfirmWithReasonForm>
  );
}

export interface ReserveDecisionTarget {
  change: ReserveChange;
  decision: 'approve' | 'decline';
}

/** Approve or decline a pending reserve change (never by whoever asked for it). */
export function ReserveDecisionModal({ claim, target, opened, onClose }: { claim: Claim; target: ReserveDecisionTarget | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened && target !== null} onClose={onClose} title={target?.decision === 'decline' ? 'Decline the reserve change?' : 'Approve the reserve change'} centered>
      {opened && target && <DecisionForm claim={claim} change={target.change} decision={target.decision} onClose={onClose} />}
    </Modal>
  );
}
