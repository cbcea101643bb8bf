import type { PhoneLine } from '@contracts/voice';
import { Paper, Stack } from '@mantine/core';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useAuth } from '@/lib/auth/auth-context';
import { useDialogTarget } from '@/lib/use-dialog-target';
import { usePhoneLines } from '../api/get-phone-lines';
import { EditPhoneLineModal } from '../components/EditPhoneLineModal';
import { PhoneLinesTable } from '../components/PhoneLinesTable';

export function PhoneLinesPage() {
  const { can } = useAuth();
  const canManage = can('phone-lines:manage');
  const { data: lines, error, isPending, refetch } = usePhoneLines();
  const editing = useDialogTarget<PhoneLine>();

  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title="Phone lines" description="The insurer’s numbers: what callers hear, the menu’s queues, what happens after hours and the urgent key." />
      <Paper withBorder>
        {isPending ? (
          <LoadingState label="Loading phone lines…" />
        ) : error ? (
          <Stack p="md">
            <ErrorState error={error} onRetry={() => void refetch()} />
          </Stack>
        ) : lines.length === 0 ? (
          <EmptyState title="No phone lines yet" description="An administrator configures them (POST /api/phone-lines)." />
        ) : (
          <PhoneLinesTable lines={lines} onEdit={canManage ? editing.open : undefined} />
        )}
      </Paper>
      {canManage && <EditPhoneLineModal line={editing.target} opened={editing.opened} onClose={editing.close} />}
    </Stack>
  );
}
