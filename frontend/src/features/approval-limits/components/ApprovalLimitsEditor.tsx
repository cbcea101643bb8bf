import { APPROVAL_KINDS } from '@contracts/identity';
import type { ApprovalKind, ApprovalLimitSet } from '@contracts/identity';
import type { Role } from '@contracts/auth';
import { ROLE_LABELS } from '@contracts/permissions';
import { ActionIcon, Alert, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { ApiError, describeError } from '@/lib/api-error';
import type { ErrorDescription } from '@/lib/api-error';
import { isRole } from '@/lib/auth/is-role';
import { LIMIT_ROLE_OPTIONS } from '@/lib/auth/role-options';
import { isVersionConflict } from '@/lib/concurrency';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { useReplaceApprovalLimits } from '../api/replace-approval-limits';
import { APPROVAL_KIND_LABELS } from '../approval-kind-labels';
import { cellKey, DEFAULT_CURRENCY, errorKeyOf, newRow, toRequestBody, toRows } from '../limit-grid';
import type { AmountInput, GridErrors, LimitRow } from '../limit-grid';

const COLUMNS = APPROVAL_KINDS.length + 3;

/** Mount it with `key={set.revision}`: after a save or a refetch it starts again from the server's table. */
export function ApprovalLimitsEditor({ set }: { set: ApprovalLimitSet }) {
  const [rows, setRows] = useState<LimitRow[]>(() => toRows(set.items));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<GridErrors>({});
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [newRole, setNewRole] = useState<Role | null>(null);
  const [newCurrency, setNewCurrency] = useState(DEFAULT_CURRENCY);

  const edit = (next: LimitRow[]) => {
    setRows(next);
    setDirty(true);
  };
  const editRow = (id: string, change: (row: LimitRow) => LimitRow) => edit(rows.map((row) => (row.id === id ? change(row) : row)));
  // A field's error goes once it is edited, as on every other form.
  const clearError = (key: string) => setErrors(({ [key]: _cleared, ...others }) => others);
  const setAmount = (id: string, kind: ApprovalKind, value: AmountInput) => {
    editRow(id, (row) => ({ ...row, amounts: { ...row.amounts, [kind]: value } }));
    clearError(cellKey(id, kind));
  };

  const mutation = useReplaceApprovalLimits({
    onSuccess: () => notifySuccess('Approval limits saved', 'The new limits apply to every approval from now on.'),
    onError: (error, { body }) => {
      if (isVersionConflict(error)) return notifyVersionConflict();
      const placed: GridErrors = {};
      const fieldErrors = error instanceof ApiError ? error.errors : [];
      let unplaced = 0;
      for (const fieldError of fieldErrors) {
        const key = errorKeyOf(rows, body, fieldError.path);
        if (key) placed[key] ??= fieldError.message;
        else unplaced += 1;
      }
      setErrors(placed);
      if (unplaced > 0 || fieldErrors.length === 0) setFailure(describeError(error));
    },
  });

  // Until the saved table remounts this editor, it still counts its rows as changed.
  useUnsavedChanges(dirty && !mutation.isSuccess);

  const save = () => {
    setFailure(null);
    // Checked with the API's schema first: every bad cell is marked at once and nothing is sent.
    const result = toRequestBody(rows);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    mutation.mutate({ revision: set.revision, body: result.body });
  };
  const discard = () => {
    setRows(toRows(set.items));
    setDirty(false);
    setErrors({});
    setFailure(null);
  };

  const currency = newCurrency.trim().toUpperCase();
  const rowExists = rows.some((row) => row.role === newRole && row.currency === currency);
  const addRow = () => {
    if (!newRole) return;
    edit([...rows, newRow(newRole, currency)]);
    setNewRole(null);
  };

  return (
    <Stack gap="md">
      {failure && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} title={failure.title} role="alert">
          {failure.detail}
        </Alert>
      )}
      {errors.grid && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
          {errors.grid}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={940} type="native">
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={140}>Role</Table.Th>
              <Table.Th w={90}>Currency</Table.Th>
              {APPROVAL_KINDS.map((kind) => (
                <Table.Th key={kind}>{APPROVAL_KIND_LABELS[kind]}</Table.Th>
              ))}
              <Table.Th w={48}>
                <VisuallyHidden>Remove</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const roleLabel = ROLE_LABELS[row.role];
              return (
                <Fragment key={row.id}>
                  <Table.Tr>
                    <Table.Td fw={500}>{roleLabel}</Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Currency of the ${roleLabel} row`}
                        value={row.currency}
                        error={errors[`${row.id}.currency`]}
                        maxLength={3}
                        onChange={(event) => {
                          const value = event.currentTarget.value.toUpperCase();
                          editRow(row.id, (current) => ({ ...current, currency: value }));
                          clearError(`${row.id}.currency`);
                        }}
                      />
                    </Table.Td>
                    {APPROVAL_KINDS.map((kind) => (
                      <Table.Td key={kind}>
                        <NumberInput
                          aria-label={`${roleLabel}: ${APPROVAL_KIND_LABELS[kind]} limit in ${row.currency}`}
                          placeholder="Not allowed"
                          value={row.amounts[kind]}
                          onChange={(value) => setAmount(row.id, kind, value)}
                          error={errors[cellKey(row.id, kind)]}
                          // No min: a minimum would turn a typed −500 into 0 on blur; the schema refuses it instead.
                          decimalScale={2}
                          fixedDecimalScale
                          thousandSeparator=","
                          hideControls
                          styles={{ input: { textAlign: 'right' } }}
                        />
                      </Table.Td>
                    ))}
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove the ${roleLabel} ${row.currency} row`}
                        onClick={() => edit(rows.filter((other) => other.id !== row.id))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                  {errors[row.id] && (
                    <Table.Tr>
                      <Table.Td colSpan={COLUMNS} pt={0}>
                        <Text size="sm" c="red" role="alert">
                          {roleLabel} ({row.currency}): {errors[row.id]}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Select label="Add a row for" placeholder="Choose a role" w={180} data={LIMIT_ROLE_OPTIONS} value={newRole} onChange={(role) => setNewRole(isRole(role) ? role : null)} />
          <TextInput label="Currency" w={90} maxLength={3} value={newCurrency} onChange={(event) => setNewCurrency(event.currentTarget.value.toUpperCase())} />
          <Button variant="default" leftSection={<IconPlus size={16} />} disabled={!newRole || rowExists || !/^[A-Z]{3}$/.test(currency)} onClick={addRow}>
            Add row
          </Button>
        </Group>
        <Group gap="sm">
          <Button variant="default" disabled={!dirty} onClick={discard}>
            Discard changes
          </Button>
          <Button disabled={!dirty} loading={mutation.isPending} onClick={save}>
            Save limits
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
