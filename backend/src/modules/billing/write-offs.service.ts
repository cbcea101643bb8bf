// Write-offs: a small amount left open on an invoice that will not be collected, written off by a
// senior agent or manager within their own write_off_amount limit (no second person), with a reason.
// Posts `writtenOff` (write-offs expense ← the policy's receivable on the invoice); an invoice with
// nothing left open becomes `written_off`. One Idempotency-Key per write-off.
import crypto from 'node:crypto';
import type { WriteOff, WriteOffBody } from '../../contracts/billing';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import type { IdempotencyRequest, IdempotencyStore, IdempotentOutcome } from '../../platform/idempotency';
import { assertInScope } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { ApprovalLimitsService } from '../identity/approval-limits.service';
import { POSTING_SCHEME } from './chart-of-accounts';
import * as invoicesRepo from './invoices.repository';
import type { LedgerService } from './ledger.service';
import { writeOffExceedsOpen } from './refunds.errors';
import * as repo from './refunds.repository';

export class WriteOffsService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyStore,
    private readonly approvalLimits: ApprovalLimitsService,
  ) {}

  /**
   * Writes off `amount` of the invoice's open amount (409 WRITE_OFF_EXCEEDS_OPEN above it; 403
   * APPROVAL_LIMIT_EXCEEDED above the actor's write_off_amount limit). Under the customer's credit
   * lock and the invoice's row lock, so a payment applied at the same moment cannot make it exceed.
   */
  writeOff(actor: Actor, idem: IdempotencyRequest, invoiceId: string, body: WriteOffBody): Promise<IdempotentOutcome<WriteOff>> {
    return this.idempotency.run<WriteOff>(idem, async (trx) => {
      const seen = await trx('invoices').where({ id: invoiceId }).first('customer_id', 'currency', 'branch_id');
      if (!seen) throw new NotFoundError('invoice');
      assertInScope(actor, seen.branch_id, 'invoice');
      const currency = String(seen.currency).trim();
      // The customer's credit lock first, then the invoice: the order credit application takes.
      await invoicesRepo.lockCustomerCredit(trx, seen.customer_id, currency);
      const invoice = await invoicesRepo.lockInvoice(trx, invoiceId);
      const open = await invoicesRepo.openAmount(trx, invoiceId);
      if (body.amount > open || !invoicesRepo.UNPAID_STATUSES.includes(invoice.status))
        throw writeOffExceedsOpen(invoicesRepo.UNPAID_STATUSES.includes(invoice.status) ? open : 0, currency);
      await this.approvalLimits.assertWithinLimit(trx, actor, 'write_off_amount', body.amount, currency);

      const now = this.clock.now();
      const id = crypto.randomUUID();
      const n = (await repo.writeOffCount(trx, invoiceId)) + 1;
      const { entry } = await this.ledger.post(trx, {
        externalId: `invoice:${invoiceId}:write-off:${n}`,
        effectiveDate: this.clock.businessDate(now),
        sourceType: 'write_off',
        sourceId: id,
        description: `Written off on ${invoice.invoice_number}: ${body.reason}`,
        policyId: invoice.policy_id,
        customerId: invoice.customer_id,
        branchId: invoice.branch_id,
        createdBy: actor.userId,
        postings: [
          { account: { kind: POSTING_SCHEME.writtenOff.debit, currency }, direction: 'debit', amount: body.amount },
          { account: { kind: POSTING_SCHEME.writtenOff.credit, owner: invoice.policy_id, currency }, direction: 'credit', amount: body.amount, invoiceId },
        ],
      });
      const row = await repo.insertWriteOff(trx, {
        id,
        invoice_id: invoiceId,
        policy_id: invoice.policy_id,
        customer_id: invoice.customer_id,
        branch_id: invoice.branch_id,
        amount: body.amount,
        currency,
        reason: body.reason,
        ledger_entry_id: entry.id,
        created_by: actor.userId,
        created_at: now,
      });
      const left = open - body.amount;
      let status = invoice.status;
      if (left === 0) {
        await invoicesRepo.transition(trx, invoice.id, invoice.status, invoice.version, 'written_off', now);
        await invoicesRepo.insertHistory(trx, [
          {
            invoice_id: invoice.id,
            from_status: invoice.status,
            to_status: 'written_off',
            reason: `Written off (${row.write_off_number}): ${body.reason}`,
            changed_at: now,
            changed_by: actor.userId,
          },
        ]);
        status = 'written_off';
      }
      await this.audit.record(trx, {
        actor,
        action: 'invoice.write_off',
        entity: { type: 'invoice', id: invoice.id },
        branchId: invoice.branch_id,
        before: { status: invoice.status, openAmount: open },
        after: { status, openAmount: left },
        metadata: { writeOffNumber: row.write_off_number, invoiceNumber: invoice.invoice_number, amount: body.amount, currency, reason: body.reason },
      });
      const dto: WriteOff = {
        id: row.id,
        writeOffNumber: row.write_off_number,
        invoiceId,
        invoiceNumber: invoice.invoice_number,
        policyId: invoice.policy_id,
        amount: row.amount,
        currency,
        reason: row.reason,
        invoiceStatus: status,
        openAmount: left,
        ledgerEntryId: entry.id,
        createdBy: actor.userId,
        createdAt: row.created_at.toISOString(),
      };
      return { status: 201, body: dto, location: `/api/invoices/${invoiceId}` };
    });
  }
}
