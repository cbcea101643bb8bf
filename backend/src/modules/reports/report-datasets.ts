// Datasets for custom reports: what a module that owns data offers the report builder. A dataset is
// its base query — already narrowed to the reader's branches exactly as the module's API narrows its
// lists (`scoped`) — and an allow-list of fields, each an SQL expression over that query written by
// the module (never by a user) with its type. Protected personal data is offered only in the form the
// module's API shows (a masked copy), so a report can never show more than the API.
import type { Knex } from 'knex';
import type { Permission } from '../../contracts/permissions';
import type { ReportColumnType } from '../../contracts/reports';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';

export interface DatasetField {
  /** The name a report uses (camelCase, unique in the dataset). */
  key: string;
  header: string;
  type: ReportColumnType;
  /** The SQL expression over the base query's aliases (module code only; values are always bound). */
  sql: string;
  /** Its only possible values, when fixed (statuses, channels): filters must use one of them. */
  values?: readonly string[];
  /** The expression is a masked copy (the API shows only that): said in the field list. */
  masked?: boolean;
}

export interface DatasetDefinition {
  /** `customers`, `policies`, …: one word, lower case, unique. */
  key: string;
  title: string;
  /** The owning module's read permission for the data. */
  permission: Permission;
  /** The rows, narrowed to the actor's branches as the module's API narrows them (joins as needed). */
  base(db: DbOrTrx, actor: Actor): Knex.QueryBuilder;
  fields: readonly DatasetField[];
  /**
   * A unique order of the rows (expressions over the base query), for keyset paging of a detail
   * report: e.g. `['c.customer_number']` or `['i.occurred_at', 'i.id']`.
   */
  order: readonly string[];
  /** The field holding a money field's currency: totals of money need one currency (grouped by or filtered on it). */
  currencyField?: string;
}

const KEY = /^[a-z][a-z_]*$/;
const FIELD_KEY = /^[a-z][A-Za-z0-9]*$/;

export class DatasetRegistry {
  private readonly datasets = new Map<string, DatasetDefinition>();

  register(definition: DatasetDefinition): void {
    if (!KEY.test(definition.key)) throw new Error(`Dataset key ${JSON.stringify(definition.key)} is not one lower-case word`);
    if (this.datasets.has(definition.key)) throw new Error(`Dataset ${definition.key} is registered twice`);
    const keys = definition.fields.map((f) => f.key);
    if (keys.some((k) => !FIELD_KEY.test(k))) throw new Error(`Dataset ${definition.key} has a field key that is not camelCase`);
    if (new Set(keys).size !== keys.length) throw new Error(`Dataset ${definition.key} has a field twice`);
    if (definition.currencyField && !keys.includes(definition.currencyField)) throw new Error(`Dataset ${definition.key}: no currency field ${definition.currencyField}`);
    this.datasets.set(definition.key, definition);
  }

  /** The datasets the actor may report on, by title. */
  available(actor: Actor): DatasetDefinition[] {
    return [...this.datasets.values()].filter((d) => actor.permissions.has(d.permission)).sort((a, b) => a.title.localeCompare(b.title));
  }

  /** A dataset the actor may report on, or undefined (unknown, or not theirs). */
  forActor(actor: Actor, key: string): DatasetDefinition | undefined {
    const dataset = this.datasets.get(key);
    return dataset && actor.permissions.has(dataset.permission) ? dataset : undefined;
  }
}

/** A person's name from first and last name columns, for dataset fields. */
export const fullNameSql = (alias: string) => `(${alias}.first_name || ' ' || ${alias}.last_name)`;

/** An instant's business date in the company's time zone (a configured IANA name, quoted as an SQL literal). */
export const businessDateSql = (column: string, timeZone: string) => `((${column}) AT TIME ZONE '${timeZone.replace(/'/g, "''")}')::date`;
