import fc from 'fast-check';
import { PAYMENT_FREQUENCIES, type PaymentFrequency } from '../../../contracts/products';
import { splitInstallments } from '../../products/rating/rate-quote';
import { addMonthsClamped, daysBetween } from '../../../platform/calendar';
import { installmentSchedule, invoiceIssueDate, policyYearStart } from '../installment-schedule';

// A trip's single premium is one installment, due on the start (departure) date.
const PER_YEAR: Record<PaymentFrequency, number> = { annual: 1, semi_annual: 2, quarterly: 4, monthly: 12, single: 1 };

// An oracle independent of the code under test: the Gregorian leap rule and a month-length table.
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Valid dates 1901–2199, weighted towards the awkward ones: the 29th–31st and 29 February. */
const dateArb = fc.oneof(
  fc
    .record({ y: fc.integer({ min: 1901, max: 2199 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(Math.min(d, monthLength(y, m)))}`),
  fc.record({ y: fc.integer({ min: 1901, max: 2199 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${pad(m)}-${pad(monthLength(y, m))}`),
  fc
    .integer({ min: 475, max: 549 })
    .map((q) => `${q * 4}-02-29`)
    .filter((d) => isLeap(Number(d.slice(0, 4)))),
);

const plan = (frequency: PaymentFrequency, annualPremium: number, startDate: string, policyYear = 1) => ({
  startDate,
  policyYear,
  frequency,
  ...splitInstallments(annualPremium, PER_YEAR[frequency]),
});

describe('addMonthsClamped', () => {
  it('clamps to the end of a shorter month instead of overflowing into the next', () => {
    expect(addMonthsClamped('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2027-03-31', 1)).toBe('2027-04-30');
    expect(addMonthsClamped('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonthsClamped('2028-02-29', 48)).toBe('2032-02-29');
  });

  it('crosses year boundaries both ways', () => {
    expect(addMonthsClamped('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonthsClamped('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonthsClamped('2027-01-15', -13)).toBe('2025-12-15');
  });

  it('refuses impossible dates and fractional months', () => {
    expect(() => addMonthsClamped('2027-02-29', 1)).toThrow(RangeError);
    expect(() => addMonthsClamped('2027-13-01', 1)).toThrow(RangeError);
    expect(() => addMonthsClamped('27-1-1', 1)).toThrow(RangeError);
    expect(() => addMonthsClamped('2027-01-31', 1.5)).toThrow(RangeError);
  });

  it('lands on the anchor day, or the last day of the month when that is shorter (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -600, max: 600 }), (date, months) => {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const index = y * 12 + m - 1 + months;
        const [ty, tm] = [Math.floor(index / 12), (((index % 12) + 12) % 12) + 1];
        expect(addMonthsClamped(date, months)).toBe(`${ty}-${pad(tm)}-${pad(Math.min(d, monthLength(ty, tm)))}`);
      }),
    );
  });
});

describe('installmentSchedule', () => {
  it('runs a 31 January monthly plan through every month end without drifting to the 28th', () => {
    const schedule = installmentSchedule(plan('monthly', 1200_00, '2027-01-31'));
    expect(schedule.map((i) => i.dueDate)).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
      '2027-07-31',
      '2027-08-31',
      '2027-09-30',
      '2027-10-31',
      '2027-11-30',
      '2027-12-31',
    ]);
    expect(schedule.map((i) => i.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('puts the rating engine’s remainder cent(s) on the first installment', () => {
    // 1000.01 / 12 = 83.33 × 11 + 83.38
    const schedule = installmentSchedule(plan('monthly', 1000_01, '2027-06-15'));
    expect(schedule[0]!.amount).toBe(83_38);
    expect(schedule.slice(1).every((i) => i.amount === 83_33)).toBe(true);
    expect(schedule.reduce((s, i) => s + i.amount, 0)).toBe(1000_01);
  });

  it('starts year k on the anniversary: a 29 February policy falls due on 28 February in non-leap years', () => {
    expect(installmentSchedule(plan('annual', 500_00, '2028-02-29', 2))).toEqual([{ sequence: 1, dueDate: '2029-02-28', amount: 500_00 }]);
    expect(installmentSchedule(plan('annual', 500_00, '2028-02-29', 5))[0]!.dueDate).toBe('2032-02-29');
    expect(installmentSchedule(plan('quarterly', 500_00, '2028-02-29', 2)).map((i) => i.dueDate)).toEqual(['2029-02-28', '2029-05-29', '2029-08-29', '2029-11-29']);
    expect(policyYearStart('2028-02-29', 2)).toBe('2029-02-28');
  });

  it('spaces semi-annual and quarterly installments 6 and 3 months from the anchor', () => {
    expect(installmentSchedule(plan('semi_annual', 999_99, '2027-08-31')).map((i) => i.dueDate)).toEqual(['2027-08-31', '2028-02-29']);
    expect(installmentSchedule(plan('quarterly', 999_99, '2027-11-30', 3)).map((i) => i.dueDate)).toEqual(['2029-11-30', '2030-02-28', '2030-05-30', '2030-08-30']);
  });

  it('refuses a count that does not match the frequency, negative amounts, year 0 and impossible dates', () => {
    expect(() => installmentSchedule({ ...plan('monthly', 1200_00, '2027-01-01'), count: 4 })).toThrow(/12 installments/);
    expect(() => installmentSchedule({ ...plan('annual', 1200_00, '2027-01-01'), amount: -1 })).toThrow(RangeError);
    expect(() => installmentSchedule({ ...plan('annual', 1200_00, '2027-01-01'), firstAmount: 0.5 })).toThrow(RangeError);
    expect(() => installmentSchedule(plan('annual', 1200_00, '2027-01-01', 0))).toThrow(RangeError);
    expect(() => installmentSchedule(plan('annual', 1200_00, '2027-02-29'))).toThrow(RangeError);
  });

  it('sums to the annual premium to the cent, with anchor-clamped due dates inside the policy year (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PAYMENT_FREQUENCIES),
        fc.integer({ min: 1, max: 10_000_000_00 }),
        dateArb,
        fc.integer({ min: 1, max: 40 }),
        (frequency, annualPremium, startDate, policyYear) => {
          const schedule = installmentSchedule(plan(frequency, annualPremium, startDate, policyYear));
          const perYear = PER_YEAR[frequency];
          expect(schedule).toHaveLength(perYear);
          expect(schedule.reduce((s, i) => s + i.amount, 0)).toBe(annualPremium);
          const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
          schedule.forEach((installment, i) => {
            expect(installment.sequence).toBe(i + 1);
            const index = y * 12 + m - 1 + 12 * (policyYear - 1) + i * (12 / perYear);
            const [ty, tm] = [Math.floor(index / 12), (index % 12) + 1];
            expect(installment.dueDate).toBe(`${ty}-${pad(tm)}-${pad(Math.min(d, monthLength(ty, tm)))}`);
          });
          // Year k's schedule starts on its anniversary and ends before year k+1's.
          expect(schedule[0]!.dueDate).toBe(policyYearStart(startDate, policyYear));
          expect(schedule.at(-1)!.dueDate < policyYearStart(startDate, policyYear + 1)).toBe(true);
          for (let i = 1; i < schedule.length; i++) expect(schedule[i - 1]!.dueDate < schedule[i]!.dueDate).toBe(true);
        },
      ),
    );
  });
});

