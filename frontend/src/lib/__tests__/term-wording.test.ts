import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPremium, paymentWording, premiumFigure, premiumLabel, premiumPeriodWording } from '../money';
import { dateSpanWording, policyPeriodWording, termWording, tripLength, tripWithDestination, tripWording, yearsWording } from '../term-wording';

const trip = { departureDate: '2027-01-12', returnDate: '2027-01-26', destinationZone: 'europe' as const, days: 15 };

describe('term wording', () => {
  it('reads a trip as its dates and length, never as years', () => {
    expect(tripWording(trip)).toBe('Trip 12–26 Jan 2027 (15 days)');
    expect(termWording({ termYears: null, trip })).toBe('Trip 12–26 Jan 2027 (15 days)');
    expect(tripWithDestination(trip)).toBe('Trip 12–26 Jan 2027 (15 days) · Europe');
    expect(policyPeriodWording({ termYears: null, trip, startDate: trip.departureDate, endDate: trip.returnDate })).not.toMatch(/year/);
    expect(tripWording({ departureDate: '2027-01-12', returnDate: '2027-01-12', days: 1 })).toBe('Trip 12 Jan 2027 (1 day)');
  });

  it('writes a span of dates as short as it reads clearly', () => {
    expect(dateSpanWording('2027-01-28', '2027-02-03')).toBe('28 Jan – 3 Feb 2027');
    expect(dateSpanWording('2026-12-28', '2027-01-03')).toBe('28 Dec 2026 – 3 Jan 2027');
  });

  it('says "1 year" and "20 years" for terms in years', () => {
    expect(yearsWording(1)).toBe('1 year');
    expect(termWording({ termYears: 20, trip: null })).toBe('20 years');
    expect(policyPeriodWording({ termYears: 20, trip: null, startDate: '2026-12-01', endDate: '2046-11-30' })).toBe('20 years, 1 Dec 2026 to 30 Nov 2046');
  });

  it('counts a trip the way the API does: both travel days, nothing for a return before the departure', () => {
    expect(tripLength('2027-01-12', '2027-01-26')).toBe(15);
    expect(tripLength('2027-01-12', '2027-01-12')).toBe(1);
    expect(tripLength('2027-01-12', '2027-01-11')).toBeNull();
    // Across a change of daylight saving time and a leap day, still whole days.
    expect(tripLength('2028-02-20', '2028-04-05')).toBe(46);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 400 }), (offset, length) => {
        const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
        expect(tripLength(day(offset), day(offset + length))).toBe(length + 1);
      }),
    );
  });
});

describe('premium wording of a trip', () => {
  const single = { annualPremium: 48_00, currency: 'USD', paymentFrequency: 'single' as const };

  it('calls it one single premium, not a yearly one', () => {
    expect(formatPremium(single)).toBe('single premium 48.00 USD');
    expect(premiumFigure(48_00, 'USD', 'single')).toBe('48.00 USD single premium');
    expect(premiumLabel('single')).toBe('Single premium');
    expect(premiumPeriodWording(single)).toBe('single premium, paid once before the trip');
    expect(paymentWording(single)).toBe('paid once, before the trip');
    for (const text of [formatPremium(single), premiumFigure(48_00, 'USD', 'single'), premiumPeriodWording(single)]) expect(text).not.toMatch(/year|annual/i);
  });

  it('keeps the yearly wording for everything else', () => {
    expect(formatPremium({ annualPremium: 279_10, currency: 'USD', paymentFrequency: 'monthly' })).toBe('279.10 USD a year, paid monthly (23.25 a month)');
    expect(premiumFigure(279_10, 'USD', 'annual')).toBe('279.10 USD a year');
    expect(premiumLabel('monthly')).toBe('Annual premium');
    expect(premiumPeriodWording({ annualPremium: 279_10, paymentFrequency: 'annual' })).toBe('a year, paid once a year');
  });
});
