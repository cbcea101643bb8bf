// The report builder's form state and the definition it sends: filter values typed as text in the
// form become the field's type (numbers, money in minor units, booleans, lists) before the API checks
// them against the dataset's allow-list.
import type { CustomReportDataset, CustomReportDefinition, CustomReportDefinitionInput, CustomReportField, CustomReportOperator } from '@contracts/custom-reports';
import { toMinorUnits } from '@/lib/money';

export interface FilterRow {
  id: number;
  field: string;
  op: CustomReportOperator;
  /** As typed: one value, or for `in` several (comma-separated text, or the chosen values). */
  value: string | string[];
}

export interface TotalRow {
  id: number;
  fn: CustomReportDefinition['totals'][number]['fn'];
  /** null: count the rows. */
  field: string | null;
}

export interface BuilderState {
  dataset: string;
  columns: string[];
  filters: FilterRow[];
  groupBy: string[];
  totals: TotalRow[];
}

export const OPERATOR_LABELS: Record<CustomReportOperator, string> = {
  eq: 'is',
  ne: 'is not',
  lt: 'is less than',
  lte: 'is at most',
  gt: 'is more than',
  gte: 'is at least',
  in: 'is one of',
  contains: 'contains',
  starts_with: 'starts with',
  is_null: 'is empty',
  not_null: 'is not empty',
};

export const AGGREGATE_LABELS: Record<TotalRow['fn'], string> = { count: 'Count', sum: 'Sum', avg: 'Average', min: 'Lowest', max: 'Highest' };

/** One typed value in the field's type; text the API will refuse is sent as is (its error names the filter). */
export function typedValue(field: CustomReportField | undefined, text: string): unknown {
  const trimmed = text.trim();
  switch (field?.type) {
    case 'integer':
    case 'decimal':
      return trimmed === '' || Number.isNaN(Number(trimmed)) ? trimmed : Number(trimmed);
    case 'money':
      return trimmed === '' || Number.isNaN(Number(trimmed)) ? trimmed : toMinorUnits(Number(trimmed));
    case 'boolean':
      return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
    default:
      return trimmed;
  }
}

/** The definition the form describes. */
export function definitionOf(state: BuilderState, dataset: CustomReportDataset | undefined): CustomReportDefinitionInput {
  const field = (key: string) => dataset?.fields.find((f) => f.key === key);
  return {
    dataset: state.dataset,
    columns: state.columns,
    filters: state.filters.map((f) => {
      if (f.op === 'is_null' || f.op === 'not_null') return { field: f.field, op: f.op };
      if (f.op === 'in') {
        const items = Array.isArray(f.value) ? f.value : f.value.split(',').filter((v) => v.trim() !== '');
        return { field: f.field, op: f.op, value: items.map((v) => typedValue(field(f.field), v)) };
      }
      return { field: f.field, op: f.op, value: typedValue(field(f.field), Array.isArray(f.value) ? (f.value[0] ?? '') : f.value) };
    }),
    groupBy: state.groupBy,
    totals: state.totals.map((t) => (t.field ? { fn: t.fn, field: t.field } : { fn: t.fn })),
  };
}

/** The form for a saved definition. */
export function stateOf(definition: CustomReportDefinition, dataset: CustomReportDataset | undefined, nextId: () => number): BuilderState {
  // Money is kept in minor units and typed in major units.
  const shown = (field: string, v: unknown) => (dataset?.fields.find((f) => f.key === field)?.type === 'money' && typeof v === 'number' ? String(v / 100) : String(v));
  return {
    dataset: definition.dataset,
    columns: definition.columns,
    groupBy: definition.groupBy,
    filters: definition.filters.map((f) => ({
      id: nextId(),
      field: f.field,
      op: f.op,
      value: f.op === 'in' && Array.isArray(f.value) ? f.value.map((v) => shown(f.field, v)) : f.value === undefined ? '' : shown(f.field, f.value),
    })),
    totals: definition.totals.map((t) => ({ id: nextId(), fn: t.fn, field: t.field ?? null })),
  };
}
