import type { CoverageDefinition, ProductDefinition } from '@contracts/products';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDraft, draftForProduct, EMPTY_DRAFT, offeredFrequencies, placeServerErrors, sumInsuredHint, sumInsuredOptions, sumInsuredProblem, termLabel } from '../quote-draft';
import type { QuoteDraft } from '../quote-draft';

const CUSTOMER = '3f1c2a9e-5b7d-4c1e-9a2b-1d2e3f4a5b6c';
const TERM_LIFE_ID = '0b6f9d0e-1c2a-4e5b-8f7a-9c0d1e2f3a4b';
const WHOLE_LIFE_ID = '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';
const AUTO_ID = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';

const base: Omit<ProductDefinition, 'coverages' | 'termYears' | 'frequencyLoadings' | 'factorTables'> = {
  currency: 'USD',
  policyFee: 35_00,
  premiumTaxByRegion: {},
  minimumPremium: 250_00,
  eligibility: { entryAgeMin: 18, entryAgeMax: 65, smokersAllowed: true, occupationClasses: [1, 2, 3, 4], kycVerifiedRequired: false },
  requiredDocuments: [],
  medicalExamRules: [],
  referralRules: [],
  declarationQuestions: [],
};

const DEATH: CoverageDefinition = {
  code: 'DEATH',
  name: 'Death benefit',
  required: true,
  rateBasis: 'per_1000',
  rate: '1.10',
  sumInsured: { min: 50_000_00, max: 2_000_000_00, step: 10_000_00 },
};
const WAIVER: CoverageDefinition = { code: 'WAIVER', name: 'Waiver of premium', required: false, rateBasis: 'flat', rate: '24.00', sumInsured: { options: [0] } };

const termLife: ProductDefinition = {
  ...base,
  coverages: [DEATH, WAIVER],
  termYears: [10, 20, 30],
  frequencyLoadings: { monthly: '0.05', annual: '0', quarterly: '0.03' },
  factorTables: [{ code: 'TERM', label: 'Term', input: 'termYears', kind: 'band', rows: [{ from: 10, to: 30, factor: '1.00' }] }],
};

const wholeLife: ProductDefinition = {
  ...base,
  coverages: [{ ...DEATH, sumInsured: { min: 25_000_00, max: 1_000_000_00, step: 5_000_00 } }],
  termYears: [10, 20],
  frequencyLoadings: { annual: '0', semi_annual: '0.02' },
  factorTables: [{ code: 'PAYING', label: 'Premium-paying period', input: 'termYears', kind: 'band', rows: [{ from: 10, to: 20, factor: '1.00' }] }],
};

const LIABILITY: CoverageDefinition = {
  code: 'LIABILITY',
  name: 'Third-party liability',
  required: true,
  rateBasis: 'flat',
  rate: '610.00',
  sumInsured: { options: [100_000_00, 300_000_00, 500_000_00] },
};
const COLLISION: CoverageDefinition = {
  code: 'COLLISION',
  name: 'Collision (own vehicle)',
  required: false,
  rateBasis: 'per_1000',
  rate: '31.00',
  sumInsured: { min: 5_000_00, max: 150_000_00, step: 500_00 },
  deductibleOptions: [250_00, 500_00, 1_000_00],
};
const auto: ProductDefinition = {
  ...base,
  coverages: [LIABILITY, COLLISION],
  termYears: [1],
  frequencyLoadings: { annual: '0', semi_annual: '0.03' },
  factorTables: [
    { code: 'VEHICLE_AGE', label: 'Vehicle age', input: 'vehicleAge', kind: 'band', rows: [{ from: 0, to: 40, factor: '1.00' }] },
    { code: 'USE', label: 'Vehicle use', input: 'vehicleUse', kind: 'category', rows: [{ key: 'private', factor: '1.00' }] },
  ],
};

const version = (definition: ProductDefinition, id = 'v1') => ({ id, definition });

describe('product options', () => {
  it('offers the frequencies the version loads, annual first whatever order they are stored in', () => {
    expect(offeredFrequencies(termLife)).toEqual(['annual', 'quarterly', 'monthly']);
    expect(offeredFrequencies({ ...termLife, frequencyLoadings: {} })).toEqual([]);
  });

  it('calls the term what the product rates it as: whole life pays premiums for a "Premium-paying period"', () => {
    expect(termLabel(termLife)).toBe('Term');
    expect(termLabel(wholeLife)).toBe('Premium-paying period');
    expect(termLabel(auto)).toBe('Term');
  });

  it('lists the amounts of a fixed-list coverage, and none for a range', () => {
    expect(sumInsuredOptions(LIABILITY)).toEqual([100_000_00, 300_000_00, 500_000_00]);
    expect(sumInsuredOptions(DEATH)).toEqual([]);
  });

  it('describes a range in major units with its step, and nothing for a list', () => {
    expect(sumInsuredHint(DEATH)).toBe('50,000 – 2,000,000, steps of 10,000');
    expect(sumInsuredHint(LIABILITY)).toBeUndefined();
  });
});

