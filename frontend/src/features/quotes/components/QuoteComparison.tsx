import type { Customer } from '@contracts/customers';
import type { CompareQuotesBody } from '@contracts/products';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { Panel } from '@/components/Panel';
import { useQuoteComparison } from '../api/compare-quotes';
import { MAX_COMPARED, useComparisonBasket } from '../comparison-basket';
import type { BasketItem } from '../comparison-basket';
import { newQuotePath } from '../quote-paths';
import { QuoteComparisonTable } from './QuoteComparisonTable';

export function comparisonBody(customerId: string, items: BasketItem[]): CompareQuotesBody | null {
  if (items.length < 2) return null;
  return {
    customerId,
    options: items.map((item) => ({
      productId: item.productId,
      ...(Object.keys(item.risk).length ? { risk: item.risk } : {}),
      coverages: item.coverages,
      ...(item.trip ? { trip: item.trip } : item.termYears !== null ? { termYears: item.termYears } : {}),
    })),
  };
}

/** The comparison basket of one customer, priced side by side. */
export function QuoteComparison({ customer }: { customer: Customer }) {
  const basket = useComparisonBasket(customer.id);
  const body = comparisonBody(customer.id, basket.items);
  const comparison = useQuoteComparison(body);
  const count = basket.items.length;

  return (
    <Panel
      title={`Comparison (${count} of ${MAX_COMPARED})`}
      aside={
        <Group gap="xs">
          {count > 0 && (
            <Button variant="subtle" color="gray" size="sm" leftSection={<IconTrash size={16} />} onClick={basket.clear}>
              Clear comparison
            </Button>
          )}
          {!basket.full && (
            <Button component={Link} to={newQuotePath(customer.id)} variant="light" size="sm" leftSection={<IconPlus size={16} />}>
              Add options
            </Button>
          )}
        </Group>
      }
    >
      {count < 2 ? (
        <EmptyState
          title={count === 0 ? 'Nothing to compare yet' : 'Add one more option'}
          description="In the quote builder, choose a product and its options, then “Add to comparison”. Up to four option sets can be compared side by side."
        />
      ) : comparison.isPending ? (
        <LoadingState label="Pricing the options…" />
      ) : comparison.error ? (
        <ErrorState error={comparison.error} onRetry={() => void comparison.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            The same customer, priced today at every payment frequency.{' '}
            {comparison.data.differences.length > 0 ? 'Highlighted rows differ between the options.' : 'The options are the same.'}
          </Text>
          <QuoteComparisonTable comparison={comparison.data} items={basket.items} onRemove={(item) => basket.remove(item.id)} />
        </Stack>
      )}
    </Panel>
  );
}
