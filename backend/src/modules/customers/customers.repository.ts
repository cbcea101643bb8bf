// SQL for customers. First argument: the db or the transaction.
import type { Knex } from 'knex';
import type { DbOrTrx, Trx } from '../../db';

export interface CustomerRow {
  id: string;
  customer_number: string;
  first_name: string;
  last_name: string;
  search_name: string;
  name_words: string[];
  date_of_birth: string;
  gender: 'female' | 'male' | 'non_binary' | 'unspecified';
  email: string | null;
  phone: string | null;
  phone_digits: string | null;
  address_line1: string;
  address_line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  national_id_ciphertext: string | null;
  national_id_key_id: string | null;
  national_id_index: string | null;
  national_id_masked: string | null;
  occupation: string | null;
  occupation_class: number;
  smoker: boolean;
  preferred_channel: 'phone' | 'email' | 'sms' | 'mail';
  consent_marketing: boolean;
  consent_marketing_at: Date | null;
  consent_data_processing: boolean;
  consent_data_processing_at: Date | null;
  branch_id: string;
  assigned_agent_id: string | null;
  assigned_agent_name?: string | null;
  status: 'prospect' | 'active' | 'inactive' | 'deceased' | 'merged';
  status_reason: string | null;
  merged_into_id: string | null;
  kyc_status: 'not_started' | 'pending' | 'verified' | 'rejected' | 'expired';
  kyc_verified_at: Date | null;
  kyc_expires_on: string | null;
  risk_score: number | null;
  risk_level: 'low' | 'medium' | 'high' | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
}

export type NewCustomerRow = Omit<
  CustomerRow,
  | 'id'
  | 'customer_number'
  | 'version'
  | 'status_reason'
  | 'merged_into_id'
  | 'kyc_status'
  | 'kyc_verified_at'
  | 'kyc_expires_on'
  | 'risk_score'
  | 'risk_level'
  | 'assigned_agent_name'
> & { status: CustomerRow['status'] };

export async function insertCustomer(db: DbOrTrx, row: NewCustomerRow): Promise<CustomerRow> {
  const [created] = await db('customers')
    .insert({ ...row, customer_number: db.raw(`next_customer_number()`) })
    .returning('*');
  return created;
}

/** The customer with its assigned agent's name (a query, for callers that read it within a larger statement). */
export function customerQuery(db: DbOrTrx, id: string): Knex.QueryBuilder {
  return db('customers as c').leftJoin('users as a', 'a.id', 'c.assigned_agent_id').where('c.id', id).select('c.*', 'a.name as assigned_agent_name');
}

export function findCustomer(db: DbOrTrx, id: string, { forUpdate = false } = {}): Promise<CustomerRow | undefined> {
  const q = customerQuery(db, id).first();
  if (forUpdate) q.forUpdate('c');
  return q;
}

/** The row with its assigned agent's name, as an UPDATE … RETURNING answers it (one statement). */
function returningWithAgent(db: DbOrTrx, update: Knex.QueryBuilder): Promise<CustomerRow | undefined> {
  return db.with('changed', update.returning('*')).from('changed').leftJoin('users as a', 'a.id', 'changed.assigned_agent_id').first('changed.*', 'a.name as assigned_agent_name');
}

/** Applies `changes` (and a new version) if the row is still at `version`; answers the row as it now is, or undefined. */
export function updateCustomerIfVersion(db: DbOrTrx, id: string, version: number, changes: Partial<CustomerRow>): Promise<CustomerRow | undefined> {
  return returningWithAgent(
    db,
    db('customers')
      .where({ id, version })
      .update({ ...changes, version: db.raw('version + 1') }),
  );
}

/** Applies `changes` and a new version (the caller holds the row lock); answers the row as it now is. */
export async function updateCustomer(db: DbOrTrx, id: string, changes: Partial<CustomerRow>): Promise<CustomerRow> {
  return (await returningWithAgent(
    db,
    db('customers')
      .where({ id })
      .update({ ...changes, version: db.raw('version + 1') }),
  ))!;
}

/** Locks the rows in id order (so two transactions locking the same pair cannot deadlock). */
export async function lockInOrder(trx: Trx, ids: string[]): Promise<void> {
  await trx('customers').whereIn('id', ids).orderBy('id').forUpdate().select('id');
}

/** What quoting and selling read of a customer who is not merged. */
export function findRatingFields(
  db: DbOrTrx,
  id: string,
): Promise<
  | Pick<CustomerRow, 'id' | 'customer_number' | 'branch_id' | 'date_of_birth' | 'gender' | 'smoker' | 'region' | 'country' | 'occupation_class' | 'risk_level' | 'kyc_status'>
  | undefined
> {
  return db('customers')
    .where({ id })
    .whereNot('status', 'merged')
    .first('id', 'customer_number', 'branch_id', 'date_of_birth', 'gender', 'smoker', 'region', 'country', 'occupation_class', 'risk_level', 'kyc_status');
}

export async function branchOf(db: DbOrTrx, id: string): Promise<string | undefined> {
  return (await db('customers').where({ id }).first('branch_id'))?.branch_id;
}

/** Verified customers whose KYC lapsed before `today`, locked (rows another transaction holds are skipped). */
export function lockLapsedKyc(trx: Trx, today: string): Promise<CustomerRow[]> {
  return trx('customers').where({ kyc_status: 'verified' }).where('kyc_expires_on', '<', today).forUpdate().skipLocked();
}

// --- Risk

/** Stores the current score (not a change of the record: the version stays). */
export async function setRisk(db: DbOrTrx, id: string, risk: Pick<CustomerRow, 'risk_score' | 'risk_level'>): Promise<void> {
  await db('customers').where({ id }).update(risk);
}

