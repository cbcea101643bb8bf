import type { Condition, CoverageDefinition, ProductDefinition } from '@contracts/products';
import { describe, expect, it } from 'vitest';
import {
  describeLateFee,
  describeCondition,
  describeConditions,
  describeDeductibles,
  describeExams,
  describeRate,
  describeSumInsured,
  entryAgesByTerm,
  formatAmount,
  formatDecimal,
  formatList,
  formatPercent,
  hasNoSumInsured,
} from '../product-format';

const DEATH: CoverageDefinition = {
  code: 'DEATH',
  name: 'Death benefit',
  required: true,
  rateBasis: 'per_1000',
  rate: '1.10',
  sumInsured: { min: 50_000_00, max: 2_000_000_00, step: 10_000_00 },
};
const WAIVER: CoverageDefinition = { code: 'WAIVER', name: 'Waiver of premium', required: false, rateBasis: 'flat', rate: '24', sumInsured: { options: [0] } };
const LIABILITY: CoverageDefinition = {
  code: 'LIABILITY',
  name: 'Liability',
  required: true,
  rateBasis: 'flat',
  rate: '610.00',
  sumInsured: { options: [250_000_00, 500_000_00, 1_000_000_00] },
  deductibleOptions: [250_00, 500_00, 1_000_00],
};

const definition: ProductDefinition = {
  currency: 'USD',
  coverages: [DEATH, WAIVER],
  termYears: [30, 10, 20],
  frequencyLoadings: { annual: '0' },
  factorTables: [],
  policyFee: 0,
  premiumTaxByRegion: {},
  minimumPremium: 0,
  eligibility: { entryAgeMin: 18, entryAgeMax: 65, maxAgeAtExpiry: 85, smokersAllowed: true, occupationClasses: [1, 2], kycVerifiedRequired: true },
  requiredDocuments: [],
  medicalExamRules: [],
  referralRules: [],
  declarationQuestions: [],
};

describe('amounts, rates and lists', () => {
  it('shows a sum insured whole, with cents only when there are any', () => {
    expect(formatAmount(500_000_00, 'USD')).toBe('500,000 USD');
    expect(formatAmount(499_999_99, 'USD')).toBe('499,999.99 USD');
    expect(formatAmount(12_345_60)).toBe('12,345.60');
    expect(formatAmount(50)).toBe('0.50');
    expect(formatAmount(0)).toBe('0');
    expect(formatAmount(-1_50)).toBe('-1.50');
  });

  it('shows a decimal rate as a percentage, without binary noise', () => {
    expect(formatPercent('0.0175')).toBe('1.75%');
    expect(formatPercent('0.05')).toBe('5%');
    expect(formatPercent('0.07')).toBe('7%');
    expect(formatPercent('0')).toBe('0%');
    expect(formatPercent('0.00125')).toBe('0.125%');
    expect(formatPercent('-0.1')).toBe('-10%');
  });

  it('shows a decimal amount with at least two decimals, and text that is not a number as it is', () => {
    expect(formatDecimal('2650.00')).toBe('2,650.00');
    expect(formatDecimal('1.1')).toBe('1.10');
    expect(formatDecimal('0.123456')).toBe('0.123456');
    expect(formatDecimal('abc')).toBe('abc');
  });

  it('joins a list as people write it', () => {
    expect(formatList([])).toBe('');
    expect(formatList(['a'])).toBe('a');
    expect(formatList(['a', 'b'])).toBe('a or b');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b or c');
    expect(formatList(['a', 'b', 'c'], 'and')).toBe('a, b and c');
  });
});

describe('coverages', () => {
  it('tells a fixed benefit (only sum insured 0) from a coverage with amounts', () => {
    expect(hasNoSumInsured(WAIVER)).toBe(true);
    expect(hasNoSumInsured(DEATH)).toBe(false);
    expect(hasNoSumInsured({ ...WAIVER, sumInsured: { options: [0, 100_00] } })).toBe(false);
    expect(hasNoSumInsured({ ...DEATH, sumInsured: { min: 0, max: 0, step: 1 } })).toBe(false);
  });

  it('describes the sums insured offered: a range with its step, a list, or none', () => {
    expect(describeSumInsured(DEATH, 'USD')).toBe('50,000 to 2,000,000 USD, in steps of 10,000');
    expect(describeSumInsured(LIABILITY, 'USD')).toBe('250,000, 500,000 or 1,000,000 USD');
    expect(describeSumInsured(WAIVER, 'USD')).toBe('No sum insured');
  });

  it('describes the deductibles offered, or None', () => {
    expect(describeDeductibles(LIABILITY, 'EUR')).toBe('250, 500 or 1,000 EUR');
    expect(describeDeductibles(DEATH, 'EUR')).toBe('None');
    expect(describeDeductibles({ ...DEATH, deductibleOptions: [] }, 'EUR')).toBe('None');
  });

  it('describes the base rate per 1,000 insured or as a yearly amount', () => {
    expect(describeRate(DEATH, 'USD')).toBe('1.10 USD per 1,000 insured');
    expect(describeRate(WAIVER, 'USD')).toBe('24.00 USD a year');
  });
});

