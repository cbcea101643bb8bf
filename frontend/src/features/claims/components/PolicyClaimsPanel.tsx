import type { PolicyActionProps } from '@/features/policies';
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { Panel } from '@/components/Panel';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { queryString } from '@/lib/query-string';
import { useQuery } from '@tanstack/react-query';
import { claimKeys } from '../api/claim-keys';
import { getClaims } from '../api/get-claims';
import { CLAIMS_PATH, LOSS_TYPE_LABELS, claimPath } from '../claim-labels';
import { ClaimStatusBadge } from './ClaimStatusBadge';

/** The policy's claims, newest first, on its page (for whoever reads claims). */
export function PolicyClaimsPanel({ policy }: PolicyActionProps) {
  const { can } = useAuth();
  const readable = can('claims:read');
  // The newest five, under the lists' key: a claim reported or moved on refreshes it.
  const claims = useQuery({
    queryKey: [...claimKeys.list({ policyId: policy.id }), 'policy-panel'],
    queryFn: ({ signal }) => getClaims({ policyId: policy.id }, { limit: 5 }, signal),
    enabled: readable,
  });
  if (!readable) return null;
  const items = claims.data?.items ?? [];
  return (
    <Panel
      title="Claims"
      aside={
        claims.data?.nextCursor && (
          <Anchor component={Link} to={`${CLAIMS_PATH}${queryString({ policyId: policy.id })}`} size="sm">
            All claims
          </Anchor>
        )
      }
    >
      {claims.error ? (
        <ErrorState error={claims.error} onRetry={() => void claims.refetch()} />
      ) : claims.isPending ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No claims on this policy.
        </Text>
      ) : (
        <Stack gap="xs" aria-label="Claims on this policy">
          {items.map((c) => (
            <Group key={c.id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <div>
                <Anchor component={Link} to={claimPath(c.id)} size="sm" fw={600}>
                  {c.claimNumber}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {LOSS_TYPE_LABELS[c.lossType]}, {formatDate(c.lossDate)}
                  {c.claimedAmount !== null ? ` · ${formatMoney(c.claimedAmount, c.currency)} claimed` : ''}
                </Text>
              </div>
              <ClaimStatusBadge status={c.status} />
            </Group>
          ))}
        </Stack>
      )}
    </Panel>
  );
}
