// SQL for saved custom reports. First argument: the db or the transaction. Only the `custom_report*`
// tables (and users, for the owner's name).
import type { Role } from '../../contracts/auth';
import type { Page } from '../../contracts/common';
import type { CustomReportDefinition } from '../../contracts/custom-reports';
import type { DbOrTrx } from '../../db';
import { keysetPage, type SortKey } from '../../platform/pagination';

export interface CustomReportRow {
  id: string;
  seq: number;
  name: string;
  description: string;
  dataset: string;
  definition: CustomReportDefinition;
  shared_with_role: Role | null;
  owner_id: string;
  owner_name: string;
  branch_id: string;
  deleted_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export type CustomReportFields = Pick<CustomReportRow, 'name' | 'description' | 'dataset' | 'definition' | 'shared_with_role'>;

const withOwner = (db: DbOrTrx) => db('custom_reports as r').join('users as u', 'u.id', 'r.owner_id').whereNull('r.deleted_at').select('r.*', 'u.name as owner_name');

export async function insertReport(db: DbOrTrx, row: CustomReportFields & Pick<CustomReportRow, 'owner_id' | 'branch_id' | 'created_at' | 'updated_at'>): Promise<{ id: string }> {
  const [inserted] = await db('custom_reports')
    .insert({ ...row, definition: JSON.stringify(row.definition) })
    .returning('id');
  return inserted as { id: string };
}

/** A report that is not deleted, with its owner's name; `forUpdate` locks it. */
export async function findReport(db: DbOrTrx, id: string, forUpdate = false): Promise<CustomReportRow | undefined> {
  const q = withOwner(db).where('r.id', id).first();
  return (forUpdate ? q.forUpdate('r') : q) as Promise<CustomReportRow | undefined>;
}

export async function updateIfVersion(db: DbOrTrx, id: string, version: number, fields: Partial<CustomReportFields> & { deleted_at?: Date }, now: Date): Promise<boolean> {
  const n = await db('custom_reports')
    .where({ id, version })
    .whereNull('deleted_at')
    .update({ ...fields, ...(fields.definition ? { definition: JSON.stringify(fields.definition) } : {}), version: db.raw('version + 1'), updated_at: now });
  return n === 1;
}

export async function insertHistory(
  db: DbOrTrx,
  row: { report_id: string; version: number; change: 'create' | 'update' | 'delete'; report: object; changed_by: string; changed_at: Date },
) {
  await db('custom_report_history').insert({ ...row, report: JSON.stringify(row.report) });
}

const LIST_ORDER: SortKey[] = [{ column: 'r.seq', field: 'seq', dir: 'desc' }];

/** The reports a user sees — their own and those shared with their role — among `datasets`, newest first. */
export function listVisible(db: DbOrTrx, userId: string, role: Role, datasets: readonly string[], page: { limit: number; cursor?: string }): Promise<Page<CustomReportRow>> {
  const q = withOwner(db)
    .whereIn('r.dataset', datasets)
    .where((w) => w.where('r.owner_id', userId).orWhere('r.shared_with_role', role));
  return keysetPage<CustomReportRow & Record<string, unknown>>(q, LIST_ORDER, page);
}
