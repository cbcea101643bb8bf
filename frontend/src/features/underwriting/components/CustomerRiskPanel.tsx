import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { RiskFactorsPanel, useCustomerOverview } from '@/features/customers';
import { Panel } from '@/components/Panel';

/** The customer's risk score and the factors behind it (from the 360° view). */
export function CustomerRiskPanel({ customerId }: { customerId: string }) {
  const { data, error, isPending, refetch } = useCustomerOverview(customerId);
  if (data) return <RiskFactorsPanel risk={data.risk} />;
  return <Panel title="Risk score">{isPending ? <LoadingState label="Loading the risk score…" /> : <ErrorState error={error} onRetry={() => void refetch()} />}</Panel>;
}
