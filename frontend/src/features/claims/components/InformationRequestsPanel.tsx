import { CLAIM_DOCUMENTS, INFORMATION_REQUEST_CLAIM_STATUSES, REQUIRED_CLAIM_DOCUMENTS } from '@contracts/claims';
import type { Claim, ClaimDocumentCode, ClaimStatus, InformationRequest } from '@contracts/claims';
import { Badge, Box, Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ConfirmWithReasonForm } from '@/components/ConfirmWithReasonDialog';
import { ErrorState } from '@/components/ErrorState';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { Panel } from '@/components/Panel';
import { useBusinessDate } from '@/features/system';
import { useAuth } from '@/lib/auth/auth-context';
import { serverFieldErrors } from '@/lib/form-errors';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { notifySuccess } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { useDialogTarget } from '@/lib/use-dialog-target';
import { useCloseInformationRequest, useInformationRequests, useRequestInformation } from '../api/information-requests';
import { claimProblem } from '../claim-problems';
import type { ClaimProblem } from '../claim-problems';
import {
  INFORMATION_REQUEST_FIELDS,
  INFORMATION_REQUEST_STATUS_COLORS,
  INFORMATION_REQUEST_STATUS_LABELS,
  buildInformationRequestBody,
  defaultDueOn,
  deliveryLabel,
  documentLabel,
} from '../information-request-form';
import type { InformationRequestValues } from '../information-request-form';

