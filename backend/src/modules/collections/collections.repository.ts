// SQL of collections: dunning plans and their history, the steps run, promises to pay and their
// history. First argument: the db or the transaction.
import type { DunningStep } from '../../contracts/collections';
import type { DbOrTrx } from '../../db';

export interface PlanRow {
  product_version_id: string;
  steps: DunningStep[];
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string;
  updated_by: string;
  updated_by_name?: string | null;
}

export interface RunRow {
  id: string;
  invoice_id: string;
  step_key: string;
  action: DunningStep['action'];
  plan_version: number;
  day: string;
  outcome: 'message_queued' | 'no_recipient' | 'task_created';
  channel: string | null;
  message_id: string | null;
  task_id: string | null;
  created_at: Date;
}

export interface PromiseRow {
  id: string;
  invoice_id: string;
  policy_id: string;
  customer_id: string;
  branch_id: string;
  currency: string;
  amount: number;
  open_amount_at_promise: number;
  promised_for: string;
  channel: string;
  note: string | null;
  status: 'open' | 'kept' | 'broken';
  settled_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string;
  created_by_name?: string | null;
}

/** Serialises everything collections does to one invoice (steps, promises) in the caller's transaction. */
export async function lockInvoice(trx: DbOrTrx, invoiceId: string): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`collections:invoice:${invoiceId}`]);
}

// --- Plans

const planColumns = (db: DbOrTrx) => [
  'p.product_version_id',
  'p.steps',
  'p.version',
  'p.created_at',
  'p.updated_at',
  'p.created_by',
  'p.updated_by',
  db.raw('u.name AS updated_by_name'),
];

export function plans(db: DbOrTrx, productVersionIds?: readonly string[]): Promise<PlanRow[]> {
  const q = db('collections_dunning_plans as p').leftJoin('users as u', 'u.id', 'p.updated_by').select(planColumns(db)).orderBy('p.product_version_id');
  if (productVersionIds) q.whereIn('p.product_version_id', productVersionIds as string[]);
  return q;
}

export async function plan(db: DbOrTrx, productVersionId: string, options: { lock?: boolean } = {}): Promise<PlanRow | undefined> {
  const q = db('collections_dunning_plans as p').leftJoin('users as u', 'u.id', 'p.updated_by').select(planColumns(db)).where('p.product_version_id', productVersionId).first();
  if (options.lock) q.forUpdate('p');
  return q;
}

/** False: another save made the version's first plan first (it waited for that one to commit). */
export async function insertPlan(db: DbOrTrx, row: Omit<PlanRow, 'updated_by_name'>): Promise<boolean> {
  const inserted = await db('collections_dunning_plans')
    .insert({ ...row, steps: JSON.stringify(row.steps) })
    .onConflict('product_version_id')
    .ignore()
    .returning('product_version_id');
  return inserted.length === 1;
}

/** Zero rows: the version moved (someone else saved first). */
export function updatePlanIfVersion(
  db: DbOrTrx,
  productVersionId: string,
  version: number,
  patch: { steps: DunningStep[]; updated_at: Date; updated_by: string },
): Promise<number> {
  return db('collections_dunning_plans')
    .where({ product_version_id: productVersionId, version })
    .update({ steps: JSON.stringify(patch.steps), updated_at: patch.updated_at, updated_by: patch.updated_by, version: version + 1 });
}

export async function insertPlanHistory(
  db: DbOrTrx,
  row: { product_version_id: string; version: number; steps: DunningStep[]; changed_by: string; changed_at: Date },
): Promise<void> {
  await db('collections_dunning_plan_history').insert({ ...row, steps: JSON.stringify(row.steps) });
}

export function planHistory(
  db: DbOrTrx,
  productVersionId: string,
): Promise<{ version: number; steps: DunningStep[]; changed_by: string; changed_by_name: string | null; changed_at: Date }[]> {
  return db('collections_dunning_plan_history as h')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .where('h.product_version_id', productVersionId)
    .orderBy('h.version', 'desc')
    .select('h.version', 'h.steps', 'h.changed_by', 'u.name as changed_by_name', 'h.changed_at');
}

