import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { ListPage, loadedItems } from '@/components/ListPage';
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
  const query = useAuditEntries(filter);
  const exportCsv = useExportAudit();
  const filtered = Object.keys(search).length > 0;

  // Filters live in the URL so a filtered view can be bookmarked, shared and returned to.
  const applySearch = (next: AuditSearch) => setSearchParams(auditSearchParams(next), { replace: true });

  return (
    <ListPage
      title="Audit log"
      description="Who did what and when, newest first. Entries cannot be changed or deleted."
      actions={
        <Button variant="default" leftSection={<IconDownload size={16} />} loading={exportCsv.isPending} onClick={() => exportCsv.mutate(filter)}>
          Export CSV
        </Button>
      }
      filters={<AuditFilters search={search} onChange={applySearch} />}
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading the audit log…"
      empty={filtered ? { title: 'No entries match these filters', description: 'Widen the date range or clear a filter.' } : { title: 'No entries yet' }}
    >
      {(entries) => <AuditTable entries={entries} />}
    </ListPage>
  );
}
