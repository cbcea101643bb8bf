import type { Customer, KycVerification } from '@contracts/customers';
import { DataList, Group, Stack, Text } from '@mantine/core';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { useDialogTarget } from '@/lib/use-dialog-target';
import { useCustomerKyc } from '../api/get-customer-kyc';
import { Fact } from '@/components/Fact';
import { KycBadge } from './KycBadge';
import { KycVerificationsTable } from './KycVerificationsTable';
import { Panel } from '@/components/Panel';
import { RecordKycDocumentButton } from './RecordKycDocumentButton';
import { RejectKycDialog } from './RejectKycDialog';
import { VerifyKycDialog } from './VerifyKycDialog';

/** The KYC tab: where the customer's identity check stands, the documents behind it, and recording the next one. */
export function CustomerKyc({ customer }: { customer: Customer }) {
  const { can } = useAuth();
  const { data: kyc, error, isPending, refetch } = useCustomerKyc(customer.id);
  const verifying = useDialogTarget<KycVerification>();
  const rejecting = useDialogTarget<KycVerification>();
  const decides = can('customers:kyc-verify');

  if (isPending) return <LoadingState label="Loading KYC…" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  return (
    <Stack gap="md">
      <Panel title="Identity verification (KYC)" aside={can('customers:kyc') && <RecordKycDocumentButton customer={customer} />}>
        <Group gap="xl" align="flex-start">
          <DataList labelWidth={110} size="sm">
            <Fact label="Status">
              <KycBadge status={kyc.status} prefixed={false} />
            </Fact>
            <Fact label="Verified">{kyc.verifiedAt ? formatDateTime(kyc.verifiedAt) : '—'}</Fact>
            <Fact label="Valid until">{kyc.expiresOn ? formatDate(kyc.expiresOn) : '—'}</Fact>
          </DataList>
          <Text size="sm" c="dimmed" maw={420}>
            A recorded document is checked by a second person, who verifies or rejects it. An identity document makes the customer verified; a utility bill only proves the address.
          </Text>
        </Group>
      </Panel>
      <Panel title="Documents">
        {kyc.verifications.length === 0 ? (
          <EmptyState title="No documents recorded" description={can('customers:kyc') ? 'Record the customer’s passport, licence or id card to start KYC.' : undefined} />
        ) : (
          <KycVerificationsTable verifications={kyc.verifications} onVerify={decides ? verifying.open : undefined} onReject={decides ? rejecting.open : undefined} />
        )}
      </Panel>
      <VerifyKycDialog customerId={customer.id} verification={verifying.target} opened={verifying.opened} onClose={verifying.close} />
      <RejectKycDialog customerId={customer.id} verification={rejecting.target} opened={rejecting.opened} onClose={rejecting.close} />
    </Stack>
  );
}
