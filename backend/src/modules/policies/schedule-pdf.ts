// The policy schedule as a PDF (pdfkit): what the policyholder receives at issue and after every
// issued policy transaction. Pure: the content in, the bytes out — no database, no clock (the
// generation time is part of the content, so the same content always gives the same bytes). The text
// is real text in the standard Helvetica fonts, so it can be searched, copied and checked by tests.
import PDFDocument from 'pdfkit';
import { daysBetween } from '../../platform/calendar';
import { formatMoney } from '../../platform/money';

// Moved to platform/money.ts (messages to customers write money the same way); still exported here.
export { formatMoney };

/** Everything a schedule shows. Money in integer minor units of `currency`. */
export interface ScheduleContent {
  insurerName: string;
  branch: { code: string; name: string };
  policyNumber: string;
  /** 1 at issue; each issued policy transaction adds one. */
  version: number;
  /** Why this version exists ("Issued from order O-000123"). */
  reason: string;
  /** The date the terms on this version take effect from. */
  effectiveDate: string;
  generatedAt: Date;
  status: string;
  product: { name: string; versionNumber: number };
  agentName: string;
  holder: { name: string; customerNumber: string; dateOfBirth: string; address: string[] };
  /** null: the policyholder is the insured person. */
  insured: { name: string; dateOfBirth: string; relationship: string } | null;
  coverages: { code: string; name: string; sumInsured: number; deductible?: number }[];
  sumInsured: number;
  currency: string;
  extraPremiumPercent: number | null;
  exclusions: string[];
  annualPremium: number;
  paymentFrequency: string;
  installments: { count: number; amount: number; firstAmount: number };
  /** billing's installments of the policy (due date order). */
  installmentSchedule: { policyYear: number; sequence: number; dueDate: string; amount: number }[];
  paymentMethod: string | null;
  beneficiaries: { name: string; relationship: string; tier: string; share: number; dateOfBirth?: string }[];
  /** null for a single trip: its term is the trip (start to end date). */
  termYears: number | null;
  startDate: string;
  endDate: string;
  issuedAt: Date;
}

const FREQUENCY: Record<string, string> = { annual: 'annually', semi_annual: 'twice a year', quarterly: 'quarterly', monthly: 'monthly' };
const words = (code: string) => code.replace(/_/g, ' ');
/** Shares have at most two decimals: "60%", "33.33%". */
const percent = (share: number) => `${Number(share.toFixed(2))}%`;

const MARGIN = 50;
/** Days of a trip, both travel days counted. */
const daysInclusive = (from: string, to: string) => daysBetween(from, to) + 1;

const GREY = '#555555';

/** The schedule's file name: P-000123-schedule-v1.pdf. */
export const scheduleFilename = (policyNumber: string, version: number) => `${policyNumber}-schedule-v${version}.pdf`;

