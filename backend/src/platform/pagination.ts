// Keyset pagination for every list: `{ items, nextCursor }`, never OFFSET, never count(*).
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Page } from '../contracts/common';
import { isDataException } from './db-errors';
import { BadRequestError } from './errors';

export interface SortKey {
  /** SQL expression to order by, e.g. `c.last_name`. Must be NOT NULL. */
  column: string;
  /** Property of the selected row holding that value, e.g. `last_name`. */
  field: string;
  dir: 'asc' | 'desc';
}

/**
 * A `sort` query parameter limited to an allow-list: `name` ascending or `-name` descending.
 * Anything else is a 400 with the allowed values in the message.
 */
export function sortParam<const T extends readonly [string, ...string[]]>(allowed: T, defaultSort: T[number] | `-${T[number]}`) {
  const values = allowed.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z
    .enum(values, { message: `sort must be one of: ${values.join(', ')}` })
    .default(defaultSort)
    .transform((v) => ({ field: v.replace(/^-/, '') as T[number], dir: v.startsWith('-') ? ('desc' as const) : ('asc' as const) }));
}

interface CursorPayload {
  /** Fingerprint of the sort order the cursor was made for. */
  s: string;
  v: unknown[];
}

const fingerprint = (keys: SortKey[]) => keys.map((k) => `${k.column}:${k.dir}`).join(',');

export const invalidCursor = () =>
  new BadRequestError('INVALID_CURSOR', 'The cursor is not valid for this list; start again from the first page.', { errors: [{ path: 'cursor', message: 'Invalid cursor' }] });

export function encodeCursor(keys: SortKey[], row: Record<string, unknown>): string {
  const payload: CursorPayload = {
    s: fingerprint(keys),
    v: keys.map((k) => {
      const value = row[k.field];
      return value instanceof Date ? value.toISOString() : value;
    }),
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(keys: SortKey[], cursor: string): unknown[] {
  let payload: CursorPayload;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!payload || payload.s !== fingerprint(keys) || !Array.isArray(payload.v) || payload.v.length !== keys.length) {
    throw invalidCursor();
  }
  // Only the scalars encodeCursor writes: no objects, no NUL (PostgreSQL refuses it), nothing huge.
  const scalar = (v: unknown) =>
    v === null || (typeof v === 'string' && v.length <= 512 && !v.includes('\u0000')) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
  if (!payload.v.every(scalar)) throw invalidCursor();
  return payload.v;
}

/**
 * Applies order, the "after the cursor" condition and limit+1 to `query` (the SQL keysetPage runs).
 * The last sort key must be unique (normally the id) so the order is total.
 */
export function keysetQuery(query: Knex.QueryBuilder, keys: SortKey[], page: { limit: number; cursor?: string }): Knex.QueryBuilder {
  if (page.cursor) {
    const values = decodeCursor(keys, page.cursor);
    // (k1 > v1) OR (k1 = v1 AND k2 > v2) OR … — written out so mixed directions work.
    query.where((outer) => {
      keys.forEach((key, i) => {
        outer.orWhere((inner) => {
          for (let j = 0; j < i; j++) inner.where(outer.client.raw(keys[j]!.column), '=', values[j] as Knex.Value);
          inner.where(outer.client.raw(key.column), key.dir === 'asc' ? '>' : '<', values[i] as Knex.Value);
        });
      });
    });
  }
  for (const key of keys) query.orderByRaw(`${key.column} ${key.dir}`);
  return query.limit(page.limit + 1);
}

/** Runs `query` one page at a time: `{ items, nextCursor }`. */
export async function keysetPage<Row extends Record<string, unknown>>(query: Knex.QueryBuilder, keys: SortKey[], page: { limit: number; cursor?: string }): Promise<Page<Row>> {
  let rows: Row[];
  try {
    rows = await keysetQuery(query, keys, page);
  } catch (err) {
    // A cursor of the right shape whose values do not fit the sort columns' types (a forged one):
    // PostgreSQL refuses the comparison with a data exception.
    if (page.cursor && isDataException(err)) throw invalidCursor();
    throw err;
  }
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(keys, last) : null };
}

/** Lists count their rows up to this many; above it they say "more than COUNT_CAP". */
export const COUNT_CAP = 100;

/**
 * How many rows `query` (a list's query before keysetPage orders and limits it) has, counted no
 * further than `cap` + 1 rows: exact up to `cap`, else `{ count: cap, more: true }`. Cheap on any
 * list size — the database stops after cap + 1 rows — which is why lists never run a full count(*).
 */
export async function cappedCount(db: Knex | Knex.Transaction, query: Knex.QueryBuilder, cap = COUNT_CAP): Promise<{ count: number; more: boolean }> {
  const rows = query
    .clone()
    .clearSelect()
    .clearOrder()
    .select(db.raw('1'))
    .limit(cap + 1);
  const row = (await db.from(rows.as('capped')).first(db.raw('count(*)::integer AS n'))) as { n: number } | undefined;
  const n = Number(row?.n ?? 0);
  return n > cap ? { count: cap, more: true } : { count: n, more: false };
}

/** A page and the capped count of the whole list (see cappedCount). */
export async function countedPage<Row extends Record<string, unknown>>(
  db: Knex | Knex.Transaction,
  query: Knex.QueryBuilder,
  keys: SortKey[],
  page: { limit: number; cursor?: string },
): Promise<Page<Row> & { total: { count: number; more: boolean } }> {
  // The cursor is checked (and a forged one refused) before either query runs.
  if (page.cursor) decodeCursor(keys, page.cursor);
  const [result, total] = await Promise.all([keysetPage<Row>(query.clone(), keys, page), cappedCount(db, query)]);
  return { ...result, total };
}

/** The columns (SQL expression, row property) a sortable field orders by, most significant first. */
export type SortColumns = readonly (readonly [column: string, field: string])[];

/**
 * The keyset order for `sort` (`field` or `-field`) of a list whose sortable fields are `fields`:
 * every column of the field in the sort's direction, then the unique `tiebreak` column (the id) so the
 * order is total. Each sort has its own cursor fingerprint, so a cursor of one sort is refused under another.
 */
export function sortKeys(sort: string, fields: Readonly<Record<string, SortColumns>>, tiebreak: readonly [column: string, field: string]): SortKey[] {
  const dir = sort.startsWith('-') ? ('desc' as const) : ('asc' as const);
  const columns = fields[sort.replace(/^-/, '')];
  if (!columns) throw new Error(`No sort columns for ${sort}`);
  return [...columns, tiebreak].map(([column, field]) => ({ column, field, dir }));
}
