import type { CustomerOverview } from '@contracts/customers';
import { Anchor, DataList, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { customerPath } from '../customer-paths';
import { Fact } from '@/components/Fact';
import { KycBadge } from './KycBadge';
import { Panel } from '@/components/Panel';

function Never() {
  return (
    <Text span size="sm" c="dimmed">
      —
    </Text>
  );
}

export function KycSummaryPanel({ customerId, kyc }: { customerId: string; kyc: CustomerOverview['kyc'] }) {
  return (
    <Panel
      title="Identity (KYC)"
      aside={
        <Anchor component={Link} to={customerPath(customerId, 'kyc')} size="sm">
          Open KYC
        </Anchor>
      }
    >
      <DataList labelWidth={120} size="sm">
        <Fact label="Status">
          <KycBadge status={kyc.status} prefixed={false} />
        </Fact>
        <Fact label="Verified">{kyc.verifiedAt ? formatDateTime(kyc.verifiedAt) : <Never />}</Fact>
        <Fact label="Valid until">{kyc.expiresOn ? formatDate(kyc.expiresOn) : <Never />}</Fact>
      </DataList>
    </Panel>
  );
}