// --- Steps run

export function runsOf(db: DbOrTrx, invoiceIds: readonly string[]): Promise<RunRow[]> {
  if (!invoiceIds.length) return Promise.resolve([]);
  return (
    db<RunRow>('collections_dunning_runs')
      // One array parameter, not one per id: every overdue invoice can be tens of thousands (PostgreSQL takes 65,535 parameters).
      .whereRaw('invoice_id = ANY(?::uuid[])', [[...invoiceIds]])
      .select('*', db.raw(`to_char(day, 'YYYY-MM-DD') AS day`))
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
  );
}

export async function insertRun(db: DbOrTrx, row: Omit<RunRow, 'id'>): Promise<void> {
  await db('collections_dunning_runs').insert(row);
}

// --- Promises

const promiseColumns = (db: DbOrTrx) => ['pr.*', db.raw(`to_char(pr.promised_for, 'YYYY-MM-DD') AS promised_for`), db.raw('u.name AS created_by_name')];

const promises = (db: DbOrTrx) => db('collections_promises as pr').leftJoin('users as u', 'u.id', 'pr.created_by').select(promiseColumns(db));

export async function insertPromise(db: DbOrTrx, row: Omit<PromiseRow, 'id' | 'version' | 'settled_at' | 'created_by_name'>): Promise<string> {
  const [{ id }] = await db('collections_promises').insert(row).returning('id');
  return id;
}

export function promise(db: DbOrTrx, id: string, options: { lock?: boolean } = {}): Promise<PromiseRow | undefined> {
  const q = promises(db).where('pr.id', id).first();
  if (options.lock) q.forUpdate('pr');
  return q;
}

export function promisesOf(db: DbOrTrx, invoiceIds: readonly string[], options: { openOnly?: boolean } = {}): Promise<PromiseRow[]> {
  if (!invoiceIds.length) return Promise.resolve([]);
  const q = promises(db)
    .whereRaw('pr.invoice_id = ANY(?::uuid[])', [[...invoiceIds]])
    .orderBy([
      { column: 'pr.created_at', order: 'desc' },
      { column: 'pr.id', order: 'desc' },
    ]);
  if (options.openOnly) q.where('pr.status', 'open');
  return q;
}

export function openPromiseIds(db: DbOrTrx): Promise<{ id: string; invoice_id: string }[]> {
  return db('collections_promises').where('status', 'open').select('id', 'invoice_id').orderBy('created_at');
}

/** Zero rows: it was settled meanwhile. */
export function settlePromise(db: DbOrTrx, id: string, status: 'kept' | 'broken', at: Date): Promise<number> {
  return db('collections_promises')
    .where({ id, status: 'open' })
    .update({ status, settled_at: at, updated_at: at, version: db.raw('version + 1') });
}

export async function insertPromiseHistory(
  db: DbOrTrx,
  row: { promise_id: string; from_status: string | null; to_status: string; changed_by: string | null; changed_at: Date },
): Promise<void> {
  await db('collections_promise_history').insert(row);
}

/** Promises settled (kept, broken) with their settlement's business date in the period, and those open now, in the branches. */
export async function promiseCounts(
  db: DbOrTrx,
  q: { from: string; to: string; timeZone: string; branchIds: readonly string[] | 'all' },
): Promise<{ kept: number; broken: number; open: number }> {
  const query = db('collections_promises')
    .select(
      db.raw(`count(*) FILTER (WHERE status = 'kept' AND CAST(settled_at AT TIME ZONE ? AS date) BETWEEN ? AND ?) AS kept`, [q.timeZone, q.from, q.to]),
      db.raw(`count(*) FILTER (WHERE status = 'broken' AND CAST(settled_at AT TIME ZONE ? AS date) BETWEEN ? AND ?) AS broken`, [q.timeZone, q.from, q.to]),
      db.raw(`count(*) FILTER (WHERE status = 'open') AS open`),
    )
    .first();
  if (q.branchIds !== 'all') query.whereIn('branch_id', q.branchIds as string[]);
  const row = await query;
  return { kept: Number(row.kept), broken: Number(row.broken), open: Number(row.open) };
}
