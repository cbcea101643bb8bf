import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { cssVariablesResolver, theme } from '@/config/theme';
import { systemInfoQueryOptions } from '@/features/system';
import { AuthProvider } from '@/lib/auth/auth-context';
import { AppErrorBoundary } from './AppErrorBoundary';
import { createQueryClient } from './query-client';

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    // The shell's environment badge needs it: asked at once, beside the session restore, not after it.
    void client.prefetchQuery(systemInfoQueryOptions());
    return client;
  });
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <AppErrorBoundary>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>{children}</AuthProvider>
        </QueryClientProvider>
      </AppErrorBoundary>
    </MantineProvider>
  );
}
