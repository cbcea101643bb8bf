import { ReportExport } from '@contracts/reports';
import { Button, Modal, Stack, Text } from '@mantine/core';
import { IconFileZip } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import type { CustomerActionProps } from '@/features/customers';
import { describeError } from '@/lib/api-error';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/audit-keys';
import { useAuth } from '@/lib/auth/auth-context';
import { notifySuccess } from '@/lib/notify';
import { reportKeys } from '../api/reports';

/** "Export personal data…" in a customer's header (issue 22): everything held, as a ZIP written in the background. */
export function ExportPersonalDataButton({ customer }: CustomerActionProps) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const request = useMutation({
    mutationFn: () => api.post(`/customers/${customer.id}/data-exports`, {}, ReportExport),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: reportKeys.exports() }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
  if (!can('privacy:export')) return null;
  const name = `${customer.firstName} ${customer.lastName}`;
  const close = () => {
    request.reset();
    setOpened(false);
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    request.mutate(undefined, {
      onSuccess: () => {
        notifySuccess('Export requested', `${name}’s data is being written: it waits for you under Your exports, for 7 days.`);
        setOpened(false);
        void navigate('/reports');
      },
    });
  };
  return (
    <>
      <Button variant="default" leftSection={<IconFileZip size={16} />} onClick={() => setOpened(true)}>
        Export personal data…
      </Button>
      <Modal opened={opened} onClose={close} title="Export personal data">
        <form onSubmit={submit} noValidate aria-label="Export personal data">
          <Stack gap="sm">
            <Text size="sm">
              Everything Policydesk holds about {name} — details, policies, payments, claims, cases, messages and who read the record — as a ZIP of machine-readable files with a
              summary to read. It is written in the background and kept for you alone for 7 days. The request is recorded in the audit trail.
            </Text>
            <FailureAlert failure={request.error ? describeError(request.error) : null} />
            <ModalFormActions submitLabel="Export" onCancel={close} loading={request.isPending} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
