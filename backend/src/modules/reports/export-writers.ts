// Writes a report's rows as CSV, Excel or PDF (or a ZIP: archive-writer.ts) onto a stream, batch by batch: a batch is written (and
// waits for the stream to drain) before the next is read, so an export never holds the report in
// memory — except the PDF, whose pages pdfkit keeps until the end to number them "page N of M".
// Pure: the content in, the bytes out (no database, no clock).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { EXPORT_FILE_FORMATS, type ExportFileFormat, type ReportColumn } from '../../contracts/reports';
import { csvLine, type Cell } from '../../platform/csv';
import { writeZip } from './archive-writer';
import type { ReportRow } from './report-registry';

export const EXPORT_FORMATS = EXPORT_FILE_FORMATS;
export type ExportFormat = ExportFileFormat;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

export interface ExportHeading {
  title: string;
  /** The parameters it ran with, as label and value ("From", "2026-11-01"). */
  filters: [string, string][];
  generatedAt: Date;
  columns: readonly ReportColumn[];
}

/** "-1234.05" from -123405 minor units: exact, no float rounding. */
export function moneyText(minorUnits: number): string {
  const abs = BigInt(Math.abs(Math.trunc(minorUnits)));
  return `${minorUnits < 0 ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

function text(value: unknown, type: ReportColumn['type']): Cell {
  if (value === null || value === undefined) return null;
  if (type === 'money' && typeof value === 'number') return moneyText(value);
  if (value instanceof Date) return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

const cells = (row: ReportRow, columns: readonly ReportColumn[]) => columns.map((c) => text(row[c.key], c.type));

async function put(out: Writable, chunk: string | Buffer) {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function finish(out: Writable) {
  const done = once(out, 'finish');
  out.end();
  await done;
}

export type Progress = (rowsWritten: number) => Promise<void> | void;

/** Writes the export and ends `out`; answers the number of rows written. */
export async function writeExport(format: ExportFormat, heading: ExportHeading, batches: AsyncIterable<ReportRow[]>, out: Writable, progress?: Progress): Promise<number> {
  if (format === 'csv') return writeCsv(heading, batches, out, progress);
  if (format === 'xlsx') return writeXlsx(heading, batches, out, progress);
  if (format === 'zip') return writeZip(heading, batches, out, progress);
  return writePdf(heading, batches, out, progress);
}

async function writeCsv(heading: ExportHeading, batches: AsyncIterable<ReportRow[]>, out: Writable, progress?: Progress): Promise<number> {
  let written = 0;
  await put(out, '\uFEFF' + csvLine(heading.columns.map((c) => c.header)));
  for await (const batch of batches) {
    await put(out, batch.map((row) => csvLine(cells(row, heading.columns))).join(''));
    written += batch.length;
    await progress?.(written);
  }
  await finish(out);
  return written;
}

function excelValue(value: unknown, type: ReportColumn['type']): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (type === 'money' && typeof value === 'number') return value / 100;
  if (type === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  if (type === 'datetime' && typeof value === 'string') return new Date(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return JSON.stringify(value);
}

const NUMERIC = new Set<ReportColumn['type']>(['integer', 'decimal', 'money']);

const EXCEL_FORMATS: Partial<Record<ReportColumn['type'], string>> = { money: '#,##0.00', decimal: '0.00', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' };

async function writeXlsx(heading: ExportHeading, batches: AsyncIterable<ReportRow[]>, out: Writable, progress?: Progress): Promise<number> {
  // The streaming writer commits each row to `out` as it goes; strings are written as strings
  // (never formulas), so a cell starting with "=" cannot run.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Policydesk';
  workbook.created = heading.generatedAt;
  const sheet = workbook.addWorksheet(heading.title.slice(0, 31).replace(/[*?:\\/[\]]/g, ' '));
  sheet.columns = heading.columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: Math.max(12, c.header.length + 2),
    style: EXCEL_FORMATS[c.type] ? { numFmt: EXCEL_FORMATS[c.type] } : {},
  }));
  let written = 0;
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(heading.columns.map((c) => excelValue(row[c.key], c.type))).commit();
    written += batch.length;
    await progress?.(written);
  }
  sheet.commit();
  const done = once(out, 'finish');
  await workbook.commit();
  await done;
  return written;
}

const MARGIN = 36;
const ROW_HEIGHT = 14;

async function writePdf(heading: ExportHeading, batches: AsyncIterable<ReportRow[]>, out: Writable, progress?: Progress): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, bufferPages: true, info: { Title: heading.title, Creator: 'Policydesk' } });
  doc.pipe(out);
  const width = doc.page.width - 2 * MARGIN;
  const colWidth = width / heading.columns.length;
  const bottom = () => doc.page.height - MARGIN - 2 * ROW_HEIGHT;

  const tableHeader = () => {
    doc.font('Helvetica-Bold').fontSize(8).fillColor('black');
    const y = doc.y;
    heading.columns.forEach((c, i) => doc.text(c.header, MARGIN + i * colWidth + 2, y, { width: colWidth - 4, height: ROW_HEIGHT, lineBreak: false, ellipsis: true }));
    doc
      .moveTo(MARGIN, y + ROW_HEIGHT - 2)
      .lineTo(MARGIN + width, y + ROW_HEIGHT - 2)
      .strokeColor('#999999')
      .stroke();
    doc.y = y + ROW_HEIGHT;
  };
  const pageHeader = () => {
    doc.font('Helvetica-Bold').fontSize(14).fillColor('black').text(heading.title, MARGIN, MARGIN, { width });
    doc.font('Helvetica').fontSize(8).fillColor('#555555');
    const filters = heading.filters.length ? heading.filters.map(([k, v]) => `${k}: ${v}`).join('   ') : 'No filters';
    doc.text(filters, { width });
    doc.text(`Generated ${heading.generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`, { width });
    doc.moveDown(0.5);
    tableHeader();
  };

  pageHeader();
  let written = 0;
  for await (const batch of batches) {
    doc.font('Helvetica').fontSize(8).fillColor('black');
    for (const row of batch) {
      if (doc.y > bottom()) {
        doc.addPage();
        pageHeader();
        doc.font('Helvetica').fontSize(8).fillColor('black');
      }
      const y = doc.y;
      cells(row, heading.columns).forEach((value, i) =>
        doc.text(value === null || value === undefined ? '' : String(value), MARGIN + i * colWidth + 2, y, {
          width: colWidth - 4,
          height: ROW_HEIGHT,
          lineBreak: false,
          ellipsis: true,
          align: NUMERIC.has(heading.columns[i]!.type) ? 'right' : 'left',
        }),
      );
      doc.y = y + ROW_HEIGHT;
    }
    written += batch.length;
    await progress?.(written);
  }
  if (written === 0) doc.font('Helvetica').fontSize(9).text('No rows.', MARGIN, doc.y);

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not add a page
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(`Page ${i - start + 1} of ${count}`, MARGIN, doc.page.height - MARGIN, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margins;
  }
  const done = once(out, 'finish');
  doc.end();
  await done;
  return written;
}
