import { ChangeCustomerStatusBody } from '@contracts/customers';
import type { Customer, CustomerStatus } from '@contracts/customers';
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowsExchange } from '@tabler/icons-react';
import { useState } from 'react';
import type { z } from 'zod';
import { notifySuccess } from '@/lib/notify';
import { ModalFormActions } from '@/components/ModalFormActions';
import { useChangeCustomerStatus } from '../api/change-customer-status';
import { CUSTOMER_STATUS_LABELS } from '../customer-labels';
import { nextStatuses, statusChangeConsequence } from '../customer-status';

type StatusChange = z.infer<typeof ChangeCustomerStatusBody>;

interface StatusFormProps {
  customer: Customer;
  name: string;
  onClose: () => void;
}

/** Choose the status and say why, then confirm: a status change is seen by everyone handling the customer. */
function StatusForm({ customer, name, onClose }: StatusFormProps) {
  const options = nextStatuses(customer.status);
  const [confirming, setConfirming] = useState<StatusChange | null>(null);
  const form = useForm<{ status: CustomerStatus | null; reason: string }>({
    mode: 'controlled',
    initialValues: { status: options.length === 1 ? (options[0] ?? null) : null, reason: '' },
    validate: schemaResolver(ChangeCustomerStatusBody, { sync: true }),
  });
  const mutation = useChangeCustomerStatus({
    onSuccess: (saved) => {
      notifySuccess('Status changed', `${name} is now ${CUSTOMER_STATUS_LABELS[saved.status].toLowerCase()}.`);
      onClose();
    },
  });

  if (confirming) {
    return (
      <Stack gap="md">
        <Text size="sm">
          {CUSTOMER_STATUS_LABELS[customer.status]} → <strong>{CUSTOMER_STATUS_LABELS[confirming.status]}</strong>
        </Text>
        <Text size="sm">Reason: {confirming.reason}</Text>
        <Alert color={confirming.status === 'deceased' ? 'red' : 'blue'} variant="light" icon={confirming.status === 'deceased' ? <IconAlertTriangle /> : undefined}>
          {statusChangeConsequence(name, confirming.status)}
        </Alert>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => setConfirming(null)} autoFocus>
            Back
          </Button>
          <Button
            color={confirming.status === 'deceased' ? 'red' : undefined}
            loading={mutation.isPending}
            // Closed either way: a refusal is explained by the toast, and the page shows the refetched customer.
            onClick={() => mutation.mutate({ customer, change: confirming }, { onError: onClose })}
          >
            Change to {CUSTOMER_STATUS_LABELS[confirming.status].toLowerCase()}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={form.onSubmit((values) => setConfirming(ChangeCustomerStatusBody.parse(values)))} noValidate aria-label="Change status">
      <Stack gap="sm">
        <Text size="sm">
          Currently <strong>{CUSTOMER_STATUS_LABELS[customer.status].toLowerCase()}</strong>.
        </Text>
        <Select
          label="New status"
          placeholder="Choose"
          data={options.map((status) => ({ value: status, label: CUSTOMER_STATUS_LABELS[status] }))}
          allowDeselect={false}
          data-autofocus
          {...form.getInputProps('status')}
        />
        <Textarea
          label="Reason"
          description="Kept with the status history, e.g. “First policy signed” or “Death certificate received”."
          autosize
          minRows={2}
          maxRows={5}
          {...form.getInputProps('reason')}
        />
        <ModalFormActions submitLabel="Continue" onCancel={onClose} />
      </Stack>
    </form>
  );
}

/** "Change status", offering only the changes the current status allows. */
export function ChangeStatusButton({ customer }: { customer: Customer }) {
  const [opened, dialog] = useDisclosure(false);
  const name = `${customer.firstName} ${customer.lastName}`;
  const final = nextStatuses(customer.status).length === 0;
  const why = `A ${CUSTOMER_STATUS_LABELS[customer.status].toLowerCase()} customer's status cannot change`;
  return (
    <>
      <Tooltip label={why} disabled={!final}>
        {/* data-disabled rather than disabled: a disabled button gets no hover or focus, so no tooltip. */}
        <Button
          variant="default"
          leftSection={<IconArrowsExchange size={16} />}
          data-disabled={final || undefined}
          aria-disabled={final}
          onClick={(event) => (final ? event.preventDefault() : dialog.open())}
        >
          Change status
        </Button>
      </Tooltip>
      <Modal opened={opened} onClose={dialog.close} title={`Change the status of ${name}`}>
        <StatusForm customer={customer} name={name} onClose={dialog.close} />
      </Modal>
    </>
  );
}
