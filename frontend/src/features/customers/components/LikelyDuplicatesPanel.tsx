import { Badge, Text } from '@mantine/core';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useCustomerDuplicates } from '../api/get-customer-duplicates';
import { DuplicateCandidatesList } from './DuplicateCandidatesList';
import { Panel } from '@/components/Panel';

export function LikelyDuplicatesPanel({ customerId }: { customerId: string }) {
  const { data: candidates, error, isPending, refetch } = useCustomerDuplicates(customerId);
  return (
    <Panel
      title="Likely duplicates"
      aside={
        candidates &&
        candidates.length > 0 && (
          <Badge color="yellow" variant="light">
            {candidates.length}
          </Badge>
        )
      }
    >
      {isPending ? (
        <LoadingState label="Looking for duplicates…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : candidates.length === 0 ? (
        <Text size="sm" c="dimmed">
          No other customer shares this national id, email or phone, or this name with this date of birth.
        </Text>
      ) : (
        <DuplicateCandidatesList candidates={candidates} />
      )}
    </Panel>
  );
}
