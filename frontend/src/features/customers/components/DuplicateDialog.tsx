import type { DuplicateCandidate } from '@contracts/customers';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { DuplicateCandidatesList } from './DuplicateCandidatesList';

interface DuplicateDialogProps {
  opened: boolean;
  candidates: DuplicateCandidate[];
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
  const { opened, candidates, confirmLabel, loading, onConfirm, onClose } = props;
  return (
    <Modal opened={opened} onClose={onClose} title="This may be a customer we already have" size="lg">
      <Stack gap="md">
        <Alert color="yellow" variant="light" icon={<IconUsers />}>
          {candidates.length === 1 ? 'One existing customer looks' : `${candidates.length} existing customers look`} like the same person. Open a match to check. If this really is
          someone else, go ahead: that decision is recorded.
        </Alert>
        <DuplicateCandidatesList candidates={candidates} openInNewTab />
        {candidates.some((candidate) => !candidate.inYourBranches) && (
          <Text size="xs" c="dimmed">
            Matches in other branches are shown masked; ask that branch if you need to know more.
          </Text>
        )}
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
