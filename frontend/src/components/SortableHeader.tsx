import { Group, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ariaSort, nextSort, type SortDirection } from '@/lib/list-sort';

export interface ListSort {
  /** The list's current `sort` value (`field` or `-field`). */
  value: string;
  onChange: (next: string) => void;
}

/** A column header that sorts the list: a button saying which way it sorts; the cell carries aria-sort. */
export function SortableHeader({ label, field, sort, firstDirection }: { label: ReactNode; field: string; sort: ListSort; firstDirection?: SortDirection }) {
  const state = ariaSort(sort.value, field);
  const Icon = state === 'ascending' ? IconArrowUp : state === 'descending' ? IconArrowDown : IconArrowsSort;
  return (
    <UnstyledButton onClick={() => sort.onChange(nextSort(sort.value, field, firstDirection))} fw={700} fz="sm" data-sort-field={field}>
      <Group gap={4} wrap="nowrap" component="span">
        {label}
        <Icon size={14} aria-hidden stroke={state === 'none' ? 1.5 : 2.25} style={{ opacity: state === 'none' ? 0.55 : 1 }} />
      </Group>
    </UnstyledButton>
  );
}
