import { Alert, Anchor, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { ApiError, describeError } from '@/lib/api-error';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { saveFile } from '@/lib/save-file';
import { portalApi } from '../api/portal-client';
import { usePortalPolicy } from '../api/portal-queries';
import { StatusBadge } from '../components/StatusBadge';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

/** /portal/policies/:id — the policy's terms in force today and its schedule. */
export function PortalPolicyPage() {
  const { id = '' } = useParams();
  const policy = usePortalPolicy(id);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  if (policy.isPending) return <LoadingState label="Loading the policy…" />;
  if (policy.error) {
    if (policy.error instanceof ApiError && policy.error.status === 404)
      return (
        <Alert color="gray" title="Policy not found">
          We could not find this policy in your account.{' '}
          <Anchor component={Link} to="/portal">
            Back to your home page
          </Anchor>
        </Alert>
      );
    return <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />;
  }
  const p = policy.data;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/portal" size="sm">
          ← Home
        </Anchor>
        <Group justify="space-between" mt="xs" wrap="nowrap">
          <Title order={1} fz="h2">
            {p.productName}
          </Title>
          <StatusBadge status={p.status} />
        </Group>
        <Text>Policy {p.policyNumber}</Text>
      </div>

      <Card withBorder radius="md">
        <SimpleGrid cols={2} spacing="md">
          <Fact label="Cover from" value={formatDate(p.startDate)} />
          <Fact label="Cover until" value={formatDate(p.endDate)} />
          <Fact label="Sum insured" value={formatMoney(p.sumInsured, p.currency)} />
          <Fact label="Annual premium" value={formatMoney(p.annualPremium, p.currency)} />
        </SimpleGrid>
      </Card>

      <section aria-labelledby="cover">
        <Title order={2} fz="h4" id="cover" mb="xs">
          What you are covered for
        </Title>
        {p.terms ? (
          <>
            <List spacing="xs">
              {p.terms.coverages.map((c) => (
                <List.Item key={c.code}>
                  {c.code}: {formatMoney(c.sumInsured, p.currency)}
                </List.Item>
              ))}
            </List>
            {p.terms.exclusions.length > 0 && (
              <Text size="sm" mt="xs">
                Exclusions: {p.terms.exclusions.join('; ')}
              </Text>
            )}
            <Text size="sm" mt="xs">
              Terms version {p.terms.version}, in force since {formatDate(p.terms.effectiveFrom)}.
            </Text>
          </>
        ) : (
          <Text>Your cover starts on {formatDate(p.startDate)}.</Text>
        )}
      </section>

      <section aria-labelledby="schedule">
        <Title order={2} fz="h4" id="schedule" mb="xs">
          Policy schedule
        </Title>
        {p.schedule ? (
          <Stack gap="xs">
            <Text size="sm">
              Version {p.schedule.version}, effective {formatDate(p.schedule.effectiveDate)}.
            </Text>
            {downloadError !== null && (
              <Alert color="red" role="alert">
                {describeError(downloadError).detail}
              </Alert>
            )}
            <Button
              leftSection={<IconDownload size={18} aria-hidden />}
              size="md"
              loading={downloading}
              onClick={async () => {
                setDownloading(true);
                setDownloadError(null);
                try {
                  const file = await portalApi.download(`/portal/policies/${encodeURIComponent(p.id)}/schedule`);
                  saveFile(file.blob, file.filename);
                } catch (error) {
                  setDownloadError(error);
                } finally {
                  setDownloading(false);
                }
              }}
            >
              Download schedule (PDF)
            </Button>
          </Stack>
        ) : (
          <Text>Your schedule is being prepared.</Text>
        )}
      </section>
    </Stack>
  );
}
