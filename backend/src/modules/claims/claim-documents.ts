// A claim's documents: uploading what its loss type needs, and an adjuster verifying or rejecting
// them. The checklist itself is part of the claim page (ClaimReads).
import { REQUIRED_CLAIM_DOCUMENTS, type Claim } from '../../contracts/claims';
import type { DocumentMeta } from '../../contracts/documents';
import { withTransaction } from '../../db';
import type { Actor } from '../../platform/actor';
import { ValidationError } from '../../platform/errors';
import type { UploadedFile } from '../../platform/http';
import { visibleOr404 } from '../../platform/scope';
import type { ClaimReads } from './claim-reads';
import { claimConflict as conflict, type ClaimsDeps } from './claim-state';
import * as repo from './claims.repository';

export class ClaimDocuments {
  constructor(
    private readonly d: Pick<ClaimsDeps, 'db' | 'documents'>,
    private readonly reads: ClaimReads,
  ) {}

  /** Uploads one of the documents the claim's loss type needs (a new upload replaces a rejected one on the checklist). */
  async upload(actor: Actor, id: string, code: string, file: UploadedFile): Promise<DocumentMeta> {
    return withTransaction(this.d.db, async (trx) => {
      const claim = visibleOr404(actor, await repo.lockClaim(trx, id), 'claim');
      if (claim.status === 'closed' || claim.status === 'withdrawn')
        throw conflict('CLAIM_CLOSED', `The claim is ${claim.status}: it takes no more documents.`, { currentStatus: claim.status });
      const needed = REQUIRED_CLAIM_DOCUMENTS[claim.loss_type];
      if (!(needed as readonly string[]).includes(code)) throw new ValidationError([{ path: 'code', message: `Not a document this claim needs (${needed.join(', ')})` }]);
      return this.d.documents.store(trx, actor, { type: 'claim', id, branchId: claim.branch_id }, code, file);
    });
  }

  /** An adjuster verifies or rejects (saying why) an uploaded document of a lodged claim. */
  async review(actor: Actor, id: string, documentId: string, decision: { verified: true } | { verified: false; reason: string }): Promise<Claim> {
    await withTransaction(this.d.db, async (trx) => {
      const claim = visibleOr404(actor, await repo.lockClaim(trx, id), 'claim');
      if (claim.status === 'draft' || claim.status === 'closed' || claim.status === 'withdrawn')
        throw conflict('CLAIM_CLOSED', `Documents are reviewed on a lodged claim; this one is ${claim.status}.`, { currentStatus: claim.status });
      await this.d.documents.review(trx, actor, { type: 'claim', id }, documentId, decision);
    });
    return this.reads.get(actor, id);
  }
}