describe('sumInsuredProblem', () => {
  it('accepts the minimum, the maximum and every step between', () => {
    expect(sumInsuredProblem(DEATH, 50_000_00, 'USD')).toBeUndefined();
    expect(sumInsuredProblem(DEATH, 2_000_000_00, 'USD')).toBeUndefined();
    expect(sumInsuredProblem(DEATH, 250_000_00, 'USD')).toBeUndefined();
  });

  it('names the bound an amount is outside of, one cent out included', () => {
    expect(sumInsuredProblem(DEATH, 49_999_99, 'USD')).toBe('At least 50,000 USD');
    expect(sumInsuredProblem(DEATH, 2_000_000_01, 'USD')).toBe('At most 2,000,000 USD');
    expect(sumInsuredProblem(DEATH, 0, 'USD')).toBe('At least 50,000 USD');
  });

  it('suggests the nearest step for an amount between steps (half a step rounds up)', () => {
    expect(sumInsuredProblem(DEATH, 54_000_00, 'USD')).toBe('In steps of 10,000 USD (e.g. 50,000)');
    expect(sumInsuredProblem(DEATH, 55_000_00, 'USD')).toBe('In steps of 10,000 USD (e.g. 60,000)');
    expect(sumInsuredProblem(DEATH, 50_000_01, 'USD')).toBe('In steps of 10,000 USD (e.g. 50,000)');
  });

  it('accepts only an offered amount of a fixed list', () => {
    expect(sumInsuredProblem(LIABILITY, 300_000_00, 'USD')).toBeUndefined();
    expect(sumInsuredProblem(LIABILITY, 200_000_00, 'USD')).toBe('Choose one of the amounts offered');
  });

  it('suggests a step inside the range for any amount inside it', () => {
    const { min, max, step } = { min: 5_000_00, max: 150_000_00, step: 500_00 };
    fc.assert(
      fc.property(fc.integer({ min, max }), (amount) => {
        const problem = sumInsuredProblem(COLLISION, amount, 'USD');
        if ((amount - min) % step === 0) {
          expect(problem).toBeUndefined();
          return;
        }
        const suggested = Number(/e\.g\. ([\d,]+)\)/.exec(problem ?? '')?.[1]?.replace(/,/g, '')) * 100;
        expect(suggested).toBeGreaterThanOrEqual(min);
        expect(suggested).toBeLessThanOrEqual(max);
        expect(Math.abs(suggested - amount)).toBeLessThanOrEqual(step / 2);
      }),
    );
  });
});

