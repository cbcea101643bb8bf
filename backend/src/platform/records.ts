// Small pieces every record-keeping module shares: human-readable record numbers and the reading of
// a status-history table.
import type { Knex } from 'knex';
import type { PaymentFrequency } from '../contracts/products';
import type { DbOrTrx } from '../db';
import type { Actor } from './actor';
import { scoped } from './scope';
import { atKeySql, timelineWindow, type TimelineEntry, type TimelineWindow } from './timeline';

/** `P-000042` from a sequence: the prefix, then at least six digits (more once they run out). */
export function nextRecordNumber(db: DbOrTrx, prefix: string, sequence: string): Knex.Raw {
  if (!/^[A-Z]{1,3}$/.test(prefix) || !/^[a-z_]+$/.test(sequence)) throw new Error(`Invalid record number format ${prefix} / ${sequence}`);
  return db.raw(`(SELECT '${prefix}-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM (SELECT nextval('${sequence}') AS n) s)`);
}

export interface StatusHistoryEntry<S extends string> {
  fromStatus: S | null;
  toStatus: S;
  reason: string | null;
  /** null: a scheduled job, not a person. */
  changedBy: { id: string; name: string } | null;
  changedAt: string;
}

/** A record's status history (from, to, reason, who, when), oldest first. */
export async function readStatusHistory<S extends string>(db: DbOrTrx, table: string, foreignKey: string, id: string): Promise<StatusHistoryEntry<S>[]> {
  const rows = await db(`${table} as h`).leftJoin('users as u', 'u.id', 'h.changed_by').where(`h.${foreignKey}`, id).orderBy('h.id').select('h.*', 'u.name as changed_by_name');
  return rows.map((h) => ({
    fromStatus: h.from_status,
    toStatus: h.to_status,
    reason: h.reason,
    changedBy: h.changed_by ? { id: h.changed_by, name: h.changed_by_name } : null,
    changedAt: h.changed_at.toISOString(),
  }));
}

/** A module's records with a status history, as the customer timeline reads them. */
export interface StatusHistoryTables {
  kind: 'order' | 'policy' | 'claim';
  /** The records' table, with `id`, `customer_id`, `branch_id` and the number column. */
  records: string;
  numberColumn: string;
  /** The history table (`id` bigint, from_status, to_status, reason, changed_by, changed_at) and its column naming the record. */
  history: string;
  foreignKey: string;
}

/**
 * The status changes of a customer's records of one module, in the actor's branches, for the
 * customer timeline (`platform/timeline.ts` order). Reached through the records' customer index and
 * the history's (record, id) index: a customer's changes are few, sorted after the join.
 */
export async function customerStatusChanges(db: DbOrTrx, actor: Actor, t: StatusHistoryTables, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]> {
  const query = scoped(
    db(`${t.history} as h`)
      .join(`${t.records} as r`, 'r.id', `h.${t.foreignKey}`)
      .leftJoin('users as u', 'u.id', 'h.changed_by')
      .where('r.customer_id', customerId)
      .select(
        'h.id',
        atKeySql(db, 'h.changed_at'),
        'h.from_status',
        'h.to_status',
        'h.reason',
        'h.changed_by',
        'u.name as changed_by_name',
        'r.id as record_id',
        `r.${t.numberColumn} as record_number`,
      ),
    actor,
    'r.branch_id',
  );
  const rows: {
    id: string | number;
    at_key: string;
    from_status: string | null;
    to_status: string;
    reason: string | null;
    changed_by: string | null;
    changed_by_name: string | null;
    record_id: string;
    record_number: string;
  }[] = await timelineWindow(query, t.kind, { at: 'h.changed_at', id: 'h.id' }, window);
  return rows.map((r) => ({
    kind: t.kind,
    id: String(r.id),
    atKey: r.at_key,
    title: r.record_number,
    detail: r.to_status,
    by: r.changed_by ? { id: r.changed_by, name: r.changed_by_name ?? '' } : null,
    record: { type: t.kind, id: r.record_id, number: r.record_number },
    statusChange: { from: r.from_status, to: r.to_status, reason: r.reason },
  }));
}

/** The columns an application's and a policy's list row share: the record joined with its customer and product version. */
export interface ContractListRow {
  id: string;
  status: string;
  customer_id: string;
  customer_number: string;
  first_name: string;
  last_name: string;
  product_id: string;
  product_name: string;
  product_category: string;
  product_version_id: string;
  version_number: number;
  sum_insured: string | number;
  currency: string;
  annual_premium: string | number;
  payment_frequency: string;
  branch_id: string;
}

/** The part of an application's or a policy's summary they share (contracts/common CONTRACT_SUMMARY_FIELDS). */
export function contractSummaryFields<R extends ContractListRow>(r: R) {
  return {
    id: r.id,
    status: r.status as R['status'],
    customer: { id: r.customer_id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}` },
    product: { id: r.product_id, name: r.product_name, category: r.product_category as R['product_category'], versionId: r.product_version_id, versionNumber: r.version_number },
    sumInsured: Number(r.sum_insured),
    currency: r.currency,
    annualPremium: Number(r.annual_premium),
    paymentFrequency: r.payment_frequency as PaymentFrequency,
    branchId: r.branch_id,
  };
}
