// The documents service every module that takes files uses (orders now, claims later): checks the
// type from the bytes, keeps the file under DOCUMENTS_DIR named by its SHA-256 (the same bytes are
// stored once; a file is written before its row, so a row never points at nothing), records who
// uploaded and reviewed what, and lets only those who may see the owning record read it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DocumentMeta } from '../../contracts/documents';
import type { Permission } from '../../contracts/permissions';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import type { UploadedFile } from '../../platform/http';
import { assertInScope } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import * as repo from './documents.repository';
import type { DocumentRow } from './documents.repository';
import { ACCEPTED_DESCRIPTION, sniffType } from './file-type';
import { documentsConflict, unsupportedFileType } from './documents.errors';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const toDocumentMeta = (r: DocumentRow): DocumentMeta => ({
  id: r.id,
  code: r.code,
  filename: r.filename,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  status: r.status,
  rejectionReason: r.rejection_reason,
  uploadedBy: { id: r.uploaded_by, name: r.uploaded_by_name ?? '' },
  uploadedAt: r.uploaded_at.toISOString(),
  reviewedAt: r.reviewed_at?.toISOString() ?? null,
});

/** A file name safe to keep and to send back in Content-Disposition. */
const cleanName = (name: string) =>
  path
    .basename(name)
    .replace(/[^\w.\- ()]+/g, '_')
    .slice(0, 200) || 'document';

export class DocumentsService {
  private readonly owners = new Map<string, { readPermission: Permission }>();

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** A module declares the records its documents belong to and who may read them. */
  registerOwner(ownerType: string, rules: { readPermission: Permission }) {
    this.owners.set(ownerType, rules);
  }

  private filePath(sha256: string) {
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Writes the bytes once (temporary name, then rename), so a reader never sees half a file. */
  private async writeOnce(sha256: string, bytes: Buffer) {
    const target = this.filePath(sha256);
    if (fs.existsSync(target)) return;
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${crypto.randomBytes(6).toString('hex')}.part`;
    await fs.promises.writeFile(temporary, bytes, { mode: 0o600 });
    await fs.promises.rename(temporary, target);
  }

  async store(trx: Trx, actor: Actor, owner: { type: string; id: string; branchId: string }, code: string, file: UploadedFile): Promise<DocumentMeta> {
    const contentType = sniffType(file.bytes);
    if (!contentType) throw unsupportedFileType(ACCEPTED_DESCRIPTION);
    const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
    await this.writeOnce(sha256, file.bytes);
    const row = await repo.insertDocument(trx, {
      owner_type: owner.type,
      owner_id: owner.id,
      branch_id: owner.branchId,
      code,
      filename: cleanName(file.originalName),
      content_type: contentType,
      size_bytes: file.bytes.length,
      sha256,
      uploaded_by: actor.userId,
      uploaded_at: this.clock.now(),
    });
    await this.audit.record(trx, {
      actor,
      action: 'document.upload',
      entity: { type: 'document', id: row.id },
      branchId: owner.branchId,
      metadata: { ownerType: owner.type, ownerId: owner.id, code, contentType, sizeBytes: row.size_bytes, sha256 },
    });
    return toDocumentMeta(row);
  }

  /** The documents of a record, newest first. */
  async forOwner(db: DbOrTrx, ownerType: string, ownerId: string): Promise<DocumentMeta[]> {
    return (await repo.listForOwner(db, ownerType, ownerId)).map(toDocumentMeta);
  }

  /**
   * The file of a document that belongs to one of `ownerIds` (of `ownerType`), for a caller who has
   * already established those records are theirs (a customer's own policies); else 404. The caller
   * audits the read with its own actor.
   */
  async openOwned(db: DbOrTrx, ownerType: string, ownerIds: readonly string[], documentId: string): Promise<{ meta: DocumentMeta; path: string }> {
    const row = await repo.findDocument(db, documentId);
    if (!row || row.owner_type !== ownerType || !ownerIds.includes(row.owner_id)) throw new NotFoundError('document');
    return { meta: toDocumentMeta(row), path: this.filePath(row.sha256) };
  }

  /** Whether `documentId` is one of the record's documents. */
  belongsTo(db: DbOrTrx, owner: { type: string; id: string }, documentId: string): Promise<boolean> {
    return repo.existsForOwner(db, owner, documentId);
  }

  /** Verify or reject an uploaded document of the given record (409 once reviewed). */
  async review(trx: Trx, actor: Actor, owner: { type: string; id: string }, documentId: string, decision: { verified: true } | { verified: false; reason: string }): Promise<void> {
    const row = await repo.lockOfOwner(trx, owner, documentId);
    if (!row) throw new NotFoundError('document');
    if (row.status !== 'uploaded') throw documentsConflict('DOCUMENT_ALREADY_REVIEWED', `This document is already ${row.status}.`, { currentStatus: row.status });
    const status = decision.verified ? 'verified' : 'rejected';
    await repo.setReview(trx, documentId, { status, rejection_reason: decision.verified ? null : decision.reason, reviewed_by: actor.userId, reviewed_at: this.clock.now() });
    await this.audit.record(trx, {
      actor,
      action: `document.${decision.verified ? 'verify' : 'reject'}`,
      entity: { type: 'document', id: documentId },
      branchId: row.branch_id,
      before: { status: row.status },
      after: { status },
      metadata: decision.verified ? { ownerId: owner.id } : { ownerId: owner.id, reason: decision.reason },
    });
  }

  /** The file for download, for whoever may see the owning record (its read permission and branch). */
  async open(db: DbOrTrx, actor: Actor, documentId: string): Promise<{ meta: DocumentMeta; path: string }> {
    const row = await repo.findDocument(db, documentId);
    if (!row) throw new NotFoundError('document');
    const rules = this.owners.get(row.owner_type);
    if (!rules || !actor.permissions.has(rules.readPermission))
      throw new ForbiddenError('PERMISSION_DENIED', `Your role may not read these documents (needs ${rules?.readPermission ?? 'a read permission'}).`);
    assertInScope(actor, row.branch_id, 'document');
    await this.audit.sensitiveRead(db, actor, { type: 'document', id: row.id }, row.branch_id, 'file');
    return { meta: toDocumentMeta(row), path: this.filePath(row.sha256) };
  }
}
