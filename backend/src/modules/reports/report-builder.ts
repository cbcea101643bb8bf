// The custom report builder: a report definition (dataset, columns, filters, grouping, totals) checked
// against the dataset's allow-list, then turned into a knex query over the dataset's own scoped base
// query. Nothing a user sends becomes SQL: fields are looked up by key in the allow-list and their
// module-written expressions used; every value is a bound parameter.
import type { Knex } from 'knex';
import {
  aggregatesFor,
  CUSTOM_REPORT_MAX_GROUPS,
  groupable,
  operatorsFor,
  type CustomReportDefinition,
  type CustomReportFilter,
  type CustomReportResult,
  type CustomReportTotal,
  type CustomReportDataset,
} from '../../contracts/custom-reports';
import { IsoDate, IsoDateTime } from '../../contracts/common';
import type { FieldError } from '../../contracts/common';
import type { ReportColumn } from '../../contracts/reports';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { AppError } from '../../platform/errors';
import type { DatasetDefinition, DatasetField, DatasetRegistry } from './report-datasets';
import { ReportTooLarge, type ReportRow } from './report-registry';

/** 400 with a stable code, the fields at fault in `errors`, and (for unknown fields) their names in `fields`. */
function refused(code: string, detail: string, errors: FieldError[], extras: Record<string, unknown> = {}): AppError {
  return new AppError(400, code, 'Invalid report', detail, { errors, ...extras });
}

interface PlannedTotal {
  key: string;
  header: string;
  type: ReportColumn['type'];
  fn: CustomReportTotal['fn'];
  field: DatasetField | null;
}

/** A definition checked against its dataset: what to select, filter, group and total. */
export interface ReportPlan {
  dataset: DatasetDefinition;
  columns: DatasetField[];
  filters: { field: DatasetField; op: CustomReportFilter['op']; value: unknown }[];
  groupBy: DatasetField[];
  totals: PlannedTotal[];
}

/** The dataset as the builder's form shows it: fields with their operators and totals. */
export function describeDataset(d: DatasetDefinition): CustomReportDataset {
  return {
    key: d.key,
    title: d.title,
    currencyField: d.currencyField ?? null,
    fields: d.fields.map((f) => ({
      key: f.key,
      header: f.header,
      type: f.type,
      values: f.values ? [...f.values] : null,
      masked: !!f.masked,
      operators: operatorsFor(f.type, !!f.values),
      aggregates: aggregatesFor(f.type),
      groupable: groupable(f.type),
    })),
  };
}

const isoDate = IsoDate();
const isoDateTime = IsoDateTime({ offset: true });

/** One filter value in the field's type (bound as is), or a message. */
function checkValue(field: DatasetField, op: CustomReportFilter['op'], value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string' || value.length < 1 || value.length > 200) return { ok: false, message: 'Give text of 1 to 200 characters' };
      if (field.values && !field.values.includes(value)) return { ok: false, message: `Use one of: ${field.values.join(', ')}` };
      return { ok: true, value: op === 'contains' || op === 'starts_with' ? value.replace(/[\\%_]/g, (c) => `\\${c}`) : value };
    case 'integer':
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? { ok: true, value }
        : { ok: false, message: field.type === 'money' ? 'Give a whole amount in minor units (cents)' : 'Give a whole number' };
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : { ok: false, message: 'Give a number' };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, message: 'Give true or false' };
    case 'date':
      return isoDate.safeParse(value).success ? { ok: true, value } : { ok: false, message: 'Use the format YYYY-MM-DD' };
    case 'datetime':
      return isoDateTime.safeParse(value).success ? { ok: true, value: new Date(value as string) } : { ok: false, message: 'Give an ISO 8601 instant with its offset' };
  }
}

/**
 * Checks a definition against the actor's datasets (400s with stable codes, the field at fault named)
 * and answers the plan. Order of the checks: the dataset, unknown fields, operators, values, shape.
 */
