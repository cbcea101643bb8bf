import { CLAIM_PAYMENT_METHODS } from '@contracts/claims';
import type { Claim, ClaimPaymentMethod } from '@contracts/claims';
import { Checkbox, NumberInput, Select, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { serverFieldErrors } from '@/lib/form-errors';
import { formatMoney, toMajorUnits, typedMinorUnits } from '@/lib/money';
import { PAYMENT_METHOD_LABELS } from '../claim-labels';
import { claimProblem } from '../claim-problems';
import type { ClaimProblem } from '../claim-problems';

/**
 * What both ways of paying a claim share (one payee, or the beneficiaries by share): one
 * Idempotency-Key for the form's lifetime (a double click, or a retry after a lost answer, pays once),
 * no second send before the first answer, the coverage the assessment pays, the amount (at most what
 * is left), the method, the final flag and the note, and server errors placed on their fields.
 */
export function useClaimPaymentForm(claim: Claim, { finalByDefault }: { finalByDefault: boolean }) {
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const sending = useRef(false);
  const left = Math.max(0, (claim.approvedAmount ?? 0) - claim.paidAmount);
  const paidLines = (claim.assessment?.lines ?? []).filter((l) => l.payable > 0);
  const [coverage, setCoverage] = useState<string | null>(paidLines[0]?.coverage ?? null);
  const [amount, setAmount] = useState<number | string>(left > 0 ? toMajorUnits(left) : '');
  const [method, setMethod] = useState<ClaimPaymentMethod>('bank_transfer');
  const [final, setFinal] = useState(finalByDefault);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const minor = typedMinorUnits(amount);
  return {
    claim,
    idempotencyKey,
    left,
    paidLines,
    coverage,
    setCoverage,
    amount,
    setAmount,
    minor,
    method,
    setMethod,
    final,
    setFinal,
    note,
    setNote,
    errors,
    failure,
    /** The fields both bodies carry, as typed. */
    common: () => ({ coverage: coverage ?? '', amount: minor, method, final, ...(note.trim() ? { note: note.trim() } : {}) }),
    /** Shows the form's own findings (with "more than is left" added); true when it may be sent. */
    check: (local: Partial<Record<string, string>>) => {
      if (!local.amount && minor !== undefined && minor > left) local.amount = `At most what is left to pay, ${formatMoney(left, claim.currency)}`;
      setErrors(local);
      setFailure(null);
      return Object.keys(local).length === 0;
    },
    /** Runs `send` once at a time: a click while the first is on its way sends nothing. */
    sendOnce: (send: (settled: () => void) => void) => {
      if (sending.current) return;
      sending.current = true;
      send(() => void (sending.current = false));
    },
    /** A refused payment: errors on the named fields, anything else in the alert. */
    refused: (error: unknown, fields: readonly string[]) => {
      const { byField, unplaced } = serverFieldErrors(error, fields);
      setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(claimProblem(error, claim.currency));
    },
  };
}

export type ClaimPaymentForm = ReturnType<typeof useClaimPaymentForm>;

export function LeftToPay({ form, suffix = '' }: { form: ClaimPaymentForm; suffix?: string }) {
  const { claim, left } = form;
  return (
    <Text size="sm">
      Approved {formatMoney(claim.approvedAmount ?? 0, claim.currency)}, paid {formatMoney(claim.paidAmount, claim.currency)}: <b>{formatMoney(left, claim.currency)}</b> left to
      pay{suffix}.
    </Text>
  );
}

export function CoverageSelect({ form }: { form: ClaimPaymentForm }) {
  const names = new Map(form.claim.coverageCheck.coverages.map((c) => [c.code, c.name]));
  return (
    <Select
      label="Coverage"
      data={form.paidLines.map((l) => ({ value: l.coverage, label: names.get(l.coverage) ?? l.coverage }))}
      value={form.coverage}
      onChange={form.setCoverage}
      allowDeselect={false}
      error={form.errors.coverage}
    />
  );
}

export function AmountInput({ form, autoFocus = false }: { form: ClaimPaymentForm; autoFocus?: boolean }) {
  return (
    <NumberInput
      label={`Amount (${form.claim.currency})`}
      value={form.amount}
      onChange={form.setAmount}
      min={0}
      decimalScale={2}
      fixedDecimalScale
      thousandSeparator=","
      error={form.errors.amount}
      data-autofocus={autoFocus || undefined}
    />
  );
}

export function MethodSelect({ form }: { form: ClaimPaymentForm }) {
  return (
    <Select
      label="Method"
      data={CLAIM_PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))}
      value={form.method}
      onChange={(v) => v && form.setMethod(v as ClaimPaymentMethod)}
      allowDeselect={false}
      error={form.errors.method}
    />
  );
}

/** The final flag (saying when a payment settles the claim anyway) and the optional note. */
export function FinalAndNote({ form }: { form: ClaimPaymentForm }) {
  const settlesAnyway = !form.final && form.minor !== undefined && form.minor === form.left;
  return (
    <>
      <Checkbox
        label="Final payment: settle the claim and release the reserves left"
        checked={form.final}
        onChange={(e) => form.setFinal(e.currentTarget.checked)}
        description={settlesAnyway ? 'This payment reaches the approved amount: it settles the claim anyway.' : undefined}
      />
      <Textarea label="Note (optional)" autosize minRows={1} maxLength={1000} value={form.note} onChange={(e) => form.setNote(e.currentTarget.value)} error={form.errors.note} />
    </>
  );
}
