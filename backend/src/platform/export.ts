// CSV exports of lists: at most `cap` rows (one more is read to know whether the list was cut),
// sent as an attachment with headers that say how many rows it holds and whether it was cut.
import type { Response } from 'express';
import { EXPORT_TRUNCATED_HEADER } from '../contracts/common';
import { toCsv } from './csv';

type Cell = string | number | boolean | null | undefined;

export interface CsvExport {
  csv: string;
  rows: number;
  /** The list had more than the cap: only the first `rows` are in the file. */
  truncated: boolean;
}

export const EXPORT_ROWS_HEADER = 'X-Export-Rows';

/** `rows` as read (up to cap + 1) turned into the file: the first `cap`, and whether there were more. */
export function csvExport<R>(rows: readonly R[], cap: number, columns: readonly (readonly [header: string, value: (row: R) => Cell])[]): CsvExport {
  const kept = rows.slice(0, cap);
  return {
    csv: toCsv(
      columns.map(([header]) => header),
      kept.map((row) => columns.map(([, value]) => value(row))),
    ),
    rows: kept.length,
    truncated: rows.length > cap,
  };
}

/** Sends the export as `<name>-<date>.csv`, saying how many rows and whether the list was cut. */
export function sendCsvExport(res: Response, name: string, today: string, result: CsvExport): void {
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .attachment(`policydesk-${name}-${today}.csv`)
    .setHeader(EXPORT_TRUNCATED_HEADER, String(result.truncated))
    .setHeader(EXPORT_ROWS_HEADER, String(result.rows))
    .send(result.csv);
}

/** The OpenAPI entry of an export's answer. */
export const CSV_EXPORT_RESPONSE = {
  description: `CSV file (RFC 4180; cells a spreadsheet would run as a formula start with an apostrophe). ${EXPORT_TRUNCATED_HEADER}: true when the list had more rows than the cap; ${EXPORT_ROWS_HEADER}: the rows in the file.`,
  contentType: 'text/csv',
} as const;
