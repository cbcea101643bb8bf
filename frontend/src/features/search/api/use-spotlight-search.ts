import { useDebouncedValue } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import type { SpotlightItem, SpotlightSource } from '../spotlight-sources';
import { searchKeys } from './search-keys';

export const MIN_QUERY_LENGTH = 2;
const DEBOUNCE_MS = 250;

export interface SourceResult {
  source: SpotlightSource;
  items: SpotlightItem[];
  error: unknown;
}

/** Asks every source once the user pauses typing; results are cached per source and query. */
export function useSpotlightSearch(query: string, sources: SpotlightSource[]) {
  const [settledQuery] = useDebouncedValue(query, DEBOUNCE_MS);
  const enabled = settledQuery.length >= MIN_QUERY_LENGTH;
  const answers = useQueries({
    queries: sources.map((source) => ({
      queryKey: searchKeys.source(source.id, settledQuery),
      queryFn: ({ signal }: { signal: AbortSignal }) => source.search(settledQuery, signal),
      enabled,
      staleTime: 30_000,
    })),
  });
  const results: SourceResult[] = sources.map((source, index) => ({
    source,
    items: answers[index]?.data ?? [],
    error: answers[index]?.error ?? null,
  }));
  const typing = query !== settledQuery && query.length >= MIN_QUERY_LENGTH && sources.length > 0;
  const searching = typing || answers.some((answer) => answer.isFetching);
  return { results, searching };
}
