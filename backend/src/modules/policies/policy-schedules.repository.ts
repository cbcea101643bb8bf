// SQL for policy schedules: what a schedule shows about a policy, and the versions kept. First
// argument: the db or the transaction.
import type { Policy } from '../../contracts/policies';
import type { DbOrTrx, Trx } from '../../db';

/** The policy with what its schedule names: branch, policyholder, product version (with its coverage names), agent. */
export interface ScheduleSourceRow {
  id: string;
  policy_number: string;
  branch_id: string;
  branch_code: string;
  branch_name: string;
  status: string;
  customer_number: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  address_line1: string;
  address_line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  insured: Policy['insured'];
  product_name: string;
  version_number: number;
  coverage_definitions: { code: string; name: string }[];
  coverages: Policy['coverages'];
  sum_insured: string | number;
  currency: string;
  annual_premium: string | number;
  extra_premium_percent: number | null;
  exclusions: string[];
  payment_frequency: string;
  installment_count: number;
  installment_amount: string | number;
  first_installment_amount: string | number;
  term_years: number;
  start_date: string;
  end_date: string;
  beneficiaries: Policy['beneficiaries'];
  payment_method: Policy['paymentMethod'];
  agent_name: string;
  order_number: string;
  issued_at: Date;
}

export function scheduleSource(db: DbOrTrx, policyId: string): Promise<ScheduleSourceRow | undefined> {
  return db('policies as pol')
    .join('branches as b', 'b.id', 'pol.branch_id')
    .join('customers as c', 'c.id', 'pol.customer_id')
    .join('products as p', 'p.id', 'pol.product_id')
    .join('product_versions as v', 'v.id', 'pol.product_version_id')
    .join('users as a', 'a.id', 'pol.agent_id')
    .join('orders as o', 'o.id', 'pol.order_id')
    .where('pol.id', policyId)
    .first(
      'pol.*',
      'b.code as branch_code',
      'b.name as branch_name',
      'c.customer_number',
      'c.first_name',
      'c.last_name',
      'c.date_of_birth',
      'c.address_line1',
      'c.address_line2',
      'c.city',
      'c.region',
      'c.postal_code',
      'c.country',
      'p.name as product_name',
      'v.version_number',
      db.raw(`coalesce(v.definition -> 'coverages', '[]'::jsonb) AS coverage_definitions`),
      'a.name as agent_name',
      'o.order_number',
    );
}

export interface ScheduleRow {
  id: string;
  policy_id: string;
  version: number;
  document_id: string;
  sha256: string;
  reason: string;
  effective_date: string;
  created_by: string;
  created_by_name?: string;
  created_at: Date;
  filename?: string;
  size_bytes?: number;
}

export async function insertSchedule(trx: Trx, row: Omit<ScheduleRow, 'id' | 'created_by_name' | 'filename' | 'size_bytes'>): Promise<ScheduleRow> {
  const [created] = await trx('policy_schedules').insert(row).returning('*');
  return created;
}

/** The highest version kept for the policy (0 when none). */
export async function latestVersion(db: DbOrTrx, policyId: string): Promise<number> {
  const row = await db('policy_schedules').where({ policy_id: policyId }).max<{ max: number | null }>('version as max').first();
  return Number(row?.max ?? 0);
}

const withDocument = (db: DbOrTrx) =>
  db('policy_schedules as s')
    .join('documents as d', 'd.id', 's.document_id')
    .join('users as u', 'u.id', 's.created_by')
    .select('s.*', 'd.filename', 'd.size_bytes', 'u.name as created_by_name');

/** Every version of the policy's schedule, newest first. */
export function schedulesOf(db: DbOrTrx, policyId: string): Promise<ScheduleRow[]> {
  return withDocument(db).where('s.policy_id', policyId).orderBy('s.version', 'desc');
}

export function scheduleOf(db: DbOrTrx, policyId: string, version: number): Promise<ScheduleRow | undefined> {
  return withDocument(db).where({ 's.policy_id': policyId, 's.version': version }).first();
}

/** Policies without any schedule (issued before schedules existed), for the back-fill; only those issued by `issuedBy` when given. */
export function policiesWithoutSchedule(
  db: DbOrTrx,
  limit: number,
  issuedBy?: readonly string[],
): Promise<{ id: string; start_date: string; order_number: string; issued_by: string }[]> {
  const q = db('policies as pol')
    .join('orders as o', 'o.id', 'pol.order_id')
    .whereNotExists(db('policy_schedules as s').whereRaw('s.policy_id = pol.id'))
    .orderBy('pol.created_at')
    .limit(limit)
    .select('pol.id', 'pol.start_date', 'o.order_number', 'pol.issued_by');
  if (issuedBy) q.whereIn('pol.issued_by', issuedBy);
  return q;
}

export function policyBranch(db: DbOrTrx, policyId: string): Promise<{ id: string; branch_id: string } | undefined> {
  return db('policies').where({ id: policyId }).first('id', 'branch_id');
}

/** The newest schedule version of a policy. */
export function latestScheduleOf(db: DbOrTrx, policyId: string) {
  return db('policy_schedules')
    .where({ policy_id: policyId })
    .orderBy('version', 'desc')
    .first<{ version: number; effective_date: string; document_id: string } | undefined>('version', 'effective_date', 'document_id');
}
