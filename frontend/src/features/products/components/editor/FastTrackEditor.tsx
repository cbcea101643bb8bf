import type { LossType } from '@contracts/products';
import { MultiSelect, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import type { DraftValues } from '../../draft-form';
import { lossTypeLabel } from '../ClaimsSettingsPanel';
import { MoneyInput, WholeNumberInput } from './inputs';
import { memoItem } from './memo-item';
import type { ErrorSlice } from './memo-item';
import type { DraftForm } from './types';

interface FastTrackEditorProps {
  form: DraftForm;
  fastTrack: DraftValues['fastTrack'];
  /** The kinds of loss the version's claims catalog covers: the only ones the rule may admit. */
  catalog: readonly LossType[];
  currency: string;
  errors: ErrorSlice;
}

/** The claims settings' fast-track rule: which claims are approved and paid straight through (off unless switched on here). */
export const FastTrackEditor = memoItem(function FastTrackEditor({ form, fastTrack, catalog, currency }: FastTrackEditorProps) {
  return (
    <Stack gap="md">
      <Switch
        label="Fast-track small claims of this version"
        description="A claim the rule admits — coverage confirmed on the loss date, no fraud indicator, no other open claim on the policy, the customer's identity verified — is approved and paid at once by the claims automation user, within that role's approval limit."
        {...form.getInputProps('fastTrack.enabled', { type: 'checkbox' })}
      />
      {fastTrack.enabled && (
        <>
          {catalog.length === 0 && (
            <Text size="sm" c="orange.8">
              This version's claims catalog covers no kind of loss, so the rule cannot admit any.
            </Text>
          )}
          <div data-path="fastTrack.lossTypes" tabIndex={-1}>
            <MultiSelect
              label="Kinds of loss admitted"
              placeholder="Choose from the claims catalog"
              data={catalog.map((t) => ({ value: t, label: lossTypeLabel(t) }))}
              {...form.getInputProps('fastTrack.lossTypes')}
            />
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <MoneyInput label={`Largest amount claimed (${currency})`} {...form.getInputProps('fastTrack.maxAmount')} />
            <WholeNumberInput label="Review sample (% of each day's fast-tracked claims)" min={1} max={100} {...form.getInputProps('fastTrack.samplePercent')} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
});
