import type { PolicyTransaction } from '@contracts/policies';
import { Anchor, Button, Group, Stack, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmWithReasonDialog, REASON_MIN_LENGTH } from '@/components/ConfirmWithReasonDialog';
import { FailureAlert } from '@/components/FailureAlert';
import { Panel } from '@/components/Panel';
import { EXAM_LABELS, formatSum } from '@/features/quotes';
import { describeError } from '@/lib/api-error';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useDecideReferral, useReferredChanges } from '../api/policy-transactions';
import { policyPath } from '../policy-paths';

/** What the product's rules ask for, in a line. */
const asked = (tx: PolicyTransaction) =>
  [...(tx.referral?.medicalExams ?? []).map((e) => EXAM_LABELS[e.exam as keyof typeof EXAM_LABELS] ?? e.exam), ...(tx.referral?.referrals ?? []).map((r) => r.message)].join('; ');

/**
 * On the underwriting page: changes to issued policies that need an underwriter (a sum insured raised
 * past the medical evidence limit…), oldest first, with Accept and Decline. Nothing when there are none.
 */
export function ReferredChangesPanel() {
  const { can } = useAuth();
  const referred = useReferredChanges(can('orders:underwrite'));
  const decide = useDecideReferral();
  const [open, setOpen] = useState<{ tx: PolicyTransaction; decision: 'accept' | 'decline' } | null>(null);
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  if (!referred.data?.length) return null;
  const close = () => {
    setOpen(null);
    setNote('');
    setFailure(null);
  };
  return (
    <Panel title="Policy changes referred to you">
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={6} aria-label="Referred policy changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Change</Table.Th>
              <Table.Th>Asked for</Table.Th>
              <Table.Th ta="right">New sum insured</Table.Th>
              <Table.Th>Rules</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {referred.data.map((tx) => (
              <Table.Tr key={tx.id}>
                <Table.Td>
                  <Text size="sm">{tx.transactionNumber}</Text>
                  <Anchor component={Link} to={policyPath(tx.policy.id)} size="xs">
                    {tx.policy.policyNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{tx.createdBy?.name ?? 'Automatic'}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDate(tx.createdAt)}, from {formatDate(tx.effectiveDate)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {tx.newTerms ? formatSum(tx.newTerms.sumInsured, tx.policy.currency) : '—'}
                  {tx.quote && (
                    <Text size="xs" c="dimmed">
                      {formatMoney(tx.quote.newAnnualPremium, tx.policy.currency)} a year
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{asked(tx)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-xs" onClick={() => setOpen({ tx, decision: 'accept' })} aria-label={`Accept ${tx.transactionNumber}`}>
                      Accept
                    </Button>
                    <Button size="compact-xs" variant="default" color="red" onClick={() => setOpen({ tx, decision: 'decline' })} aria-label={`Decline ${tx.transactionNumber}`}>
                      Decline
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmWithReasonDialog
        opened={open !== null}
        onClose={close}
        title={open ? `${open.decision === 'accept' ? 'Accept' : 'Decline'} ${open.tx.transactionNumber}` : ''}
        confirmLabel={open?.decision === 'accept' ? 'Accept the change' : 'Decline the change'}
        color={open?.decision === 'decline' ? 'red' : undefined}
        loading={decide.isPending}
        confirmDisabled={note.trim().length < REASON_MIN_LENGTH}
        onConfirm={() =>
          open &&
          decide.mutate(
            { tx: open.tx, decision: open.decision, note: note.trim() },
            {
              onSuccess: (done) => {
                notifySuccess(
                  `${done.transactionNumber} ${open.decision === 'accept' ? 'accepted' : 'declined'}`,
                  open.decision === 'accept' ? 'The agent can issue it now.' : 'The policy stays as it is.',
                );
                close();
              },
              onError: (error) => setFailure(describeError(error)),
            },
          )
        }
      >
        <Stack gap="xs">
          <Text size="sm">{open ? asked(open.tx) : ''}</Text>
          <Textarea label="Note" autosize minRows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
          <FailureAlert failure={failure} />
        </Stack>
      </ConfirmWithReasonDialog>
    </Panel>
  );
}