export async function insertRiskHistory(
  db: DbOrTrx,
  row: { customer_id: string; score: number; level: string; formula_version: string; factors: string; reason: string; computed_at: Date },
): Promise<void> {
  await db('customer_risk_scores').insert(row);
}

export function riskHistory(
  db: DbOrTrx,
  customerId: string,
  limit: number,
): Promise<{ score: number; level: NonNullable<CustomerRow['risk_level']>; reason: string; computed_at: Date }[]> {
  return db('customer_risk_scores')
    .where({ customer_id: customerId })
    .orderBy([
      { column: 'computed_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
}

/** Living customers whose birthday (MM-DD) is one of `monthDays` and whose age on `today` starts a band. */
export function enteredAgeBand(db: DbOrTrx, monthDays: string[], today: string, bandStarts: readonly number[]): Promise<string[]> {
  return db('customers')
    .whereNotIn('status', ['merged', 'deceased'])
    .whereRaw(`to_char(date_of_birth, 'MM-DD') = ANY(?)`, [monthDays])
    .whereRaw(`date_part('year', age(?::date, date_of_birth))::int = ANY(?)`, [today, bandStarts as number[]])
    .pluck('id');
}

// --- Duplicates

export interface DuplicateRow {
  id: string;
  customer_number: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  branch_id: string;
  reasons: (string | null)[];
}

/**
 * Living customers matching any of the probe's values (national id blind index, email, phone, or
 * birth date with a name similarity ≥ `nameThreshold`), each with the reasons it matched.
 */
export function duplicateRows(
  db: DbOrTrx,
  probe: { nationalIdIndex?: string | null; email?: string | null; phone?: string | null; dateOfBirth?: string | null; searchName?: string | null; excludeId?: string },
  nameThreshold: number,
  limit: number,
): Promise<DuplicateRow[]> {
  // Each condition appears twice — to find rows and to name the reasons — always with bindings.
  const conditions: string[] = [];
  const bindings: unknown[] = [];
  const reasonSql: string[] = [];
  const reasonBindings: unknown[] = [];
  const add = (condition: string, values: unknown[], reason: string) => {
    conditions.push(condition);
    bindings.push(...values);
    reasonSql.push(`CASE WHEN ${condition} THEN '${reason}' END`);
    reasonBindings.push(...values);
  };
  if (probe.nationalIdIndex) add('c.national_id_index = ?', [probe.nationalIdIndex], 'national_id');
  if (probe.email) add('c.email = ?', [probe.email], 'email');
  if (probe.phone) add('c.phone = ?', [probe.phone], 'phone');
  if (probe.dateOfBirth && probe.searchName)
    add('(c.date_of_birth = ? AND similarity(c.search_name, ?) >= ?)', [probe.dateOfBirth, probe.searchName, nameThreshold], 'name_and_birth_date');
  if (!conditions.length) return Promise.resolve([]);

  return db('customers as c')
    .select(
      'c.id',
      'c.customer_number',
      'c.first_name',
      'c.last_name',
      'c.date_of_birth',
      'c.branch_id',
      db.raw(`ARRAY[${reasonSql.join(', ')}] AS reasons`, reasonBindings as never[]),
    )
    .whereNot('c.status', 'merged')
    .modify((q) => {
      if (probe.excludeId) q.whereNot('c.id', probe.excludeId);
    })
    .whereRaw(`(${conditions.join(' OR ')})`, bindings as never[])
    .orderBy('c.customer_number')
    .limit(limit);
}

export function insertStatusHistory(
  db: DbOrTrx,
  row: { customer_id: string; from_status: string | null; to_status: string; reason: string | null; changed_by: string | null; changed_at: Date },
) {
  return db('customer_status_history').insert(row);
}

/** Columns a search result shows, plus the sort keys. */
export function summaryColumns(db: DbOrTrx): (string | Knex.Raw)[] {
  return [
    'c.id',
    'c.customer_number',
    'c.first_name',
    'c.last_name',
    'c.date_of_birth',
    'c.email',
    'c.phone',
    'c.city',
    'c.postal_code',
    'c.status',
    'c.kyc_status',
    'c.branch_id',
    'c.created_at',
    db.raw('lower(c.last_name) AS sort_last'),
    db.raw('lower(c.first_name) AS sort_first'),
  ];
}

/** Numbers and names by id, for other modules' lists (one query for a page). */
export async function namesOf(db: DbOrTrx, ids: readonly string[]): Promise<{ id: string; customer_number: string; first_name: string; last_name: string }[]> {
  if (!ids.length) return [];
  // One array parameter: a worklist can name tens of thousands of customers (PostgreSQL takes 65,535 parameters).
  return db('customers')
    .whereRaw('id = ANY(?::uuid[])', [[...ids]])
    .select('id', 'customer_number', 'first_name', 'last_name');
}

/** Business numbers by id, for the audit trail (one query for a page of entries). */
export async function numbersOf(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows: { id: string; number: string }[] = await db('customers').whereIn('id', ids).select('id', 'customer_number as number');
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** Living customers with exactly this phone (E.164), by customer number. */
export function livingByPhone(
  db: DbOrTrx,
  phone: string,
  limit: number,
): Promise<{ id: string; customer_number: string; first_name: string; last_name: string; branch_id: string }[]> {
  return db('customers')
    .where({ phone })
    .whereNot('status', 'merged')
    .orderBy('customer_number')
    .limit(limit)
    .select('id', 'customer_number', 'first_name', 'last_name', 'branch_id');
}
