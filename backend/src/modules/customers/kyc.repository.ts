// SQL for KYC verification records. First argument: the db or the transaction.
import type { KycVerification } from '../../contracts/customers';
import type { DbOrTrx, Trx } from '../../db';

export interface VerificationRow {
  id: string;
  customer_id: string;
  document_type: KycVerification['documentType'];
  document_number_masked: string;
  issuing_country: string;
  expiry_date: string | null;
  result: KycVerification['result'];
  result_reason: string | null;
  notes: string | null;
  checked_by: string | null;
  checked_by_name?: string | null;
  checked_at: Date | null;
  created_by: string | null;
  created_at: Date;
  version: number;
}

/** Verifications with the name of who checked them. */
function withChecker(db: DbOrTrx) {
  return db('kyc_verifications as v').leftJoin('users as u', 'u.id', 'v.checked_by').select('v.*', 'u.name as checked_by_name');
}

/** A customer's verifications, newest first. */
export function ofCustomer(db: DbOrTrx, customerId: string): Promise<VerificationRow[]> {
  return withChecker(db).where('v.customer_id', customerId).orderBy('v.created_at', 'desc');
}

export function findVerification(db: DbOrTrx, id: string): Promise<VerificationRow> {
  return withChecker(db).where('v.id', id).first();
}

export function lockVerification(trx: Trx, customerId: string, id: string): Promise<(VerificationRow & { document_number_ciphertext: string }) | undefined> {
  return trx('kyc_verifications').where({ id, customer_id: customerId }).forUpdate().first();
}

export async function insertVerification(
  trx: Trx,
  row: Pick<VerificationRow, 'customer_id' | 'document_type' | 'document_number_masked' | 'issuing_country' | 'expiry_date' | 'notes' | 'created_at' | 'created_by'> & {
    document_number_ciphertext: string;
    document_number_key_id: string;
    updated_at: Date;
  },
): Promise<VerificationRow> {
  const [created] = await trx('kyc_verifications').insert(row).returning('*');
  return created;
}

/** Records the check (and a new version). */
export async function recordCheck(
  trx: Trx,
  id: string,
  check: { result: 'verified' | 'rejected'; result_reason?: string; notes: string | null; checked_by: string; checked_at: Date; updated_at: Date },
): Promise<void> {
  await trx('kyc_verifications')
    .where({ id })
    .update({ ...check, version: trx.raw('version + 1') });
}

export async function moveToCustomer(trx: Trx, sourceId: string, targetId: string): Promise<void> {
  await trx('kyc_verifications').where({ customer_id: sourceId }).update({ customer_id: targetId });
}
