import type { Beneficiary } from '@contracts/orders';
import { ActionIcon, Alert, Badge, Button, Grid, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import type { FormArrayElement, UseFormReturnType } from '@mantine/form';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { emptyBeneficiary, REQUIRED_BENEFICIARY_FIELDS, tierTotals } from '../application-form';
import type { BeneficiaryRow } from '../application-form';
import { BENEFICIARY_RELATIONSHIP_LABELS } from '../order-labels';

const RELATIONSHIP_OPTIONS = Object.entries(BENEFICIARY_RELATIONSHIP_LABELS).map(([value, label]) => ({ value, label }));

const TIER_TEXT: Record<Beneficiary['tier'], { title: string; hint: string; add: string }> = {
  primary: { title: 'Primary beneficiaries', hint: 'Receive the benefit. Their shares add up to 100 %.', add: 'Add a primary beneficiary' },
  contingent: {
    title: 'Contingent beneficiaries (optional)',
    hint: 'Receive the benefit only if no primary beneficiary survives. Their shares also add up to 100 %.',
    add: 'Add a contingent beneficiary',
  },
};

/** "60 % of 100 %": teal when the tier adds up, red while it does not. */
function RunningTotal({ hundredths, tier }: { hundredths: number; tier: Beneficiary['tier'] }) {
  const ok = hundredths === 100_00;
  return (
    <Badge color={ok ? 'teal' : 'red'} variant="light" size="lg" aria-live="polite" aria-label={`${tier} shares total ${hundredths / 100} % of 100 %`}>
      Total {hundredths / 100} % of 100 %
    </Badge>
  );
}

/**
 * Who receives the benefit, in two tiers. Each tier's shares must add up to exactly 100 %: the
 * running total shows where it stands while the agent types.
 */
export function BeneficiariesEditor<V extends { beneficiaries: BeneficiaryRow[] }>({ form }: { form: UseFormReturnType<V> }) {
  const rows = form.values.beneficiaries;
  const totals = tierTotals(rows);
  const listError = form.errors.beneficiaries;

  return (
    <Stack gap="md">
      {listError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} p="xs" role="alert">
          <Text size="sm">{listError}</Text>
        </Alert>
      )}
      {(['primary', 'contingent'] as const).map((tier) => {
        const inTier = rows.map((row, index) => ({ row, index })).filter(({ row }) => row.tier === tier);
        return (
          <Stack key={tier} gap="xs" role="group" aria-label={TIER_TEXT[tier].title}>
            <Group justify="space-between" align="flex-end" gap="xs">
              <div>
                <Text fw={600} size="sm">
                  {TIER_TEXT[tier].title}
                </Text>
                <Text size="xs" c="dimmed">
                  {TIER_TEXT[tier].hint}
                </Text>
              </div>
              {inTier.length > 0 && <RunningTotal hundredths={totals[tier]} tier={tier} />}
            </Group>
            {inTier.map(({ row, index }, position) => (
              <Paper key={row.key} withBorder p="sm" radius="sm" role="group" aria-label={`${tier === 'primary' ? 'Primary' : 'Contingent'} beneficiary ${position + 1}`}>
                <Grid gap="sm" align="flex-start">
                  <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                    <TextInput label="Full name" autoComplete="off" required={REQUIRED_BENEFICIARY_FIELDS.has('name')} {...form.getInputProps(`beneficiaries.${index}.name`)} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                    <Select
                      label="Relationship"
                      data={RELATIONSHIP_OPTIONS}
                      allowDeselect={false}
                      required={REQUIRED_BENEFICIARY_FIELDS.has('relationship')}
                      {...form.getInputProps(`beneficiaries.${index}.relationship`)}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 5, md: 2 }}>
                    <TextInput label="Date of birth" placeholder="YYYY-MM-DD" maxLength={10} autoComplete="off" {...form.getInputProps(`beneficiaries.${index}.dateOfBirth`)} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 4, sm: 5, md: 2 }}>
                    <NumberInput
                      label="Share (%)"
                      decimalScale={2}
                      hideControls
                      inputMode="decimal"
                      required={REQUIRED_BENEFICIARY_FIELDS.has('share')}
                      {...form.getInputProps(`beneficiaries.${index}.share`)}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 2, sm: 2, md: 1 }}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      mt={{ base: 24, md: 24 }}
                      aria-label={`Remove ${row.name.trim() || `${tier} beneficiary ${position + 1}`}`}
                      onClick={() => form.removeListItem('beneficiaries', index)}
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Grid.Col>
                </Grid>
              </Paper>
            ))}
            <Group>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => form.insertListItem('beneficiaries', emptyBeneficiary(tier, inTier.length === 0 ? 100 : '') as FormArrayElement<V, 'beneficiaries'>)}
              >
                {TIER_TEXT[tier].add}
              </Button>
            </Group>
          </Stack>
        );
      })}
    </Stack>
  );
}
