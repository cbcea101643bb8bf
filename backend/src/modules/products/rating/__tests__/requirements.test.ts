import { REFERENCE_PRODUCTS } from '../../../../../../seeds/reference/001_products';
import { rateQuote, type QuoteRequest } from '../rate-quote';
import { quoteRequirements } from '../requirements';
import { validateDefinition } from '../validate-definition';
import type { ProductDefinition } from '../product-definition';
import { termLife } from './fixtures';

const product = (code: string) => REFERENCE_PRODUCTS.find((p) => p.code === code)!.definition;
const person = { entryAge: 35, gender: 'male', smoker: false, region: 'TX', occupationClass: 1, riskLevel: 'low', kycVerified: true };
const life = (overrides: Partial<QuoteRequest> = {}, applicant: Partial<QuoteRequest['applicant']> = {}): QuoteRequest => ({
  applicant: { ...person, ...applicant },
  coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }],
  termYears: 20,
  paymentFrequency: 'annual',
  ...overrides,
});

describe('requirements from the version rules', () => {
  it('a young applicant for a modest sum needs no exams, no referral, only the standard documents', () => {
    expect(quoteRequirements(termLife, life())).toEqual({
      medicalExams: [],
      referrals: [],
      documents: [
        { code: 'PROOF_OF_IDENTITY', name: expect.any(String) },
        { code: 'SIGNED_APPLICATION', name: expect.any(String) },
      ],
    });
  });

  it('age and amount add exams, each exam listed once under the first rule that asks for it', () => {
    const r = quoteRequirements(termLife, life({ coverages: [{ code: 'DEATH', sumInsured: 1_000_000_00 }] }, { entryAge: 55 }));
    expect(r.medicalExams).toEqual([
      { exam: 'paramedical', rule: 'AGE_50', description: 'Applicants aged 50 or over' },
      { exam: 'blood_panel', rule: 'AGE_50', description: 'Applicants aged 50 or over' },
      { exam: 'urinalysis', rule: 'AGE_50', description: 'Applicants aged 50 or over' },
      { exam: 'full_medical', rule: 'SUM_1M', description: 'Sum insured of 1,000,000 or more' },
      { exam: 'ecg', rule: 'SUM_1M', description: 'Sum insured of 1,000,000 or more' },
    ]);
    expect(r.referrals.map((x) => x.code)).toEqual(['LARGE_SUM_INSURED']);
    expect(r.documents.map((d) => d.code)).toContain('PROOF_OF_INCOME');
  });

  it('boundaries: 49 needs no exam and 50 does; 499,990 needs none and 500,000 does', () => {
    expect(quoteRequirements(termLife, life({}, { entryAge: 49 })).medicalExams).toEqual([]);
    expect(quoteRequirements(termLife, life({}, { entryAge: 50 })).medicalExams.map((e) => e.rule)).toContain('AGE_50');
    expect(quoteRequirements(termLife, life({ coverages: [{ code: 'DEATH', sumInsured: 490_000_00 }] })).medicalExams).toEqual([]);
    expect(quoteRequirements(termLife, life({ coverages: [{ code: 'DEATH', sumInsured: 500_000_00 }] })).medicalExams.map((e) => e.exam)).toEqual(['paramedical', 'blood_panel']);
  });

  it('a rule with several conditions applies only when all hold', () => {
    expect(quoteRequirements(termLife, life({}, { smoker: true, entryAge: 49 })).referrals).toEqual([]);
    expect(quoteRequirements(termLife, life({}, { smoker: true, entryAge: 50 })).referrals.map((r) => r.code)).toEqual(['OLDER_SMOKER']);
    expect(quoteRequirements(termLife, life({}, { riskLevel: 'high', occupationClass: 4 })).referrals.map((r) => r.code)).toEqual(['HAZARDOUS_OCCUPATION', 'HIGH_RISK_CUSTOMER']);
  });

  it('looks at the risk details: an old vehicle needs photos, a frame house in a hurricane state is referred', () => {
    const auto = product('AUTO_PRIVATE');
    const car = (vehicleAge: number): QuoteRequest => ({
      applicant: person,
      risk: { vehicleAge, vehicleUse: 'private' },
      coverages: [{ code: 'LIABILITY', sumInsured: 300_000_00 }],
      termYears: 1,
      paymentFrequency: 'annual',
    });
    expect(quoteRequirements(auto, car(9)).documents.map((d) => d.code)).not.toContain('VEHICLE_PHOTOS');
    expect(quoteRequirements(auto, car(10)).documents.map((d) => d.code)).toContain('VEHICLE_PHOTOS');
    const home = product('HOME_OWNERS');
    const house = (region: string, constructionType: 'frame' | 'masonry'): QuoteRequest => ({
      applicant: { ...person, region },
      risk: { constructionType },
      coverages: [{ code: 'DWELLING', sumInsured: 400_000_00, deductible: 1_000_00 }],
      termYears: 1,
      paymentFrequency: 'annual',
    });
    expect(quoteRequirements(home, house('FL', 'frame')).referrals.map((r) => r.code)).toEqual(['FRAME_IN_CAT_ZONE']);
    expect(quoteRequirements(home, house('FL', 'masonry')).referrals).toEqual([]);
    expect(quoteRequirements(home, house('OH', 'frame')).referrals).toEqual([]);
  });
});

