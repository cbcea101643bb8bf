import type { ExportFileFormat, ReportExportFormat } from '@contracts/reports';

/** The formats a user picks for a report. */
export const FORMAT_LABELS: Record<ReportExportFormat, string> = { csv: 'CSV', xlsx: 'Excel', pdf: 'PDF' };

/** Every format an export file can have (a customer's data is a ZIP). */
export const FILE_FORMAT_LABELS: Record<ExportFileFormat, string> = { ...FORMAT_LABELS, zip: 'ZIP' };
