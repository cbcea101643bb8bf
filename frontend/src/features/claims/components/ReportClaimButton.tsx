import { Button } from '@mantine/core';
import { IconLifebuoy } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import { newClaimPath } from '../claim-labels';

/** "Report a claim" in a policy's header: the first notice of loss on that policy. */
export function ReportClaimFromPolicy({ policy }: { policy: { id: string } }) {
  const { can } = useAuth();
  if (!can('claims:create')) return null;
  return (
    <Button component={Link} to={newClaimPath({ policyId: policy.id })} variant="default" leftSection={<IconLifebuoy size={16} />}>
      Report a claim
    </Button>
  );
}

/** "Report a claim" in a customer's header: the policy is chosen first. */
export function ReportClaimFromCustomer({ customer }: { customer: { id: string } }) {
  const { can } = useAuth();
  if (!can('claims:create')) return null;
  return (
    <Button component={Link} to={newClaimPath({ customerId: customer.id })} variant="default" leftSection={<IconLifebuoy size={16} />}>
      Report a claim
    </Button>
  );
}
