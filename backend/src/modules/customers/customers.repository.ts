// SQL for customers. First argument: the db or the transaction.
import type { Knex } from 'knex';
import type { DbOrTrx } from '../../db';

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

export type NewCustomerRow = Omit<CustomerRow, 'id' | 'customer_number' | 'version' | 'status_reason' | 'merged_into_id' | 'kyc_status' | 'kyc_verified_at' | 'kyc_expires_on' | 'risk_score' | 'risk_level' | 'assigned_agent_name'> & { status: CustomerRow['status'] };

export async function insertCustomer(db: DbOrTrx, row: NewCustomerRow): Promise<CustomerRow> {
  const [created] = await db('customers')
    .insert({ ...row, customer_number: db.raw(`next_customer_number()`) })
    .returning('*');
  return created;
}

export function findCustomer(db: DbOrTrx, id: string, { forUpdate = false } = {}): Promise<CustomerRow | undefined> {
  const q = db('customers as c')
    .leftJoin('users as a', 'a.id', 'c.assigned_agent_id')
    .where('c.id', id)
    .first('c.*', 'a.name as assigned_agent_name');
  if (forUpdate) q.forUpdate('c');
  return q;
}

export async function updateCustomerIfVersion(db: DbOrTrx, id: string, version: number, changes: Partial<CustomerRow>): Promise<boolean> {
  const updated = await db('customers')
    .where({ id, version })
    .update({ ...changes, version: db.raw('version + 1') });
  return updated === 1;
}

export function insertStatusHistory(db: DbOrTrx, row: { customer_id: string; from_status: string | null; to_status: string; reason: string | null; changed_by: string | null; changed_at: Date }) {
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
    db.raw('lower(c.last_name) AS sort_last'),
    db.raw('lower(c.first_name) AS sort_first'),
  ];
}
