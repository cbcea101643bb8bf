import type { PaymentMethod } from '@contracts/orders';
import { Alert, Button, Grid, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCreditCard, IconLock } from '@tabler/icons-react';
import type { ApplicationFormValues } from '../application-form';
import { paymentMethodText } from '../order-labels';

const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: String(i + 1).padStart(2, '0') }));
const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 16 }, (_, i) => String(thisYear + i));

interface PaymentMethodFieldsProps {
  form: UseFormReturnType<ApplicationFormValues>;
  /** The saved method, masked; null when none yet. */
  saved: PaymentMethod | null;
}

/**
 * How the premium will be paid. A saved method is shown masked and kept unless replaced; the
 * numbers typed here are sent once and never come back (the server keeps a token and the last four).
 */
export function PaymentMethodFields({ form, saved }: PaymentMethodFieldsProps) {
  const p = form.values.payment;
  const sectionError = form.errors.payment;
  if (saved && !p.replace) {
    return (
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <IconCreditCard size={20} aria-hidden />
          <div>
            <Text size="sm" fw={500}>
              {paymentMethodText(saved)}
            </Text>
            <Text size="xs" c="dimmed">
              Holder: {saved.holderName}
            </Text>
          </div>
        </Group>
        <Button variant="default" size="xs" onClick={() => form.setFieldValue('payment.replace', true)}>
          Replace
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap="sm">
      {sectionError && (
        <Text size="sm" c="red" role="alert">
          {sectionError}
        </Text>
      )}
      <SegmentedControl
        aria-label="Pay by"
        value={p.type}
        onChange={(type) => form.setFieldValue('payment.type', type === 'bank_account' ? 'bank_account' : 'card')}
        data={[
          { value: 'card', label: 'Card' },
          { value: 'bank_account', label: 'Bank account' },
        ]}
        maw={320}
      />
      {p.type === 'card' ? (
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label="Card number" inputMode="numeric" autoComplete="off" placeholder="1234 5678 9012 3456" {...form.getInputProps('payment.cardNumber')} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <Select label="Expiry month" data={MONTHS} placeholder="MM" {...form.getInputProps('payment.expiryMonth')} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <Select label="Expiry year" data={YEARS} placeholder="YYYY" {...form.getInputProps('payment.expiryYear')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label="Name on the card" autoComplete="off" {...form.getInputProps('payment.holderName')} />
          </Grid.Col>
        </Grid>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Account number or IBAN" autoComplete="off" {...form.getInputProps('payment.accountNumber')} />
          <TextInput
            label="Routing number"
            description="9 digits; optional"
            inputMode="numeric"
            maxLength={9}
            autoComplete="off"
            {...form.getInputProps('payment.routingNumber')}
          />
          <TextInput label="Account holder" autoComplete="off" {...form.getInputProps('payment.holderName')} />
        </SimpleGrid>
      )}
      <Alert variant="light" color="gray" icon={<IconLock />} p="xs">
        <Group justify="space-between" gap="xs">
          <Text size="xs">Only the last four digits are kept; the full number is never shown again.</Text>
          {saved && (
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() =>
                form.setFieldValue('payment', { ...form.values.payment, replace: false, cardNumber: '', accountNumber: '', routingNumber: '', expiryMonth: null, expiryYear: null })
              }
            >
              Keep {paymentMethodText(saved)}
            </Button>
          )}
        </Group>
      </Alert>
    </Stack>
  );
}