export function planReport(datasets: DatasetRegistry, actor: Actor, def: CustomReportDefinition): ReportPlan {
  const dataset = datasets.forActor(actor, def.dataset);
  if (!dataset)
    throw refused('REPORT_DATASET_UNKNOWN', `There is no dataset "${def.dataset}" you may report on.`, [{ path: 'dataset', message: 'Unknown dataset' }], {
      dataset: def.dataset,
    });
  const byKey = new Map(dataset.fields.map((f) => [f.key, f]));

  // Fields outside the allow-list, wherever they are named.
  const unknown: FieldError[] = [];
  const names: string[] = [];
  const lookup = (key: string, path: string): DatasetField | undefined => {
    const field = byKey.get(key);
    if (!field) {
      unknown.push({ path, message: `"${key}" is not a field of ${dataset.key}` });
      names.push(key);
    }
    return field;
  };
  const columns = def.columns.map((k, i) => lookup(k, `columns.${i}`));
  const filterFields = def.filters.map((f, i) => lookup(f.field, `filters.${i}.field`));
  const groupBy = def.groupBy.map((k, i) => lookup(k, `groupBy.${i}`));
  const totalFields = def.totals.map((t, i) => (t.field === undefined ? null : lookup(t.field, `totals.${i}.field`)));
  if (unknown.length) throw refused('REPORT_FIELD_NOT_ALLOWED', `Not a field of ${dataset.key}: ${[...new Set(names)].join(', ')}.`, unknown, { fields: [...new Set(names)] });

  const operatorErrors: FieldError[] = [];
  const valueErrors: FieldError[] = [];
  const filters = def.filters.map((f, i) => {
    const field = filterFields[i]!;
    if (!operatorsFor(field.type, !!field.values).includes(f.op)) {
      operatorErrors.push({ path: `filters.${i}.op`, message: `"${f.op}" does not apply to ${field.key} (${field.type})` });
      return { field, op: f.op, value: undefined };
    }
    if (f.op === 'is_null' || f.op === 'not_null') {
      if (f.value !== undefined && f.value !== null) valueErrors.push({ path: `filters.${i}.value`, message: `${f.op} takes no value` });
      return { field, op: f.op, value: undefined };
    }
    if (f.op === 'in') {
      if (!Array.isArray(f.value) || f.value.length < 1 || f.value.length > 50) {
        valueErrors.push({ path: `filters.${i}.value`, message: 'Give a list of 1 to 50 values' });
        return { field, op: f.op, value: undefined };
      }
      const values = f.value.map((v, j) => {
        const checked = checkValue(field, 'eq', v);
        if (!checked.ok) valueErrors.push({ path: `filters.${i}.value.${j}`, message: checked.message });
        return checked.ok ? checked.value : undefined;
      });
      return { field, op: f.op, value: values };
    }
    const checked = checkValue(field, f.op, f.value);
    if (!checked.ok) valueErrors.push({ path: `filters.${i}.value`, message: checked.message });
    return { field, op: f.op, value: checked.ok ? checked.value : undefined };
  });
  if (operatorErrors.length) throw refused('REPORT_OPERATOR_NOT_ALLOWED', 'A filter uses an operator its field does not take.', operatorErrors);
  if (valueErrors.length) throw refused('REPORT_VALUE_INVALID', 'A filter’s value is not of its field’s type.', valueErrors);

  // The report's shape.
  const shape: FieldError[] = [];
  const grouped = groupBy.length > 0;
  groupBy.forEach((f, i) => {
    if (!groupable(f!.type)) shape.push({ path: `groupBy.${i}`, message: `${f!.key} (${f!.type}) cannot be grouped by` });
  });
  if (new Set(def.groupBy).size !== def.groupBy.length) shape.push({ path: 'groupBy', message: 'A field is grouped by twice' });
  if (new Set(def.columns).size !== def.columns.length) shape.push({ path: 'columns', message: 'A column is listed twice' });
  if (grouped)
    def.columns.forEach((k, i) => {
      if (!def.groupBy.includes(k)) shape.push({ path: `columns.${i}`, message: `${k} is not grouped by: a grouped report shows its grouped fields and totals` });
    });
  else if (def.totals.length && def.columns.length)
    shape.push({ path: 'columns', message: 'Totals without grouping make one row: group by the columns, or leave the columns out' });
  if (!def.columns.length && !def.totals.length && !grouped) shape.push({ path: 'columns', message: 'Choose at least one column or total' });

  const totals: PlannedTotal[] = def.totals.map((t, i) => {
    const field = totalFields[i] ?? null;
    if (field && !aggregatesFor(field.type).includes(t.fn)) shape.push({ path: `totals.${i}.fn`, message: `${t.fn} does not apply to ${field.key} (${field.type})` });
    if (!field && t.fn !== 'count') shape.push({ path: `totals.${i}.field`, message: `${t.fn} needs a field` });
    if (field?.type === 'money' && t.fn !== 'count' && dataset.currencyField) {
      const currency = dataset.currencyField;
      const oneCurrency = def.groupBy.includes(currency) || def.filters.some((f) => f.field === currency && f.op === 'eq');
      if (!oneCurrency) shape.push({ path: `totals.${i}.field`, message: `Amounts in several currencies do not add up: group by or filter on ${currency}` });
    }
    const key = field ? `${t.fn}_${field.key}` : `${t.fn}_rows`;
    const type: ReportColumn['type'] = t.fn === 'count' ? 'integer' : t.fn === 'avg' && field?.type !== 'money' ? 'decimal' : (field?.type ?? 'integer');
    const header =
      t.fn === 'count' ? (field ? `Count of ${field.header}` : 'Count') : `${{ sum: 'Sum', avg: 'Average', min: 'Lowest', max: 'Highest' }[t.fn]} of ${field?.header ?? ''}`;
    return { key, header, type, fn: t.fn, field };
  });
  if (new Set(totals.map((t) => t.key)).size !== totals.length) shape.push({ path: 'totals', message: 'A total is listed twice' });
  if (shape.length) throw refused('REPORT_DEFINITION_INVALID', 'The report cannot be built as defined.', shape);

  return { dataset, columns: columns as DatasetField[], filters, groupBy: groupBy as DatasetField[], totals };
}

