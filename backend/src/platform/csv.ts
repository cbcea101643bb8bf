// RFC 4180 CSV. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe
// (a negative number too: the house rule, see export.test.ts).
export type Cell = string | number | boolean | null | undefined;

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record with its line ending, for writers that stream row by row. */
export function csvLine(cells: Cell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map(csvLine).join('');
}
