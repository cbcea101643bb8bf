import { Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconCircleCheck, IconPoint } from '@tabler/icons-react';
import { formatDateTime } from '@/lib/format-date';

export interface StatusChange<S extends string> {
  fromStatus: S | null;
  toStatus: S;
  reason: string | null;
  /** null: a scheduled job made the change. */
  changedBy: { id: string; name: string } | null;
  changedAt: string;
}

interface StatusTimelineProps<S extends string> {
  history: StatusChange<S>[];
  labels: Record<S, string>;
  colors: Record<S, string>;
  /** Words for a change's reason, e.g. a decline's reason code; the reason as recorded otherwise. */
  reasonText?: (change: StatusChange<S>) => string | null;
}

/**
 * A record's status changes, oldest first, the current one last and marked: who moved it, when, and
 * why (the request for information, the answer, the decision).
 */
export function StatusTimeline<S extends string>({ history, labels, colors, reasonText }: StatusTimelineProps<S>) {
  const last = history.length - 1;
  return (
    <Timeline active={last} bulletSize={20} lineWidth={2} aria-label="Status timeline">
      {history.map((change, index) => {
        const reason = reasonText ? reasonText(change) : change.reason;
        return (
          <Timeline.Item
            key={`${change.changedAt}-${index}`}
            color={colors[change.toStatus]}
            bullet={
              <ThemeIcon size={20} radius="xl" color={colors[change.toStatus]} variant={index === last ? 'filled' : 'light'} aria-hidden>
                {index === last ? <IconCircleCheck size={13} /> : <IconPoint size={13} />}
              </ThemeIcon>
            }
            title={
              <Text size="sm" fw={index === last ? 700 : 500}>
                {labels[change.toStatus]}
              </Text>
            }
          >
            {reason && (
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {reason}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {change.changedBy?.name ?? 'Automatic'} · {formatDateTime(change.changedAt)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
