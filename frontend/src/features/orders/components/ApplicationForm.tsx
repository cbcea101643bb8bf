import type { FieldError } from '@contracts/common';
import type { Order } from '@contracts/orders';
import type { DeclarationQuestion } from '@contracts/products';
import { Alert, Button, List, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { Panel } from '@/components/Panel';
import { useBusinessDate } from '@/features/system';
import { StickyFormActions } from '@/components/StickyFormActions';
import { ApiError, describeError } from '@/lib/api-error';
import type { ErrorDescription } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { focusFirstError } from '@/lib/form-errors';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { useUpdateOrder } from '../api/update-order';
import { applicationFieldOrder, applicationValues, checkApplication, hasChanges, placeApplicationErrors } from '../application-form';
import type { ApplicationFormValues } from '../application-form';
import { BeneficiariesEditor } from './BeneficiariesEditor';
import { DeclarationFields } from './DeclarationFields';
import { InsuredFields } from './InsuredFields';

import { PaymentMethodFields } from './PaymentMethodFields';
import { tripWithDestination } from '@/lib/term-wording';

interface ApplicationFormProps {
  order: Order;
  questions: DeclarationQuestion[];
  /** Problems the server found on submitting (ORDER_INCOMPLETE), to show next to their fields. */
  submitErrors: FieldError[] | null;
  /** Tells the page whether there are unsaved changes (submitting sends only what is saved). */
  onDirtyChange: (dirty: boolean) => void;
}

/**
 * The parts of an application the agent fills in, saved together with If-Match. Mount it with
 * `key={order.version}`: after a save or a reload it starts again from the server's values.
 */
export function ApplicationForm({ order, questions, submitErrors, onDirtyChange }: ApplicationFormProps) {
  const [failure, setFailure] = useState<{ description: ErrorDescription; unplaced: FieldError[] } | null>(null);
  const initialValues = useMemo(() => applicationValues(order, questions), [order, questions]);
  const form = useForm<ApplicationFormValues>({ mode: 'controlled', initialValues });
  const today = useBusinessDate();
  const check = checkApplication(order, form.values, questions, today);
  const changed = hasChanges(check, form.values);
  const fieldOrder = applicationFieldOrder(form.values, questions);

  useEffect(() => {
    onDirtyChange(changed);
  }, [changed, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  // The server's reasons for refusing a submission, next to the fields they are about.
  const { setErrors } = form;
  useEffect(() => {
    if (!submitErrors) return;
    const { byField } = placeApplicationErrors(submitErrors);
    setErrors(byField);
  }, [submitErrors, setErrors]);

  const mutation = useUpdateOrder({
    onSuccess: (saved) => notifySuccess('Application saved', `${saved.orderNumber} is saved. ${saved.status === 'draft' ? 'Submit it when everything is filled in.' : ''}`),
    onError: (error) => {
      if (isVersionConflict(error)) return notifyVersionConflict();
      const { byField, unplaced } = placeApplicationErrors(error instanceof ApiError ? error.errors : []);
      form.setErrors(byField);
      focusFirstError(byField, fieldOrder, form.getInputNode);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure({ description: describeError(error), unplaced });
    },
  });

  // Until the saved order remounts this form, its values still differ from the old order's.
  useUnsavedChanges(changed && !mutation.isSuccess);

  const save = () => {
    setFailure(null);
    if (!check.body) {
      form.setErrors(check.errors);
      focusFirstError(check.errors, fieldOrder, form.getInputNode);
      return;
    }
    if (Object.keys(check.body).length === 0) return;
    mutation.mutate({ order, changes: check.body });
  };

  return (
    <form
      noValidate
      aria-label={`Application ${order.orderNumber}`}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Stack gap="md">
        {failure && (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} title={failure.description.title} role="alert">
            <Text size="sm">{failure.description.detail}</Text>
            {failure.unplaced.length > 0 && (
              <List size="sm" mt={4}>
                {failure.unplaced.map((e) => (
                  <List.Item key={e.path}>{e.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Panel title="Insured person">
          <InsuredFields form={form} policyholderName={order.customer.name} />
        </Panel>
        <Panel
          title="Beneficiaries"
          aside={
            order.product.category === 'life' ? (
              <Text size="xs" c="dimmed">
                At least one primary
              </Text>
            ) : undefined
          }
        >
          <BeneficiariesEditor form={form} />
        </Panel>
        <Panel
          title="Declarations"
          aside={
            <Text size="xs" c="dimmed">
              Read each question to the customer
            </Text>
          }
        >
          {questions.length === 0 ? (
            <Text size="sm" c="dimmed">
              This product asks no declaration questions.
            </Text>
          ) : (
            <DeclarationFields form={form} questions={questions} />
          )}
        </Panel>
        <Panel title={order.trip ? 'Payment' : 'Payment and start date'}>
          <Stack gap="md">
            <PaymentMethodFields form={form} saved={order.paymentMethod} />
            {order.trip ? (
              <Text size="sm" c="dimmed">
                {tripWithDestination(order.trip)}: the policy starts on the departure day and ends on the return day.
              </Text>
            ) : (
              <TextInput
                label="Requested start date"
                description="Optional. The policy starts on this date if it is after the approval; otherwise on the approval date."
                placeholder="YYYY-MM-DD"
                maxLength={10}
                autoComplete="off"
                maw={360}
                {...form.getInputProps('requestedStartDate')}
              />
            )}
          </Stack>
        </Panel>
        <StickyFormActions>
          {changed && (
            <Text size="sm" c="dimmed" mr="auto">
              Unsaved changes
            </Text>
          )}
          <Button
            variant="default"
            disabled={!changed}
            onClick={() => {
              setFailure(null);
              form.setValues(initialValues);
              form.clearErrors();
            }}
          >
            Discard changes
          </Button>
          <Button type="submit" disabled={!changed} loading={mutation.isPending}>
            Save application
          </Button>
        </StickyFormActions>
      </Stack>
    </form>
  );
}
