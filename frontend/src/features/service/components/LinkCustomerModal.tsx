import type { CustomerSummary } from '@contracts/customers';
import { Interaction } from '@contracts/service';
import { Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { searchCustomers } from '@/features/customers';
import { ApiError, describeError } from '@/lib/api-error';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { formatDate } from '@/lib/format-date';
import { notifySuccess } from '@/lib/notify';
import { serviceKeys } from '../api/service-keys';

type Linkable = Pick<Interaction, 'id' | 'version' | 'contactPhone' | 'contactEmail' | 'subject'>;

function LinkForm({ interaction, onDone }: { interaction: Linkable; onDone: () => void }) {
  const queryClient = useQueryClient();
  // The contact's phone or email is the first thing to search by.
  const [typed, setTyped] = useState(interaction.contactPhone ?? interaction.contactEmail ?? '');
  const [q] = useDebouncedValue(typed.trim(), 300);
  const [picked, setPicked] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const results = useQuery({
    queryKey: ['customers', 'link-search', q],
    queryFn: ({ signal }) => searchCustomers({ q }, { limit: 8 }, signal),
    enabled: q.length >= 2,
  });
  const link = useMutation({
    mutationFn: (customerId: string) => api.post(`/interactions/${interaction.id}/customer`, { customerId }, Interaction, { ifMatch: etag(interaction.version) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: serviceKeys.all }),
  });
  const items: CustomerSummary[] = results.data?.items ?? [];

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!picked) {
      setFailure({ title: 'Choose the customer', detail: 'Search, then choose who the contact turned out to be.' });
      return;
    }
    link.mutate(picked, {
      onSuccess: (linked) => {
        notifySuccess('Contact linked', `“${linked.subject}” is now on ${linked.customer?.name ?? 'the customer'}’s timeline.`);
        onDone();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'INTERACTION_ALREADY_LINKED')
          setFailure({ title: 'Already linked', detail: 'Someone linked this contact to a customer meanwhile.' });
        else if (error instanceof ApiError && error.status === 412)
          setFailure({ title: 'Changed meanwhile', detail: 'The contact was changed by someone else; close and open it again.' });
        else setFailure(describeError(error));
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Link to a customer">
      <Stack gap="sm">
        <Text size="sm">
          The contact ({[interaction.contactPhone, interaction.contactEmail].filter(Boolean).join(', ') || 'no phone or email'}) turned out to be a customer: the interaction moves
          to their timeline and branch. This is done once.
        </Text>
        <TextInput label="Find the customer" description="Name, customer number, phone or email" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-autofocus />
        {q.length >= 2 && results.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            No customer of your branches matches.
          </Text>
        )}
        {items.length > 0 && (
          <Radio.Group label="Customer" value={picked} onChange={setPicked}>
            <Stack gap={6} mt={4}>
              {items.map((c) => (
                <Radio
                  key={c.id}
                  value={c.id}
                  label={
                    <Group gap={6}>
                      <Text size="sm" fw={500}>
                        {c.firstName} {c.lastName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {c.customerNumber} · born {formatDate(c.dateOfBirth)} · {c.city}
                      </Text>
                    </Group>
                  }
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Link" onCancel={onDone} loading={link.isPending} />
      </Stack>
    </form>
  );
}

/** Links an unknown contact's interaction to the customer it turned out to be (If-Match on the interaction). */
export function LinkCustomerModal({ interaction, onClose }: { interaction: Linkable | null; onClose: () => void }) {
  return (
    <Modal opened={interaction !== null} onClose={onClose} title="Link to a customer">
      {interaction && <LinkForm key={interaction.id} interaction={interaction} onDone={onClose} />}
    </Modal>
  );
}
