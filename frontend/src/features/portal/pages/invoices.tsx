import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { usePortalInvoices } from '../api/portal-queries';
import { StatusBadge } from '../components/StatusBadge';

/** /portal/invoices — the customer's invoices, newest due first. */
export function PortalInvoicesPage() {
  const invoices = usePortalInvoices();
  return (
    <Stack gap="lg">
      <Title order={1} fz="h2">
        Invoices
      </Title>
      {invoices.isPending ? (
        <LoadingState label="Loading your invoices…" />
      ) : invoices.error ? (
        <ErrorState error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.data.items.length === 0 ? (
        <Text>You have no invoices yet.</Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Invoices">
          {invoices.data.items.map((i) => (
            <Card key={i.id} withBorder radius="md" component="li" aria-label={`Invoice ${i.invoiceNumber}`}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text fw={700}>{i.invoiceNumber}</Text>
                  <Text size="sm">
                    Due {formatDate(i.dueDate)}
                    {i.policyNumber ? ` · ${i.policyNumber}` : ''}
                  </Text>
                  <Text size="sm">
                    {formatMoney(i.total, i.currency)}
                    {i.openAmount > 0 && i.openAmount !== i.total ? ` · ${formatMoney(i.openAmount, i.currency)} to pay` : ''}
                  </Text>
                </div>
                <StatusBadge status={i.status} />
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
