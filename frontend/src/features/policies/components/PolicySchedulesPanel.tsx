import { Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileTypePdf } from '@tabler/icons-react';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { Panel } from '@/components/Panel';
import { useDownloadPolicySchedule } from '@/features/policies/api/download-policy-schedule';
import { usePolicySchedules } from '@/features/policies/api/get-policy-schedules';
import { formatDate, formatDateTime } from '@/lib/format-date';

/** The policy schedule (PDF): the latest version to download, and every earlier version kept. */
export function PolicySchedulesPanel({ policyId }: { policyId: string }) {
  const { data, error, isPending, refetch } = usePolicySchedules(policyId);
  const download = useDownloadPolicySchedule();
  const latest = data?.items[0];

  return (
    <Panel
      title="Policy schedule"
      aside={
        latest && (
          <Button
            size="xs"
            leftSection={<IconDownload size={14} />}
            loading={download.isPending && download.variables?.version === latest.version}
            onClick={() => download.mutate({ policyId, version: latest.version, filename: latest.filename })}
          >
            Download schedule
          </Button>
        )
      }
    >
      {isPending ? (
        <LoadingState label="Loading the policy schedule…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No schedule has been made for this policy yet.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" aria-label="Schedule versions" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.items.map((s) => (
            <Group key={s.version} component="li" gap="sm" wrap="nowrap" align="flex-start">
              <IconFileTypePdf size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
              <div style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" fw={500}>
                  Version {s.version}
                  {s === latest ? ' (current)' : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  Effective {formatDate(s.effectiveDate)} · {s.reason}
                </Text>
                <Text size="xs" c="dimmed">
                  Made {formatDateTime(s.createdAt)} by {s.createdBy.name} · {(s.sizeBytes / 1024).toFixed(0)} KB
                </Text>
              </div>
              <Button
                variant="default"
                size="compact-xs"
                leftSection={<IconDownload size={12} />}
                loading={download.isPending && download.variables?.version === s.version}
                onClick={() => download.mutate({ policyId, version: s.version, filename: s.filename })}
                aria-label={`Download version ${s.version}`}
              >
                Download
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Panel>
  );
}
