/** Cash values are read and typed ten policy years to a column. */
export const YEARS_PER_COLUMN = 10;

/** Rows 1–10, 11–20, … as columns; each keeps its position in the whole list. */
export function yearColumns<T>(rows: readonly T[]): { row: T; index: number }[][] {
  const columns: { row: T; index: number }[][] = [];
  rows.forEach((row, index) => {
    if (index % YEARS_PER_COLUMN === 0) columns.push([]);
    columns[columns.length - 1]!.push({ row, index });
  });
  return columns;
}
