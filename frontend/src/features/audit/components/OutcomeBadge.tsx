import type { AuditEntry } from '@contracts/identity';
import { Badge } from '@mantine/core';

const OUTCOMES: Record<AuditEntry['outcome'], { label: string; color: string }> = {
  success: { label: 'Success', color: 'teal' },
  failure: { label: 'Failure', color: 'orange' },
  denied: { label: 'Denied', color: 'red' },
};

export function OutcomeBadge({ outcome }: { outcome: AuditEntry['outcome'] }) {
  const { label, color } = OUTCOMES[outcome];
  return (
    <Badge variant="light" color={color} size="sm">
      {label}
    </Badge>
  );
}
