import type { Claim } from '@contracts/claims';
import { Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { useAuth, useCurrentUser } from '@/lib/auth/auth-context';
import { notifySuccess } from '@/lib/notify';
import { useAssignClaim } from '../api/assign-claim';
import { useClaimAdjusters } from '../api/get-claim-adjusters';
import { claimProblem } from '../claim-problems';
import type { ClaimProblem } from '../claim-problems';

type Choice = 'me' | 'least-loaded' | 'pick';

function AssignForm({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  const { can } = useAuth();
  const me = useCurrentUser();
  // Only managers read the list of users (users:read); others assign to themselves or the least loaded.
  const mayPick = can('users:read');
  const adjusters = useClaimAdjusters(claim.branchId, mayPick);
  const [choice, setChoice] = useState<Choice>(claim.assignee?.id === me.id ? 'least-loaded' : 'me');
  const [picked, setPicked] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const mutation = useAssignClaim({
    onSuccess: (saved) => {
      notifySuccess(`${saved.claimNumber} assigned`, `${saved.assignee?.name ?? 'Nobody'} handles the claim now.`);
      onClose();
    },
    onError: (error) => setFailure(claimProblem(error, claim.currency)),
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (choice === 'pick' && !picked) return setPickError('Choose the adjuster');
    const assigneeId = choice === 'me' ? me.id : choice === 'pick' ? (picked ?? undefined) : undefined;
    mutation.mutate({ claim, assigneeId });
  };
  const options = (adjusters.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <form onSubmit={submit} noValidate aria-label="Assign the claim">
      <Stack gap="sm">
        <Text size="sm">Now: {claim.assignee?.name ?? 'nobody'}.</Text>
        <Radio.Group label="Assign to" value={choice} onChange={(v) => setChoice(v as Choice)}>
          <Stack gap={6} mt={6}>
            <Radio value="me" label={`Me (${me.name})`} disabled={claim.assignee?.id === me.id} />
            <Radio value="least-loaded" label="The branch’s adjuster with the fewest open claims" />
            {mayPick && <Radio value="pick" label="An adjuster I choose" />}
          </Stack>
        </Radio.Group>
        {choice === 'pick' && (
          <Select
            label="Adjuster"
            placeholder={adjusters.isLoading ? 'Loading adjusters…' : 'Choose'}
            data={options}
            searchable
            nothingFoundMessage="No active adjuster in this branch"
            value={picked}
            onChange={(v) => (setPicked(v), setPickError(undefined))}
            error={pickError}
          />
        )}
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Assign" onCancel={onClose} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function AssignClaimModal({ claim, opened, onClose }: { claim: Claim; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Assign ${claim.claimNumber}`}>
      {opened && <AssignForm claim={claim} onClose={onClose} />}
    </Modal>
  );
}
