import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { notifyProblem, notifyVersionConflict } from '@/lib/notify';

const MAX_RETRIES = 2;

// A 4xx will answer the same way next time; only an unreachable or failing server is worth retrying.
function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.isNetworkError || error.status >= 500);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < MAX_RETRIES && isTransient(error),
        staleTime: 30_000,
      },
      mutations: {
        // Forms that show errors next to their fields pass their own onError. A 401 that got this far
        // ended the session, which the login redirect already explains. Mutations of versioned records
        // refetch them when they settle, so a 412 only needs saying.
        onError: (error) => {
          if (error instanceof ApiError && error.status === 401) return;
          if (isVersionConflict(error)) notifyVersionConflict();
          else notifyProblem(error);
        },
      },
    },
  });
}
