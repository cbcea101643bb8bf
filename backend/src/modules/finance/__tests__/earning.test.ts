import fc from 'fast-check';
import type { PaymentFrequency } from '../../../contracts/products';
import { addDays, addMonthsClamped } from '../../../platform/calendar';
import { installmentCoverage, installmentSchedule } from '../../billing/installment-schedule';
import { coveredDays, dailyShare, earnedBy, earnedOn, premiumPosition, unearnedAfter, type Writing } from '../earning';

const SEED = 20261211;
const RUNS = Number(process.env.EARNING_PROPERTY_RUNS ?? 60);
const PER_YEAR: Record<PaymentFrequency, number> = { annual: 1, semi_annual: 2, quarterly: 4, monthly: 12, single: 1 };

describe('earning one writing', () => {
  it('a worked example: 365.00 over a 365-day year earns 1.00 a day; 1,000.00 earns 2.73 a day and the remainder, 6.28, on the last', () => {
    const w = { amount: 36_500, from: '2027-01-01', to: '2027-12-31' };
    expect(earnedBy(w, '2026-12-31')).toBe(0);
    expect(earnedBy(w, '2027-01-01')).toBe(100);
    expect(earnedBy(w, '2027-07-02')).toBe(18_300); // 183 days
    expect(earnedBy(w, '2027-12-31')).toBe(36_500);
    const odd = { amount: 100_000, from: '2027-01-01', to: '2027-12-31' };
    // 100000 / 365 = 273.97… → 273 a day; the last day 100000 − 364·273 = 628.
    expect(earnedOn(odd, '2027-01-01')).toBe(273);
    expect(earnedOn(odd, '2027-12-30')).toBe(273);
    expect(earnedOn(odd, '2027-12-31')).toBe(628);
    expect(earnedOn(odd, '2028-01-01')).toBe(0);
  });

  it('a one-day writing is earned on that day; a returned (negative) amount mirrors a billed one', () => {
    expect(earnedBy({ amount: 999, from: '2027-03-01', to: '2027-03-01' }, '2027-03-01')).toBe(999);
    const back = { amount: -100_000, from: '2027-01-01', to: '2027-12-31' };
    expect(earnedOn(back, '2027-01-01')).toBe(-273);
    expect(earnedOn(back, '2027-12-31')).toBe(-628);
  });

  it('refuses a period that ends before it starts and a fractional amount', () => {
    expect(() => earnedBy({ amount: 100, from: '2027-01-02', to: '2027-01-01' }, '2027-01-01')).toThrow(RangeError);
    expect(() => earnedBy({ amount: 1.5, from: '2027-01-01', to: '2027-01-02' }, '2027-01-01')).toThrow(RangeError);
  });

  it('every covered day but the last earns W/n truncated, the last the remainder; the days add up to W', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 800 }), (amount, offset, length) => {
        const from = addDays('2026-01-01', offset);
        const w = { amount, from, to: addDays(from, length) };
        const n = coveredDays(w);
        let sum = 0;
        for (let d = from, k = 1; d <= w.to; d = addDays(d, 1), k++) {
          const share = earnedOn(w, d);
          if (k < n) expect(share).toBe(Math.trunc(amount / n) + 0);
          else expect(share).toBe(amount - (n - 1) * dailyShare(w));
          sum += share;
          expect(earnedBy(w, d)).toBe(sum);
        }
        expect(sum).toBe(amount);
      }),
      { seed: SEED, numRuns: 80 },
    );
  });
});

