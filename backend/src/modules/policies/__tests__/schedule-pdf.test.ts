import fc from 'fast-check';
import { pdfText } from '../../../../test/support/pdf-text';
import { formatMoney, renderSchedulePdf, type ScheduleContent } from '../schedule-pdf';

describe('formatMoney (minor units → "1,234.56 USD")', () => {
  it('formats whole and fractional amounts with thousands separators and two decimals', () => {
    expect(formatMoney(0, 'USD')).toBe('0.00 USD');
    expect(formatMoney(5, 'USD')).toBe('0.05 USD');
    expect(formatMoney(35_67, 'USD')).toBe('35.67 USD');
    expect(formatMoney(250_000_00, 'USD')).toBe('250,000.00 USD');
    expect(formatMoney(-1_234_56, 'EUR')).toBe('-1,234.56 EUR');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90,071,992,547,409.91 USD');
  });

  it('reads back to the same integer for any amount (no float rounding)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (minor) => {
        const [amount] = formatMoney(minor, 'USD').split(' ');
        expect(Number(amount!.replace(/[,.]/g, ''))).toBe(minor);
      }),
    );
  });
});

const content: ScheduleContent = {
  insurerName: 'Test Insurer',
  branch: { code: 'NORTH', name: 'North' },
  policyNumber: 'P-000042',
  version: 3,
  reason: 'Endorsement',
  effectiveDate: '2027-03-01',
  generatedAt: new Date('2027-03-01T09:00:00Z'),
  status: 'active',
  product: { name: 'Term life', versionNumber: 2 },
  agentName: 'Alex Agent',
  holder: { name: 'Ana Rivera', customerNumber: 'C-000001', dateOfBirth: '1980-01-01', address: ['1 Main St', '10001 Springfield', 'US'] },
  insured: null,
  coverages: [{ code: 'DEATH', name: 'Death benefit', sumInsured: 250_000_00 }],
  sumInsured: 250_000_00,
  currency: 'USD',
  extraPremiumPercent: null,
  exclusions: [],
  annualPremium: 300_00,
  paymentFrequency: 'annual',
  installments: { count: 1, amount: 300_00, firstAmount: 300_00 },
  // Enough rows to run over onto a second page.
  installmentSchedule: Array.from({ length: 60 }, (_, i) => ({ policyYear: 1 + Math.floor(i / 12), sequence: (i % 12) + 1, dueDate: '2027-01-01', amount: 25_00 })),
  paymentMethod: null,
  beneficiaries: [],
  termYears: 10,
  startDate: '2027-01-01',
  endDate: '2036-12-31',
  issuedAt: new Date('2027-01-01T09:00:00Z'),
};

describe('renderSchedulePdf', () => {
  it('makes a PDF, the same bytes for the same content (the time is part of the content)', async () => {
    const a = await renderSchedulePdf(content);
    const b = await renderSchedulePdf(content);
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    expect((await renderSchedulePdf({ ...content, generatedAt: new Date('2027-03-02T09:00:00Z') })).equals(a)).toBe(false);
    // The 60 installments run over three pages, each with its footer, and the footers add no page.
    expect(a.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3);
    const text = await pdfText(a);
    for (const page of [1, 2, 3]) expect(text).toContain(`policy P-000042, schedule version 3, generated 2027-03-01T09:00:00.000Z - page ${page} of 3`);
    expect(text.match(/^5 12 2027-01-01 25\.00 USD$/m)).not.toBeNull();
  });
});
