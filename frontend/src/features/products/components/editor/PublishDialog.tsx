import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState } from 'react';
import { formatDate } from '@/lib/format-date';

interface PublishDialogProps {
  opened: boolean;
  versionNumber: number;
  /** The version in force now, which stays in force until the chosen date. */
  currentVersionNumber: number | null;
  /** The server's business date: a version cannot take effect before it. */
  today: string;
  unsavedChanges: boolean;
  loading: boolean;
  /** The server's message about the date, if it refused it. */
  dateError: string | undefined;
  /** False when the dialog closes because of problems shown elsewhere, which take the keyboard. */
  returnFocus: boolean;
  onConfirm: (effectiveFrom: string) => void;
  onClose: () => void;
}

/** Asks for the effective date and says what publishing means before it happens (it cannot be undone). */
export function PublishDialog({ opened, versionNumber, returnFocus, onClose, ...props }: PublishDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Publish version ${versionNumber}`} centered returnFocus={returnFocus}>
      {/* Inside the modal, so every opening starts again from today. */}
      <PublishForm versionNumber={versionNumber} onClose={onClose} {...props} />
    </Modal>
  );
}

function PublishForm({ versionNumber, currentVersionNumber, today, unsavedChanges, loading, dateError, onConfirm, onClose }: Omit<PublishDialogProps, 'opened' | 'returnFocus'>) {
  const [effectiveFrom, setEffectiveFrom] = useState<string | null>(today);
  return (
    <Stack gap="md">
      <Text size="sm">
        From the date you choose, quotes are priced with version {versionNumber}
        {currentVersionNumber !== null ? ` instead of version ${currentVersionNumber}` : ''}. Quotes already given keep their price. A published version can no longer be changed;
        later changes go into a new draft.
      </Text>
      {unsavedChanges && (
        <Text size="sm" fw={500}>
          Your unsaved changes are saved first.
        </Text>
      )}
      <DatePickerInput label="In force from" valueFormat="D MMM YYYY" minDate={today} value={effectiveFrom} onChange={setEffectiveFrom} error={dateError} data-autofocus />
      {effectiveFrom && effectiveFrom !== today && (
        <Text size="xs" c="dimmed">
          Until {formatDate(effectiveFrom)}, the version in force today stays in force.
        </Text>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={loading} disabled={!effectiveFrom} onClick={() => effectiveFrom && onConfirm(effectiveFrom)}>
          Publish version {versionNumber}
        </Button>
      </Group>
    </Stack>
  );
}
