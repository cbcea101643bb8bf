// The one table every record list shares (customers, quotes, applications, policies, exams, the
// underwriting queue, overdue premiums, refunds, users, branches, the audit log): one header row and
// one row per record, keyed by its id.
//
// On a wide screen every column shows, and the table scrolls sideways inside its frame rather than
// squeezing them. On a phone (narrower than Mantine's `sm` breakpoint) each record becomes a card
// showing only the columns marked `priority: 'key'` (number, name, status, amount) as label and
// value; the rest, and anything the list puts in `details`, are behind the card's "Show details"
// button. Four key columns side by side do not fit 390 px (a record number, a name, a status badge
// and an amount already need ~420 px with the details button), hence cards rather than a narrower
// table. Nothing is wider than the screen, so the page never scrolls sideways.
import { ActionIcon, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import { splitColumns, type ColumnPriority } from '@/lib/record-columns';
import { ariaSort, type SortDirection } from '@/lib/list-sort';
import { type ListSort, SortableHeader } from './SortableHeader';

/** Below this width a list shows its key columns only (Mantine's `sm` breakpoint, 768 px). */
export const NARROW_SCREEN_QUERY = '(max-width: 47.99em)';

export interface RecordColumn<T> extends ColumnPriority {
  /** Header text, also over a column of buttons (say what they do): screen readers announce it with each cell. */
  header: ReactNode;
  /** Shown in place of the header where the header is hidden (a column of buttons): the label in the details. */
  label?: string;
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
const DETAILS_BG = 'var(--mantine-color-gray-0)';

interface RecordTableProps<T extends { id?: string | null }> {
  'aria-label': string;
  rows: T[];
  columns: RecordColumn<T>[];
  /** Below this width the table scrolls sideways instead of squeezing its columns (wide screens only). */
  minWidth: number;
  /** A click anywhere on the row (it then shows the pointer); links inside the row stop the click themselves. */
  onRowClick?: (row: T) => void;
  /** Anything else on the row: data attributes for tests, a highlight. */
  rowProps?: (row: T) => RecordRowProps;
  /** How the row's details button names the record to screen readers ("Q-000123"); the row's id otherwise. */
  rowLabel?: (row: T) => string;
  /** More about a row, opened by its details button on every screen (the audit log's changes). */
  details?: (row: T) => ReactNode;
  /**
   * Lines that belong under a row and always show (an invoice's late fees): table rows (`Table.Tr`)
   * on a wide screen, plain blocks inside the record's card on a phone.
   */
  subRows?: (row: T, narrow: boolean) => ReactNode;
  verticalSpacing?: 'xs' | 'sm' | number;
  /** `fixed`: columns keep their widths and long text is cut (wide screens only). */
  layout?: 'fixed' | 'auto';
  /** The row's id as a DOM id prefix for its details line. */
  idPrefix?: string;
  /** The list's sort: columns with a `sortField` get a header that sorts by it (wide screens). */
  sort?: ListSort;
}

/** True on a phone-sized screen: lists show their key columns only. */
export function useNarrowScreen(): boolean {
  // Read at once (not after a first wide render) so a phone never lays out the wide table.
  return useMediaQuery(NARROW_SCREEN_QUERY, typeof window !== 'undefined' && window.matchMedia(NARROW_SCREEN_QUERY).matches, { getInitialValueInEffect: false });
}

export function RecordTable<T extends { id?: string | null }>({
  rows,
  columns,
  minWidth,
  onRowClick,
  rowProps,
  rowLabel,
  details,
  subRows,
  verticalSpacing = 'sm',
  layout,
  idPrefix = 'record',
  sort,
  'aria-label': ariaLabel,
}: RecordTableProps<T>) {
  const narrow = useNarrowScreen();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const { shown, hidden } = splitColumns(columns, narrow);
  const expandable = hidden.length > 0 || details !== undefined;

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const toggleButton = (key: string, name: string, open: boolean, detailsId: string) => (
    <ActionIcon
      variant="subtle"
      color="gray"
      size={narrow ? 'lg' : 'md'}
      onClick={(event) => {
        event.stopPropagation();
        toggle(key);
      }}
      aria-expanded={open}
      aria-controls={open ? detailsId : undefined}
      aria-label={`${open ? 'Hide' : 'Show'} details of ${name}`}
    >
      {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
    </ActionIcon>
  );

  if (narrow) {
    return (
      <ul aria-label={ariaLabel} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {rows.map((row, rowIndex) => {
          const props = rowProps?.(row);
          const key = row.id ?? String(rowIndex);
          const open = expandable && expanded.has(key);
          const detailsId = `${idPrefix}-details-${key}`;
          return (
            <li
              key={key}
              {...props}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              style={{
                padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-sm) var(--mantine-spacing-sm) var(--mantine-spacing-md)',
                borderTop: rowIndex === 0 ? undefined : '1px solid var(--mantine-color-gray-3)',
                background: open ? DETAILS_BG : undefined,
                ...(onRowClick && { cursor: 'pointer' }),
                ...props?.style,
              }}
            >
              <div style={{ display: 'flex', gap: 'var(--mantine-spacing-xs)', alignItems: 'flex-start' }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Fields row={row} columns={shown} keyFields />
                </div>
                {expandable && toggleButton(key, rowLabel?.(row) ?? key, open, detailsId)}
              </div>
              {subRows?.(row, true)}
              {open && (
                <div
                  id={detailsId}
                  data-details-of={key}
                  style={{ marginTop: 'var(--mantine-spacing-xs)', paddingTop: 'var(--mantine-spacing-xs)', borderTop: '1px dashed var(--mantine-color-gray-3)' }}
                >
                  {hidden.length > 0 && <Fields row={row} columns={hidden} />}
                  {details?.(row)}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table verticalSpacing={verticalSpacing} highlightOnHover={onRowClick !== undefined} aria-label={ariaLabel} layout={layout}>
        <Table.Thead>
          <Table.Tr>
            {expandable && (
              <Table.Th w={48}>
                <VisuallyHidden>Details</VisuallyHidden>
              </Table.Th>
            )}
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
          {rows.map((row, rowIndex) => {
            const props = rowProps?.(row);
            const key = row.id ?? String(rowIndex);
            const open = expandable && expanded.has(key);
            const detailsId = `${idPrefix}-details-${key}`;
            return (
              <Fragment key={key}>
                <Table.Tr
                  {...props}
                  bg={open ? DETAILS_BG : undefined}
                  onClick={onRowClick ? () => onRowClick(row) : undefined}
                  style={onRowClick ? { cursor: 'pointer', ...props?.style } : props?.style}
                >
                  {expandable && <Table.Td>{toggleButton(key, rowLabel?.(row) ?? key, open, detailsId)}</Table.Td>}
                  {columns.map((column, index) => (
                    <Table.Td key={index} ta={column.numeric ? 'right' : undefined} style={column.numeric ? NUMERIC_CELL : undefined}>
                      {column.cell(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
                {subRows?.(row, false)}
                {open && (
                  <Table.Tr id={detailsId} bg={DETAILS_BG} data-details-of={key}>
                    <Table.Td colSpan={columns.length + 1} px="md">
                      {details?.(row)}
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A card's columns as label and value pairs, one beneath the other; the key ones a little stronger. */
function Fields<T>({ row, columns, keyFields = false }: { row: T; columns: RecordColumn<T>[]; keyFields?: boolean }) {
  return (
    <dl
      data-fields={keyFields ? 'key' : 'details'}
      style={{
        margin: 0,
        display: 'grid',
        gridTemplateColumns: 'minmax(5.5rem, max-content) minmax(0, 1fr)',
        columnGap: 'var(--mantine-spacing-sm)',
        rowGap: 4,
        alignItems: 'baseline',
      }}
    >
      {columns.map((column, index) => (
        <Fragment key={index}>
          <Text component="dt" size="xs" c="dimmed">
            {column.label ?? column.header}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', minWidth: 0 }} onClick={keyFields ? undefined : (event) => event.stopPropagation()}>
            {column.cell(row)}
          </Text>
        </Fragment>
      ))}
    </dl>
  );
}
