import { Button, Paper, Stack } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadMoreButton } from '@/components/LoadMoreButton';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useExportAudit } from '@/features/audit/api/export-audit';
import { useAuditEntries } from '@/features/audit/api/get-audit-entries';
import { auditSearchParams, readAuditSearch, toAuditFilter } from '@/features/audit/audit-filter';
import type { AuditSearch } from '@/features/audit/audit-filter';
import { AuditFilters } from '@/features/audit/components/AuditFilters';
import { AuditTable } from '@/features/audit/components/AuditTable';

export function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = readAuditSearch(searchParams);
  const filter = toAuditFilter(search);
  const { data, error, isPending, isPlaceholderData, refetch, hasNextPage, isFetchingNextPage, fetchNextPage } =
    useAuditEntries(filter);
  const exportCsv = useExportAudit();
  const entries = data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(search).length > 0;

  // Filters live in the URL so a filtered view can be bookmarked, shared and returned to.
  const applySearch = (next: AuditSearch) => setSearchParams(auditSearchParams(next), { replace: true });

  return (
    <Stack gap="lg">
      <PageHeader
        title="Audit log"
        description="Who did what and when, newest first. Entries cannot be changed or deleted."
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            loading={exportCsv.isPending}
            onClick={() => exportCsv.mutate(filter)}
          >
            Export CSV
          </Button>
        }
      />
      <AuditFilters search={search} onChange={applySearch} />
      <Paper withBorder style={{ opacity: isPlaceholderData ? 0.6 : 1 }} aria-busy={isPlaceholderData}>
        {isPending ? (
          <LoadingState label="Loading the audit log…" />
        ) : error ? (
          <Stack p="md">
            <ErrorState error={error} onRetry={() => void refetch()} />
          </Stack>
        ) : entries.length === 0 ? (
          <EmptyState
            title={filtered ? 'No entries match these filters' : 'No entries yet'}
            description={filtered ? 'Widen the date range or clear a filter.' : undefined}
          />
        ) : (
          <AuditTable entries={entries} />
        )}
      </Paper>
      <LoadMoreButton
        hasNextPage={hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        onLoadMore={() => void fetchNextPage()}
      />
    </Stack>
  );
}
