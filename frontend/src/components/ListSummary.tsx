import { Text } from '@mantine/core';
import type { ListCount } from '@/lib/list-count';
import { resultsText } from '@/lib/list-count';

/** The count above a list: "3 applications", or "More than 100 applications" where the API stopped counting. */
export function ListSummary({ total, noun }: { total: ListCount | undefined; noun: { one: string; other: string } }) {
  if (!total) return null;
  return (
    <Text size="sm" c="dimmed" fw={500} role="status" data-testid="list-count">
      {resultsText(total, noun)}
    </Text>
  );
}
