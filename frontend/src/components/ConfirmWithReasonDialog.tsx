import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import type { MantineColor, TextareaProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface ConfirmWithReasonFormProps {
  /** The form's accessible name, e.g. "Reject document". */
  formLabel?: string;
  /** What will happen, the reason and note fields, and why the last try failed, in the order they read. */
  children: ReactNode;
  confirmLabel: string;
  /** "Cancel" unless the action itself is a cancellation ("Keep it"). */
  cancelLabel?: string;
  /** Red for actions that take something away (reject, withdraw). */
  color?: MantineColor;
  loading?: boolean;
  /** Until the reason is long enough, say. */
  confirmDisabled?: boolean;
  /** Submitting the form: the action button, or Enter in a one-line field. */
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The inside of a dialog that confirms an action recorded with a reason (reject a document, withdraw
 * an application, verify an identity with notes): the fields, then Cancel and the action. Use it
 * inside a Modal directly when the form holds state that must start afresh each time the dialog opens.
 */
export function ConfirmWithReasonForm({
  formLabel,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  color,
  loading,
  confirmDisabled,
  onConfirm,
  onCancel,
}: ConfirmWithReasonFormProps) {
  return (
    <form
      noValidate
      aria-label={formLabel}
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm();
      }}
    >
      <Stack gap="sm">
        {children}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {cancelLabel}
          </Button>
          <Button type="submit" color={color} loading={loading} disabled={confirmDisabled}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ConfirmWithReasonDialogProps extends Omit<ConfirmWithReasonFormProps, 'onCancel'> {
  opened: boolean;
  onClose: () => void;
  title: string;
  centered?: boolean;
}

/** Asks to confirm an action with its reason, in a modal; Cancel closes it. */
export function ConfirmWithReasonDialog({ opened, onClose, title, centered, ...form }: ConfirmWithReasonDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered={centered}>
      <ConfirmWithReasonForm {...form} onCancel={onClose} />
    </Modal>
  );
}

/** Characters a typed reason needs (trimmed) where the API has no stricter rule of its own. */
export const REASON_MIN_LENGTH = 3;

export const isReasonLongEnough = (reason: string) => reason.trim().length >= REASON_MIN_LENGTH;

interface ReasonFieldProps extends Omit<TextareaProps, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
}

/** A reason typed in a text area: "At least 3 characters" once something too short is typed, else the given error. */
export function ReasonField({ value, onChange, error, minRows = 2, ...props }: ReasonFieldProps) {
  return (
    <Textarea
      autosize
      minRows={minRows}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={value.length > 0 && !isReasonLongEnough(value) ? `At least ${REASON_MIN_LENGTH} characters` : error}
      {...props}
    />
  );
}