/** The columns the report writes, in order: its columns (or grouped fields), then its totals. */
export function planColumns(plan: ReportPlan): ReportColumn[] {
  const shown = plan.groupBy.length ? (plan.columns.length ? plan.columns : plan.groupBy) : plan.columns;
  return [...shown.map(({ key, header, type }) => ({ key, header, type })), ...plan.totals.map(({ key, header, type }) => ({ key, header, type }))];
}

function applyFilters(db: DbOrTrx, q: Knex.QueryBuilder, plan: ReportPlan): Knex.QueryBuilder {
  for (const { field, op, value } of plan.filters) {
    const e = field.sql;
    switch (op) {
      case 'eq':
        q.whereRaw(`(${e}) = ?`, [value as Knex.Value]);
        break;
      case 'ne':
        q.whereRaw(`(${e}) IS DISTINCT FROM ?`, [value as Knex.Value]);
        break;
      case 'lt':
        q.whereRaw(`(${e}) < ?`, [value as Knex.Value]);
        break;
      case 'lte':
        q.whereRaw(`(${e}) <= ?`, [value as Knex.Value]);
        break;
      case 'gt':
        q.whereRaw(`(${e}) > ?`, [value as Knex.Value]);
        break;
      case 'gte':
        q.whereRaw(`(${e}) >= ?`, [value as Knex.Value]);
        break;
      case 'in': {
        const values = value as Knex.Value[];
        q.whereRaw(`(${e}) IN (${values.map(() => '?').join(', ')})`, values);
        break;
      }
      case 'contains':
        q.whereRaw(`(${e}) ILIKE ?`, [`%${value as string}%`]);
        break;
      case 'starts_with':
        q.whereRaw(`(${e}) ILIKE ?`, [`${value as string}%`]);
        break;
      case 'is_null':
        q.whereRaw(`(${e}) IS NULL`);
        break;
      case 'not_null':
        q.whereRaw(`(${e}) IS NOT NULL`);
        break;
    }
  }
  void db;
  return q;
}

function aggregateSql(t: PlannedTotal): string {
  const e = t.field?.sql;
  switch (t.fn) {
    case 'count':
      return e ? `count(${e})` : 'count(*)';
    case 'sum':
      return `sum(${e})`;
    // Money stays in whole minor units; other figures keep two decimals.
    case 'avg':
      return t.field?.type === 'money' ? `round(avg(${e}))` : `round(avg(${e}), 2)`;
    case 'min':
      return `min(${e})`;
    case 'max':
      return `max(${e})`;
  }
}

