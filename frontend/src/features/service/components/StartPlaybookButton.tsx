import { Playbook } from '@contracts/service';
import { Button, Modal, Select, Stack, Text } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { LoadingState } from '@/components/LoadingState';
import { ModalFormActions } from '@/components/ModalFormActions';
import { customerKeys, type CustomerActionProps } from '@/features/customers';
import { ApiError, describeError } from '@/lib/api-error';
import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/auth-context';
import { notifySuccess } from '@/lib/notify';
import { usePlaybookTemplates } from '../api/playbook-templates';
import { serviceKeys } from '../api/service-keys';

function StartPlaybookForm({ customer, onDone }: CustomerActionProps & { onDone: () => void }) {
  const queryClient = useQueryClient();
  const templates = usePlaybookTemplates();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const start = useMutation({
    mutationFn: (id: string) => api.post(`/customers/${customer.id}/playbooks`, { templateId: id }, Playbook),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: serviceKeys.all }), queryClient.invalidateQueries({ queryKey: customerKeys.overview(customer.id) })]),
  });
  if (templates.isPending) return <LoadingState label="Loading the playbooks…" />;
  const active = (templates.data?.items ?? []).filter((t) => t.active);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!templateId) {
      setFailure({ title: 'Choose the playbook' });
      return;
    }
    start.mutate(templateId, {
      onSuccess: (playbook) => {
        notifySuccess('Playbook started', `${playbook.name}: ${playbook.milestones.length} milestones are now tasks in your work.`);
        onDone();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'PLAYBOOK_TEMPLATE_INACTIVE')
          setFailure({ title: 'Switched off', detail: 'An administrator switched this playbook off meanwhile.' });
        else setFailure(describeError(error));
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Start a playbook">
      <Stack gap="sm">
        <Text size="sm">
          Each milestone becomes a task of yours for {customer.firstName} {customer.lastName}, due so many business hours from now.
        </Text>
        {templates.error ? (
          <FailureAlert failure={describeError(templates.error)} />
        ) : (
          <Select
            label="Playbook"
            placeholder="Choose one"
            data={active.map((t) => ({ value: t.id, label: `${t.name} (${t.milestones.length} milestones)` }))}
            value={templateId}
            onChange={setTemplateId}
            nothingFoundMessage="No playbook is switched on"
            data-autofocus
          />
        )}
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Start" onCancel={onDone} loading={start.isPending} />
      </Stack>
    </form>
  );
}

/** "Start a playbook…" in a customer's header: an onboarding playbook started by hand (issue 14), not tied to a policy. */
export function StartPlaybookButton({ customer }: CustomerActionProps) {
  const { can } = useAuth();
  const [opened, setOpened] = useState(false);
  if (!can('tasks:write') || !can('playbooks:read')) return null;
  return (
    <>
      <Button variant="default" leftSection={<IconListCheck size={16} />} onClick={() => setOpened(true)}>
        Start a playbook…
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Start a playbook">
        {opened && <StartPlaybookForm customer={customer} onDone={() => setOpened(false)} />}
      </Modal>
    </>
  );
}
