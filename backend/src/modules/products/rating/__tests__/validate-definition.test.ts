import { ProductDefinition as ProductDefinitionSchema } from '../../../../contracts/products';
import { REFERENCE_PRODUCTS } from '../../../../../../seeds/reference/001_products';
import { validateDefinition } from '../validate-definition';
import type { ProductDefinition } from '../product-definition';
import { termLife } from './fixtures';

const withTable = (index: number, rows: unknown[]): ProductDefinition => ({
  ...termLife,
  factorTables: termLife.factorTables.map((t, i) => (i === index ? ({ ...t, rows } as typeof t) : t)),
});
const paths = (def: ProductDefinition) => validateDefinition(def).map((e) => e.path);

describe('publishing validation', () => {
  it('accepts the complete term-life definition', () => {
    expect(validateDefinition(termLife)).toEqual([]);
  });

  it('checks the claims catalog: each loss type once, answered by coverages of the version', () => {
    const claims = {
      lossTypes: [
        { lossType: 'death' as const, coverages: ['DEATH', 'FIRE'] },
        { lossType: 'death' as const, coverages: ['ADB'] },
      ],
    };
    expect(paths({ ...termLife, claims })).toEqual(['claims.lossTypes.0.coverages.1', 'claims.lossTypes.1.lossType']);
    expect(validateDefinition({ ...termLife, claims: { lossTypes: [{ lossType: 'death', coverages: ['DEATH'], waitingDays: 90 }] } })).toEqual([]);
  });

  it('finds a gap between bands, with the row and the missing range', () => {
    const errors = validateDefinition(
      withTable(0, [
        { from: 18, to: 29, factor: '0.8' },
        { from: 31, to: 65, factor: '1' },
      ]),
    );
    expect(errors).toEqual([{ path: 'factorTables.0.rows.1.from', message: 'Gap: nothing prices 30' }]);
  });

  it('finds overlapping bands', () => {
    expect(
      validateDefinition(
        withTable(0, [
          { from: 18, to: 40, factor: '0.8' },
          { from: 40, to: 65, factor: '1' },
        ]),
      ),
    ).toEqual([{ path: 'factorTables.0.rows.1.from', message: 'Overlaps the band 18–40' }]);
  });

  it('finds bands that do not reach the ends of the domain (entry ages 18–65)', () => {
    expect(validateDefinition(withTable(0, [{ from: 20, to: 60, factor: '1' }])).map((e) => e.message)).toEqual(['Nothing prices 18–19', 'Nothing prices 61–65']);
  });

  it('requires a row for every value of a category input', () => {
    expect(
      validateDefinition(
        withTable(1, [
          { key: 'female', factor: '0.85' },
          { key: 'male', factor: '1' },
        ]),
      ),
    ).toEqual([
      { path: 'factorTables.1.rows', message: 'No row for non_binary' },
      { path: 'factorTables.1.rows', message: 'No row for unspecified' },
    ]);
  });

  it('checks discrete domains value by value (terms 10, 20, 30)', () => {
    expect(
      validateDefinition(
        withTable(4, [
          { from: 10, to: 10, factor: '0.9' },
          { from: 30, to: 30, factor: '1.15' },
        ]),
      ),
    ).toEqual([{ path: 'factorTables.4.rows', message: 'Nothing prices 20' }]);
  });

  it('refuses unknown coverages in a table, bad factors, reversed ranges, and nothing to sell', () => {
    const broken: ProductDefinition = {
      ...termLife,
      termYears: [],
      frequencyLoadings: {},
      coverages: [{ ...termLife.coverages[0]!, sumInsured: { min: 200, max: 100, step: 10 } }],
      factorTables: [
        { ...termLife.factorTables[2]!, coverages: ['PET'] },
        { code: 'OCC', label: 'Occupation class', input: 'occupationClass', kind: 'band', rows: [{ from: 1, to: 4, factor: '-1' }] },
      ],
      eligibility: { ...termLife.eligibility, entryAgeMin: 70 },
    };
    expect(paths(broken)).toEqual(
      expect.arrayContaining([
        'termYears',
        'frequencyLoadings',
        'coverages.0.sumInsured.min',
        'factorTables.0.coverages.0',
        'factorTables.1.rows.0.factor',
        'eligibility.entryAgeMin',
      ]),
    );
  });
});

describe('the contract', () => {
  it('parses the fixture definition, and refuses unknown fields and binary-float rates', () => {
    expect(ProductDefinitionSchema.safeParse(termLife).success).toBe(true);
    expect(ProductDefinitionSchema.safeParse({ ...termLife, bonus: 1 }).success).toBe(false);
    const floatRate = { ...termLife, coverages: [{ ...termLife.coverages[0]!, rate: 1.1 }] };
    expect(ProductDefinitionSchema.safeParse(floatRate).success).toBe(false);
  });
});

describe('the reference catalog', () => {
  it('publishes only complete definitions', () => {
    for (const p of REFERENCE_PRODUCTS) expect({ code: p.code, errors: validateDefinition(p.definition) }).toEqual({ code: p.code, errors: [] });
  });
});
