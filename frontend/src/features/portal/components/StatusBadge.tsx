import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = { active: 'green', paid: 'green', open: 'blue', partially_paid: 'blue', overdue: 'red', grace: 'orange', lapsed: 'red' };

/** A record's status in words, coloured by what it means to the customer. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={COLORS[status] ?? 'gray'}>
      {status.replaceAll('_', ' ')}
    </Badge>
  );
}