describe('invoiceIssueDate', () => {
  it('is the given number of days before the due date, across month and leap-day boundaries', () => {
    expect(invoiceIssueDate('2027-03-01', 14)).toBe('2027-02-15');
    expect(invoiceIssueDate('2028-03-01', 1)).toBe('2028-02-29');
    expect(invoiceIssueDate('2027-01-10', 14)).toBe('2026-12-27');
    expect(invoiceIssueDate('2027-01-10', 0)).toBe('2027-01-10');
  });

  it('reads every year as written, also years below 100 that Date.UTC would shift to the 1900s', () => {
    expect(invoiceIssueDate('0099-01-10', 14)).toBe('0098-12-27');
    expect(addMonthsClamped('0099-01-31', 1)).toBe('0099-02-28');
    expect(addMonthsClamped('0096-01-31', 1)).toBe('0096-02-29');
  });

  it('refuses negative or fractional lead days', () => {
    expect(() => invoiceIssueDate('2027-01-10', -1)).toThrow(RangeError);
    expect(() => invoiceIssueDate('2027-01-10', 1.5)).toThrow(RangeError);
  });

  it('is exactly leadDays before the due date (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 400 }), (due, lead) => {
        expect(daysBetween(invoiceIssueDate(due, lead), due)).toBe(lead);
      }),
    );
  });
});

describe('daysBetween', () => {
  it('counts calendar days, negative backwards', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(daysBetween('2027-03-01', '2027-02-28')).toBe(-1);
  });
});
