import type { Quote } from '@contracts/products';
import { Badge, Group, Text } from '@mantine/core';
import { formatDate } from '@/lib/format-date';

/** "valid until 21 Dec 2026", or an Expired badge: an expired quote cannot become an application. */
export function QuoteValidity({ quote }: { quote: Pick<Quote, 'validUntil' | 'expired'> }) {
  if (!quote.validUntil) return <Text size="sm">—</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      {quote.expired && (
        <Badge color="red" variant="light" size="sm">
          Expired
        </Badge>
      )}
      <Text size="sm" c={quote.expired ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {formatDate(quote.validUntil)}
      </Text>
    </Group>
  );
}
