import type { Customer } from '@contracts/customers';
import { Button, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconId } from '@tabler/icons-react';
import { useState } from 'react';
import { describeError } from '@/lib/api-error';
import type { ErrorDescription } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { serverFieldErrors } from '@/lib/form-errors';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { ModalFormActions } from '@/components/ModalFormActions';
import { FailureAlert } from '@/components/FailureAlert';
import { useSubmitKycVerification } from '../api/submit-kyc-verification';
import { countryName } from '../country-name';
import { DOCUMENT_TYPE_LABELS, optionsOf } from '../customer-labels';
import { KYC_DOCUMENT_FIELDS, kycDocumentBody, KycDocumentFormSchema } from '../kyc-form';
import type { KycDocumentFormValues } from '../kyc-form';

const DOCUMENT_OPTIONS = optionsOf(DOCUMENT_TYPE_LABELS);

function RecordKycDocumentForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const form = useForm<KycDocumentFormValues>({
    mode: 'controlled',
    initialValues: {
      documentType: 'passport',
      documentNumber: '',
      issuingCountry: customer.address.country,
      expiryDate: '',
      notes: '',
    },
    validate: schemaResolver(KycDocumentFormSchema, { sync: true }),
  });
  const mutation = useSubmitKycVerification({
    onSuccess: () => {
      notifySuccess('Document recorded', 'Someone else now checks it and verifies or rejects it.');
      onDone();
    },
    onError: (error) => {
      if (isVersionConflict(error)) {
        notifyVersionConflict();
        return onDone();
      }
      const { byField, unplaced } = serverFieldErrors(error, KYC_DOCUMENT_FIELDS);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeError(error));
    },
  });
  const country = countryName(form.values.issuingCountry);

  return (
    <form
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        mutation.mutate({ customer, document: kycDocumentBody(values) });
      })}
      noValidate
      aria-label="Record a document"
    >
      <Stack gap="sm">
        <FailureAlert failure={failure} />
        <Select label="Document" data={DOCUMENT_OPTIONS} allowDeselect={false} data-autofocus {...form.getInputProps('documentType')} />
        <TextInput
          label="Document number"
          description="Stored encrypted; shown afterwards only by its last characters"
          autoComplete="off"
          {...form.getInputProps('documentNumber')}
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label="Issuing country"
            description={country ?? 'Two-letter code, e.g. US'}
            maxLength={2}
            autoComplete="off"
            {...form.getInputProps('issuingCountry')}
            onChange={(event) => form.setFieldValue('issuingCountry', event.currentTarget.value.toUpperCase())}
          />
          <TextInput label="Expires on" description="As printed; optional" placeholder="YYYY-MM-DD" maxLength={10} autoComplete="off" {...form.getInputProps('expiryDate')} />
        </SimpleGrid>
        <Textarea label="Notes" placeholder="Optional" autosize minRows={2} maxRows={5} {...form.getInputProps('notes')} />
        <ModalFormActions submitLabel="Record document" onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

/** Records an identity document to be checked; the customer's KYC becomes pending. */
export function RecordKycDocumentButton({ customer }: { customer: Customer }) {
  const [opened, dialog] = useDisclosure(false);
  return (
    <>
      <Button leftSection={<IconId size={16} />} onClick={dialog.open}>
        Record a document
      </Button>
      <Modal opened={opened} onClose={dialog.close} title="Record an identity document">
        <RecordKycDocumentForm customer={customer} onDone={dialog.close} />
      </Modal>
    </>
  );
}
