import type { PolicyActionProps } from '@/features/policies';
import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { ErrorState } from '@/components/ErrorState';
import { Panel } from '@/components/Panel';
import { useAuth } from '@/lib/auth/auth-context';
import { usePlaybooks } from '../api/get-playbooks';
import { milestoneState, progressWording } from '../playbook-progress';

/**
 * The policy's onboarding: each playbook started for it (when it was issued, or by hand) with its
 * milestones — done, due or overdue — and who has each. The milestones are tasks: they are worked
 * from My work.
 */
export function PolicyOnboardingPanel({ policy }: PolicyActionProps) {
  const { can } = useAuth();
  const readable = can('playbooks:read');
  const playbooks = usePlaybooks({ policyId: policy.id }, readable);
  if (!readable) return null;
  if (playbooks.isPending) return null;
  if (playbooks.error)
    return (
      <Panel title="Onboarding">
        <ErrorState error={playbooks.error} onRetry={() => void playbooks.refetch()} />
      </Panel>
    );
  // A policy issued before playbooks existed has none: nothing to show.
  if (playbooks.data.items.length === 0) return null;
  return (
    <Panel title="Onboarding">
      <Stack gap="md">
        {playbooks.data.items.map((p) => (
          <Stack key={p.id} gap="xs" aria-label={p.name}>
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600}>
                {p.name}
              </Text>
              <Text size="sm" c={p.progress.breached ? 'red.8' : 'dimmed'}>
                {progressWording(p.progress)}
              </Text>
            </Group>
            <Progress
              value={p.progress.total ? (100 * p.progress.done) / p.progress.total : 0}
              color={p.progress.breached ? 'red' : 'green'}
              size="sm"
              aria-label={`${p.name}: ${progressWording(p.progress)}`}
            />
            <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
              {p.milestones.map((m) => {
                const state = milestoneState(m);
                return (
                  <Group component="li" key={m.key} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                    <div>
                      <Text size="sm">{m.title}</Text>
                      <Text size="xs" c="dimmed">
                        {state.label}
                        {m.assignee ? ` · ${m.assignee.name}` : ' · branch queue'}
                      </Text>
                    </div>
                    <Badge variant="light" color={state.color} style={{ flexShrink: 0 }}>
                      {{ done: 'Done', late: 'Done late', overdue: 'Overdue', open: 'Open' }[state.kind]}
                    </Badge>
                  </Group>
                );
              })}
            </Stack>
          </Stack>
        ))}
      </Stack>
    </Panel>
  );
}
