// SQL of bank statements, their lines and the payments matched to them. First argument: the knex or transaction.
import type { StatementLineStatus, StatementMapping } from '../../contracts/reconciliation';
import type { DbOrTrx, Trx } from '../../db';
import { keysetPage, type SortKey } from '../../platform/pagination';

export interface StatementRow {
  id: string;
  filename: string;
  currency: string;
  sha256: string;
  source: 'upload' | 'payout' | 'payout_failure';
  payout_reference: string | null;
  mapping: StatementMapping | null;
  line_count: number;
  date_from: string;
  date_to: string;
  uploaded_by: string | null;
  uploaded_by_name: string | null;
  uploaded_at: Date;
  unmatched: number;
  matched: number;
  explained: number;
}

export interface LineRow {
  id: string;
  statement_id: string;
  line_no: number;
  value_date: string;
  currency: string;
  amount: number;
  fee: number;
  reference: string;
  description: string;
  status: StatementLineStatus;
  explanation: string | null;
  fee_entry_id: string | null;
  version: number;
}

export interface MatchRow {
  line_id: string;
  payment_id: string;
  amount: number;
  matched_by: string | null;
  matched_by_name: string | null;
}

const statements = (db: DbOrTrx) =>
  db('bank_statements as s')
    .leftJoin('users as u', 'u.id', 's.uploaded_by')
    .select(
      's.id',
      's.filename',
      's.currency',
      's.sha256',
      's.source',
      's.payout_reference',
      's.mapping',
      's.line_count',
      db.raw(`to_char(s.date_from, 'YYYY-MM-DD') AS date_from`),
      db.raw(`to_char(s.date_to, 'YYYY-MM-DD') AS date_to`),
      's.uploaded_by',
      'u.name as uploaded_by_name',
      's.uploaded_at',
      db.raw(`(SELECT count(*) FILTER (WHERE l.status = 'unmatched')::int FROM bank_statement_lines l WHERE l.statement_id = s.id) AS unmatched`),
      db.raw(`(SELECT count(*) FILTER (WHERE l.status = 'matched')::int FROM bank_statement_lines l WHERE l.statement_id = s.id) AS matched`),
      db.raw(`(SELECT count(*) FILTER (WHERE l.status = 'explained')::int FROM bank_statement_lines l WHERE l.statement_id = s.id) AS explained`),
    );

export const findStatement = (
  db: DbOrTrx,
  where: { id: string } | { sha256: string } | { payoutReference: string; source: 'payout' | 'payout_failure' },
): Promise<StatementRow | undefined> =>
  statements(db)
    .where('id' in where ? { 's.id': where.id } : 'sha256' in where ? { 's.sha256': where.sha256 } : { 's.payout_reference': where.payoutReference, 's.source': where.source })
    .first();

const STATEMENT_KEYS: SortKey[] = [
  { column: 's.uploaded_at', field: 'uploaded_at', dir: 'desc' },
  { column: 's.id', field: 'id', dir: 'desc' },
];
export const statementPage = (db: DbOrTrx, page: { limit: number; cursor?: string }) => keysetPage<StatementRow & Record<string, unknown>>(statements(db), STATEMENT_KEYS, page);

/** The statement, unless the same file was stored first by a concurrent upload (then undefined). */
export async function insertStatementIfNew(
  trx: Trx,
  row: {
    filename: string;
    currency: string;
    sha256: string;
    mapping: StatementMapping | null;
    line_count: number;
    date_from: string;
    date_to: string;
    uploaded_by: string | null;
    uploaded_at: Date;
    source?: 'upload' | 'payout' | 'payout_failure';
    payout_reference?: string;
    webhook_event_id?: string;
  },
): Promise<string | undefined> {
  // A payout's statement is also unique by (payout, source): a second event for one payout stores nothing.
  const [inserted] = await trx('bank_statements')
    .insert({ ...row, mapping: row.mapping ? JSON.stringify(row.mapping) : null })
    .onConflict()
    .ignore()
    .returning('id');
  return inserted?.id as string | undefined;
}

export async function insertLines(
  trx: Trx,
  rows: { statement_id: string; line_no: number; value_date: string; currency: string; amount: number; fee: number; reference: string; description: string; created_at: Date }[],
): Promise<LineRow[]> {
  const out: LineRow[] = [];
  for (let i = 0; i < rows.length; i += 1_000) {
    const chunk = rows.slice(i, i + 1_000).map((r) => ({ ...r, status: 'unmatched', updated_at: r.created_at }));
    out.push(...((await trx('bank_statement_lines').insert(chunk).returning(LINE_COLUMNS(trx))) as LineRow[]));
  }
  return out;
}