function RequestForm({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  const today = useBusinessDate();
  const [values, setValues] = useState<InformationRequestValues>({ items: '', documentCode: '', dueOn: defaultDueOn(today) });
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const mutation = useRequestInformation({
    onSuccess: (list) => {
      const sent = list.items.at(-1);
      notifySuccess('Information requested', sent ? deliveryLabel(sent.delivery) : `On ${claim.claimNumber}.`);
      onClose();
    },
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, INFORMATION_REQUEST_FIELDS);
      setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(claimProblem(error, claim.currency));
    },
  });
  useUnsavedChanges(values.items !== '' && !mutation.isSuccess);
  const set = (patch: Partial<InformationRequestValues>) => setValues((v) => ({ ...v, ...patch }));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const result = buildInformationRequestBody(values, today);
    setFailure(null);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    mutation.mutate({ claim, body: result.body });
  };
  const documents = REQUIRED_CLAIM_DOCUMENTS[claim.lossType];
  return (
    <form onSubmit={submit} noValidate aria-label="Request information">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Sent to the claimant as written — by email or text to the reporter when the notice gave an address, else to the policyholder. Keep internal findings in the notes.
        </Text>
        <Textarea
          label="What do you need from the claimant?"
          autosize
          minRows={3}
          maxLength={2000}
          value={values.items}
          onChange={(e) => set({ items: e.currentTarget.value })}
          error={errors.items}
          required
          data-autofocus
        />
        <Select
          label="About a required document (optional)"
          placeholder="None in particular"
          clearable
          data={documents.map((code) => ({ value: code, label: CLAIM_DOCUMENTS[code] }))}
          value={values.documentCode || null}
          onChange={(v) => set({ documentCode: (v ?? '') as ClaimDocumentCode | '' })}
          error={errors.documentCode}
        />
        <TextInput
          type="date"
          label="Answer by"
          description="Today at the earliest, at most 90 days ahead."
          value={values.dueOn}
          min={today}
          onChange={(e) => set({ dueOn: e.currentTarget.value })}
          error={errors.dueOn}
          required
          w={220}
        />
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Send request" onCancel={onClose} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

type CloseTarget = { request: InformationRequest; action: 'receive' | 'cancel' };

function CloseForm({ claim, target, onClose }: { claim: Claim; target: CloseTarget; onClose: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const receiving = target.action === 'receive';
  const mutation = useCloseInformationRequest({
    onSuccess: () => {
      notifySuccess(receiving ? 'Marked received' : 'Request cancelled', `On ${claim.claimNumber}.`);
      onClose();
    },
    onError: (e) => {
      const { byField } = serverFieldErrors(e, ['note', 'reason']);
      setError(byField.note ?? byField.reason);
      setFailure(claimProblem(e, claim.currency));
    },
  });
  return (
    <ConfirmWithReasonForm
      formLabel={receiving ? 'Mark the request received' : 'Cancel the request'}
      confirmLabel={receiving ? 'Mark received' : 'Cancel request'}
      cancelLabel={receiving ? 'Cancel' : 'Keep it'}
      color={receiving ? undefined : 'red'}
      loading={mutation.isPending}
      confirmDisabled={!receiving && text.trim() === ''}
      onCancel={onClose}
      onConfirm={() => {
        if (mutation.isPending) return;
        setFailure(null);
        const note = text.trim();
        if (receiving) mutation.mutate({ claim, requestId: target.request.id, action: 'receive', body: note ? { note } : {} });
        else mutation.mutate({ claim, requestId: target.request.id, action: 'cancel', body: { reason: note } });
      }}
    >
      <Text size="sm">{target.request.items}</Text>
      <Textarea
        label={receiving ? 'What came in (optional)' : 'Reason'}
        autosize
        minRows={2}
        maxLength={1000}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={error}
        required={!receiving}
        data-autofocus
      />
      <FailureAlert failure={failure} />
    </ConfirmWithReasonForm>
  );
}

/** Whether the claim takes a new request for information (adjusters, while it is lodged and being investigated). */
export const mayRequestInformation = (claim: Pick<Claim, 'status'>, can: (permission: 'claims:investigate') => boolean) =>
  can('claims:investigate') && (INFORMATION_REQUEST_CLAIM_STATUSES as readonly ClaimStatus[]).includes(claim.status);

/** What the claimant was asked for, by when, how it reached them, and where each request stands. */
export function InformationRequestsPanel({ claim }: { claim: Claim }) {
  const { can } = useAuth();
  const requests = useInformationRequests(claim.id);
  const [asking, setAsking] = useState(false);
  const closing = useDialogTarget<CloseTarget>();
  const investigator = can('claims:investigate');
  const open = claim.openInformationRequests.length;
  return (
    <Panel
      title="Information requests"
      aside={
        <Group gap="sm">
          <Text size="sm">{open === 0 ? 'None open' : `${open} open`}</Text>
          {mayRequestInformation(claim, can) && (
            <Button size="xs" variant="default" onClick={() => setAsking(true)}>
              Request information
            </Button>
          )}
        </Group>
      }
    >
      {requests.error ? (
        <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
      ) : !requests.data ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : requests.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing asked of the claimant yet.
        </Text>
      ) : (
        <Stack gap={0} component="ul" aria-label="Information requests" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {[...requests.data.items].reverse().map((r, i) => (
            <Box
              component="li"
              key={r.id}
              py="sm"
              style={i > 0 ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
              aria-label={`${INFORMATION_REQUEST_STATUS_LABELS[r.status]} request: ${r.items}`}
            >
              <Group justify="space-between" align="flex-start" gap="sm">
                <Stack gap={4} style={{ flex: '1 1 260px', minWidth: 0 }}>
                  <Group gap={6}>
                    <Badge color={INFORMATION_REQUEST_STATUS_COLORS[r.status]} variant="light">
                      {INFORMATION_REQUEST_STATUS_LABELS[r.status]}
                    </Badge>
                    {r.overdue && <Badge color="red">Overdue</Badge>}
                    {r.documentCode && (
                      <Badge variant="outline" color="gray">
                        {documentLabel(r.documentCode)}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {r.items}
                  </Text>
                  <Text size="sm">
                    Answer by{' '}
                    <Text span size="sm" c={r.overdue ? 'red' : undefined} fw={r.overdue ? 600 : 500}>
                      {formatDate(r.dueOn)}
                    </Text>
                  </Text>
                  <Text size="xs" c={r.delivery.channel ? 'dimmed' : 'orange'} style={{ overflowWrap: 'anywhere' }}>
                    {deliveryLabel(r.delivery)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Asked by {r.requestedBy.name}, {formatDateTime(r.requestedAt)}
                    {r.closedBy && r.closedAt
                      ? ` · ${INFORMATION_REQUEST_STATUS_LABELS[r.status]} by ${r.closedBy.name}, ${formatDateTime(r.closedAt)}${r.closeNote ? `: ${r.closeNote}` : ''}`
                      : ''}
                  </Text>
                </Stack>
                {investigator && r.status === 'open' && (
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => closing.open({ request: r, action: 'receive' })}>
                      Mark received
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => closing.open({ request: r, action: 'cancel' })}>
                      Cancel
                    </Button>
                  </Group>
                )}
              </Group>
            </Box>
          ))}
        </Stack>
      )}
      <Modal opened={asking} onClose={() => setAsking(false)} title={`Request information for ${claim.claimNumber}`} size="lg">
        {asking && <RequestForm claim={claim} onClose={() => setAsking(false)} />}
      </Modal>
      <Modal opened={closing.opened} onClose={closing.close} title={closing.target?.action === 'cancel' ? 'Cancel the request for information' : 'Mark the request received'}>
        {closing.target && <CloseForm key={`${closing.target.request.id}:${closing.target.action}`} claim={claim} target={closing.target} onClose={closing.close} />}
      </Modal>
    </Panel>
  );
}
