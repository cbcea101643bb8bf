import type { ReportExportFormat } from '@contracts/reports';

export const FORMAT_LABELS: Record<ReportExportFormat, string> = { csv: 'CSV', xlsx: 'Excel', pdf: 'PDF' };
