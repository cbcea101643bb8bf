import { Alert, Paper, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useApprovalLimits } from '@/features/approval-limits/api/get-approval-limits';
import { ApprovalLimitsEditor } from '@/features/approval-limits/components/ApprovalLimitsEditor';
import { ApprovalLimitsView } from '@/features/approval-limits/components/ApprovalLimitsView';
import { HistoryPanel } from '@/features/audit';
import { useAuth } from '@/lib/auth/auth-context';

export function ApprovalLimitsPage() {
  const { can } = useAuth();
  const canManage = can('approval-limits:manage');
  const { data, error, isPending, refetch } = useApprovalLimits();

  return (
    <Stack gap="lg">
      <PageHeader title="Approval limits" description={'The largest amount each role may approve on its own. Above it, someone with a higher limit has to decide.'} />
      {canManage ? (
        <Text size="sm" c="dimmed">
          Amounts are in whole currency units (e.g. 2,500.00). Leave a cell empty when the role may not approve that kind of amount in that currency. Saving replaces the whole
          table.
        </Text>
      ) : (
        <Alert variant="light" color="gray" icon={<IconLock />}>
          Read only: administrators change approval limits. A dash means the role may not approve that kind of amount.
        </Alert>
      )}
      <Paper withBorder p={canManage ? 'md' : 0}>
        {isPending ? (
          <LoadingState label="Loading approval limits…" />
        ) : error ? (
          <Stack p="md">
            <ErrorState error={error} onRetry={() => void refetch()} />
          </Stack>
        ) : canManage ? (
          <ApprovalLimitsEditor key={data.revision} set={data} />
        ) : data.items.length === 0 ? (
          <EmptyState title="No approval limits yet" description="Until an administrator sets them, no role may approve amounts." />
        ) : (
          <ApprovalLimitsView items={data.items} />
        )}
      </Paper>
      {/* The table belongs to no branch, and the audit trail shows branchless entries to admins only:
          anyone else would always see an empty history. */}
      {canManage && <HistoryPanel entityType="approval_limits" entityId="all" />}
    </Stack>
  );
}