// A policy's life: year-1 installments invoiced (each over the days it pays for), an endorsement
// changing the premium from its effective date to the end of the year, and perhaps a cancellation
// from a date that returns some of what was billed and not yet earned (or charges a little more,
// earned at once). Installments due on or after the cancellation are never invoiced.
const policyLife = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 1_500 }),
    frequency: fc.constantFrom<PaymentFrequency>('annual', 'semi_annual', 'quarterly', 'monthly', 'single'),
    annualPremium: fc.integer({ min: 1, max: 50_000_000 }),
    endorsementDay: fc.integer({ min: 0, max: 364 }),
    endorsementDelta: fc.integer({ min: -20_000_000, max: 20_000_000 }),
    cancellation: fc.option(fc.record({ day: fc.integer({ min: 1, max: 364 }), share: fc.double({ min: 0, max: 1, noNaN: true }), extra: fc.integer({ min: 0, max: 5_000 }) })),
  })
  .map((p) => {
    const startDate = addDays('2026-01-01', p.startOffset);
    const endDate = addDays(addMonthsClamped(startDate, 12), -1);
    const count = PER_YEAR[p.frequency];
    const amount = Math.floor(p.annualPremium / count);
    const firstAmount = p.annualPremium - amount * (count - 1);
    const cancelFrom = p.cancellation ? addDays(startDate, p.cancellation.day) : null;
    const writings: Writing[] = installmentSchedule({ startDate, policyYear: 1, frequency: p.frequency, count, amount, firstAmount })
      .filter((i) => cancelFrom === null || i.dueDate < cancelFrom)
      .map((i) => ({ amount: i.amount, ...installmentCoverage({ startDate, endDate, installmentsPerYear: count, policyYear: 1, sequence: i.sequence }) }));
    const effective = addDays(startDate, p.endorsementDay);
    if (p.endorsementDelta !== 0 && (cancelFrom === null || effective < cancelFrom)) writings.push({ amount: p.endorsementDelta, from: effective, to: endDate });
    if (p.cancellation && cancelFrom) {
      // Billed but not earned at the cancellation: some of it is returned from that day to the end of what was billed.
      const unearned = premiumPosition(writings, addDays(cancelFrom, -1)).unearned;
      const returned = Math.trunc(unearned * p.cancellation.share);
      const coverEnd = writings.map((w) => w.to).reduce((a, b) => (a > b ? a : b), cancelFrom);
      if (returned !== 0) writings.push({ amount: -returned, from: cancelFrom, to: coverEnd < cancelFrom ? cancelFrom : coverEnd });
      if (p.cancellation.extra > 0) writings.push({ amount: p.cancellation.extra, from: addDays(cancelFrom, -1), to: addDays(cancelFrom, -1) });
    }
    return { startDate, endDate, writings };
  });

describe('a policy’s earned premium (property)', () => {
  it('earned + unearned = written to the cent on every date, and over the policy’s life earned = written', () => {
    fc.assert(
      fc.property(policyLife, ({ startDate, endDate, writings }) => {
        const written = writings.reduce((s, w) => s + w.amount, 0);
        const days: string[] = [];
        for (let d = addDays(startDate, -1); d <= addDays(endDate, 1); d = addDays(d, 1)) days.push(d);
        // The daily job's view: each day's shares; unearned after a day = the shares of the days after it.
        const shares = days.map((d) => writings.reduce((s, w) => s + earnedOn(w, d), 0));
        const after = new Array<number>(days.length).fill(0);
        for (let i = days.length - 2; i >= 0; i--) after[i] = after[i + 1]! + shares[i + 1]!;
        let earnedSoFar = 0;
        days.forEach((d, i) => {
          earnedSoFar += shares[i]!;
          const position = premiumPosition(writings, d);
          expect(position.earned).toBe(earnedSoFar);
          expect(position.earned + after[i]!).toBe(written);
          expect(position.unearned).toBe(after[i]);
        });
        for (const d of [startDate, days[Math.floor(days.length / 2)]!, endDate]) {
          expect(writings.reduce((s, w) => s + unearnedAfter(w, d), 0)).toBe(premiumPosition(writings, d).unearned);
        }
        expect(premiumPosition(writings, addDays(endDate, 1))).toEqual({ written, earned: written, unearned: 0 });
        expect(earnedSoFar).toBe(written);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('installments cover the policy year without gap or overlap, each from its due date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_500 }),
        fc.constantFrom<PaymentFrequency>('annual', 'semi_annual', 'quarterly', 'monthly'),
        fc.integer({ min: 1, max: 3 }),
        (offset, frequency, years) => {
          const startDate = addDays('2026-01-01', offset);
          const endDate = addDays(addMonthsClamped(startDate, 12 * years), -1);
          const count = PER_YEAR[frequency];
          let next = startDate;
          for (let year = 1; year <= years; year++) {
            for (const i of installmentSchedule({ startDate, policyYear: year, frequency, count, amount: 1, firstAmount: 1 })) {
              const cover = installmentCoverage({ startDate, endDate, installmentsPerYear: count, policyYear: year, sequence: i.sequence });
              expect(cover.from).toBe(i.dueDate);
              expect(cover.from).toBe(next);
              next = addDays(cover.to, 1);
            }
          }
          expect(next).toBe(addDays(endDate, 1));
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('a trip’s single premium covers the trip, a one-day trip its one day', () => {
    expect(installmentCoverage({ startDate: '2027-03-01', endDate: '2027-03-15', installmentsPerYear: 1, policyYear: 1, sequence: 1 })).toEqual({
      from: '2027-03-01',
      to: '2027-03-15',
    });
    expect(installmentCoverage({ startDate: '2027-03-01', endDate: '2027-03-01', installmentsPerYear: 1, policyYear: 1, sequence: 1 })).toEqual({
      from: '2027-03-01',
      to: '2027-03-01',
    });
  });
});
