import type { Customer, DuplicateCandidate } from '@contracts/customers';
import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconGitMerge } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatDate } from '@/lib/format-date';
import { notifySuccess } from '@/lib/notify';
import { useCustomerDuplicates } from '../api/get-customer-duplicates';
import { useMergeCustomers } from '../api/merge-customers';
import { DUPLICATE_REASON_LABELS } from '../customer-labels';

function candidateLabel(candidate: DuplicateCandidate): string {
  const born = candidate.dateOfBirth ? `, born ${formatDate(candidate.dateOfBirth)}` : '';
  return `${candidate.name} (${candidate.customerNumber}${born})`;
}

interface MergeFormProps {
  customer: Customer;
  onClose: () => void;
}

/** Pick the duplicate to fold into this customer, then confirm: a merge cannot be undone. */
function MergeForm({ customer, onClose }: MergeFormProps) {
  const { data, error, isPending, refetch } = useCustomerDuplicates(customer.id);
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const mutation = useMergeCustomers({
    onSuccess: (saved) => {
      notifySuccess('Customers merged', `Everything of the duplicate now belongs to ${saved.customerNumber}.`);
      onClose();
    },
  });
  const number = customer.customerNumber;

  if (isPending) return <LoadingState label="Looking for duplicates…" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  // Only duplicates in the user's branches are listed: those are the ones they may merge.
  const candidates = data.items;
  const source = candidates.find((candidate) => candidate.id === sourceId);

  if (candidates.length === 0) {
    return (
      <Stack gap="md">
        <Text size="sm">No likely duplicate of {number} in your branches. Duplicates in other branches are merged by someone who works there.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Close
          </Button>
        </Group>
      </Stack>
    );
  }

  if (confirming && source) {
    return (
      <Stack gap="md">
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="This cannot be undone">
          {source.name} ({source.customerNumber}) is folded into {number}: their KYC documents and every other record move to {number}, and {source.customerNumber} is closed as
          merged for good.
        </Alert>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => setConfirming(false)} autoFocus>
            Back
          </Button>
          <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate({ target: customer, sourceId: source.id }, { onError: onClose })}>
            Merge for good
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Radio.Group
        label={`Which customer is the same person as ${number}?`}
        description={`The one you choose is folded into ${number}, which stays.`}
        value={sourceId}
        onChange={setSourceId}
      >
        <Stack gap="sm" mt="xs">
          {candidates.map((candidate, index) => (
            <Radio
              key={candidate.id}
              value={candidate.id}
              label={candidateLabel(candidate)}
              description={candidate.reasons.map((reason) => DUPLICATE_REASON_LABELS[reason]).join(', ')}
              data-autofocus={index === 0 || undefined}
            />
          ))}
        </Stack>
      </Radio.Group>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color="red" disabled={!source} onClick={() => setConfirming(true)}>
          Continue
        </Button>
      </Group>
    </Stack>
  );
}

/** For managers: fold a duplicate record into this customer. */
export function MergeCustomerButton({ customer }: { customer: Customer }) {
  const [opened, dialog] = useDisclosure(false);
  return (
    <>
      <Button variant="default" leftSection={<IconGitMerge size={16} />} onClick={dialog.open}>
        Merge duplicate
      </Button>
      <Modal opened={opened} onClose={dialog.close} title={`Merge a duplicate into ${customer.customerNumber}`} size="lg">
        <MergeForm customer={customer} onClose={dialog.close} />
      </Modal>
    </>
  );
}
