// Re-allocation of a payment (senior agent and above): the payment's standing credit applications
// are reversed (each by a reversal entry pointing at it) and new ones posted to the invoices the
// user chose; what is not allocated stays the customer's credit. One transaction, serialised per
// customer and currency by the same advisory lock as InvoiceService.applyCredit, guarded by the
// payment's version (If-Match), with invoice statuses and their history recomputed, and audited.
import type { PaymentAllocation, PaymentAllocations, ReallocatePaymentBody, ReallocationInvoice } from '../../contracts/billing';
import type { FieldError } from '../../contracts/common';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { PreconditionFailedError } from '../../platform/errors';
import { visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import { POSTING_SCHEME } from './chart-of-accounts';
import * as invoicesRepo from './invoices.repository';
import type { LedgerService } from './ledger.service';
import type { PaymentRow } from './payments.repository';
import * as paymentsRepo from './payments.repository';
import { exceedsAvailable, exceedsOpenAmount, invoiceNotEligible, notReallocatable } from './reallocation.errors';
import * as repo from './reallocation.repository';

/** Where a payment's money is now, and what it could pay instead (computed from the ledger). */
interface AllocationState {
  payment: PaymentRow;
  standing: repo.AllocationEntryRow[];
  /** Σ standing applications per invoice. */
  allocatedOn: Map<string, number>;
  invoices: repo.CustomerInvoiceRow[];
  credit: number;
  available: number;
  /** Null when it can be re-allocated. */
  blocked: string | null;
}

const sum = (values: Iterable<number>) => [...values].reduce((s, v) => s + v, 0);

export class ReallocationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
  ) {}

  /** GET /payments/{id}/allocations: the payment's applications, the customer's credit, the invoices it could pay. */
  async allocations(actor: Actor, paymentId: string): Promise<PaymentAllocations> {
    const payment = visibleOr404(actor, await paymentsRepo.findPayment(this.db, paymentId), 'payment');
    return this.toDto(await this.state(this.db, payment));
  }

  /**
   * Re-allocates the payment at `version`: reverses its standing applications, posts `body.allocations`
   * (each ≤ the invoice's open amount after the reversal, in all ≤ the payment's amount and the
   * customer's credit after the reversal), recomputes the statuses of every invoice touched.
   */
  reallocate(actor: Actor, paymentId: string, version: number, body: ReallocatePaymentBody): Promise<PaymentAllocations> {
    return withTransaction(this.db, async (trx) => {
      const locked = visibleOr404(actor, await repo.lockPayment(trx, paymentId), 'payment');
      if (locked.version !== version) throw new PreconditionFailedError(locked.version);
      const currency = locked.currency.trim();
      // Everything that spends this customer's credit waits here (payments, invoice runs, re-allocations).
      await invoicesRepo.lockCustomerCredit(trx, locked.customer_id, currency);
      const before = await this.state(trx, locked);
      if (before.blocked) throw notReallocatable(before.blocked);
      this.check(before, body);

      const now = this.clock.now();
      const today = this.clock.businessDate();
      const reason = body.reason;
      const reallocationId = await repo.insertReallocation(trx, { payment_id: locked.id, reason, created_by: actor.userId, created_at: now });

      // 1. The standing applications, reversed (each reversal points at the entry it undoes).
      for (const a of before.standing) {
        await this.ledger.reverse(
          trx,
          actor,
          a.entry_id,
          `Re-allocation of ${locked.payment_number}: ${reason}`,
          `payment:${locked.id}:reallocation:${reallocationId}:reverse:${a.entry_id}`,
          {
            effectiveDate: today,
          },
        );
      }

      // 2. The new applications: one creditApplied entry per invoice, linked to the payment.
      const byId = new Map(before.invoices.map((i) => [i.id, i]));
      const links: Parameters<typeof repo.insertAllocationLinks>[1] = [];
      for (const line of body.allocations) {
        const invoice = byId.get(line.invoiceId)!;
        const n = (await invoicesRepo.allocationCount(trx, invoice.id)) + 1;
        const { entry } = await this.ledger.post(trx, {
          externalId: `invoice:${invoice.id}:credit:${n}`,
          effectiveDate: today,
          sourceType: 'allocation',
          sourceId: invoice.id,
          description: `Credit applied to ${invoice.invoice_number}: re-allocation of ${locked.payment_number}: ${reason}`,
          policyId: invoice.policy_id,
          customerId: locked.customer_id,
          branchId: invoice.branch_id,
          createdBy: actor.userId,
          postings: [
            { account: { kind: POSTING_SCHEME.creditApplied.debit, owner: locked.customer_id, currency }, direction: 'debit', amount: line.amount },
            { account: { kind: POSTING_SCHEME.creditApplied.credit, owner: invoice.policy_id, currency }, direction: 'credit', amount: line.amount, invoiceId: invoice.id },
          ],
        });
        links.push({ entry_id: entry.id, payment_id: locked.id, invoice_id: invoice.id, reallocation_id: reallocationId, created_at: now });
      }
      await repo.insertAllocationLinks(trx, links);

      // 3. Every invoice touched gets the status its open amount now says, with history.
      const touched = new Set([...before.allocatedOn.keys(), ...body.allocations.map((a) => a.invoiceId)]);
      await this.recomputeStatuses(trx, actor, [...touched], today, now, `Re-allocation of ${locked.payment_number}: ${reason}`);

      const payment = (await repo.bumpPaymentVersion(trx, locked.id, locked.version, now))!;
      const after = await this.state(trx, payment);
      const view = (m: Map<string, number>) => Object.fromEntries([...m].map(([id, amount]) => [byId.get(id)?.invoice_number ?? id, amount]));
      await this.audit.record(trx, {
        actor,
        action: 'payment.reallocate',
        entity: { type: 'payment', id: payment.id },
        branchId: payment.branch_id,
        before: { allocations: view(before.allocatedOn), credit: before.credit },
        after: { allocations: view(after.allocatedOn), credit: after.credit },
        metadata: { paymentNumber: payment.payment_number, reallocationId, reason, currency },
      });
      return this.toDto(after);
    });
  }

  /** Invoices chosen must be eligible and within their open amounts; the total within what the payment can pay. */
  private check(state: AllocationState, body: ReallocatePaymentBody): void {
    // Any of the customer's invoices in the currency is eligible; one with nothing open is refused on its amount.
    const eligible = new Map(this.customerInvoices(state).map((i) => [i.id, i]));
    const notEligible: FieldError[] = [];
    const tooMuch: FieldError[] = [];
    body.allocations.forEach((line, index) => {
      const invoice = eligible.get(line.invoiceId);
      if (!invoice) notEligible.push({ path: `allocations.${index}.invoiceId`, message: "Not an invoice of this payment's customer in its currency" });
      else if (line.amount > invoice.openAfterReversal)
        tooMuch.push({ path: `allocations.${index}.amount`, message: `${invoice.invoiceNumber} can receive at most ${invoice.openAfterReversal} minor units` });
    });
    if (notEligible.length) throw invoiceNotEligible(notEligible);
    if (tooMuch.length) throw exceedsOpenAmount(tooMuch);
    const requested = sum(body.allocations.map((a) => a.amount));
    if (requested > state.available) throw exceedsAvailable(state.available, requested);
  }

  private async recomputeStatuses(trx: Trx, actor: Actor, invoiceIds: string[], today: string, now: Date, reason: string): Promise<void> {
    for (const id of invoiceIds.sort()) {
      const invoice = await invoicesRepo.lockInvoice(trx, id);
      if (invoice.status === 'void') continue;
      const open = await invoicesRepo.openAmount(trx, id);
      const paid = await repo.paidByCredit(trx, id);
      // Paid in full; else overdue once past its due date (as the daily job and a chargeback decide); else part paid or open.
      const to: invoicesRepo.InvoiceStatus = open <= 0 ? 'paid' : invoice.due_date < today ? 'overdue' : paid > 0 ? 'partially_paid' : 'open';
      if (to === invoice.status) continue;
      await invoicesRepo.transition(trx, invoice.id, invoice.status, invoice.version, to, now);
      await invoicesRepo.insertHistory(trx, [{ invoice_id: invoice.id, from_status: invoice.status, to_status: to, reason, changed_at: now, changed_by: actor.userId }]);
    }
  }

  private async state(db: DbOrTrx, payment: PaymentRow): Promise<AllocationState> {
    const currency = payment.currency.trim();
    const standing = payment.status === 'succeeded' || payment.status === 'reversed' ? await repo.standingAllocations(db, payment.id) : [];
    const allocatedOn = new Map<string, number>();
    for (const a of standing) allocatedOn.set(a.invoice_id, (allocatedOn.get(a.invoice_id) ?? 0) + a.amount);
    const [invoices, credit] = await Promise.all([
      repo.invoicesForReallocation(db, payment.customer_id, currency, [...allocatedOn.keys()]),
      this.ledger.customerCredit(db, payment.customer_id, currency),
    ]);
    const available = Math.max(0, Math.min(payment.amount, credit + sum(allocatedOn.values())));
    return { payment, standing, allocatedOn, invoices, credit, available, blocked: this.blockedBecause(payment, invoices, allocatedOn) };
  }

  private blockedBecause(payment: PaymentRow, invoices: repo.CustomerInvoiceRow[], allocatedOn: Map<string, number>): string | null {
    if (payment.status !== 'succeeded') return `Only a succeeded payment’s money can be re-allocated; ${payment.payment_number} is ${payment.status}.`;
    const byId = new Map(invoices.map((i) => [i.id, i]));
    for (const [invoiceId, amount] of allocatedOn) {
      const invoice = byId.get(invoiceId);
      if (!invoice || invoice.customer_id !== payment.customer_id || invoice.status === 'void')
        return `${payment.payment_number} paid an invoice that is no longer its customer’s (a merge) or was voided; re-allocate on the customer it was merged into.`;
      // A chargeback of another payment took credit back from this invoice: what this payment
      // applied there is no longer all on it, so reversing it would owe the invoice twice.
      if (invoice.paid_by_credit < amount)
        return `Credit has since been taken back from ${invoice.invoice_number} (a chargeback); ${payment.payment_number} cannot be re-allocated.`;
    }
    return null;
  }

  /** The customer's invoices in the payment's currency (not void), with what each could receive. */
  private customerInvoices(state: AllocationState): ReallocationInvoice[] {
    const currency = state.payment.currency.trim();
    return state.invoices
      .filter((i) => i.customer_id === state.payment.customer_id && i.currency === currency && i.status !== 'void')
      .map((i) => {
        const allocated = state.allocatedOn.get(i.id) ?? 0;
        return {
          id: i.id,
          invoiceNumber: i.invoice_number,
          policyId: i.policy_id,
          policyNumber: i.policy_number,
          dueDate: i.due_date,
          status: i.status,
          openAmount: i.open_amount,
          allocated,
          openAfterReversal: i.open_amount + allocated,
        };
      });
  }

  private toDto(state: AllocationState): PaymentAllocations {
    const numbers = new Map(state.invoices.map((i) => [i.id, i.invoice_number]));
    const allocations: PaymentAllocation[] = [...state.allocatedOn].map(([invoiceId, amount]) => ({ invoiceId, invoiceNumber: numbers.get(invoiceId) ?? '', amount }));
    return {
      paymentId: state.payment.id,
      paymentNumber: state.payment.payment_number,
      customerId: state.payment.customer_id,
      currency: state.payment.currency.trim(),
      amount: state.payment.amount,
      version: state.payment.version,
      allocations,
      credit: state.credit,
      available: state.available,
      reallocatable: state.blocked === null,
      notReallocatableReason: state.blocked,
      // Those that could receive something.
      invoices: this.customerInvoices(state).filter((i) => i.openAfterReversal > 0),
    };
  }
}
