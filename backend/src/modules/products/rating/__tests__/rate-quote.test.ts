import Decimal from 'decimal.js';
import fc from 'fast-check';
import { ANNUAL_FREQUENCIES } from '../product-definition';
import { checkEligibility, formatAmount, priceQuote, rateQuote, splitInstallments, type QuoteRequest } from '../rate-quote';
import { termLife } from './fixtures';

type Overrides = Omit<Partial<QuoteRequest>, 'applicant'> & { applicant?: Partial<QuoteRequest['applicant']> };

const request = (overrides: Overrides = {}): QuoteRequest => ({
  termYears: 20,
  paymentFrequency: 'annual',
  coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }],
  ...overrides,
  applicant: { entryAge: 35, gender: 'male', smoker: false, region: 'TX', occupationClass: 1, ...overrides.applicant },
});

const premium = (r: QuoteRequest) => rateQuote(termLife, r).price!.annualPremium;
const sum = (amounts: string[]) => amounts.reduce((s, a) => s.plus(a), new Decimal(0));

describe('rating engine', () => {
  it('prices a 20-year term for a 35-year-old: 1.10 per 1,000 × 250 + fee', () => {
    const q = rateQuote(termLife, request());
    expect(q.eligibility).toEqual({ eligible: true, reasons: [] });
    // 1.10 × 250 = 275.00; every factor 1.00; + 25.00 fee; no tax in TX
    expect(q.price!.annualPremium).toBe(300_00);
    expect(q.price!.worksheet.map((s) => [s.kind, s.table ?? s.label, s.row ?? null, s.amount])).toEqual([
      ['base', 'Death benefit: rate × units', null, '27500'],
      ['factor', 'AGE', '30–39', '0'],
      ['factor', 'GENDER', 'male', '0'],
      ['factor', 'SMOKER', 'no', '0'],
      ['factor', 'OCC', '1', '0'],
      ['factor', 'TERM', '20', '0'],
      ['fee', 'Policy fee', null, '2500'],
      ['rounding', 'Rounding to the cent (half-even)', null, '0'],
    ]);
  });

  it.each([
    [29, '18–29', '0.80'],
    [30, '30–39', '1.00'],
    [39, '30–39', '1.00'],
    [40, '40–49', '1.70'],
    [65, '60–65', '5.40'],
  ])('takes the age band at its boundaries: %i → %s (%s)', (age, row, factor) => {
    const step = rateQuote(termLife, request({ applicant: { entryAge: age }, termYears: 10 })).price!.worksheet.find((s) => s.table === 'AGE')!;
    expect([step.row, step.value]).toEqual([row, factor]);
  });

  it('applies category factors and tables limited to some coverages', () => {
    const q = rateQuote(
      termLife,
      request({
        applicant: { smoker: true, gender: 'female' },
        coverages: [
          { code: 'DEATH', sumInsured: 250_000_00 },
          { code: 'ADB', sumInsured: 100_000_00 },
        ],
      }),
    );
    const steps = q.price!.worksheet;
    // Smoker applies to both coverages, gender only to the death benefit.
    expect(steps.filter((s) => s.table === 'SMOKER').map((s) => s.coverage)).toEqual(['DEATH', 'ADB']);
    expect(steps.filter((s) => s.table === 'GENDER').map((s) => s.coverage)).toEqual(['DEATH']);
    // DEATH 275.00 × 0.85 × 1.90 = 444.125; ADB 0.35 × 100 = 35.00 × 1.90 = 66.50; + 25.00 = 535.625 → 535.62 (half-even)
    expect(q.price!.annualPremium).toBe(535_62);
    expect(steps.at(-1)).toMatchObject({ kind: 'rounding', amount: '-0.5' });
  });

  it('rounds half-even to the cent, once, at the annual premium', () => {
    const flat = (rate: string) => ({
      ...termLife,
      coverages: [{ code: 'FLAT', name: 'Flat cover', required: true, rateBasis: 'flat' as const, rate, sumInsured: { options: [0] } }],
      factorTables: [],
      policyFee: 0,
      minimumPremium: 0,
    });
    const priced = (rate: string) => rateQuote(flat(rate), request({ coverages: [{ code: 'FLAT', sumInsured: 0 }] })).price!.annualPremium;
    expect(priced('24.005')).toBe(24_00); // 2400.5 cents → even 2400
    expect(priced('24.015')).toBe(24_02); // 2401.5 cents → even 2402
    expect(priced('24.0051')).toBe(24_01); // not a tie: nearest
    // Loading applies before the fee: 275.00 × 0.85 = 233.75; × 1.05 = 245.4375; + 25.00 = 270.4375 → 270.44
    expect(premium(request({ applicant: { gender: 'female' }, paymentFrequency: 'monthly' }))).toBe(270_44);
  });

  it('adds premium tax of the region on top of the fee, and none elsewhere', () => {
    const ny = rateQuote(termLife, request({ applicant: { region: 'NY' } })).price!;
    expect(ny.worksheet.find((s) => s.kind === 'tax')).toMatchObject({ label: 'Premium tax (NY)', value: '0.0175', amount: '525' });
    expect(ny.annualPremium).toBe(305_25);
    expect(rateQuote(termLife, request()).price!.worksheet.some((s) => s.kind === 'tax')).toBe(false);
  });

  it('tops up to the minimum premium', () => {
    const q = rateQuote(termLife, request({ applicant: { entryAge: 25 }, termYears: 10, coverages: [{ code: 'DEATH', sumInsured: 50_000_00 }] })).price!;
    // 1.10 × 50 × 0.80 × 0.90 = 39.60 + 25.00 = 64.60 < 120.00
    expect(q.worksheet.find((s) => s.kind === 'minimum_premium')).toMatchObject({ amount: '5540' });
    expect(q.annualPremium).toBe(120_00);
  });

  it('loads the premium for paying more often and splits it into installments that sum to it', () => {
    const q = rateQuote(termLife, request({ paymentFrequency: 'monthly' })).price!;
    expect(q.worksheet.find((s) => s.kind === 'frequency_loading')).toMatchObject({ value: '0.05' });
    expect(q.installments.count).toBe(12);
    expect(q.installments.firstAmount + q.installments.amount * 11).toBe(q.annualPremium);
    expect(splitInstallments(100_01, 12)).toEqual({ count: 12, amount: 833, firstAmount: 8_38 });
  });

  it.each<[string, Overrides]>([
    ['ENTRY_AGE_TOO_LOW', { applicant: { entryAge: 17 } }],
    ['ENTRY_AGE_TOO_HIGH', { applicant: { entryAge: 66 }, termYears: 10 }],
    ['AGE_AT_EXPIRY_TOO_HIGH', { applicant: { entryAge: 60 }, termYears: 30 }],
    ['TERM_NOT_OFFERED', { termYears: 15 }],
    ['SUM_INSURED_OUT_OF_RANGE', { coverages: [{ code: 'DEATH', sumInsured: 10_000_00 }] }],
    ['SUM_INSURED_OUT_OF_RANGE', { coverages: [{ code: 'DEATH', sumInsured: 255_000_00 }] }],
    ['REQUIRED_COVERAGE_MISSING', { coverages: [{ code: 'ADB', sumInsured: 50_000_00 }] }],
    [
      'UNKNOWN_COVERAGE',
      {
        coverages: [
          { code: 'DEATH', sumInsured: 250_000_00 },
          { code: 'PET', sumInsured: 1 },
        ],
      },
    ],
  ])('explains ineligibility with %s', (code, overrides) => {
    const q = rateQuote(termLife, request(overrides));
    expect(q.eligibility.eligible).toBe(false);
    expect(q.eligibility.reasons.map((r) => r.code)).toContain(code);
    expect(q.price).toBeUndefined();
  });

  it('lists one reason per failed rule', () => {
    const strict = { ...termLife, eligibility: { ...termLife.eligibility, smokersAllowed: false, occupationClasses: [1, 2], allowedRegions: ['TX'], kycVerifiedRequired: true } };
    const reasons = checkEligibility(strict, request({ applicant: { smoker: true, occupationClass: 4, region: 'NY', kycVerified: false } })).map((r) => r.code);
    expect(reasons.sort()).toEqual(['KYC_NOT_VERIFIED', 'OCCUPATION_CLASS_NOT_ACCEPTED', 'REGION_NOT_COVERED', 'SMOKERS_NOT_ACCEPTED']);
  });

  it('states amounts in messages as people read them (major units, currency), not in cents', () => {
    const messages = (coverages: QuoteRequest['coverages']) => checkEligibility(termLife, request({ coverages })).map((r) => r.message);
    expect(messages([{ code: 'DEATH', sumInsured: 255_000_00 }])).toEqual(['Death benefit: the sum insured must be in steps of 10,000 USD.']);
    expect(messages([{ code: 'DEATH', sumInsured: 10_000_00 }])).toEqual(['Death benefit: the sum insured must be between 50,000 and 2,000,000 USD.']);
    expect(formatAmount(50_050)).toBe('500.50');
  });
});

