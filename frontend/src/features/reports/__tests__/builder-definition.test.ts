import type { CustomReportDataset } from '@contracts/custom-reports';
import { describe, expect, it } from 'vitest';
import { definitionOf, stateOf } from '../builder-definition';

const field = (key: string, type: CustomReportDataset['fields'][number]['type']) => ({
  key,
  header: key,
  type,
  values: null,
  masked: false,
  operators: [],
  aggregates: [],
  groupable: true,
});
const dataset: CustomReportDataset = {
  key: 'policies',
  title: 'Policies',
  currencyField: 'currency',
  fields: [field('annualPremium', 'money'), field('termYears', 'integer'), field('city', 'string'), field('smoker', 'boolean')],
};

describe('the builder’s definition', () => {
  it('types filter values as their fields: money typed in major units is sent in minor units, lists split on commas', () => {
    const def = definitionOf(
      {
        dataset: 'policies',
        columns: ['city'],
        groupBy: [],
        totals: [{ id: 1, fn: 'count', field: null }],
        filters: [
          { id: 1, field: 'annualPremium', op: 'gte', value: '1200.50' },
          { id: 2, field: 'termYears', op: 'in', value: '10, 20' },
          { id: 3, field: 'smoker', op: 'eq', value: 'true' },
          { id: 4, field: 'city', op: 'is_null', value: 'ignored' },
          { id: 5, field: 'termYears', op: 'eq', value: 'ten' },
        ],
      },
      dataset,
    );
    expect(def.filters).toEqual([
      { field: 'annualPremium', op: 'gte', value: 120050 },
      { field: 'termYears', op: 'in', value: [10, 20] },
      { field: 'smoker', op: 'eq', value: true },
      { field: 'city', op: 'is_null' },
      // Left as typed: the API names the filter whose value is not a number.
      { field: 'termYears', op: 'eq', value: 'ten' },
    ]);
    expect(def.totals).toEqual([{ fn: 'count' }]);
  });

  it('opens a saved definition with money back in major units, and sends it again unchanged', () => {
    let id = 0;
    const saved = { dataset: 'policies', columns: ['city'], groupBy: [], totals: [], filters: [{ field: 'annualPremium', op: 'lt' as const, value: 99_99 }] };
    const state = stateOf(saved, dataset, () => ++id);
    expect(state.filters[0]!.value).toBe('99.99');
    expect(definitionOf(state, dataset)).toEqual(saved);
  });
});