describe('draftForProduct', () => {
  it('lays out a new product with its required coverages included at the lowest amounts and the first term', () => {
    const draft = draftForProduct(TERM_LIFE_ID, version(termLife));
    expect(draft).toEqual({
      productId: TERM_LIFE_ID,
      versionId: 'v1',
      coverages: {
        DEATH: { name: 'Death benefit', included: true, sumInsured: 50_000, deductible: null },
        WAIVER: { name: 'Waiver of premium', included: false, sumInsured: 0, deductible: null },
      },
      termYears: '10',
      paymentFrequency: 'monthly',
      risk: EMPTY_DRAFT.risk,
      trip: EMPTY_DRAFT.trip,
    });
  });

  it('takes the first offered amount of a list and the first deductible, as the select holds them', () => {
    const draft = draftForProduct(AUTO_ID, version(auto));
    expect(draft.coverages.LIABILITY).toEqual({ name: 'Third-party liability', included: true, sumInsured: 100_000, deductible: null });
    expect(draft.coverages.COLLISION).toEqual({ name: 'Collision (own vehicle)', included: false, sumInsured: 5_000, deductible: '25000' });
  });

  it('pays monthly by default when offered, else at the first frequency, and has none when none is offered', () => {
    expect(draftForProduct(AUTO_ID, version(auto)).paymentFrequency).toBe('annual');
    expect(draftForProduct(AUTO_ID, version({ ...auto, frequencyLoadings: {} })).paymentFrequency).toBeNull();
    expect(draftForProduct(AUTO_ID, version({ ...auto, termYears: [] })).termYears).toBeNull();
  });

  it('keeps a same-named coverage, the term and the frequency when switching to a product that offers them', () => {
    const chosen: QuoteDraft = {
      ...draftForProduct(TERM_LIFE_ID, version(termLife)),
      coverages: { DEATH: { name: 'Death benefit', included: true, sumInsured: 500_000, deductible: null } },
      termYears: '20',
      paymentFrequency: 'annual',
    };
    const switched = draftForProduct(WHOLE_LIFE_ID, version(wholeLife, 'v2'), chosen);
    expect(switched.coverages.DEATH?.sumInsured).toBe(500_000);
    expect(switched.termYears).toBe('20');
    expect(switched.paymentFrequency).toBe('annual');
    expect(switched.versionId).toBe('v2');
  });

  it('falls back to the lowest amount, first term and default frequency where the new product does not allow the old choice', () => {
    const chosen: QuoteDraft = {
      ...draftForProduct(TERM_LIFE_ID, version(termLife)),
      coverages: { DEATH: { name: 'Death benefit', included: true, sumInsured: 2_000_000, deductible: null } },
      termYears: '30',
      paymentFrequency: 'quarterly',
    };
    const switched = draftForProduct(WHOLE_LIFE_ID, version(wholeLife), chosen);
    expect(switched.coverages.DEATH?.sumInsured).toBe(25_000); // above whole life's maximum
    expect(switched.termYears).toBe('10');
    expect(switched.paymentFrequency).toBe('annual');
  });

  it('does not carry a choice over to a namesake coverage of another name (auto and home "LIABILITY")', () => {
    const home = { ...auto, coverages: [{ ...LIABILITY, name: 'Personal liability' }] };
    const chosen: QuoteDraft = {
      ...draftForProduct(AUTO_ID, version(auto)),
      coverages: { LIABILITY: { name: 'Third-party liability', included: true, sumInsured: 500_000, deductible: null } },
    };
    expect(draftForProduct('home', version(home), chosen).coverages.LIABILITY?.sumInsured).toBe(100_000);
  });

  it('keeps an optional coverage the agent included, and its deductible when still offered', () => {
    const chosen = draftForProduct(AUTO_ID, version(auto));
    chosen.coverages.COLLISION = { name: 'Collision (own vehicle)', included: true, sumInsured: 20_000, deductible: '100000' };
    const next = draftForProduct(AUTO_ID, version(auto, 'v2'), chosen);
    expect(next.coverages.COLLISION).toEqual({ name: 'Collision (own vehicle)', included: true, sumInsured: 20_000, deductible: '100000' });
    const fewerDeductibles = draftForProduct(AUTO_ID, version({ ...auto, coverages: [LIABILITY, { ...COLLISION, deductibleOptions: [500_00] }] }), chosen);
    expect(fewerDeductibles.coverages.COLLISION?.deductible).toBe('50000');
  });

  it('always includes a required coverage, even one the agent had left out on the previous product', () => {
    const chosen: QuoteDraft = { ...EMPTY_DRAFT, coverages: { DEATH: { name: 'Death benefit', included: false, sumInsured: 100_000, deductible: null } } };
    expect(draftForProduct(TERM_LIFE_ID, version(termLife), chosen).coverages.DEATH?.included).toBe(true);
  });

  it('keeps the risk details typed so far', () => {
    const risk = { ...EMPTY_DRAFT.risk, vehicleAge: 3, vehicleUse: 'private' };
    expect(draftForProduct(AUTO_ID, version(auto), { ...EMPTY_DRAFT, risk }).risk).toEqual(risk);
  });

  it('lays out the same product again unchanged (choosing it twice changes nothing)', () => {
    for (const [id, def] of [
      [TERM_LIFE_ID, termLife],
      [WHOLE_LIFE_ID, wholeLife],
      [AUTO_ID, auto],
    ] as const) {
      const once = draftForProduct(id, version(def));
      expect(draftForProduct(id, version(def), once)).toEqual(once);
    }
  });
});

