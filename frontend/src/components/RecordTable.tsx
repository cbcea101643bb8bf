// The table scaffold the record lists (applications, policies, exams, the underwriting queue, …) share:
// a horizontally scrolling table with one header row and one row per record, keyed by its id (a saved quote always has one).
import { Table } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';

export interface RecordColumn<T> {
  /** Header text, also over a column of buttons (say what they do): screen readers announce it with each cell. */
  header: ReactNode;
  /** What the row's cell holds; the cell itself is drawn by the table. */
  cell: (row: T) => ReactNode;
  w?: number;
  /** Money and other figures: right-aligned, digits in columns, never wrapped. */
  numeric?: boolean;
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
}

export function RecordTable<T extends { id?: string | null }>({ rows, columns, minWidth, onRowClick, rowProps, 'aria-label': ariaLabel }: RecordTableProps<T>) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table verticalSpacing="sm" highlightOnHover aria-label={ariaLabel}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              <Table.Th key={index} w={column.w} ta={column.numeric ? 'right' : undefined}>
                {column.header}
              </Table.Th>
            ))}
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
