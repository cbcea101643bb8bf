import { describe, expect, it } from 'vitest';
import { compareFieldPaths, describeFieldPath, EDITOR_SECTIONS, formPathOf, placeServerErrors, sectionOf } from '../draft-errors';

// The editor's form values, typed from the function under test so a move of the draft form's types keeps this test working.
type DraftValues = Parameters<typeof formPathOf>[1];
type Condition = DraftValues['referralRules'][number]['when'][number];

const condition = (op: Condition['op']): Condition => ({ id: `c-${op}`, field: 'region', coverage: '', op, value: '', values: [] });
const range = { kind: 'range' as const, min: 50_000, max: 2_000_000, step: 10_000, options: [] };

function draft(): DraftValues {
  return {
    coverages: [
      { id: 'c1', code: 'DEATH', name: 'Death benefit', required: true, rateBasis: 'per_1000', rate: '1.10', sumInsured: range, deductibleOptions: [] },
      { id: 'c2', code: ' ', name: 'Waiver', required: false, rateBasis: 'flat', rate: '24', sumInsured: { ...range, kind: 'options', options: ['0'] }, deductibleOptions: [] },
    ],
    termYears: ['10', '20'],
    frequencyLoadings: {
      annual: { offered: true, loading: '0' },
      semi_annual: { offered: false, loading: '0' },
      quarterly: { offered: false, loading: '0' },
      single: { offered: false, loading: '0' },
      monthly: { offered: true, loading: '0.05' },
    },
    trip: null,
    policyFee: 35,
    minimumPremium: 250,
    premiumTaxByRegion: [
      { id: 't1', region: 'CA', rate: '0.0235' },
      { id: 't2', region: ' ny ', rate: '0.0175' },
      { id: 't3', region: '', rate: '0.01' },
    ],
    lateFee: { kind: 'percentage', amount: '', rate: '5', cap: 25, afterDays: 10 },
    eligibility: {
      entryAgeMin: 18,
      entryAgeMax: 65,
      maxAgeAtExpiry: '',
      regionsRestricted: false,
      allowedRegions: [],
      smokersAllowed: true,
      occupationClasses: ['1'],
      kycVerifiedRequired: false,
    },
    factorTables: [
      { id: 'f1', code: 'AGE', label: 'Age', input: 'entryAge', kind: 'band', coverages: [], rows: [] },
      { id: 'f2', code: 'USE', label: 'Use', input: 'vehicleUse', kind: 'category', coverages: [], rows: [] },
    ],
    requiredDocuments: [{ id: 'd1', code: 'ID', name: 'Identity', when: [condition('eq')] }],
    medicalExamRules: [],
    referralRules: [{ id: 'r1', code: 'SOUTH', message: 'South', when: [condition('eq'), condition('in')] }],
    declarationQuestions: [],
    cashValues: { enabled: false, coverage: '', rows: [] },
    fastTrack: { enabled: false, lossTypes: [], maxAmount: '', samplePercent: 10 },
    kept: {},
  };
}

describe('formPathOf', () => {
  const at = (path: string) => formPathOf(path, draft());

  it('keeps a path that is the form field itself', () => {
    expect(at('coverages.0.rate')).toBe('coverages.0.rate');
    expect(at('eligibility.entryAgeMin')).toBe('eligibility.entryAgeMin');
    expect(at('factorTables.0.rows.1.from')).toBe('factorTables.0.rows.1.from');
  });

  it('puts a frequency’s error on its loading input, and an unknown frequency on the section', () => {
    expect(at('frequencyLoadings.monthly')).toBe('frequencyLoadings.monthly.loading');
    expect(at('frequencyLoadings.weekly')).toBe('frequencyLoadings');
    expect(at('frequencyLoadings')).toBe('frequencyLoadings');
  });

  it('finds a premium tax region’s row by the region as typed (trimmed, any case)', () => {
    expect(at('premiumTaxByRegion.NY')).toBe('premiumTaxByRegion.1.rate');
    expect(at('premiumTaxByRegion.TX')).toBe('premiumTaxByRegion');
  });

  it('puts an item of a list-valued input on the input that holds the whole list', () => {
    expect(at('termYears.1')).toBe('termYears');
    expect(at('eligibility.occupationClasses.0')).toBe('eligibility.occupationClasses');
    expect(at('eligibility.allowedRegions.12')).toBe('eligibility.allowedRegions');
    expect(at('coverages.1.sumInsured.options.0')).toBe('coverages.1.sumInsured.options');
    expect(at('coverages.0.deductibleOptions.2')).toBe('coverages.0.deductibleOptions');
    expect(at('factorTables.1.coverages.0')).toBe('factorTables.1.coverages');
    expect(at('medicalExamRules.0.exams.3')).toBe('medicalExamRules.0.exams');
  });

  it('shows a whole band row’s error at its From cell, and a category row’s at its Value', () => {
    expect(at('factorTables.0.rows.2')).toBe('factorTables.0.rows.2.from');
    expect(at('factorTables.1.rows.0')).toBe('factorTables.1.rows.0.key');
    expect(at('factorTables.9.rows.0')).toBe('factorTables.9.rows.0.from');
  });

  it('shows a cash value year’s error at its amount: the policy years are the row numbers', () => {
    expect(at('cashValues.rows.4')).toBe('cashValues.rows.4.perThousand');
    expect(at('cashValues.rows.4.policyYear')).toBe('cashValues.rows.4.perThousand');
    expect(at('cashValues.rows.4.perThousand')).toBe('cashValues.rows.4.perThousand');
  });

  it('shows a sum insured error on the input the coverage shows: the minimum or the options', () => {
    expect(at('coverages.0.sumInsured')).toBe('coverages.0.sumInsured.min');
    expect(at('coverages.1.sumInsured')).toBe('coverages.1.sumInsured.options');
  });

  it('shows a condition value’s error on the single value, or on the tags of "is one of"', () => {
    expect(at('referralRules.0.when.0.value')).toBe('referralRules.0.when.0.value');
    expect(at('referralRules.0.when.1.value')).toBe('referralRules.0.when.1.values');
    expect(at('referralRules.0.when.1.value.2')).toBe('referralRules.0.when.1.values');
    expect(at('requiredDocuments.0.when.0.value')).toBe('requiredDocuments.0.when.0.value');
    expect(at('medicalExamRules.3.when.0.value')).toBe('medicalExamRules.3.when.0.value');
  });
});

