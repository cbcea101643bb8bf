import { Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';
import { LoadMoreButton } from './LoadMoreButton';
import { LoadingState } from './LoadingState';
import { PageHeader } from './PageHeader';

/** What a list page needs from its query: a plain query, or an infinite one (then "Load more" appears). */
export interface ListQuery {
  isPending: boolean;
  error: unknown;
  /** The previous filter's rows, shown dimmed while the new ones load. */
  isPlaceholderData: boolean;
  refetch: () => unknown;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?: () => unknown;
}

/** Every row loaded so far of a keyset-paged list. */
export function loadedItems<T>(data: { pages: readonly { items: readonly T[] }[] } | undefined): T[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}

interface ListPageProps<T> {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons beside the title ("New customer", "Export CSV"). */
  actions?: ReactNode;
  /** The filters, above the list. */
  filters?: ReactNode;
  /** Between the filters and the list, e.g. how many rows there are. */
  summary?: ReactNode;
  query: ListQuery;
  /** The rows to show (after any filtering in the page). */
  items: T[];
  loadingLabel: string;
  /** What to say when there are no rows: usually different with filters than without. */
  empty: { title: string; description?: ReactNode };
  /** In a bordered frame (a table), or on the page itself (cards that have their own borders). */
  framed?: boolean;
  /** The table (or cards) of the rows. */
  children: (items: T[]) => ReactNode;
  /** After the list: dialogs the page opens. */
  after?: ReactNode;
}

/** A list page: title, filters, then loading / error / empty / the rows, and "Load more" while there are more. */
export function ListPage<T>({ title, description, actions, filters, summary, query, items, loadingLabel, empty, framed = true, children, after }: ListPageProps<T>) {
  const { isPending, error, isPlaceholderData } = query;
  const retry = () => void query.refetch();
  const body = isPending ? (
    <LoadingState label={loadingLabel} />
  ) : error ? (
    // In a frame the alert keeps clear of the border.
    framed ? (
      <Stack p="md">
        <ErrorState error={error} onRetry={retry} />
      </Stack>
    ) : (
      <ErrorState error={error} onRetry={retry} />
    )
  ) : items.length === 0 ? (
    <EmptyState title={empty.title} description={empty.description} />
  ) : (
    children(items)
  );
  // Dimmed, and busy for screen readers, while the rows of a new filter load.
  const busy = { style: { opacity: isPlaceholderData ? 0.6 : 1 }, 'aria-busy': isPlaceholderData };
  return (
    <Stack gap="lg">
      <PageHeader title={title} description={description} actions={actions} />
      {filters}
      {summary}
      {framed ? (
        <Paper withBorder {...busy}>
          {body}
        </Paper>
      ) : (
        <div {...busy}>{body}</div>
      )}
      <LoadMoreButton hasNextPage={query.hasNextPage ?? false} isFetchingNextPage={query.isFetchingNextPage ?? false} onLoadMore={() => void query.fetchNextPage?.()} />
      {after}
    </Stack>
  );
}
