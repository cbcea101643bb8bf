// The table scaffold the record lists (applications, policies, exams, the underwriting queue, …) share:
// a horizontally scrolling table with one header row and one row per record, keyed by its id (a saved quote always has one).
import { Table } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { ariaSort, type SortDirection } from '@/lib/list-sort';
import { type ListSort, SortableHeader } from './SortableHeader';

export interface RecordColumn<T> {
  /** Header text, also over a column of buttons (say what they do): screen readers announce it with each cell. */
  header: ReactNode;
  /** What the row's cell holds; the cell itself is drawn by the table. */
  cell: (row: T) => ReactNode;
  w?: number;
  /** Money and other figures: right-aligned, digits in columns, never wrapped. */
  numeric?: boolean;
  /** The API's sort field for this column: its header sorts the list (when the table is given `sort`). */
  sortField?: string;
  /** Which way a first click sorts it (dates and amounts: descending, newest or largest first). */
  firstDirection?: SortDirection;
}

export interface RecordRowProps {
  style?: CSSProperties;
  [data: `data-${string}`]: string | number | boolean | undefined;
}

const NUMERIC_CELL = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

interface RecordTableProps<T extends { id?: string | null }> {
  'aria-label': string;
  rows: T[];
  columns: RecordColumn<T>[];
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** A click anywhere on the row (it then shows the pointer); links inside the row stop the click themselves. */
  onRowClick?: (row: T) => void;
  /** Anything else on the row: data attributes for tests, a highlight. */
  rowProps?: (row: T) => RecordRowProps;
  /** The list's sort: columns with a `sortField` get a header that sorts by it. */
  sort?: ListSort;
}

export function RecordTable<T extends { id?: string | null }>({ rows, columns, minWidth, onRowClick, rowProps, sort, 'aria-label': ariaLabel }: RecordTableProps<T>) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table verticalSpacing="sm" highlightOnHover aria-label={ariaLabel}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => {
              const sortable = sort && column.sortField;
              return (
                <Table.Th key={index} w={column.w} ta={column.numeric ? 'right' : undefined} aria-sort={sortable ? ariaSort(sort.value, sortable) : undefined}>
                  {sortable ? <SortableHeader label={column.header} field={sortable} sort={sort} firstDirection={column.firstDirection} /> : column.header}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const props = rowProps?.(row);
            return (
              <Table.Tr
                key={row.id ?? undefined}
                {...props}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                style={onRowClick ? { cursor: 'pointer', ...props?.style } : props?.style}
              >
                {columns.map((column, index) => (
                  <Table.Td key={index} ta={column.numeric ? 'right' : undefined} style={column.numeric ? NUMERIC_CELL : undefined}>
                    {column.cell(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
