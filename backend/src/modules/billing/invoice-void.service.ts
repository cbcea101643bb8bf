// Voiding an invoice (issue 11: `open → … | void`): an invoice raised in error is cancelled by a
// manager with a reason. Each of its charges still standing (the installment's premium, an
// endorsement's or a fee's charge, a late fee not waived) is reversed by `LedgerService.reverse`
// (external id `invoice:<id>:void:<entry id>`), a premium charge's covered days are written back
// (a negative premium writing over the same days, so finance earns none of it), the invoice becomes
// `void` (history + audit `invoice.void`) and owes nothing. Its installment keeps its invoice, so the
// invoice job never raises it again. Only an invoice nothing has paid or settled: money applied (or
// written off) on it → 409 INVOICE_NOT_VOIDABLE, nothing posted (re-allocate the payment first).
import type { InvoiceVoided, VoidInvoiceBody } from '../../contracts/billing';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import type { IdempotencyRequest, IdempotencyStore, IdempotentOutcome } from '../../platform/idempotency';
import { assertInScope } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { NotificationService } from '../notifications/notifications.service';
import { invoiceDunningKeyPrefix, invoiceReminderKey } from './billing-messages';
import { billingConflict } from './billing.errors';
import { invoiceDto } from './invoice-dto';
import * as invoicesRepo from './invoices.repository';
import type { LedgerService } from './ledger.service';
import * as writingsRepo from './premium-writings.repository';

/** The entries that charge an invoice (premium billed, an endorsement's or reinstatement's charge, a late fee). */
const CHARGE_SOURCES = new Set(['invoice', 'policy_transaction', 'fee']);

export class InvoiceVoidService {
  constructor(
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyStore,
    private readonly notifications: Pick<NotificationService, 'withdraw'>,
  ) {}

  /** One Idempotency-Key per void: a retry after a lost answer gets the same 200, not "already void". */
  void(actor: Actor, idem: IdempotencyRequest, invoiceId: string, input: VoidInvoiceBody): Promise<IdempotentOutcome<InvoiceVoided>> {
    const reason = input.reason.trim();
    return this.idempotency.run<InvoiceVoided>(idem, async (trx) => {
      const seen = await trx('invoices').where({ id: invoiceId }).first('customer_id', 'currency', 'branch_id');
      if (!seen) throw new NotFoundError('invoice');
      assertInScope(actor, seen.branch_id, 'invoice');
      // The customer's credit lock, then the invoice's row: the order credit application, write-offs and waivers take.
      await invoicesRepo.lockCustomerCredit(trx, seen.customer_id, String(seen.currency).trim());
      const invoice = await invoicesRepo.lockInvoice(trx, invoiceId);
      const open = await invoicesRepo.openAmount(trx, invoiceId);
      if (!invoicesRepo.UNPAID_STATUSES.includes(invoice.status)) {
        throw billingConflict('INVOICE_NOT_VOIDABLE', `Invoice ${invoice.invoice_number} is ${invoice.status.replace('_', ' ')}: only an unpaid invoice can be voided.`, {
          currentStatus: invoice.status,
          openAmount: invoice.status === 'void' ? 0 : open,
        });
      }

      // Charges: entries that debit the invoice and reverse nothing; their reversals (a waived fee) net them.
      const effects = await invoicesRepo.entryEffectsOn(trx, invoiceId);
      const charges = effects.filter((e) => e.reverses_entry_id === null && CHARGE_SOURCES.has(e.source_type) && e.net > 0);
      const chargeIds = new Set(charges.map((e) => e.entry_id));
      const charged = effects.filter((e) => chargeIds.has(e.entry_id) || (e.reverses_entry_id !== null && chargeIds.has(e.reverses_entry_id))).reduce((s, e) => s + e.net, 0);
      // Anything else on the invoice (credit applied, a write-off, credit taken back) must net to zero.
      if (open !== charged) {
        throw billingConflict(
          'INVOICE_NOT_VOIDABLE',
          `Money has been applied to ${invoice.invoice_number} or written off on it: re-allocate the payment elsewhere first, or write off or waive instead.`,
          { currentStatus: invoice.status, charged, openAmount: open },
        );
      }
      const toReverse = charges.filter((e) => !e.reversed);
      if (toReverse.some((e) => e.elsewhere)) {
        throw billingConflict('INVOICE_NOT_VOIDABLE', `A charge on ${invoice.invoice_number} also charges other invoices; it cannot be voided alone.`, {
          currentStatus: invoice.status,
          charged,
          openAmount: open,
        });
      }

      const now = this.clock.now();
      const reversalEntryIds: string[] = [];
      for (const charge of toReverse) {
        const { entry } = await this.ledger.reverse(trx, actor, charge.entry_id, `${invoice.invoice_number} voided: ${reason}`, `invoice:${invoiceId}:void:${charge.entry_id}`);
        reversalEntryIds.push(entry.id);
        // The premium it wrote to the unearned reserve goes back over the same days.
        const writing = await trx('premium_writings').where({ ledger_entry_id: charge.entry_id }).first();
        if (writing) {
          await writingsRepo.insertWriting(trx, {
            ledger_entry_id: entry.id,
            policy_id: writing.policy_id,
            branch_id: writing.branch_id,
            product_version_id: writing.product_version_id,
            currency: String(writing.currency).trim(),
            amount: -Number(writing.amount),
            covered_from: writing.covered_from,
            covered_to: writing.covered_to,
            created_at: now,
          });
        }
      }
      const left = await invoicesRepo.openAmount(trx, invoiceId);
      // Never a half-voided invoice: what is left must be nothing (else everything above rolls back).
      if (left !== 0) {
        throw billingConflict('INVOICE_NOT_VOIDABLE', `Voiding ${invoice.invoice_number} would leave ${left} open; nothing was changed.`, {
          currentStatus: invoice.status,
          charged,
          openAmount: open,
        });
      }
      const moved = await invoicesRepo.transition(trx, invoice.id, invoice.status, invoice.version, 'void', now);
      if (!moved) throw billingConflict('INVOICE_NOT_VOIDABLE', `Invoice ${invoice.invoice_number} changed meanwhile; try again.`, { currentStatus: invoice.status });
      await invoicesRepo.insertHistory(trx, [
        { invoice_id: invoice.id, from_status: invoice.status, to_status: 'void', reason: `Voided: ${reason}`, changed_at: now, changed_by: actor.userId },
      ]);
      // Messages about it not sent yet (the reminder, dunning steps — a text held by quiet hours, a retry)
      // never reach the customer now: withdrawn in the same transaction.
      const withdrawnMessages = await this.notifications.withdraw(trx, {
        customerId: invoice.customer_id,
        keys: [invoiceReminderKey(invoice.id)],
        keyPrefixes: [invoiceDunningKeyPrefix(invoice.id)],
        reason: `invoice ${invoice.invoice_number} voided`,
      });
      await this.audit.record(trx, {
        actor,
        action: 'invoice.void',
        entity: { type: 'invoice', id: invoice.id },
        branchId: invoice.branch_id,
        before: { status: invoice.status, openAmount: open },
        after: { status: 'void', openAmount: 0 },
        metadata: {
          invoiceNumber: invoice.invoice_number,
          currency: String(invoice.currency).trim(),
          charged,
          reason,
          reversedEntryIds: toReverse.map((e) => e.entry_id),
          reversalEntryIds,
          withdrawnMessages,
        },
      });
      const lines = await invoicesRepo.linesOf(trx, [invoice.id]);
      return { status: 200, body: { invoice: invoiceDto({ ...moved, open_amount: 0 }, lines), reversalEntryIds } };
    });
  }
}
