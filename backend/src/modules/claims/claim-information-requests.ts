// Requests for information to the claimant, part of the investigation: an adjuster asks (in words,
// optionally about one of the claim's required documents) by a due date; the request goes out through
// the notifications outbox in the same transaction — to the reporter's email or phone when the first
// notice gave one, else to the policyholder (claim-messages.ts) — and stays open until the adjuster marks it received or
// cancels it. Each change moves the claim's version (the claim shows its open requests).
import {
  INFORMATION_REQUEST_CLAIM_STATUSES,
  REQUIRED_CLAIM_DOCUMENTS,
  informationDueProblem,
  type CancelInformationRequestBody,
  type ClaimStatus,
  type CreateInformationRequestBody,
  type InformationRequest,
  type InformationRequestList,
  type ReceiveInformationRequestBody,
} from '../../contracts/claims';
import { withTransaction, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { visibleOr404 } from '../../platform/scope';
import type { ClaimMessages } from './claim-messages';
import { claimConflict as conflict, lockedClaim, type ClaimsDeps } from './claim-state';
import * as repo from './claims.repository';
import * as requests from './information-requests.repository';

export class ClaimInformationRequests {
  constructor(
    private readonly d: Pick<ClaimsDeps, 'db' | 'clock' | 'audit'>,
    private readonly messages: ClaimMessages,
  ) {}

  /** The claim's requests, oldest first, each with its history. */
  async list(actor: Actor, claimId: string, db: DbOrTrx = this.d.db): Promise<InformationRequestList> {
    const claim = visibleOr404(actor, await repo.findClaim(db, claimId), 'claim');
    const rows = await requests.requestsOf(db, claimId);
    const histories = await requests.historiesOf(
      db,
      rows.map((r) => r.id),
    );
    const today = this.d.clock.businessDate();
    return {
      items: rows.map((r): InformationRequest => ({
        id: r.id,
        claimId: r.claim_id,
        items: r.items,
        documentCode: r.document_code,
        dueOn: r.due_on,
        overdue: r.status === 'open' && r.due_on < today,
        status: r.status,
        delivery: { channel: r.sent_via, to: r.sent_to, recipient: r.recipient },
        requestedBy: { id: r.requested_by, name: r.requested_by_name },
        requestedAt: r.requested_at.toISOString(),
        closedBy: r.closed_by ? { id: r.closed_by, name: r.closed_by_name ?? '' } : null,
        closedAt: r.closed_at?.toISOString() ?? null,
        closeNote: r.close_note,
        history: histories
          .filter((h) => h.request_id === r.id)
          .map((h) => ({
            fromStatus: h.from_status,
            toStatus: h.to_status,
            reason: h.reason,
            changedBy: { id: h.changed_by, name: h.changed_by_name },
            changedAt: h.changed_at.toISOString(),
          })),
        version: r.version,
      })),
      claimVersion: claim.version,
    };
  }

  /** Asks the claimant for information by a due date, and sends the request (outbox) in the same transaction. */
  async create(actor: Actor, claimId: string, version: number, body: CreateInformationRequestBody): Promise<InformationRequestList> {
    const today = this.d.clock.businessDate();
    const dueProblem = informationDueProblem(body.dueOn, today);
    if (dueProblem) throw new ValidationError([{ path: 'dueOn', message: dueProblem }], 'The due date is not one the claimant can be held to.', 'CLAIM_INFORMATION_DUE_INVALID');
    await withTransaction(this.d.db, async (trx) => {
      const claim = await lockedClaim(trx, actor, claimId, version);
      if (!(INFORMATION_REQUEST_CLAIM_STATUSES as readonly ClaimStatus[]).includes(claim.status))
        throw conflict('CLAIM_NOT_OPEN', `A ${claim.status.replace(/_/g, ' ')} claim takes no request for information: only one submitted, under investigation or reopened.`, {
          currentStatus: claim.status,
        });
      const needed = REQUIRED_CLAIM_DOCUMENTS[claim.loss_type];
      if (body.documentCode && !needed.includes(body.documentCode))
        throw new ValidationError([{ path: 'documentCode', message: `Not a document this claim needs (${needed.join(', ')})` }]);
      const now = this.d.clock.now();
      const created = await requests.insertRequest(trx, {
        claim_id: claimId,
        items: body.items,
        document_code: body.documentCode ?? null,
        due_on: body.dueOn,
        sent_via: null,
        sent_to: null,
        recipient: null,
        requested_by: actor.userId,
        requested_at: now,
        updated_at: now,
      });
      await requests.insertRequestHistory(trx, { request_id: created.id, from_status: null, to_status: 'open', reason: body.items, changed_by: actor.userId, changed_at: now });
      const delivery = await this.send(trx, claim, created);
      await this.touch(trx, claimId, version);
      await this.d.audit.record(trx, {
        actor,
        action: 'claim.information_request',
        entity: { type: 'claim', id: claimId },
        branchId: claim.branch_id,
        after: { requestId: created.id, dueOn: body.dueOn, documentCode: body.documentCode ?? null },
        metadata: { sentVia: delivery?.sent_via ?? null, sentTo: delivery?.sent_to ?? null },
      });
    });
    return this.list(actor, claimId);
  }

  /** Queues the request to the claimant (ClaimMessages.toClaimant) and records how it went out; nothing when there is no address (the adjuster phones). */
  private async send(trx: Trx, claim: repo.ClaimRow, request: requests.InformationRequestRow) {
    const sent = await this.messages.toClaimant(trx, claim, 'claim-information-request', `claim-information-request:${request.id}`, {
      items: request.items,
      dueOn: request.due_on,
    });
    if (sent) await requests.markSent(trx, request.id, sent);
    return sent;
  }

  /**
   * The claim was decided or withdrawn (in that transaction, the claim locked): its open requests
   * are no longer needed — each cancelled with `reason`, history, and one audit entry. The claim's
   * version is the caller's to move.
   */
  async cancelOpen(trx: Trx, actor: Actor, claim: Pick<repo.ClaimRow, 'id' | 'branch_id'>, reason: string): Promise<void> {
    const open = await requests.openRequestsOf(trx, claim.id);
    if (!open.length) return;
    const now = this.d.clock.now();
    for (const r of open) {
      if (!(await requests.closeRequest(trx, claim.id, r.id, { status: 'cancelled', closed_by: actor.userId, closed_at: now, close_note: reason }))) continue;
      await requests.insertRequestHistory(trx, { request_id: r.id, from_status: 'open', to_status: 'cancelled', reason, changed_by: actor.userId, changed_at: now });
    }
    await this.d.audit.record(trx, {
      actor,
      action: 'claim.information_cancel',
      entity: { type: 'claim', id: claim.id },
      branchId: claim.branch_id,
      before: { requestIds: open.map((r) => r.id), status: 'open' },
      after: { status: 'cancelled' },
      metadata: { note: reason },
    });
  }

  /** The claimant answered: the request is received, with the adjuster's note. */
  receive(actor: Actor, claimId: string, requestId: string, version: number, body: ReceiveInformationRequestBody): Promise<InformationRequestList> {
    return this.close(actor, claimId, requestId, version, 'received', body.note?.trim() || null);
  }

  /** The request is no longer needed: cancelled, with the reason. */
  cancel(actor: Actor, claimId: string, requestId: string, version: number, body: CancelInformationRequestBody): Promise<InformationRequestList> {
    return this.close(actor, claimId, requestId, version, 'cancelled', body.reason);
  }

  private async close(actor: Actor, claimId: string, requestId: string, version: number, status: 'received' | 'cancelled', note: string | null) {
    await withTransaction(this.d.db, async (trx) => {
      const claim = await lockedClaim(trx, actor, claimId, version);
      const now = this.d.clock.now();
      // Guarded in SQL: only an open request closes (a closed one never changes — the database refuses it too).
      const closed = await requests.closeRequest(trx, claimId, requestId, { status, closed_by: actor.userId, closed_at: now, close_note: note });
      if (!closed) {
        const existing = await requests.findRequest(trx, claimId, requestId);
        if (!existing) throw new NotFoundError('information request');
        throw conflict('CLAIM_INFORMATION_REQUEST_CLOSED', `The request was ${existing.status} already: it does not change any more.`, { currentStatus: existing.status });
      }
      await requests.insertRequestHistory(trx, { request_id: requestId, from_status: 'open', to_status: status, reason: note, changed_by: actor.userId, changed_at: now });
      await this.touch(trx, claimId, version);
      await this.d.audit.record(trx, {
        actor,
        ...(status === 'received' ? ({ action: 'claim.information_received' } as const) : ({ action: 'claim.information_cancel' } as const)),
        entity: { type: 'claim', id: claimId },
        branchId: claim.branch_id,
        before: { requestId, status: 'open' },
        after: { requestId, status },
        metadata: { note },
      });
    });
    return this.list(actor, claimId);
  }

  /** The claim shows its open requests: each change is a new version of it. */
  private async touch(trx: Trx, claimId: string, version: number) {
    if (!(await repo.updateClaim(trx, claimId, version, { updated_at: this.d.clock.now() }))) throw new PreconditionFailedError(version + 1);
  }
}
