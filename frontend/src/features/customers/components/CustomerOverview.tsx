import type { Customer } from '@contracts/customers';
import { Grid, Stack } from '@mantine/core';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useCustomerOverview } from '../api/get-customer-overview';
import { CustomerPanels } from '../customer-actions';
import { ConsentsPanel } from './ConsentsPanel';
import { KycSummaryPanel } from './KycSummaryPanel';
import { LifetimeValuePanel } from './LifetimeValuePanel';
import { LikelyDuplicatesPanel } from './LikelyDuplicatesPanel';
import { ModuleSectionsPanel } from './ModuleSectionsPanel';
import { ProfilePanel } from './ProfilePanel';
import { RiskFactorsPanel } from './RiskFactorsPanel';

/** The Overview tab: everything about the customer at a glance. What an agent needs on the phone comes first: the
 *  customer's policies and applications (and what later modules contribute), then what other features add (the
 *  timeline of contacts and status changes) beside the profile and the risk score. */
export function CustomerOverview({ customer }: { customer: Customer }) {
  const { data: overview, error, isPending, refetch } = useCustomerOverview(customer.id);
  if (isPending) return <LoadingState label="Loading the overview…" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  return (
    <Stack gap="md">
      <ModuleSectionsPanel sections={overview.sections} />
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <CustomerPanels customer={customer} />
            <ProfilePanel customer={customer} />
            <RiskFactorsPanel risk={overview.risk} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <KycSummaryPanel customerId={customer.id} kyc={overview.kyc} />
            <LifetimeValuePanel value={overview.lifetimeValue} />
            <ConsentsPanel consents={customer.consents} />
            <LikelyDuplicatesPanel customerId={customer.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
