import { DESTINATION_ZONES } from '@contracts/products';
import { Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { tripLength, tripWording } from '@/lib/term-wording';
import type { QuoteDraft } from '../quote-draft';
import { DESTINATION_ZONE_LABELS } from '../quote-labels';

interface TripFieldsProps {
  maxDays: number;
  form: UseFormReturnType<QuoteDraft>;
  errors: Record<string, string>;
}

/** A trip product's trip: the departure and return dates (both covered) and where it goes; the policy lasts for the trip. */
export function TripFields({ maxDays, form, errors }: TripFieldsProps) {
  const { departureDate, returnDate } = form.values.trip;
  const days = departureDate && returnDate ? tripLength(departureDate, returnDate) : null;
  return (
    <Stack gap="xs" role="group" aria-label="The trip">
      <Text size="sm" fw={600}>
        The trip
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput type="date" label="Departure date" {...form.getInputProps('trip.departureDate')} error={errors['trip.departureDate']} />
        <TextInput type="date" label="Return date" min={departureDate || undefined} {...form.getInputProps('trip.returnDate')} error={errors['trip.returnDate']} />
        <Select
          label="Destination"
          placeholder="Choose"
          data={DESTINATION_ZONES.map((zone) => ({ value: zone, label: DESTINATION_ZONE_LABELS[zone] }))}
          {...form.getInputProps('trip.destinationZone')}
          error={errors['trip.destinationZone'] ?? errors.trip}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" data-testid="trip-summary">
        {days !== null
          ? `${tripWording({ departureDate, returnDate, days })}: covered from the departure to the return day.`
          : `A trip of up to ${maxDays} days, both travel days covered.`}
      </Text>
    </Stack>
  );
}