describe('checkDraft', () => {
  const complete = (def: ProductDefinition, id: string, change: (d: QuoteDraft) => void = () => {}) => {
    const draft = structuredClone(draftForProduct(id, version(def)));
    change(draft);
    return checkDraft(CUSTOMER, draft, def);
  };

  it('builds the POST /quotes body in minor units from a complete draft', () => {
    const check = complete(termLife, TERM_LIFE_ID, (d) => {
      d.coverages.DEATH!.sumInsured = 250_000;
    });
    expect(check).toEqual({
      body: { customerId: CUSTOMER, productId: TERM_LIFE_ID, coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }], termYears: 10, paymentFrequency: 'monthly' },
      errors: {},
      missing: [],
    });
  });

  it('sends included optional coverages with their deductible as a number, and leaves out those not included', () => {
    const check = complete(auto, AUTO_ID, (d) => {
      d.coverages.COLLISION!.included = true;
      d.risk.vehicleAge = 3;
      d.risk.vehicleUse = 'private';
    });
    expect(check.body?.coverages).toEqual([
      { code: 'LIABILITY', sumInsured: 100_000_00 },
      { code: 'COLLISION', sumInsured: 5_000_00, deductible: 250_00 },
    ]);
    expect(complete(auto, AUTO_ID, (d) => Object.assign(d.risk, { vehicleAge: 3, vehicleUse: 'private' })).body?.coverages.map((c) => c.code)).toEqual(['LIABILITY']);
  });

  it('sends a required coverage even when the draft marks it not included', () => {
    const check = complete(termLife, TERM_LIFE_ID, (d) => {
      d.coverages.DEATH!.included = false;
    });
    expect(check.body?.coverages.map((c) => c.code)).toEqual(['DEATH']);
  });

  it('sends only the risk details the product asks for, and no risk at all when it asks for none', () => {
    const check = complete(auto, AUTO_ID, (d) => Object.assign(d.risk, { vehicleAge: 0, vehicleUse: 'business', destinationZone: 'europe', tripDays: 10 }));
    expect(check.body?.risk).toEqual({ vehicleAge: 0, vehicleUse: 'business' });
    const life = complete(termLife, TERM_LIFE_ID, (d) => Object.assign(d.risk, { vehicleAge: 3 }));
    expect(life.body).not.toHaveProperty('risk');
  });

  it('lists what is still to be filled in, in words, and builds no body', () => {
    const check = complete(auto, AUTO_ID, (d) => {
      d.coverages.LIABILITY!.sumInsured = '';
      d.coverages.COLLISION = { ...d.coverages.COLLISION!, included: true, deductible: null };
      d.termYears = null;
      d.paymentFrequency = null;
    });
    expect(check.body).toBeNull();
    expect(check.missing).toEqual(['Third-party liability: sum insured', 'Collision (own vehicle): deductible', 'Term', 'Payment frequency', 'Vehicle age', 'Vehicle use']);
    expect(check.errors).toEqual({});
  });

  it('puts a sum insured outside the product rules on that coverage’s field', () => {
    const check = complete(termLife, TERM_LIFE_ID, (d) => {
      d.coverages.DEATH!.sumInsured = 55_000;
    });
    expect(check.body).toBeNull();
    expect(check.errors).toEqual({ 'coverages.DEATH.sumInsured': 'In steps of 10,000 USD (e.g. 60,000)' });
  });

  it('rounds a typed sum insured to whole cents before checking it', () => {
    const check = complete(termLife, TERM_LIFE_ID, (d) => {
      d.coverages.DEATH!.sumInsured = 50_000.004;
    });
    expect(check.body?.coverages[0]?.sumInsured).toBe(50_000_00);
  });

  it('wants whole numbers within the API’s ranges for vehicle age and trip length', () => {
    const at = (vehicleAge: number) => complete(auto, AUTO_ID, (d) => Object.assign(d.risk, { vehicleAge, vehicleUse: 'private' })).errors;
    expect(at(2.5)).toEqual({ 'risk.vehicleAge': 'Use a whole number' });
    expect(at(-1)).toEqual({ 'risk.vehicleAge': 'Between 0 and 40' });
    expect(at(41)).toEqual({ 'risk.vehicleAge': 'Between 0 and 40' });
    expect(at(40)).toEqual({});
    expect(at(0)).toEqual({});
  });

  it('builds no body before a product is chosen', () => {
    expect(checkDraft(CUSTOMER, EMPTY_DRAFT, { ...termLife, coverages: [] }).body).toBeNull();
  });

  it('reports the API schema’s own objections on the form: no coverage chosen, customer id not a uuid', () => {
    const none = complete(auto, AUTO_ID, (d) => {
      d.coverages = {};
      Object.assign(d.risk, { vehicleAge: 3, vehicleUse: 'private' });
    });
    expect(none.body).toBeNull();
    expect(none.errors).toEqual({ coverages: 'Choose at least one coverage' });
    const draft = draftForProduct(TERM_LIFE_ID, version(termLife));
    expect(Object.keys(checkDraft('C-000123', draft, termLife).errors)).toEqual(['customerId']);
  });
});

