// The chart-of-accounts mapping (one revision for the whole set) and the journal export batches.
import type { DbOrTrx, Trx } from '../../db';

export interface GlMapRow {
  kind: string;
  gl_code: string;
  gl_name: string;
  revision: string | number;
}

export interface BatchRow {
  id: string;
  period_start: string;
  format: 'quickbooks' | 'netsuite' | 'generic';
  filename: string;
  content: string;
  sha256: string;
  line_count: number;
  entry_count: number;
  totals: { currency: string; debits: number; credits: number }[];
  mapping: Record<string, { glCode: string; glName: string }>;
  created_by: string;
  created_by_name: string;
  created_at: Date;
}

export const mappingRows = (db: DbOrTrx): Promise<GlMapRow[]> => db('gl_account_map').orderBy('kind').select('kind', 'gl_code', 'gl_name', 'revision');

export async function mappingRevision(db: DbOrTrx): Promise<number> {
  const [row] = await db('gl_account_map').max<{ max: string | null }[]>('revision as max');
  return Number(row?.max ?? 0);
}

/** One editor of the mapping at a time (readers go on). */
export async function lockMapping(trx: Trx): Promise<void> {
  await trx.raw('LOCK TABLE gl_account_map IN SHARE ROW EXCLUSIVE MODE');
}

export async function replaceMapping(trx: Trx, rows: { kind: string; gl_code: string; gl_name: string }[], by: string, now: Date): Promise<number> {
  const { rows: seq } = await trx.raw<{ rows: { r: string }[] }>("SELECT nextval('gl_account_map_revision_seq')::bigint AS r");
  const revision = Number(seq[0]!.r);
  await trx('gl_account_map').delete();
  if (rows.length) await trx('gl_account_map').insert(rows.map((r) => ({ ...r, revision, updated_at: now, updated_by: by })));
  return revision;
}

const batches = (db: DbOrTrx) =>
  db('journal_export_batches as b')
    .join('users as u', 'u.id', 'b.created_by')
    .select(
      'b.id',
      db.raw(`to_char(b.period_start, 'YYYY-MM-DD') AS period_start`),
      'b.format',
      'b.filename',
      'b.sha256',
      'b.line_count',
      'b.entry_count',
      'b.totals',
      'b.mapping',
      'b.created_by',
      'u.name as created_by_name',
      'b.created_at',
    );

export const listBatches = (db: DbOrTrx): Promise<Omit<BatchRow, 'content'>[]> => batches(db).orderBy([{ column: 'b.period_start', order: 'desc' }, 'b.format']);

export const findBatch = (db: DbOrTrx, where: { id: string } | { period_start: string; format: string }): Promise<Omit<BatchRow, 'content'> | undefined> =>
  batches(db)
    .where('id' in where ? { 'b.id': where.id } : { 'b.period_start': where.period_start, 'b.format': where.format })
    .first();

export async function batchContent(db: DbOrTrx, id: string): Promise<string | undefined> {
  return (await db('journal_export_batches').where({ id }).first('content'))?.content;
}

/** The batch, unless another transaction made the same month and format first (then undefined). */
export async function insertBatchIfNew(trx: Trx, row: Omit<BatchRow, 'id' | 'created_by_name'>): Promise<string | undefined> {
  const [inserted] = await trx('journal_export_batches')
    .insert({ ...row, totals: JSON.stringify(row.totals), mapping: JSON.stringify(row.mapping) })
    .onConflict(['period_start', 'format'])
    .ignore()
    .returning('id');
  return inserted?.id as string | undefined;
}
