import type { SlaClock } from '@contracts/service';
import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatDateTime } from '@/lib/format-date';
import { businessDuration, CLOCK_LABELS } from '../service-labels';

/** What a clock says: time left in business time, breached by how much, paused, met. */
export function clockSummary(clock: SlaClock): { text: string; color: string } {
  if (clock.targetMinutes === null) return { text: 'No SLA', color: 'gray' };
  const left = clock.remainingMinutes ?? 0;
  if (clock.status === 'fulfilled') return clock.breached ? { text: `Met ${businessDuration(-left)} late`, color: 'orange' } : { text: 'Met in time', color: 'green' };
  if (clock.breached) return { text: `Breached by ${businessDuration(-left)}`, color: 'red' };
  if (clock.status === 'paused') return { text: `Paused, ${businessDuration(left)} left`, color: 'gray' };
  return { text: `${businessDuration(left)} left`, color: clock.warned ? 'yellow' : 'blue' };
}

/** The SLA clocks of a case, counting down in business time (the page refreshes them every minute). */
export function SlaClocks({ clocks }: { clocks: SlaClock[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} role="list" aria-label="SLA clocks">
      {clocks.map((clock) => {
        const { text, color } = clockSummary(clock);
        return (
          <Paper withBorder p="sm" key={clock.metric} role="listitem" aria-label={CLOCK_LABELS[clock.metric]}>
            <Stack gap={4}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Text fw={600} size="sm">
                  {CLOCK_LABELS[clock.metric]}
                </Text>
                <Badge color={color} style={{ flexShrink: 0 }}>
                  {text}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {clock.targetMinutes === null
                  ? 'No target for this case type and priority'
                  : `Target ${businessDuration(clock.targetMinutes)} of business time · used ${businessDuration(clock.usedMinutes)}${clock.dueAt && clock.status === 'running' ? ` · due ${formatDateTime(clock.dueAt)}` : ''}`}
              </Text>
            </Stack>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
