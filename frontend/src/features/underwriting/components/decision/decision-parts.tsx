// What the three decision forms share: the draft they edit, the note, money in text, the confirmation modal,
// and whether a decision on the order is on its way.
import type { DECLINE_REASONS, Order } from '@contracts/orders';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useIsMutating } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { StepProblem } from '@/features/orders';
import { formatMoney } from '@/lib/money';
import { approveOrder } from '../../api/approve-order';
import { declineOrder } from '../../api/decline-order';
import { requestInfo } from '../../api/request-info';

export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** What the underwriter has typed: kept while they switch between decisions. */
export interface DecisionDraft {
  /** For the file; required (3+ characters) to decline. */
  note: string;
  /** Extra premium in whole percent as the input holds it ('' when empty). */
  extra: string | number;
  exclusions: string[];
  declineReason: DeclineReason | null;
  /** What is needed, for a request for information. */
  infoText: string;
}

export const EMPTY_DECISION_DRAFT: DecisionDraft = { note: '', extra: '', exclusions: [], declineReason: null, infoText: '' };

/** The props every decision form takes. */
export interface DecisionFormProps {
  order: Order;
  draft: DecisionDraft;
  onChange: (change: Partial<DecisionDraft>) => void;
  /** Why the last try failed (null to clear it). */
  onProblem: (problem: StepProblem | null) => void;
  /** The last failure, shown above the form's button. */
  problem: ReactNode;
  /** Some decision on this order is on its way. */
  busy: boolean;
}

const DECISION_CALLS: unknown[] = [approveOrder, declineOrder, requestInfo];

/** Whether any decision on the order is being sent, whichever form sent it. */
export function useDecisionBusy(order: Pick<Order, 'id'>): boolean {
  const pending = useIsMutating({
    predicate: (mutation) => DECISION_CALLS.includes(mutation.options.mutationFn) && (mutation.state.variables as { order?: { id?: string } } | undefined)?.order?.id === order.id,
  });
  return pending > 0;
}

export function Money({ minor, currency, strong }: { minor: number; currency: string; strong?: boolean }) {
  return (
    <Text span fw={strong ? 700 : 500} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatMoney(minor, currency)}
    </Text>
  );
}

/** The note for the file: optional when approving, the reason in words when declining. */
export function NoteField({ required, value, onChange }: { required: boolean; value: string; onChange: (note: string) => void }) {
  return (
    <Textarea
      label={required ? 'Note' : 'Note (optional)'}
      description={required ? 'Why, for the agent and the file' : 'For the file'}
      autosize
      minRows={2}
      maxLength={4000}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={required && value.length > 0 && value.trim().length < 3 ? 'At least 3 characters' : undefined}
    />
  );
}

/** Asks before a decision that cannot be undone; Cancel has the focus. */
export function ConfirmModal({ opened, title, onClose, children, confirm }: { opened: boolean; title: string; onClose: () => void; children: ReactNode; confirm: ReactNode }) {
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

/** The form's one button: it sends the decision, or opens the confirmation first. */
export function DecisionButton({
  color,
  icon,
  disabled,
  busy,
  onClick,
  children,
}: {
  color: MantineColor;
  icon: ReactNode;
  disabled: boolean;
  busy: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button size="md" color={color} leftSection={icon} disabled={disabled} loading={busy} onClick={onClick}>
      {children}
    </Button>
  );
}