describe('placeServerErrors', () => {
  it('places errors about the definition on the editor’s fields and returns the others', () => {
    const placed = placeServerErrors(
      [
        { path: 'definition.termYears.0', message: 'Too long' },
        { path: 'effectiveFrom', message: 'Use the format YYYY-MM-DD' },
        { path: 'definitionX', message: 'not the definition' },
      ],
      draft(),
    );
    expect(placed).toEqual({
      byField: { termYears: 'Too long' },
      other: [
        { path: 'effectiveFrom', message: 'Use the format YYYY-MM-DD' },
        { path: 'definitionX', message: 'not the definition' },
      ],
    });
  });

  it('joins two different messages for one field, and does not repeat the same one', () => {
    const placed = placeServerErrors(
      [
        { path: 'definition.termYears.0', message: 'Too long' },
        { path: 'definition.termYears.1', message: 'Too long' },
        { path: 'definition.termYears', message: 'Offer at least one term' },
      ],
      draft(),
    );
    expect(placed.byField).toEqual({ termYears: 'Too long; Offer at least one term' });
  });
});

describe('naming a place in the editor', () => {
  const say = (path: string) => describeFieldPath(path, draft());

  it('names the item by its code, or by its number when the code is blank', () => {
    expect(say('factorTables.0.rows.2.from')).toBe('Factor table AGE · row 3 · From');
    expect(say('coverages.1.rate')).toBe('Coverage 2 · Rate');
    expect(say('referralRules.0.when.1.values')).toBe('Referral rule SOUTH · condition 2 · Values');
    expect(say('declarationQuestions.4.text')).toBe('Question 5 · Question');
  });

  it('names the parts of a sum insured, cash value years and eligibility fields', () => {
    expect(say('coverages.0.sumInsured.min')).toBe('Coverage DEATH · Sum insured minimum');
    expect(say('cashValues.rows.0.perThousand')).toBe('Cash values · year 1 · Per 1,000');
    expect(say('eligibility.entryAgeMin')).toBe('Eligibility · Minimum entry age');
  });

  it('names a frequency’s loading and a premium tax by its region', () => {
    expect(say('frequencyLoadings.semi_annual.loading')).toBe('Payment every 6 months · Loading');
    expect(say('frequencyLoadings')).toBe('Payment frequencies');
    expect(say('premiumTaxByRegion.1.rate')).toBe('Premium tax ny · Rate');
    expect(say('premiumTaxByRegion.2.region')).toBe('Premium tax row 3 · Region');
  });

  it('names the late fee’s fields, in the charges section, and keeps their paths', () => {
    expect(say('lateFee.rate')).toBe('Late fee · Rate');
    expect(say('lateFee.cap')).toBe('Late fee · At most');
    expect(say('lateFee.afterDays')).toBe('Late fee · Days late');
    expect(sectionOf('lateFee.amount')).toBe('charges');
    expect(formPathOf('lateFee.cap', draft())).toBe('lateFee.cap');
  });

  it('shows an unknown segment as it is', () => {
    expect(say('policyFee')).toBe('Policy fee');
    expect(say('mystery.thing')).toBe('mystery · thing');
  });

  it('finds the section of a path, and none outside the definition', () => {
    expect(sectionOf('coverages.0.code')).toBe('coverages');
    expect(sectionOf('frequencyLoadings.monthly.loading')).toBe('terms');
    expect(sectionOf('premiumTaxByRegion.0.rate')).toBe('charges');
    expect(sectionOf('cashValues.rows.0.perThousand')).toBe('cash-values');
    expect(sectionOf('effectiveFrom')).toBeUndefined();
  });
});

describe('compareFieldPaths', () => {
  it('orders paths as their fields appear on screen: by section, then by item and row number', () => {
    const paths = [
      'effectiveFrom',
      'cashValues.rows.0.perThousand',
      'factorTables.0.rows.10.from',
      'factorTables.0.rows.2.from',
      'policyFee',
      'coverages.10.code',
      'coverages.2.code',
      'termYears',
    ];
    expect([...paths].sort(compareFieldPaths)).toEqual([
      'coverages.2.code',
      'coverages.10.code',
      'termYears',
      'policyFee',
      'factorTables.0.rows.2.from',
      'factorTables.0.rows.10.from',
      'cashValues.rows.0.perThousand',
      'effectiveFrom',
    ]);
  });

  it('puts a whole item before its fields, and treats two fields of one item as level', () => {
    expect(compareFieldPaths('coverages.0', 'coverages.0.code')).toBeLessThan(0);
    expect(compareFieldPaths('coverages.0.code', 'coverages.0.name')).toBe(0);
  });

  it('follows the order of EDITOR_SECTIONS', () => {
    const tops = EDITOR_SECTIONS.flatMap((s) => [...s.fields]);
    const shuffled = [...tops].reverse();
    expect(shuffled.sort(compareFieldPaths)).toEqual(tops);
  });
});