/** A row as the export writers and the API take it: figures as numbers (bigint/numeric arrive as text). */
function shaped(row: Record<string, unknown>, columns: ReportColumn[]): ReportRow {
  const out: ReportRow = {};
  for (const c of columns) {
    const v = row[c.key];
    out[c.key] = v === null || v === undefined ? null : c.type === 'integer' || c.type === 'money' || c.type === 'decimal' ? Number(v) : v;
  }
  return out;
}

function groupedQuery(db: DbOrTrx, actor: Actor, plan: ReportPlan, withGroups: boolean): Knex.QueryBuilder {
  const q = applyFilters(db, plan.dataset.base(db, actor).clearSelect(), plan);
  const groups = withGroups ? plan.groupBy : [];
  q.select([...groups.map((f) => db.raw(`${f.sql} AS ??`, [f.key])), ...plan.totals.map((t) => db.raw(`${aggregateSql(t)} AS ??`, [t.key]))]);
  if (groups.length) {
    q.groupByRaw(groups.map((f) => f.sql).join(', '));
    q.orderByRaw(groups.map((f) => `${f.sql} ASC NULLS LAST`).join(', '));
  }
  return q;
}

function detailQuery(db: DbOrTrx, actor: Actor, plan: ReportPlan, after: unknown[] | null, size: number): Knex.QueryBuilder {
  const order = plan.dataset.order;
  const q = applyFilters(db, plan.dataset.base(db, actor).clearSelect(), plan);
  q.select([...plan.columns.map((f) => db.raw(`${f.sql} AS ??`, [f.key])), ...order.map((sql, i) => db.raw(`${sql} AS ??`, [`__k${i}`]))]);
  if (after) q.whereRaw(`(${order.join(', ')}) > (${order.map(() => '?').join(', ')})`, after as Knex.Value[]);
  return q.orderByRaw(order.map((sql) => `${sql} ASC`).join(', ')).limit(size);
}

/**
 * The report's rows in batches: a detail report keyset-paged on the dataset's order; a grouped one
 * whole, at most `maxGroups` groups — with more, `ReportTooLarge` (an export never leaves groups out silently).
 */
export async function* reportRows(db: DbOrTrx, actor: Actor, plan: ReportPlan, size = 1000, maxGroups = CUSTOM_REPORT_MAX_GROUPS): AsyncGenerator<ReportRow[]> {
  const columns = planColumns(plan);
  if (plan.groupBy.length || plan.totals.length) {
    const rows: Record<string, unknown>[] = await groupedQuery(db, actor, plan, true).limit(maxGroups + 1);
    if (rows.length > maxGroups) throw new ReportTooLarge(`This report has more than ${maxGroups.toLocaleString('en-US')} groups: group by fewer fields or narrow its filters.`);
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size).map((r) => shaped(r, columns));
    return;
  }
  let after: unknown[] | null = null;
  for (;;) {
    const rows: Record<string, unknown>[] = await detailQuery(db, actor, plan, after, size);
    if (rows.length) yield rows.map((r) => shaped(r, columns));
    if (rows.length < size) return;
    const last = rows[rows.length - 1]!;
    after = plan.dataset.order.map((_, i) => last[`__k${i}`]);
  }
}

/** The first `limit` rows, whether there are more, and (grouped with totals) the totals over every group. */
export async function previewRows(db: DbOrTrx, actor: Actor, plan: ReportPlan, limit: number): Promise<CustomReportResult> {
  const columns = planColumns(plan);
  const grouped = plan.groupBy.length > 0 || plan.totals.length > 0;
  const raw: Record<string, unknown>[] = grouped ? await groupedQuery(db, actor, plan, true).limit(limit + 1) : await detailQuery(db, actor, plan, null, limit + 1);
  let grandTotals: Record<string, unknown> | null = null;
  if (plan.groupBy.length && plan.totals.length) {
    const [all] = (await groupedQuery(db, actor, plan, false)) as Record<string, unknown>[];
    const totalColumns = columns.filter((c) => plan.totals.some((t) => t.key === c.key));
    grandTotals = shaped(all ?? {}, totalColumns);
  }
  return { columns, rows: raw.slice(0, limit).map((r) => shaped(r, columns)), truncated: raw.length > limit, grandTotals };
}
