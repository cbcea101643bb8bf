import type { Customer } from '@contracts/customers';
import { Button, Group, Stack } from '@mantine/core';
import { IconArrowsLeftRight, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadMoreButton } from '@/components/LoadMoreButton';
import { LoadingState } from '@/components/LoadingState';
import { Panel } from '@/components/Panel';
import { useAuth } from '@/lib/auth/auth-context';
import { useCustomerQuotes } from '../api/get-customer-quotes';
import { MAX_COMPARED, useComparisonBasket } from '../comparison-basket';
import { compareQuotesPath, newQuotePath } from '../quote-paths';
import { SavedQuotesTable } from './SavedQuotesTable';

/** The Quotes tab: the customer's saved quotes, and the way to a new one or the comparison. */
export function CustomerQuotes({ customer }: { customer: Customer }) {
  const { can } = useAuth();
  const quotes = useCustomerQuotes(customer.id);
  const basket = useComparisonBasket(customer.id);
  const items = quotes.data?.pages.flatMap((page) => page.items) ?? [];
  const creates = can('quotes:create');

  return (
    <Panel
      title="Saved quotes"
      aside={
        <Group gap="xs">
          {creates && basket.items.length > 0 && (
            <Button
              component={Link}
              to={compareQuotesPath(customer.id)}
              variant="default"
              size="sm"
              leftSection={<IconArrowsLeftRight size={16} />}
              aria-label={`Compare ${basket.items.length} of ${MAX_COMPARED} options`}
            >
              Compare ({basket.items.length}/{MAX_COMPARED})
            </Button>
          )}
          {creates && (
            <Button component={Link} to={newQuotePath(customer.id)} size="sm" leftSection={<IconPlus size={16} />}>
              New quote
            </Button>
          )}
        </Group>
      }
    >
      {quotes.isPending ? (
        <LoadingState label="Loading quotes…" />
      ) : quotes.error ? (
        <ErrorState error={quotes.error} onRetry={() => void quotes.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No saved quotes" description={creates ? 'Start a new quote: choose a product and its options, and the price follows.' : undefined} />
      ) : (
        <Stack gap="sm">
          <SavedQuotesTable customerId={customer.id} quotes={items} />
          <LoadMoreButton hasNextPage={quotes.hasNextPage} isFetchingNextPage={quotes.isFetchingNextPage} onLoadMore={() => void quotes.fetchNextPage()} />
        </Stack>
      )}
    </Panel>
  );
}
