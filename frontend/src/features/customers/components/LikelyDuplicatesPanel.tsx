import { Badge, Text } from '@mantine/core';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useCustomerDuplicates } from '../api/get-customer-duplicates';
import { DuplicateCandidatesList, OtherBranchDuplicateNote } from './DuplicateCandidatesList';
import { Panel } from '@/components/Panel';

export function LikelyDuplicatesPanel({ customerId }: { customerId: string }) {
  const { data, error, isPending, refetch } = useCustomerDuplicates(customerId);
  const count = data ? data.items.length : 0;
  return (
    <Panel
      title="Likely duplicates"
      aside={
        count > 0 && (
          <Badge color="yellow" variant="light">
            {count}
          </Badge>
        )
      }
    >
      {isPending ? (
        <LoadingState label="Looking for duplicates…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 && !data.inOtherBranch ? (
        <Text size="sm" c="dimmed">
          No other customer shares this national id, email or phone, or this name with this date of birth.
        </Text>
      ) : (
        <>
          {data.items.length > 0 && <DuplicateCandidatesList candidates={data.items} />}
          {data.inOtherBranch && <OtherBranchDuplicateNote />}
        </>
      )}
    </Panel>
  );
}
