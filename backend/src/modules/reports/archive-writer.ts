// A ZIP export (format `zip`): rows of `{ area, table, record }` (a customer's data, issue 22) written
// as one JSON file per area — `{ "<table>": [records…] }`, machine-readable for portability — and a
// PDF summary a person can read: what each area holds and the first records of each table. The rows
// are gathered in memory: the report is one person's records, not a register.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { strToU8, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';
import type { ExportHeading, Progress } from './export-writers';
import type { ReportRow } from './report-registry';

const MARGIN = 48;
/** Records of each table shown in the summary, and fields of each record. */
const SUMMARY_RECORDS = 5;
const SUMMARY_FIELDS = 8;

type Areas = Map<string, Map<string, Record<string, unknown>[]>>;

const label = (key: string) => key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

function fieldText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
}

async function summaryPdf(heading: ExportHeading, areas: Areas): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: heading.title, Creator: 'Policydesk' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(doc, 'end');
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(16).text(heading.title, { width });
  doc.font('Helvetica').fontSize(9).fillColor('#555555');
  doc.text(`Generated ${heading.generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`, { width });
  doc.moveDown(0.5).fillColor('black').fontSize(10);
  doc.text(
    'This summary lists what Policydesk holds about the person, by area. The JSON files beside it hold every record in full, in a machine-readable form that can be taken to another provider.',
    { width },
  );
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(12).text('What is held');
  doc.font('Helvetica').fontSize(10);
  for (const [area, tables] of areas) {
    const parts = [...tables].map(([table, records]) => `${label(table)}: ${records.length}`);
    doc.text(`${label(area)} (${area}.json) — ${parts.join(', ')}`, { width });
  }
  if (!areas.size) doc.text('Nothing.', { width });
  for (const [area, tables] of areas) {
    for (const [table, records] of tables) {
      doc.moveDown();
      doc
        .font('Helvetica-Bold')
        .fontSize(11)
        .fillColor('black')
        .text(`${label(area)} — ${label(table)} (${records.length})`, { width });
      for (const record of records.slice(0, SUMMARY_RECORDS)) {
        doc.moveDown(0.3).font('Helvetica').fontSize(8.5).fillColor('#222222');
        const fields = Object.entries(record)
          .filter(([, v]) => v !== null && v !== undefined && v !== '')
          .slice(0, SUMMARY_FIELDS);
        doc.text(fields.map(([k, v]) => `${label(k)}: ${fieldText(v)}`).join('   ·   '), { width });
      }
      if (records.length > SUMMARY_RECORDS)
        doc
          .font('Helvetica-Oblique')
          .fontSize(8.5)
          .text(`… and ${records.length - SUMMARY_RECORDS} more in ${area}.json`, { width });
    }
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

export async function writeZip(heading: ExportHeading, batches: AsyncIterable<ReportRow[]>, out: Writable, progress?: Progress): Promise<number> {
  const areas: Areas = new Map();
  let written = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      const area = String(row.area);
      const table = String(row.table);
      const tables = areas.get(area) ?? areas.set(area, new Map()).get(area)!;
      (tables.get(table) ?? tables.set(table, []).get(table)!).push(row.record as Record<string, unknown>);
    }
    written += batch.length;
    await progress?.(written);
  }
  const files: Record<string, Uint8Array> = {};
  for (const [area, tables] of areas) files[`${area}.json`] = strToU8(JSON.stringify(Object.fromEntries(tables), null, 2));
  files['summary.pdf'] = new Uint8Array(await summaryPdf(heading, areas));
  const done = once(out, 'finish');
  out.end(Buffer.from(zipSync(files, { level: 6 })));
  await done;
  return written;
}
