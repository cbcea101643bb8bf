// SQL for documents. First argument: the db or the transaction.
import type { DocumentMeta } from '../../contracts/documents';
import type { DbOrTrx, Trx } from '../../db';

export interface DocumentRow {
  id: string;
  owner_type: string;
  owner_id: string;
  branch_id: string;
  code: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  status: DocumentMeta['status'];
  rejection_reason: string | null;
  uploaded_by: string;
  uploaded_by_name?: string;
  uploaded_at: Date;
  reviewed_at: Date | null;
}

export type NewDocumentRow = Pick<
  DocumentRow,
  'owner_type' | 'owner_id' | 'branch_id' | 'code' | 'filename' | 'content_type' | 'size_bytes' | 'sha256' | 'uploaded_by' | 'uploaded_at'
>;

/** Inserts the row and answers it with the uploader's name. */
export async function insertDocument(trx: Trx, row: NewDocumentRow): Promise<DocumentRow> {
  const [created] = await trx('documents').insert(row).returning('*');
  const uploader = await trx('users').where({ id: row.uploaded_by }).first('name');
  return { ...created, uploaded_by_name: uploader?.name ?? '' };
}

/** The documents of a record with their uploaders' names, newest first. */
export function listForOwner(db: DbOrTrx, ownerType: string, ownerId: string): Promise<DocumentRow[]> {
  return db('documents as d')
    .join('users as u', 'u.id', 'd.uploaded_by')
    .where({ 'd.owner_type': ownerType, 'd.owner_id': ownerId })
    .orderBy('d.uploaded_at', 'desc')
    .orderBy('d.seq', 'desc')
    .select('d.*', 'u.name as uploaded_by_name');
}

export function lockOfOwner(trx: Trx, owner: { type: string; id: string }, documentId: string): Promise<DocumentRow | undefined> {
  return trx('documents').where({ id: documentId, owner_type: owner.type, owner_id: owner.id }).forUpdate().first();
}

export function findDocument(db: DbOrTrx, documentId: string): Promise<DocumentRow | undefined> {
  return db('documents').where({ id: documentId }).first();
}

export async function existsForOwner(db: DbOrTrx, owner: { type: string; id: string }, documentId: string): Promise<boolean> {
  return !!(await db('documents').where({ id: documentId, owner_type: owner.type, owner_id: owner.id }).first('id'));
}

export function setReview(trx: Trx, documentId: string, review: { status: 'verified' | 'rejected'; rejection_reason: string | null; reviewed_by: string; reviewed_at: Date }) {
  return trx('documents').where({ id: documentId }).update(review);
}
