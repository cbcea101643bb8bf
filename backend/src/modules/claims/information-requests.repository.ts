// SQL of the requests for information to the claimant (claim_information_requests and their history).
import type { ClaimDocumentCode, InformationRequestStatus } from '../../contracts/claims';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { scoped } from '../../platform/scope';

export interface InformationRequestRow {
  id: string;
  claim_id: string;
  items: string;
  document_code: ClaimDocumentCode | null;
  due_on: string;
  status: InformationRequestStatus;
  sent_via: 'email' | 'sms' | null;
  sent_to: 'reporter' | 'policyholder' | null;
  recipient: string | null;
  requested_by: string;
  requested_at: Date;
  closed_by: string | null;
  closed_at: Date | null;
  close_note: string | null;
  version: number;
  updated_at: Date;
}
export interface InformationRequestView extends InformationRequestRow {
  requested_by_name: string;
  closed_by_name: string | null;
}

export async function insertRequest(
  trx: Trx,
  row: Omit<InformationRequestRow, 'id' | 'status' | 'closed_by' | 'closed_at' | 'close_note' | 'version'>,
): Promise<InformationRequestRow> {
  const [created] = await trx('claim_information_requests').insert(row).returning('*');
  return created;
}

/** Closes an open request of the claim (received or cancelled); undefined when it is not open (or not the claim's). */
export async function closeRequest(
  trx: Trx,
  claimId: string,
  id: string,
  changes: { status: 'received' | 'cancelled'; closed_by: string; closed_at: Date; close_note: string | null },
): Promise<InformationRequestRow | undefined> {
  const [row] = await trx('claim_information_requests')
    .where({ id, claim_id: claimId, status: 'open' })
    .update({ ...changes, updated_at: changes.closed_at, version: trx.raw('version + 1') })
    .returning('*');
  return row;
}

export function findRequest(db: DbOrTrx, claimId: string, id: string): Promise<InformationRequestRow | undefined> {
  return db('claim_information_requests').where({ id, claim_id: claimId }).first();
}

export async function markSent(trx: Trx, id: string, sent: { sent_via: 'email' | 'sms'; sent_to: 'reporter' | 'policyholder'; recipient: string }): Promise<void> {
  await trx('claim_information_requests').where({ id, status: 'open' }).update(sent);
}

export async function insertRequestHistory(
  trx: Trx,
  row: { request_id: string; from_status: InformationRequestStatus | null; to_status: InformationRequestStatus; reason: string | null; changed_by: string; changed_at: Date },
): Promise<void> {
  await trx('claim_information_request_history').insert(row);
}

const view = (db: DbOrTrx) =>
  db('claim_information_requests as r')
    .join('users as rb', 'rb.id', 'r.requested_by')
    .leftJoin('users as cb', 'cb.id', 'r.closed_by')
    .select('r.*', 'rb.name as requested_by_name', 'cb.name as closed_by_name');

/** A claim's requests, oldest first. */
export function requestsOf(db: DbOrTrx, claimId: string): Promise<InformationRequestView[]> {
  return view(db).where('r.claim_id', claimId).orderBy('r.seq');
}

/** A claim's open requests, the earliest due first. */
export function openRequestsOf(db: DbOrTrx, claimId: string): Promise<Pick<InformationRequestRow, 'id' | 'items' | 'document_code' | 'due_on'>[]> {
  return db('claim_information_requests')
    .where({ claim_id: claimId, status: 'open' })
    .orderBy([{ column: 'due_on' }, { column: 'seq' }])
    .select('id', 'items', 'document_code', 'due_on');
}

export async function historiesOf(db: DbOrTrx, requestIds: string[]) {
  if (!requestIds.length) return [];
  return db('claim_information_request_history as h')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .whereIn('h.request_id', requestIds)
    .orderBy('h.id')
    .select('h.*', 'u.name as changed_by_name') as Promise<
    {
      request_id: string;
      from_status: InformationRequestStatus | null;
      to_status: InformationRequestStatus;
      reason: string | null;
      changed_by: string;
      changed_by_name: string;
      changed_at: Date;
    }[]
  >;
}

export interface WorkRequestRow {
  id: string;
  items: string;
  document_code: ClaimDocumentCode | null;
  due_on: string;
  claim_id: string;
  claim_number: string;
  claim_status: string;
  branch_id: string;
  customer_name: string;
}

/**
 * "My work": the open requests the caller follows up — on claims assigned to them, or that they
 * asked on a claim nobody is assigned — in their branches.
 */
export function openRequestsFollowedBy(db: DbOrTrx, actor: Actor, limit: number): Promise<WorkRequestRow[]> {
  return scoped(db('claim_information_requests as r').join('claims as c', 'c.id', 'r.claim_id').join('customers as cu', 'cu.id', 'c.customer_id'), actor, 'c.branch_id')
    .where('r.status', 'open')
    .where((q) => q.where('c.assignee_id', actor.userId).orWhere((q2) => q2.whereNull('c.assignee_id').where('r.requested_by', actor.userId)))
    .orderBy([{ column: 'r.due_on' }, { column: 'r.seq' }])
    .limit(limit)
    .select(
      'r.id',
      'r.items',
      'r.document_code',
      'r.due_on',
      'c.id as claim_id',
      'c.claim_number',
      'c.status as claim_status',
      'c.branch_id',
      db.raw(`cu.first_name || ' ' || cu.last_name AS customer_name`),
    );
}
