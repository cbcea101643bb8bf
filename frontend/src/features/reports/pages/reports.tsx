import { Button, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useReports } from '../api/reports';
import { ExportsTable } from '../components/ExportsTable';
import { ReportCard } from '../components/ReportCard';
import { SchedulesTable } from '../components/SchedulesTable';

/** The reports the user may run, each exported to CSV, Excel or PDF by a background job, and the user's exports. */
export function ReportsPage() {
  const reports = useReports();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Reports"
        description="Export a report to CSV, Excel or PDF, now or on a schedule. It is written in the background; the file is kept for 7 days and only its recipient can download it."
        actions={
          <Button component={Link} to="/reports/builder" variant="default">
            Build a report
          </Button>
        }
      />
      {reports.isPending ? (
        <LoadingState label="Loading the reports…" />
      ) : reports.isError ? (
        <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
      ) : reports.data.items.length === 0 ? (
        <EmptyState title="No reports for your role" description="The reports you may run appear here." />
      ) : (
        reports.data.items.map((report) => <ReportCard key={report.key} report={report} />)
      )}
      <Stack gap="xs" component="section" aria-labelledby="your-exports">
        <Title order={2} size="h3" id="your-exports">
          Your exports
        </Title>
        <ExportsTable />
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="your-schedules">
        <Title order={2} size="h3" id="your-schedules">
          Your schedules
        </Title>
        <SchedulesTable />
      </Stack>
    </Stack>
  );
}