describe('category-specific factors', () => {
  const factorRows = (def: ProductDefinition, req: QuoteRequest) =>
    rateQuote(def, req)
      .price!.worksheet.filter((s) => s.kind === 'factor')
      .map((s) => `${s.coverage}:${s.table}=${s.row}`);

  it('auto: vehicle age and use, driver age, territory, deductible credit', () => {
    const req: QuoteRequest = {
      applicant: { ...person, entryAge: 22, region: 'MI' },
      risk: { vehicleAge: 1, vehicleUse: 'commute' },
      coverages: [
        { code: 'LIABILITY', sumInsured: 300_000_00 },
        { code: 'COLLISION', sumInsured: 30_000_00, deductible: 500_00 },
      ],
      termYears: 1,
      paymentFrequency: 'annual',
    };
    expect(factorRows(product('AUTO_PRIVATE'), req)).toEqual([
      'LIABILITY:DRIVER_AGE=21–24',
      'LIABILITY:LIMIT=30000000–49999999',
      'LIABILITY:USE=commute',
      'LIABILITY:TERRITORY=MI',
      'COLLISION:DRIVER_AGE=21–24',
      'COLLISION:VEHICLE_AGE=0–2',
      'COLLISION:USE=commute',
      'COLLISION:DEDUCTIBLE=50000–99999',
      'COLLISION:TERRITORY=MI',
    ]);
  });

  it('home: construction type and sum-insured band; travel: destination zone and trip length', () => {
    const home: QuoteRequest = {
      applicant: { ...person, region: 'OH' },
      risk: { constructionType: 'fire_resistive' },
      coverages: [{ code: 'DWELLING', sumInsured: 600_000_00, deductible: 2_500_00 }],
      termYears: 1,
      paymentFrequency: 'annual',
    };
    expect(factorRows(product('HOME_OWNERS'), home)).toEqual([
      'DWELLING:CONSTRUCTION=fire_resistive',
      'DWELLING:SUM_BAND=50000000–99999999',
      'DWELLING:DEDUCTIBLE=250000–499999',
      'DWELLING:CAT_ZONE=OH',
    ]);
    const trip: QuoteRequest = {
      applicant: { ...person, entryAge: 66 },
      risk: { destinationZone: 'worldwide', tripDays: 10 },
      coverages: [{ code: 'MEDICAL', sumInsured: 500_000_00 }],
      // A trip product: the trip gives the length and destination; no term in years, one single premium.
      termYears: 0,
      paymentFrequency: 'single',
    };
    expect(factorRows(product('TRAVEL_SINGLE'), trip)).toEqual([
      'MEDICAL:AGE=60–69',
      'MEDICAL:ZONE=worldwide',
      'MEDICAL:TRIP_LENGTH=8–14',
      'MEDICAL:MEDICAL_LIMIT=50000000–99999999',
    ]);
    // 21.00 × 1.90 × 1.90 × 1.60 × 1.20 = 145.5552 → 14555.52 cents → 14556 (minimum premium 15.00 not reached)
    expect(rateQuote(product('TRAVEL_SINGLE'), trip).price!.annualPremium).toBe(145_56);
  });
});

