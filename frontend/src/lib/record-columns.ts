// Which of a list's columns a screen shows in the row, and which go behind the details button
// (RecordTable): on a phone only the key columns (number, name, status, amount) stay.

export interface ColumnPriority {
  /** 'key': stays on a phone; any other column moves behind the record's "Show details" button. */
  priority?: 'key';
  /** Only for wide screens: left out of a phone's details (e.g. a second link to the same record). */
  wideOnly?: boolean;
}

export function splitColumns<C extends ColumnPriority>(columns: readonly C[], narrow: boolean): { shown: C[]; hidden: C[] } {
  if (!narrow) return { shown: [...columns], hidden: [] };
  return { shown: columns.filter((c) => c.priority === 'key'), hidden: columns.filter((c) => c.priority !== 'key' && !c.wideOnly) };
}
