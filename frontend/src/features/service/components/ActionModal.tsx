import { Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { describeError } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';

export interface ActionField {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'select' | 'datetime';
  required?: boolean;
  options?: { value: string; label: string }[];
  initial?: string;
}

/**
 * A small form in a modal for one case action (reply, set pending, resolve, escalate, merge, new
 * task): the fields, the server's field errors next to them, any other failure above the buttons.
 */
export function ActionModal({
  title,
  opened,
  onClose,
  fields,
  submitLabel,
  onSubmit,
  loading,
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  fields: ActionField[];
  submitLabel: string;
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
  loading: boolean;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      {opened && <ActionForm title={title} fields={fields} submitLabel={submitLabel} onSubmit={onSubmit} onClose={onClose} loading={loading} />}
    </Modal>
  );
}

function ActionForm({
  title,
  fields,
  submitLabel,
  onSubmit,
  onClose,
  loading,
}: {
  title: string;
  fields: ActionField[];
  submitLabel: string;
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
  onClose: () => void;
  loading: boolean;
}) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ''])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const missing = Object.fromEntries(fields.filter((f) => f.required && !values[f.name]?.trim()).map((f) => [f.name, 'Required']));
    setErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length) return;
    try {
      await onSubmit(values);
      onClose();
    } catch (error) {
      const { byField, unplaced } = serverFieldErrors(
        error,
        fields.map((f) => f.name),
      );
      setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeError(error));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <Stack gap="sm">
        {fields.map((f) =>
          f.kind === 'textarea' ? (
            <Textarea
              key={f.name}
              label={f.label}
              required={f.required}
              autosize
              minRows={2}
              value={values[f.name]}
              onChange={(e) => set(f.name, e.currentTarget.value)}
              error={errors[f.name]}
            />
          ) : f.kind === 'select' ? (
            <Select
              key={f.name}
              label={f.label}
              required={f.required}
              data={f.options ?? []}
              value={values[f.name] || null}
              onChange={(v) => set(f.name, v ?? '')}
              error={errors[f.name]}
            />
          ) : (
            <TextInput
              key={f.name}
              label={f.label}
              type={f.kind === 'datetime' ? 'datetime-local' : 'text'}
              required={f.required}
              value={values[f.name]}
              onChange={(e) => set(f.name, e.currentTarget.value)}
              error={errors[f.name]}
            />
          ),
        )}
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel={submitLabel} onCancel={onClose} loading={loading} />
      </Stack>
    </form>
  );
}