describe('the reference catalog prices ordinary people plausibly', () => {
  const cases: [string, QuoteRequest, number, number][] = [
    ['TERM_LIFE', life(), 200_00, 500_00],
    ['WHOLE_LIFE', life({ coverages: [{ code: 'DEATH', sumInsured: 100_000_00 }] }), 800_00, 2_000_00],
    [
      'HEALTH_INDIVIDUAL',
      {
        applicant: person,
        coverages: [
          { code: 'INPATIENT', sumInsured: 500_000_00, deductible: 1_000_00 },
          { code: 'OUTPATIENT', sumInsured: 5_000_00 },
        ],
        termYears: 1,
        paymentFrequency: 'monthly',
      },
      2_000_00,
      5_000_00,
    ],
    [
      'AUTO_PRIVATE',
      {
        applicant: person,
        risk: { vehicleAge: 5, vehicleUse: 'private' },
        coverages: [
          { code: 'LIABILITY', sumInsured: 300_000_00 },
          { code: 'COLLISION', sumInsured: 25_000_00, deductible: 500_00 },
        ],
        termYears: 1,
        paymentFrequency: 'annual',
      },
      800_00,
      3_000_00,
    ],
    [
      'HOME_OWNERS',
      {
        applicant: person,
        risk: { constructionType: 'masonry' },
        coverages: [
          { code: 'DWELLING', sumInsured: 400_000_00, deductible: 1_000_00 },
          { code: 'CONTENTS', sumInsured: 80_000_00, deductible: 1_000_00 },
        ],
        termYears: 1,
        paymentFrequency: 'annual',
      },
      800_00,
      3_000_00,
    ],
    [
      'TRAVEL_SINGLE',
      {
        applicant: person,
        risk: { destinationZone: 'europe', tripDays: 14 },
        coverages: [
          { code: 'MEDICAL', sumInsured: 100_000_00 },
          { code: 'CANCELLATION', sumInsured: 3_000_00 },
        ],
        termYears: 0,
        paymentFrequency: 'single',
      },
      50_00,
      300_00,
    ],
  ];
  it.each(cases)('%s', (code, req, low, high) => {
    const rated = rateQuote(product(code), req);
    expect(rated.eligibility).toEqual({ eligible: true, reasons: [] });
    expect(rated.price!.annualPremium).toBeGreaterThanOrEqual(low);
    expect(rated.price!.annualPremium).toBeLessThanOrEqual(high);
  });

  it('whole life carries a cash-value table for every policy year, never decreasing', () => {
    const rows = product('WHOLE_LIFE').cashValues!.rows;
    expect(rows.map((r) => r.policyYear)).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(Number(rows[i]!.perThousand)).toBeGreaterThanOrEqual(Number(rows[i - 1]!.perThousand));
  });
});

describe('publishing validation of rules', () => {
  it('refuses conditions that cannot be evaluated, duplicate codes and gaps in cash values', () => {
    const broken: ProductDefinition = {
      ...termLife,
      medicalExamRules: [
        { code: 'A', description: 'x', when: [{ field: 'sumInsured', op: 'gte', value: 1 }], exams: ['ecg'] },
        { code: 'A', description: 'x', when: [{ field: 'region', op: 'gte', value: 'NY' }], exams: ['ecg'] },
      ],
      referralRules: [{ code: 'R1', message: 'x', when: [{ field: 'entryAge', coverage: 'DEATH', op: 'in', value: [] }] }],
      requiredDocuments: [{ code: 'D1', name: 'x', when: [{ field: 'sumInsured', coverage: 'PET', op: 'eq', value: [1] }] }],
      cashValues: {
        coverage: 'PET',
        rows: [
          { policyYear: 1, perThousand: '0' },
          { policyYear: 3, perThousand: '-1' },
        ],
      },
    };
    expect(validateDefinition(broken)).toEqual(
      expect.arrayContaining([
        { path: 'medicalExamRules.0.when.0.coverage', message: expect.any(String) },
        { path: 'medicalExamRules.1.code', message: 'A appears twice' },
        { path: 'medicalExamRules.1.when.0.value', message: expect.any(String) },
        { path: 'referralRules.0.when.0.coverage', message: 'Only a sum-insured condition names a coverage' },
        { path: 'referralRules.0.when.0.value', message: 'List the values to match' },
        { path: 'requiredDocuments.0.when.0.coverage', message: expect.any(String) },
        { path: 'requiredDocuments.0.when.0.value', message: 'Compare with a single value' },
        { path: 'cashValues.coverage', message: 'No coverage PET in this version' },
        { path: 'cashValues.rows.1.policyYear', message: expect.stringContaining('Expected policy year 2') },
        { path: 'cashValues.rows.1.perThousand', message: expect.any(String) },
      ]),
    );
  });

  it('a category table over a risk input must price every value it can take', () => {
    const auto = product('AUTO_PRIVATE');
    const i = auto.factorTables.findIndex((t) => t.code === 'USE');
    const def = { ...auto, factorTables: auto.factorTables.map((t, k) => (k === i ? { ...t, rows: t.rows.slice(0, 2) } : t)) as ProductDefinition['factorTables'] };
    expect(validateDefinition(def)).toEqual([{ path: `factorTables.${i}.rows`, message: 'No row for business' }]);
  });
});