const eligibleRequest = fc.record({
  age: fc.integer({ min: 18, max: 55 }),
  gender: fc.constantFrom('female', 'male', 'non_binary', 'unspecified'),
  smoker: fc.boolean(),
  region: fc.constantFrom('TX', 'NY', 'CA', 'FL'),
  occupationClass: fc.integer({ min: 1, max: 4 }),
  term: fc.constantFrom(10, 20, 30),
  frequency: fc.constantFrom(...ANNUAL_FREQUENCIES),
  deathUnits: fc.integer({ min: 0, max: 195 }),
  adbUnits: fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }),
  wop: fc.boolean(),
});

function build(
  v: {
    age: number;
    gender: string;
    smoker: boolean;
    region: string;
    occupationClass: number;
    term: number;
    frequency: (typeof ANNUAL_FREQUENCIES)[number];
    deathUnits: number;
    adbUnits?: number;
    wop: boolean;
  },
  deathExtraUnits = 0,
): QuoteRequest {
  return {
    termYears: v.term,
    paymentFrequency: v.frequency,
    applicant: { entryAge: v.age, gender: v.gender, smoker: v.smoker, region: v.region, occupationClass: v.occupationClass },
    coverages: [
      { code: 'DEATH', sumInsured: 50_000_00 + (v.deathUnits + deathExtraUnits) * 10_000_00 },
      ...(v.adbUnits !== undefined ? [{ code: 'ADB', sumInsured: 50_000_00 + v.adbUnits * 10_000_00 }] : []),
      ...(v.wop ? [{ code: 'WOP', sumInsured: 0 }] : []),
    ],
  };
}

