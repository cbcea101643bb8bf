import type { LossType, Product, ProductDefinition } from '@contracts/products';
import { Badge, Button, DataList, Stack, Text } from '@mantine/core';
import { IconBolt, IconBoltOff } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmWithReasonDialog, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { Fact } from '@/components/Fact';
import { Panel } from '@/components/Panel';
import { useAuth } from '@/lib/auth/auth-context';
import { isVersionConflict } from '@/lib/concurrency';
import { notifyProblem, notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useSetFastTrack } from '../api/set-fast-track';
import { formatAmount } from '../product-format';

/** "travel_medical" → "Travel medical". */
export const lossTypeLabel = (t: LossType) => t.charAt(0).toUpperCase() + t.slice(1).replace(/_/g, ' ');

/**
 * The version's claims settings: which kinds of loss are covered (by which coverages, after which
 * waiting period) and its fast-track rule; a manager switches fast-track off (or back on) for the
 * whole product here, with the reason.
 */
export function ClaimsSettingsPanel({ definition, product }: { definition: ProductDefinition; product?: Product }) {
  const { can } = useAuth();
  const [switching, setSwitching] = useState(false);
  const [reason, setReason] = useState('');
  const mutation = useSetFastTrack({
    onSuccess: (saved) => {
      setReason('');
      setSwitching(false);
      notifySuccess(
        saved.fastTrackSuspended ? 'Fast-track switched off' : 'Fast-track switched on',
        `${saved.name}: ${saved.fastTrackSuspended ? 'every claim goes to an adjuster.' : 'claims the rule admits are paid straight through.'}`,
      );
    },
    onError: (error) => (isVersionConflict(error) ? notifyVersionConflict() : notifyProblem(error, 'Could not switch fast-track')),
  });
  const { currency } = definition;
  const catalog = definition.claims?.lossTypes ?? [];
  const rule = definition.claims?.fastTrack;
  const suspended = product?.fastTrackSuspended ?? false;
  // The product's switch first: switched off, no version's rule applies.
  const state = suspended ? { label: 'Switched off', color: 'red' } : !rule ? { label: 'Off (no rule)', color: 'gray' } : { label: 'On', color: 'teal' };
  return (
    <Panel title="Claims settings" aside={<Badge color={state.color} variant="light">{`Fast-track: ${state.label}`}</Badge>}>
      <Stack gap="sm">
        <DataList labelWidth={180} size="sm">
          <Fact label="Kinds of loss covered">
            {catalog.length === 0
              ? 'None: this version covers no claim'
              : catalog.map((c) => `${lossTypeLabel(c.lossType)} (${c.coverages.join(', ')}${c.waitingDays ? `, after ${c.waitingDays} days` : ''})`).join(' · ')}
          </Fact>
          <Fact label="Fast-track rule">
            {rule
              ? `${rule.lossTypes.map(lossTypeLabel).join(', ')} claims up to ${formatAmount(rule.maxAmount, currency)}, with coverage confirmed on the loss date, no fraud indicator, no other open claim on the policy and the customer's identity verified, are approved and paid straight through.`
              : 'None: every claim goes to an adjuster.'}
          </Fact>
          {rule && <Fact label="Review sample">{`${rule.samplePercent} % of each day's fast-tracked claims go to an adjuster for review`}</Fact>}
          {product && (
            <Fact label="For the product">{suspended ? 'Switched off by a manager: no claim is fast-tracked, whatever its version says.' : 'As each version’s rule says.'}</Fact>
          )}
        </DataList>
        {product && can('products:fast-track') && (
          <div>
            <Button
              size="xs"
              variant="light"
              color={suspended ? 'teal' : 'red'}
              leftSection={suspended ? <IconBolt size={14} /> : <IconBoltOff size={14} />}
              onClick={() => setSwitching(true)}
            >
              {suspended ? 'Switch fast-track back on…' : 'Switch fast-track off…'}
            </Button>
          </div>
        )}
      </Stack>
      {product && (
        <ConfirmWithReasonDialog
          opened={switching}
          onClose={() => setSwitching(false)}
          title={suspended ? `Switch fast-track back on for ${product.name}?` : `Switch fast-track off for ${product.name}?`}
          centered
          confirmLabel={suspended ? 'Switch on' : 'Switch off'}
          color={suspended ? 'teal' : 'red'}
          loading={mutation.isPending}
          confirmDisabled={!isReasonLongEnough(reason)}
          onConfirm={() => isReasonLongEnough(reason) && !mutation.isPending && mutation.mutate({ product, suspended: !suspended, reason: reason.trim() })}
        >
          <Text size="sm">
            {suspended
              ? 'Claims the rule of the version in force admits will again be approved and paid straight through.'
              : 'From now on every claim on this product goes to the adjusters’ queue, with this as the reason it was not fast-tracked.'}
          </Text>
          <ReasonField label="Reason" placeholder="e.g. A fraud ring targets glass claims in the region." minRows={2} value={reason} onChange={setReason} data-autofocus />
        </ConfirmWithReasonDialog>
      )}
    </Panel>
  );
}
