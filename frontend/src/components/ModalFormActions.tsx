import { Button, Group } from '@mantine/core';

interface ModalFormActionsProps {
  submitLabel: string;
  onCancel: () => void;
  cancelLabel?: string;
  loading?: boolean;
  disabled?: boolean;
  color?: string;
}

/** The closing row of a form in a modal or dialog: Cancel, then the submit button on the right. */
export function ModalFormActions({ submitLabel, onCancel, cancelLabel = 'Cancel', loading, disabled, color }: ModalFormActionsProps) {
  return (
    <Group justify="flex-end" mt="xs">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <Button type="submit" loading={loading} disabled={disabled} color={color}>
        {submitLabel}
      </Button>
    </Group>
  );
}