describe('rating engine properties', () => {
  it('the worksheet always adds up exactly to the annual premium, which is a whole, non-negative number of cents', () => {
    fc.assert(
      fc.property(eligibleRequest, (v) => {
        const price = rateQuote(termLife, build(v)).price!;
        expect(Number.isInteger(price.annualPremium)).toBe(true);
        expect(price.annualPremium).toBeGreaterThanOrEqual(termLife.minimumPremium);
        expect(sum(price.worksheet.map((s) => s.amount)).equals(price.annualPremium)).toBe(true);
        const { count, amount, firstAmount } = price.installments;
        expect(firstAmount + amount * (count - 1)).toBe(price.annualPremium);
        expect(firstAmount - amount).toBeLessThan(count);
      }),
      { numRuns: 300 },
    );
  });

  it('a higher sum insured never costs less for the same person and options', () => {
    fc.assert(
      fc.property(
        eligibleRequest.filter((v) => v.deathUnits < 195),
        fc.integer({ min: 1, max: 10 }),
        (v, more) => {
          const base = premium(build(v));
          const higher = premium(build({ ...v, deathUnits: Math.min(195, v.deathUnits + more) }));
          expect(higher).toBeGreaterThanOrEqual(base);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('underwriting rating', () => {
  it('loads the risk premium before frequency loading, fee and tax; without it the price is the quoted one; the worksheet still adds up', () => {
    const req = request({ paymentFrequency: 'monthly', applicant: { region: 'NY' } });
    const quoted = rateQuote(termLife, req).price!;
    expect(priceQuote(termLife, req)).toEqual(quoted);
    const rated = priceQuote(termLife, req, { extraPercent: 50 });
    const step = rated.worksheet.find((s) => s.kind === 'underwriting_rating')!;
    const riskPremium = quoted.worksheet.filter((s) => s.kind === 'base' || s.kind === 'factor').reduce((sum, s) => sum.plus(s.amount), new Decimal(0));
    expect(step).toMatchObject({ label: 'Underwriting rating +50% on the risk premium', value: '0.5', amount: riskPremium.times('0.5').toString() });
    // The step comes before the frequency loading, the fee and the tax, which all apply on top.
    const kinds = rated.worksheet.map((s) => s.kind);
    expect(kinds.indexOf('underwriting_rating')).toBeLessThan(kinds.indexOf('frequency_loading'));
    expect(kinds.indexOf('fee')).toBeGreaterThan(kinds.indexOf('underwriting_rating'));
    expect(rated.worksheet.reduce((acc, s) => acc.plus(s.amount), new Decimal(0)).toString()).toBe(String(rated.annualPremium));
    expect(rated.installments.firstAmount + rated.installments.amount * 11).toBe(rated.annualPremium);
    // The fee is not rated: 50% more risk premium costs less than 50% more premium.
    expect(rated.annualPremium).toBeLessThan(quoted.annualPremium * 1.5);
  });
});
