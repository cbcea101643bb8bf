// The export writers on real bytes: CSV escapes formula cells (a spreadsheet never runs them), the
// XLSX opens with exceljs and holds the rows with their types, the PDF is paged with the title,
// filters, generation time and "Page N of M" on every page; progress is reported batch by batch.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { pdfText } from '../../../../test/support/pdf-text';
import { moneyText, writeExport, type ExportFormat, type ExportHeading } from '../export-writers';
import type { ReportRow } from '../report-registry';

const heading: ExportHeading = {
  title: 'Aged receivables',
  filters: [
    ['As of', '2026-12-06'],
    ['Branch', 'South'],
  ],
  generatedAt: new Date('2026-12-06T10:15:00Z'),
  columns: [
    { key: 'invoice', header: 'Invoice', type: 'string' },
    { key: 'due', header: 'Due', type: 'date' },
    { key: 'amount', header: 'Amount', type: 'money' },
    { key: 'days', header: 'Days overdue', type: 'integer' },
  ],
};

async function* batchesOf(rows: ReportRow[], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function write(format: ExportFormat, rows: ReportRow[], size = 2) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const progress: number[] = [];
  const written = await writeExport(format, heading, batchesOf(rows, size), out, (n) => void progress.push(n));
  return { bytes: Buffer.concat(chunks), written, progress };
}

const rows: ReportRow[] = [
  { invoice: 'INV-1', due: '2026-11-01', amount: 123405, days: 35 },
  { invoice: '=HYPERLINK("http://evil")', due: '2026-11-20', amount: -5, days: 16 },
  { invoice: '+1+1', due: null, amount: 0, days: 0 },
  { invoice: 'Comma, "quoted"\nline', due: '2026-12-01', amount: 99, days: 5 },
  { invoice: '@SUM(A1)', due: '2026-12-02', amount: 100, days: 4 },
  { invoice: '-2+3+cmd|calc', due: '2026-12-03', amount: -100, days: -1 },
];

describe('CSV', () => {
  it('writes a header and every row, cells starting like a formula (negative numbers too) prefixed with an apostrophe, money exact', async () => {
    const { bytes, written, progress } = await write('csv', rows);
    expect(written).toBe(6);
    expect(progress).toEqual([2, 4, 6]);
    expect(bytes.toString('utf8')).toBe(
      '\uFEFFInvoice,Due,Amount,Days overdue\r\n' +
        'INV-1,2026-11-01,1234.05,35\r\n' +
        `"'=HYPERLINK(""http://evil"")",2026-11-20,'-0.05,16\r\n` +
        "'+1+1,,0.00,0\r\n" +
        '"Comma, ""quoted""\nline",2026-12-01,0.99,5\r\n' +
        "'@SUM(A1),2026-12-02,1.00,4\r\n" +
        "'-2+3+cmd|calc,2026-12-03,'-1.00,'-1\r\n",
    );
  });

  it('moneyText is exact for any integer amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (minor) => {
        const t = moneyText(minor);
        expect(t).toMatch(/^-?\d+\.\d\d$/);
        expect(BigInt(t.replace('.', ''))).toBe(BigInt(minor));
      }),
    );
  });
});

describe('Excel', () => {
  it('opens with exceljs: the header, then the rows with money as numbers and dates as dates; a formula-looking string stays a string', async () => {
    const { bytes, written } = await write('xlsx', rows);
    expect(written).toBe(6);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Aged receivables');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Invoice', 'Due', 'Amount', 'Days overdue']);
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getCell('A2').value).toBe('INV-1');
    expect(sheet.getCell('B2').value).toEqual(new Date('2026-11-01T00:00:00Z'));
    expect(sheet.getCell('C2').value).toBe(1234.05);
    expect(sheet.getCell('C2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('A3').value).toBe('=HYPERLINK("http://evil")');
    expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('B4').value).toBeNull();
  });
  it('writes a decimal figure (a rate in %, hours) as a number with two decimals', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const rates: ExportHeading = { ...heading, title: 'SLA compliance', columns: [{ key: 'compliance', header: 'Compliance %', type: 'decimal' }] };
    await writeExport('xlsx', rates, batchesOf([{ compliance: 66.67 }, { compliance: null }], 2), out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe(66.67);
    expect(sheet.getCell('A2').numFmt).toBe('0.00');
    expect(sheet.getCell('A3').value).toBeNull();
  });
});

describe('PDF', () => {
  it('a paged layout: title, filters and generation time on every page, "Page N of M", every row', async () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ invoice: `INV-${String(i + 1).padStart(3, '0')}`, due: '2026-11-01', amount: 1000 + i, days: i }));
    const { bytes, written } = await write('pdf', many, 25);
    expect(written).toBe(80);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    const pages = [...text.matchAll(/Page (\d+) of (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(pages.length).toBeGreaterThan(1);
    const total = pages.length;
    expect(pages).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
    expect(text.match(/Aged receivables/g)).toHaveLength(total);
    expect(text.match(/As of: 2026-12-06\s+Branch: South/g)).toHaveLength(total);
    expect(text.match(/Generated 2026-12-06 10:15 UTC/g)).toHaveLength(total);
    for (const r of many) expect(text).toContain(r.invoice);
    expect(text).toContain('10.79');
  });

  it('an empty report still opens and says so', async () => {
    const { bytes, written } = await write('pdf', []);
    expect(written).toBe(0);
    const text = await pdfText(bytes);
    expect(text).toContain('No rows.');
    expect(text).toContain('Page 1 of 1');
  });
});
