import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { usePortalHome } from '../api/portal-queries';
import { StatusBadge } from '../components/StatusBadge';

/** /portal — the customer's home: policies, the next payment, open claims and requests. */
export function PortalHomePage() {
  const home = usePortalHome();
  if (home.isPending) return <LoadingState label="Loading your account…" />;
  if (home.error) return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;
  const { customer, policies, nextInvoice, openClaims, openRequests } = home.data;
  return (
    <Stack gap="lg">
      <Title order={1} fz="h2">
        Hello, {customer.name}
      </Title>

      <section aria-labelledby="next-payment">
        <Title order={2} fz="h4" id="next-payment" mb="xs">
          Next payment
        </Title>
        {nextInvoice ? (
          <Card withBorder radius="md">
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text fw={700} fz="xl">
                  {formatMoney(nextInvoice.openAmount, nextInvoice.currency)}
                </Text>
                <Text size="sm">
                  Due {formatDate(nextInvoice.dueDate)} · {nextInvoice.invoiceNumber}
                  {nextInvoice.policyNumber ? ` · ${nextInvoice.policyNumber}` : ''}
                </Text>
              </div>
              <StatusBadge status={nextInvoice.status} />
            </Group>
            <Anchor component={Link} to="/portal/invoices" mt="sm" size="sm">
              All invoices
            </Anchor>
          </Card>
        ) : (
          <Text>Nothing to pay right now.</Text>
        )}
      </section>

      <section aria-labelledby="my-policies">
        <Title order={2} fz="h4" id="my-policies" mb="xs">
          Your policies
        </Title>
        {policies.length === 0 ? (
          <Text>You have no policies with us yet.</Text>
        ) : (
          <Stack gap="sm">
            {policies.map((p) => (
              <Card key={p.id} withBorder radius="md" component={Link} to={`/portal/policies/${p.id}`} aria-label={`Policy ${p.policyNumber}, ${p.productName}`}>
                <Group justify="space-between" wrap="nowrap">
                  <div>
                    <Text fw={700}>{p.productName}</Text>
                    <Text size="sm">
                      {p.policyNumber} · until {formatDate(p.endDate)}
                    </Text>
                  </div>
                  <StatusBadge status={p.status} />
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </section>

      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <section aria-labelledby="open-claims">
          <Title order={2} fz="h4" id="open-claims" mb="xs">
            Open claims
          </Title>
          {openClaims.length === 0 ? (
            <Text>No open claims.</Text>
          ) : (
            openClaims.map((c) => (
              <Text key={c.id}>
                {c.claimNumber} · {c.status.replaceAll('_', ' ')}
              </Text>
            ))
          )}
        </section>
        <section aria-labelledby="open-requests">
          <Title order={2} fz="h4" id="open-requests" mb="xs">
            Open requests
          </Title>
          {openRequests.length === 0 ? (
            <Text>No open requests.</Text>
          ) : (
            openRequests.map((r) => (
              <Text key={r.id}>
                {r.caseNumber} · {r.subject}
              </Text>
            ))
          )}
        </section>
      </SimpleGrid>
    </Stack>
  );
}
