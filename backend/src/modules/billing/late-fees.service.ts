// Late fees (issue 11): the daily job charges each unpaid invoice past its policy's rule once (a
// `late_fee` line and a `feeCharged` entry), and a senior agent or manager may waive a fee with a
// reason (the entry reversed; what the customer had paid of it goes back to their credit).
import Decimal from 'decimal.js';
import type { LateFeeWaiver, WaiveLateFeeBody } from '../../contracts/billing';
import type { LateFeeRule } from '../../contracts/products';
import type { Db, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { assertInScope } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import { billingConflict } from './billing.errors';
import { POSTING_SCHEME } from './chart-of-accounts';
import { invoiceDto } from './invoice-dto';
import * as invoicesRepo from './invoices.repository';
import type { InvoiceService } from './invoices.service';
import { lateFeeFor } from './late-fee';
import * as repo from './late-fees.repository';
import type { LedgerService } from './ledger.service';
import { addDays, daysBetween } from '../../platform/calendar';

const BATCH = 200;

/** The rule in words, for the fee line: "5% of the unpaid installment (at most the cap), more than 10 days late". */
export function describeLateFeeRule(rule: Exclude<LateFeeRule, { kind: 'none' }>): string {
  const late = rule.afterDays === 0 ? 'paid late' : `unpaid more than ${rule.afterDays} day${rule.afterDays === 1 ? '' : 's'} after its due date`;
  if (rule.kind === 'flat') return `installment ${late}`;
  return `${new Decimal(rule.rate).times(100).toString()}% of the installment ${late}`;
}

export interface ChargedFee {
  invoiceId: string;
  invoiceNumber: string;
  lineId: string;
  amount: number;
}

export class LateFeeService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly invoices: InvoiceService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The daily job `billing.assess-late-fees`: every unpaid invoice more than its policy's `afterDays`
   * past due on `date` and without a late fee is charged one, oldest due first, one short
   * transaction each. Run twice, each invoice is charged once (the line is unique per invoice, the
   * entry's external id too); after downtime it catches up, each fee dated the day it fell due.
   */
  async assessDue(date: string = this.clock.businessDate()): Promise<{ charged: number; fees: ChargedFee[] }> {
    let after: repo.FeeCandidate | null = null;
    const fees: ChargedFee[] = [];
    for (;;) {
      const batch = await repo.invoicesDueAFee(this.db, date, after, BATCH);
      if (!batch.length) break;
      after = batch[batch.length - 1]!;
      for (const candidate of batch) {
        const fee = await this.db.transaction((trx) => this.assessInvoice(trx, candidate.id, date));
        if (fee) fees.push(fee);
      }
    }
    return { charged: fees.length, fees };
  }

  /**
   * Charges the invoice its late fee if it is due one on `date` and has none yet. Under the
   * customer's credit lock (payments change open amounts under it), then the invoice's row lock.
   * The fee is on what is still unpaid of the installment; then the customer's credit, if any, is
   * applied (the fee included). Undefined when nothing is charged.
   */
  async assessInvoice(trx: Trx, invoiceId: string, date: string): Promise<ChargedFee | undefined> {
    const found = await repo.findInvoiceWithRule(trx, invoiceId);
    if (!found || found.late_fee.kind === 'none') return undefined;
    await invoicesRepo.lockCustomerCredit(trx, found.customer_id, found.currency);
    const invoice = await invoicesRepo.lockInvoice(trx, invoiceId);
    if (!invoicesRepo.UNPAID_STATUSES.includes(invoice.status)) return undefined;
    if (await repo.findLateFeeLine(trx, invoiceId)) return undefined;
    const rule = found.late_fee;
    const daysPastDue = daysBetween(invoice.due_date, date);
    const unpaid = await invoicesRepo.openAmount(trx, invoiceId);
    const amount = lateFeeFor(rule, unpaid, daysPastDue);
    if (amount <= 0) return undefined;

    const now = this.clock.now();
    // The day the fee fell due (the first day more than afterDays late): a run after downtime dates it there.
    const effectiveDate = addDays(invoice.due_date, rule.afterDays + 1);
    const description = `Late fee: ${describeLateFeeRule(rule)} (${invoice.due_date})`;
    const { entry } = await this.ledger.post(trx, {
      externalId: `invoice:${invoice.id}:late-fee`,
      effectiveDate,
      sourceType: 'fee',
      sourceId: invoice.id,
      description: `${invoice.invoice_number}: ${description}`,
      policyId: invoice.policy_id,
      customerId: invoice.customer_id,
      branchId: invoice.branch_id,
      createdBy: null,
      postings: [
        { account: { kind: POSTING_SCHEME.feeCharged.debit, owner: invoice.policy_id, currency: invoice.currency }, direction: 'debit', amount, invoiceId: invoice.id },
        { account: { kind: POSTING_SCHEME.feeCharged.credit, currency: invoice.currency }, direction: 'credit', amount },
      ],
    });
    const line = await repo.insertFeeLine(trx, { invoice_id: invoice.id, amount, description, ledger_entry_id: entry.id, created_at: now });
    await repo.touchInvoice(trx, invoice.id, now);
    await this.audit.record(trx, {
      actor: null,
      action: 'invoice.late_fee_charged',
      entity: { type: 'invoice', id: invoice.id },
      branchId: invoice.branch_id,
      metadata: { invoiceNumber: invoice.invoice_number, lineId: line.id, amount, currency: invoice.currency, unpaid, daysPastDue, rule, date },
    });
    await this.invoices.applyCredit(trx, null, {
      customerId: invoice.customer_id,
      currency: invoice.currency,
      policyId: invoice.policy_id,
      effectiveDate: this.clock.businessDate(),
      reason: `Credit applied after the late fee on ${invoice.invoice_number}`,
    });
    return { invoiceId: invoice.id, invoiceNumber: invoice.invoice_number, lineId: line.id, amount };
  }

  /**
   * Waives a charged late fee (`fees:waive`: senior agents and managers, in the invoice's branch —
   * another branch's invoice is 404): the fee's entry is reversed (`invoice-line:<id>:waived`,
   * source `waiver`), the line marked waived (who, when, why), and the invoice's status follows
   * (paid when only the fee was open; history written). What the customer had already paid of the
   * fee goes back to their credit (`invoice-line:<id>:waived:credit`) and is applied to what they
   * still owe, so the receivable never goes below zero; what a write-off had settled of it is
   * released instead (`invoice-line:<id>:waived:write-off`). Audited `invoice.late_fee_waived`.
   */
  async waive(actor: Actor, invoiceId: string, lineId: string, input: WaiveLateFeeBody): Promise<LateFeeWaiver> {
    const reason = input.reason.trim();
    return this.db.transaction(async (trx) => {
      const found = await repo.findInvoiceWithRule(trx, invoiceId);
      if (!found) throw new NotFoundError('invoice');
      assertInScope(actor, found.branch_id, 'invoice');
      await invoicesRepo.lockCustomerCredit(trx, found.customer_id, found.currency);
      const invoice = await invoicesRepo.lockInvoice(trx, invoiceId);
      const line = await repo.lockLine(trx, invoiceId, lineId);
      if (!line) throw new NotFoundError('invoice line');
      // A void invoice's charges, its fees included, are already reversed: nothing is left to waive.
      if (invoice.status === 'void') throw billingConflict('INVOICE_VOID', `Invoice ${invoice.invoice_number} is void: its late fee is no longer charged.`, { lineId });
      if (line.kind !== 'late_fee') throw billingConflict('INVOICE_LINE_NOT_A_LATE_FEE', 'Only a late fee can be waived; this line is an installment.', { lineId });
      if (line.waived_at) {
        throw billingConflict('LATE_FEE_ALREADY_WAIVED', 'This late fee has already been waived.', { lineId, waivedAt: line.waived_at.toISOString(), waivedBy: line.waived_by });
      }

      const today = this.clock.businessDate();
      const now = this.clock.now();
      const reversal = await this.ledger.reverse(trx, actor, line.ledger_entry_id!, `Late fee on ${invoice.invoice_number} waived: ${reason}`, `invoice-line:${line.id}:waived`, {
        sourceType: 'waiver',
        sourceId: line.id,
      });
      // The reversal leaves the receivable below zero when the fee had been settled. What a write-off
      // settled is released first (the write-off is no longer needed: never credit for money nobody
      // paid); what the customer had paid of it is theirs again, as credit.
      const open = await invoicesRepo.openAmount(trx, invoice.id);
      const excess = Math.max(0, -open);
      const writeOffReleased = excess > 0 ? Math.min(excess, await invoicesRepo.writtenOffAmount(trx, invoice.id)) : 0;
      const creditReturned = excess - writeOffReleased;
      if (writeOffReleased > 0) {
        await this.ledger.post(trx, {
          externalId: `invoice-line:${line.id}:waived:write-off`,
          effectiveDate: today,
          sourceType: 'write_off',
          sourceId: line.id,
          description: `${invoice.invoice_number}: the write-off of the waived late fee released`,
          policyId: invoice.policy_id,
          customerId: invoice.customer_id,
          branchId: invoice.branch_id,
          createdBy: actor.userId,
          postings: [
            {
              account: { kind: POSTING_SCHEME.writeOffReleased.debit, owner: invoice.policy_id, currency: invoice.currency },
              direction: 'debit',
              amount: writeOffReleased,
              invoiceId: invoice.id,
            },
            { account: { kind: POSTING_SCHEME.writeOffReleased.credit, currency: invoice.currency }, direction: 'credit', amount: writeOffReleased },
          ],
        });
      }
      if (creditReturned > 0) {
        await this.ledger.post(trx, {
          externalId: `invoice-line:${line.id}:waived:credit`,
          effectiveDate: today,
          sourceType: 'reallocation',
          sourceId: line.id,
          description: `${invoice.invoice_number}: the paid part of the waived late fee back to the customer's credit`,
          policyId: invoice.policy_id,
          customerId: invoice.customer_id,
          branchId: invoice.branch_id,
          createdBy: actor.userId,
          postings: [
            {
              account: { kind: POSTING_SCHEME.waivedFeeRefunded.debit, owner: invoice.policy_id, currency: invoice.currency },
              direction: 'debit',
              amount: creditReturned,
              invoiceId: invoice.id,
            },
            { account: { kind: POSTING_SCHEME.waivedFeeRefunded.credit, owner: invoice.customer_id, currency: invoice.currency }, direction: 'credit', amount: creditReturned },
          ],
        });
      }
      const waived = await repo.markWaived(trx, line.id, {
        waived_at: now,
        waived_by: actor.userId,
        waiver_reason: reason,
        waiver_entry_id: reversal.entry.id,
        write_off_released: writeOffReleased,
      });
      if (!waived) throw billingConflict('LATE_FEE_ALREADY_WAIVED', 'This late fee has already been waived.', { lineId });

      let current = await repo.touchInvoice(trx, invoice.id, now);
      const stillOpen = Math.max(0, open);
      if (stillOpen === 0 && invoicesRepo.UNPAID_STATUSES.includes(current.status)) {
        const moved = await invoicesRepo.transition(trx, current.id, current.status, current.version, 'paid', now);
        await invoicesRepo.insertHistory(trx, [
          { invoice_id: current.id, from_status: current.status, to_status: 'paid', reason: `Late fee waived: ${reason}`, changed_at: now, changed_by: actor.userId },
        ]);
        current = moved!;
      }
      await this.audit.record(trx, {
        actor,
        action: 'invoice.late_fee_waived',
        entity: { type: 'invoice', id: invoice.id },
        branchId: invoice.branch_id,
        metadata: {
          invoiceNumber: invoice.invoice_number,
          lineId: line.id,
          amount: line.amount,
          currency: invoice.currency,
          reason,
          creditReturned,
          writeOffReleased,
          reversalEntryId: reversal.entry.id,
          statusBefore: invoice.status,
          statusAfter: current.status,
        },
      });
      if (creditReturned > 0) {
        await this.invoices.applyCredit(trx, actor.userId, {
          customerId: invoice.customer_id,
          currency: invoice.currency,
          policyId: invoice.policy_id,
          effectiveDate: today,
          reason: `The paid part of the waived late fee on ${invoice.invoice_number}`,
        });
      }
      const lines = await invoicesRepo.linesOf(trx, [invoice.id]);
      return {
        invoice: invoiceDto({ ...current, open_amount: stillOpen }, lines),
        creditReturned,
        writeOffReleased,
        reversalEntryId: reversal.entry.id,
      };
    });
  }
}