describe('placeServerErrors', () => {
  const body = {
    customerId: CUSTOMER,
    productId: AUTO_ID,
    coverages: [
      { code: 'LIABILITY', sumInsured: 1 },
      { code: 'COLLISION', sumInsured: 2 },
    ],
    termYears: 1,
    paymentFrequency: 'annual' as const,
  };

  it('moves coverage errors from the index sent to the coverage code of the builder', () => {
    expect(placeServerErrors([{ path: 'coverages.1.deductible', message: 'Not offered' }], body)).toEqual({
      byPath: { 'coverages.COLLISION.deductible': 'Not offered' },
      unplaced: [],
    });
  });

  it('keeps risk, term and frequency paths as they are, and the first message for a path', () => {
    const placed = placeServerErrors(
      [
        { path: 'risk.vehicleAge', message: 'first' },
        { path: 'risk.vehicleAge', message: 'second' },
        { path: 'termYears', message: 'Not offered' },
        { path: 'paymentFrequency', message: 'Not offered' },
      ],
      body,
    );
    expect(placed.byPath).toEqual({ 'risk.vehicleAge': 'first', termYears: 'Not offered', paymentFrequency: 'Not offered' });
  });

  it('returns what it cannot place: an index beyond the body, no body, other fields', () => {
    const errors = [
      { path: 'coverages.5.sumInsured', message: 'a' },
      { path: 'customerId', message: 'b' },
      { path: 'coverages', message: 'c' },
      { path: 'risk', message: 'd' },
    ];
    expect(placeServerErrors(errors, body).unplaced).toEqual(errors);
    expect(placeServerErrors([{ path: 'coverages.0.sumInsured', message: 'x' }], null).unplaced).toHaveLength(1);
  });
});

describe('a trip product in the quote builder', () => {
  const TRIP_ID = 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a';
  const travel: ProductDefinition = {
    ...base,
    trip: { maxDays: 180 },
    coverages: [{ code: 'MEDICAL', name: 'Emergency medical', required: true, rateBasis: 'flat', rate: '21.00', sumInsured: { options: [100_000_00] } }],
    termYears: [],
    frequencyLoadings: { single: '0' },
    factorTables: [
      { code: 'ZONE', label: 'Destination zone', input: 'destinationZone', kind: 'category', rows: [{ key: 'europe', factor: '1.00' }] },
      { code: 'TRIP_LENGTH', label: 'Trip length (days)', input: 'tripDays', kind: 'band', rows: [{ from: 1, to: 180, factor: '1.00' }] },
    ],
  };
  const TODAY = '2027-01-05';
  const withTrip = (trip: Partial<QuoteDraft['trip']>) => {
    const draft = structuredClone(draftForProduct(TRIP_ID, { id: 'v-trip', definition: travel }));
    draft.trip = { ...draft.trip, ...trip };
    return checkDraft(CUSTOMER, draft, travel, TODAY);
  };

  it('asks for the trip instead of a term, the trip length and the destination, and pays a single premium', () => {
    expect(withTrip({}).missing).toEqual(['Departure date', 'Return date', 'Destination']);
    const checked = withTrip({ departureDate: '2027-01-12', returnDate: '2027-01-26', destinationZone: 'europe' });
    expect(checked.errors).toEqual({});
    expect(checked.body).toMatchObject({ trip: { departureDate: '2027-01-12', returnDate: '2027-01-26', destinationZone: 'europe' }, paymentFrequency: 'single' });
    expect(checked.body).not.toHaveProperty('termYears');
    expect(checked.body).not.toHaveProperty('risk');
  });

  it('says what is wrong with the dates before asking the API', () => {
    expect(withTrip({ departureDate: '2027-01-04', returnDate: '2027-01-06', destinationZone: 'europe' }).errors).toEqual({
      'trip.departureDate': 'The trip cannot start in the past',
    });
    expect(withTrip({ departureDate: '2027-01-12', returnDate: '2027-01-11', destinationZone: 'europe' }).errors).toEqual({
      'trip.returnDate': 'Return on or after the departure date',
    });
    expect(withTrip({ departureDate: '2027-01-12', returnDate: '2027-07-11', destinationZone: 'europe' }).errors['trip.returnDate']).toMatch(/at most 180 days \(this one 181\)/);
  });

  it('places the API’s trip errors next to the trip fields', () => {
    expect(placeServerErrors([{ path: 'trip.departureDate', message: 'The trip cannot start in the past' }], null).byPath).toEqual({
      'trip.departureDate': 'The trip cannot start in the past',
    });
  });
});
