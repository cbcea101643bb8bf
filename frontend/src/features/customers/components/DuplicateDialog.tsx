import type { DuplicateList } from '@contracts/customers';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { DuplicateCandidatesList, OtherBranchDuplicateNote } from './DuplicateCandidatesList';

interface DuplicateDialogProps {
  opened: boolean;
  duplicates: DuplicateList;
  /** "Create anyway" or "Save anyway". */
  confirmLabel: string;
  loading: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * After 409 CUSTOMER_DUPLICATE: the likely matches, each opening in a new tab so the form keeps what
 * was typed, and the choice to go ahead (which the audit trail records).
 */
export function DuplicateDialog(props: DuplicateDialogProps) {
  const { opened, duplicates, confirmLabel, loading, onConfirm, onClose } = props;
  const candidates = duplicates.items;
  return (
    <Modal opened={opened} onClose={onClose} title="This may be a customer we already have" size="lg">
      <Stack gap="md">
        {candidates.length > 0 && (
          <>
            <Alert color="yellow" variant="light" icon={<IconUsers />}>
              {candidates.length === 1 ? 'One existing customer looks' : `${candidates.length} existing customers look`} like the same person. Open a match to check. If this really
              is someone else, go ahead: that decision is recorded.
            </Alert>
            <DuplicateCandidatesList candidates={candidates} openInNewTab />
          </>
        )}
        {duplicates.inOtherBranch && <OtherBranchDuplicateNote />}
        {candidates.length === 0 && <Text size="sm">If you are sure this is someone else, go ahead: that decision is recorded, and a manager can review the match.</Text>}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Back to the form
          </Button>
          <Button color="yellow" loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