export function renderSchedulePdf(c: ScheduleContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `Policy schedule ${c.policyNumber} version ${c.version}`,
      Author: c.insurerName,
      Subject: `Policy schedule of ${c.policyNumber}`,
      Creator: 'Policydesk',
      Producer: 'Policydesk',
      CreationDate: c.generatedAt,
      ModDate: c.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 30;
  const ensureRoom = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  const heading = (text: string) => {
    ensureRoom(60);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('black').text(text, MARGIN, doc.y, { width });
    doc
      .moveTo(MARGIN, doc.y + 2)
      .lineTo(MARGIN + width, doc.y + 2)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.moveDown(0.4).font('Helvetica').fontSize(10);
  };

  /** Label: value lines. */
  const field = (label: string, value: string) => {
    ensureRoom(16);
    const y = doc.y;
    doc.font('Helvetica').fontSize(10).fillColor(GREY).text(label, MARGIN, y, { width: 150 });
    const labelBottom = doc.y;
    doc.fillColor('black').text(value, MARGIN + 160, y, { width: width - 160 });
    doc.y = Math.max(doc.y, labelBottom);
  };

  /** A table: columns as [header, width share, align]. */
  const table = (columns: { header: string; width: number; align?: 'left' | 'right' }[], rows: string[][]) => {
    const total = columns.reduce((s, col) => s + col.width, 0);
    const widths = columns.map((col) => (col.width / total) * width);
    const line = (cells: string[], bold: boolean) => {
      ensureRoom(16);
      const y = doc.y;
      let x = MARGIN;
      let lowest = y;
      doc
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(10)
        .fillColor('black');
      cells.forEach((cell, i) => {
        doc.text(cell, x + 2, y, { width: widths[i]! - 4, align: columns[i]!.align ?? 'left' });
        lowest = Math.max(lowest, doc.y);
        x += widths[i]!;
      });
      doc.y = lowest + 3;
    };
    line(
      columns.map((col) => col.header),
      true,
    );
    for (const row of rows) line(row, false);
  };

  // --- Title block: the insurer, the branch, the policy number and version.
  doc.font('Helvetica-Bold').fontSize(18).text(c.insurerName, { width });
  doc.font('Helvetica').fontSize(10).fillColor(GREY).text(`Branch: ${c.branch.name} (${c.branch.code})`, { width });
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(15).fillColor('black').text('Policy schedule', { width });
  doc.font('Helvetica-Bold').fontSize(12).text(`Policy ${c.policyNumber} - schedule version ${c.version}`, { width });
  doc.font('Helvetica').fontSize(10).fillColor(GREY).text(`${c.reason}. Terms effective from ${c.effectiveDate}.`, { width });

  heading('Policy');
  field('Policy number', c.policyNumber);
  field('Schedule version', String(c.version));
  field('Product', `${c.product.name} (version ${c.product.versionNumber})`);
  field('Status', words(c.status));
  field('Term', c.termYears === null ? `Single trip, ${daysInclusive(c.startDate, c.endDate)} days` : `${c.termYears} year${c.termYears === 1 ? '' : 's'}`);
  field('Start date', c.startDate);
  field('End date', c.endDate);
  field('Effective date', c.effectiveDate);
  field('Issued', c.issuedAt.toISOString().slice(0, 10));
  field('Agent', c.agentName);

  heading('Policyholder');
  field('Name', c.holder.name);
  field('Customer number', c.holder.customerNumber);
  field('Date of birth', c.holder.dateOfBirth);
  field('Address', c.holder.address.join('\n'));

  heading('Insured');
  if (c.insured) {
    field('Name', c.insured.name);
    field('Date of birth', c.insured.dateOfBirth);
    field('Relationship', words(c.insured.relationship));
  } else field('Insured person', `The policyholder, ${c.holder.name}`);

  heading('Coverages');
  table(
    [
      { header: 'Coverage', width: 5 },
      { header: 'Sum insured', width: 3, align: 'right' },
      { header: 'Deductible', width: 2.5, align: 'right' },
    ],
    c.coverages.map((cov) => [`${cov.name} (${cov.code})`, formatMoney(cov.sumInsured, c.currency), cov.deductible ? formatMoney(cov.deductible, c.currency) : '-']),
  );
  field('Total sum insured', formatMoney(c.sumInsured, c.currency));

  heading('Exclusions and ratings');
  field('Rating', c.extraPremiumPercent ? `Extra premium +${c.extraPremiumPercent}% on the risk premium` : 'Standard rates (no extra premium)');
  field('Exclusions', c.exclusions.length ? c.exclusions.map((e) => `- ${e}`).join('\n') : 'None');

  heading('Premium');
  if (c.paymentFrequency === 'single') {
    // A trip is paid once: one single premium, no years.
    field('Single premium', formatMoney(c.annualPremium, c.currency));
    field('Payment', `Paid once, ${formatMoney(c.installments.amount, c.currency)}`);
  } else {
    field('Annual premium', formatMoney(c.annualPremium, c.currency));
    field(
      'Payment',
      c.installments.count === 1
        ? `Paid annually, ${formatMoney(c.installments.amount, c.currency)}`
        : `Paid ${FREQUENCY[c.paymentFrequency] ?? words(c.paymentFrequency)}: ${c.installments.count} installments a year of ${formatMoney(c.installments.amount, c.currency)}` +
            (c.installments.firstAmount !== c.installments.amount ? ` (the first of each year ${formatMoney(c.installments.firstAmount, c.currency)})` : ''),
    );
  }
  field('Payment method', c.paymentMethod ?? 'Not on file');

  heading('Installment schedule');
  if (c.installmentSchedule.length)
    table(
      [
        { header: 'Policy year', width: 2 },
        { header: 'No.', width: 1 },
        { header: 'Due date', width: 3 },
        { header: 'Amount', width: 4, align: 'right' },
      ],
      c.installmentSchedule.map((i) => [String(i.policyYear), String(i.sequence), i.dueDate, formatMoney(i.amount, c.currency)]),
    );
  else field('Installments', 'No installments scheduled');
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(GREY)
    .text('Installments of later policy years are scheduled when each policy year begins, on the same terms.', MARGIN, doc.y + 2, { width });

  heading('Beneficiaries');
  if (c.beneficiaries.length)
    table(
      [
        { header: 'Name', width: 4 },
        { header: 'Relationship', width: 2.5 },
        { header: 'Tier', width: 2 },
        { header: 'Share', width: 1.5, align: 'right' },
      ],
      c.beneficiaries.map((b) => [b.name + (b.dateOfBirth ? ` (born ${b.dateOfBirth})` : ''), words(b.relationship), b.tier, percent(b.share)]),
    );
  else field('Beneficiaries', 'None named (benefits are paid to the estate of the insured)');

  heading('Terms');
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('black')
    .text(
      `Cover under policy ${c.policyNumber} runs from ${c.startDate} to ${c.endDate} inclusive, on the terms of ${c.product.name} version ${c.product.versionNumber}, ` +
        `and this schedule states them as they apply from ${c.effectiveDate}. It replaces any earlier version of the schedule from that date. ` +
        'Cover continues while premiums are paid as scheduled above.',
      MARGIN,
      doc.y,
      { width },
    );

  // Footer on every page: the policy, the version and the page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift the margin for the footer.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 10;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(GREY)
      .text(`${c.insurerName} - policy ${c.policyNumber}, schedule version ${c.version}, generated ${c.generatedAt.toISOString()} - page ${i + 1} of ${range.count}`, MARGIN, y, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