const LINE_COLUMNS = (db: DbOrTrx) => [
  'id',
  'statement_id',
  'line_no',
  db.raw(`to_char(value_date, 'YYYY-MM-DD') AS value_date`),
  'currency',
  'amount',
  'fee',
  'reference',
  'description',
  'status',
  'explanation',
  'fee_entry_id',
  'version',
];

export const linesOf = (db: DbOrTrx, statementId: string): Promise<LineRow[]> =>
  db('bank_statement_lines')
    .where({ statement_id: statementId })
    .orderBy('line_no')
    .select(...LINE_COLUMNS(db));

export const lockLine = (trx: Trx, id: string): Promise<LineRow | undefined> =>
  trx('bank_statement_lines')
    .where({ id })
    .forUpdate()
    .first(...LINE_COLUMNS(trx));

export const findLine = (db: DbOrTrx, id: string): Promise<LineRow | undefined> =>
  db('bank_statement_lines')
    .where({ id })
    .first(...LINE_COLUMNS(db));

const LINE_KEYS: SortKey[] = [
  { column: 'value_date', field: 'value_date', dir: 'asc' },
  { column: 'line_no', field: 'line_no', dir: 'asc' },
  { column: 'id', field: 'id', dir: 'asc' },
];

/** The worklist: lines of a status (optionally one statement's), oldest first (then in the file's order). */
export function linePage(db: DbOrTrx, q: { status: StatementLineStatus; statementId?: string }, page: { limit: number; cursor?: string }) {
  const query = db('bank_statement_lines')
    .where({ status: q.status })
    .select(...LINE_COLUMNS(db));
  if (q.statementId) query.where({ statement_id: q.statementId });
  return keysetPage<LineRow & Record<string, unknown>>(query, LINE_KEYS, page);
}

/** The line leaves the worklist (version + 1); undefined when someone else changed it first. */
export async function resolveLine(
  trx: Trx,
  id: string,
  version: number,
  change: { status: 'matched' | 'explained'; explanation?: string; fee_entry_id?: string | null; resolved_by: string | null; at: Date },
): Promise<LineRow | undefined> {
  const [row] = await trx('bank_statement_lines')
    .where({ id, version, status: 'unmatched' })
    .update({
      status: change.status,
      explanation: change.explanation ?? null,
      fee_entry_id: change.fee_entry_id ?? null,
      resolved_by: change.resolved_by,
      resolved_at: change.at,
      version: trx.raw('version + 1'),
      updated_at: change.at,
    })
    .returning(LINE_COLUMNS(trx));
  return row as LineRow | undefined;
}

export async function insertMatches(trx: Trx, rows: { line_id: string; payment_id: string; amount: number; matched_by: string | null; created_at: Date }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1_000) await trx('reconciliation_matches').insert(rows.slice(i, i + 1_000));
}

export const matchesOf = (db: DbOrTrx, lineIds: string[]): Promise<MatchRow[]> =>
  lineIds.length
    ? db('reconciliation_matches as m')
        .leftJoin('users as u', 'u.id', 'm.matched_by')
        .whereIn('m.line_id', lineIds)
        .orderBy('m.id')
        .select('m.line_id', 'm.payment_id', 'm.amount', 'm.matched_by', 'u.name as matched_by_name')
    : Promise.resolve([]);

/** Which of the payments are matched to a line already. */
export async function matchedPaymentIds(db: DbOrTrx, paymentIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < paymentIds.length; i += 5_000) {
    const rows = await db('reconciliation_matches')
      .whereIn('payment_id', paymentIds.slice(i, i + 5_000))
      .select('payment_id');
    for (const r of rows) out.add(r.payment_id as string);
  }
  return out;
}

/** Unmatched lines dated within the dates whose money (amount + fee, either sign) is above the threshold. */
export async function openLinesAbove(db: DbOrTrx, from: string, to: string, threshold: number): Promise<{ count: number; ids: string[] }> {
  const rows = await db('bank_statement_lines')
    .where({ status: 'unmatched' })
    .whereBetween('value_date', [from, to])
    .whereRaw('abs(amount + fee) > ?', [threshold])
    .orderBy([{ column: 'value_date' }, { column: 'id' }])
    .select('id');
  return { count: rows.length, ids: rows.slice(0, 100).map((r) => r.id as string) };
}

/** The months (YYYY-MM) holding unmatched lines above the threshold. */
export async function monthsWithOpenLines(db: DbOrTrx, threshold: number): Promise<Set<string>> {
  const rows = await db('bank_statement_lines')
    .where({ status: 'unmatched' })
    .whereRaw('abs(amount + fee) > ?', [threshold])
    .distinct(db.raw(`to_char(value_date, 'YYYY-MM') AS month`));
  return new Set(rows.map((r) => r.month as string));
}