describe('rule conditions', () => {
  const say = (condition: Condition) => describeCondition(condition, definition);

  it('compares numbers with ≥ and ≤, with the unit of terms, vehicle ages and trips', () => {
    expect(say({ field: 'entryAge', op: 'gte', value: 50 })).toBe('Age ≥ 50');
    expect(say({ field: 'termYears', op: 'lte', value: 20 })).toBe('Term ≤ 20 years');
    expect(say({ field: 'vehicleAge', op: 'gte', value: 10 })).toBe('Vehicle age ≥ 10 years');
    expect(say({ field: 'tripDays', op: 'gte', value: 90 })).toBe('Trip length ≥ 90 days');
  });

  it('names the coverage whose sum insured is compared, in money', () => {
    expect(say({ field: 'sumInsured', coverage: 'DEATH', op: 'gte', value: 1_000_000_00 })).toBe('Death benefit sum insured ≥ 1,000,000 USD');
    expect(say({ field: 'sumInsured', coverage: 'GONE', op: 'gte', value: 1_00 })).toBe('GONE sum insured ≥ 1 USD');
    expect(say({ field: 'sumInsured', op: 'lte', value: 1_00 })).toBe('A coverage sum insured ≤ 1 USD');
  });

  it('says Smoker or Non-smoker for the smoker condition', () => {
    expect(say({ field: 'smoker', op: 'eq', value: true })).toBe('Smoker');
    expect(say({ field: 'smoker', op: 'eq', value: false })).toBe('Non-smoker');
  });

  it('names category values and lists "is one of" values', () => {
    expect(say({ field: 'vehicleUse', op: 'eq', value: 'business' })).toBe('Vehicle use is Business');
    expect(say({ field: 'region', op: 'in', value: ['FL', 'LA', 'TX'] })).toBe('Region is FL, LA or TX');
    expect(say({ field: 'occupationClass', op: 'in', value: [3, 4] })).toBe('Occupation class is 3 or 4');
    expect(say({ field: 'riskLevel', op: 'eq', value: 'high' })).toBe('Customer risk level is High');
  });

  it('joins all conditions of a rule with "and", and has no text for a rule that always applies', () => {
    expect(describeConditions(undefined, definition)).toBeNull();
    expect(describeConditions([], definition)).toBeNull();
    expect(
      describeConditions(
        [
          { field: 'entryAge', op: 'lte', value: 24 },
          { field: 'vehicleUse', op: 'eq', value: 'business' },
        ],
        definition,
      ),
    ).toBe('Age ≤ 24 and Vehicle use is Business');
  });

  it('lists exams with "and"', () => {
    expect(describeExams(['paramedical', 'blood_panel', 'urinalysis'])).toBe('paramedical, blood panel and urinalysis');
    expect(describeExams(['ecg'])).toBe('ECG');
  });
});

describe('entryAgesByTerm', () => {
  it('cuts the upper entry age of long terms by the maximum age at the end of the term, terms in order', () => {
    expect(entryAgesByTerm(definition)).toEqual([
      { termYears: 10, minAge: 18, maxAge: 65 },
      { termYears: 20, minAge: 18, maxAge: 65 },
      { termYears: 30, minAge: 18, maxAge: 55 },
    ]);
  });

  it('keeps the maximum entry age for every term when there is no maximum age at expiry', () => {
    const { maxAgeAtExpiry: _unused, ...eligibility } = definition.eligibility;
    expect(entryAgesByTerm({ ...definition, eligibility }).map((t) => t.maxAge)).toEqual([65, 65, 65]);
  });

  it('gives a maximum below the minimum when nobody can take a term', () => {
    const [long] = entryAgesByTerm({ ...definition, termYears: [60] });
    expect(long).toEqual({ termYears: 60, minAge: 18, maxAge: 25 });
    const [none] = entryAgesByTerm({ ...definition, termYears: [70] });
    expect(none!.maxAge).toBeLessThan(none!.minAge);
  });

  it('does not reorder the definition’s own list of terms', () => {
    entryAgesByTerm(definition);
    expect(definition.termYears).toEqual([30, 10, 20]);
  });
});

describe('late fee', () => {
  it('says none for no rule or none, and the rule in words otherwise', () => {
    expect(describeLateFee(undefined, 'USD')).toBe('None');
    expect(describeLateFee({ kind: 'none' }, 'USD')).toBe('None');
    expect(describeLateFee({ kind: 'flat', amount: 15_00, afterDays: 10 }, 'USD')).toBe('15 USD on an installment unpaid more than 10 days after its due date');
    expect(describeLateFee({ kind: 'percentage', rate: '0.05', cap: 25_50, afterDays: 1 }, 'USD')).toBe(
      '5% of the unpaid installment, at most 25.50 USD, unpaid more than 1 day after its due date',
    );
    expect(describeLateFee({ kind: 'flat', amount: 5_00, afterDays: 0 }, 'EUR')).toBe('5 EUR on an installment once it is late');
  });
});
