import type { Order } from '@contracts/orders';
import { Text } from '@mantine/core';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { Panel } from '@/components/Panel';
import { genderLabel, useProductVersion, useQuote, WorksheetTable } from '@/features/quotes';

/** How the quoted premium was worked out, step by step, as the quote froze it. */
export function QuoteWorksheetPanel({ order }: { order: Order }) {
  const quote = useQuote(order.quoteId);
  const version = useProductVersion(order.product.versionId);
  const a = quote.data?.applicant;
  return (
    <Panel
      title="Quote worksheet"
      aside={
        a && (
          <Text size="xs" c="dimmed">
            {order.quoteNumber} · age {a.entryAge}, {genderLabel(a.gender).toLowerCase()}, {a.smoker ? 'smoker' : 'non-smoker'}, region {a.region}, occupation class{' '}
            {a.occupationClass}
          </Text>
        )
      }
    >
      {quote.isPending ? (
        <LoadingState label="Loading the worksheet…" />
      ) : quote.error ? (
        <ErrorState error={quote.error} onRetry={() => void quote.refetch()} />
      ) : quote.data.price ? (
        <WorksheetTable price={quote.data.price} definition={version.data?.definition} coverages={quote.data.coverages} />
      ) : (
        <Text size="sm" c="dimmed">
          The quote has no price.
        </Text>
      )}
    </Panel>
  );
}
