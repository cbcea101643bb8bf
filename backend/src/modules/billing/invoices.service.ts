// Invoices: raised from installments by a daily job (each installment once), paid with the
// customer's credit (oldest due first, the invoice's own policy first), turned overdue by a daily
// job. An invoice's open amount is the sum of its receivable postings; nothing here stores money.
import { formatMoney } from '../../platform/money';
import type { CustomerBilling, PolicyBilling } from '../../contracts/billing';
import type { Db, DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { assertInScope } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { RiskFactor } from '../customers/risk-score';
import { allocatePayment, type OpenInvoice } from './allocation';
import { POSTING_SCHEME } from './chart-of-accounts';
import { invoiceDto } from './invoice-dto';
import { policyBillingSnapshot } from './policy-billing.query';
import { installmentCoverage, invoiceIssueDate } from './installment-schedule';
import * as repo from './invoices.repository';
import * as ledgerRepo from './ledger.repository';
import * as writingsRepo from './premium-writings.repository';
import type { LedgerService } from './ledger.service';
import { insertAllocationLinks } from './reallocation.repository';

export interface CreditTarget {
  customerId: string;
  currency: string;
  /** This policy's invoices are paid first, then the customer's other policies' (oldest due first). */
  policyId?: string | null;
  effectiveDate: string;
  reason: string;
  /**
   * The payment whose receipt this is: the first `amount` applied is its money, linked to it
   * (payment_allocations) so it can be re-allocated; an invoice's share that straddles that line is
   * posted as two entries. Credit applied beyond it (older credit) is linked to no payment.
   */
  payment?: { id: string; amount: number } | null;
}

export interface CreditApplication {
  invoiceId: string;
  invoiceNumber: string;
  amount: number;
}

const BATCH = 200;
/** Installments the invoice job raises at once (each its own transaction and connection): a day's run is round trips, not CPU. */
const RAISE_CONCURRENCY = 4;

/** Points of the payment delinquency risk factor for this many invoices overdue in the last 12 months. */
export const delinquencyPoints = (overdue: number): number => (overdue <= 0 ? 0 : overdue === 1 ? 5 : overdue === 2 ? 10 : 20);
const toOpen = (r: repo.OpenInvoiceRow): OpenInvoice => ({ id: r.id, invoiceNumber: r.invoice_number, dueDate: r.due_date, openAmount: Math.max(0, r.open_amount) });

export class InvoiceService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly customers: CustomerProfiles,
    private readonly leadDays: number,
  ) {}

  /**
   * Pays the customer's open invoices in `currency` with their unapplied credit (the ledger balance
   * of customer_credit): the given policy's first, then the others', oldest due first. One
   * `creditApplied` entry per invoice (`invoice:<id>:credit:<n>`; two when it straddles the end of
   * `target.payment`'s money), statuses and history updated.
   * Serialised per customer and currency by an advisory lock, so concurrent callers never spend the
   * same credit twice; with nothing left to apply it posts nothing. Runs in the caller's transaction.
   */
  async applyCredit(trx: Trx, actorId: string | null, target: CreditTarget): Promise<CreditApplication[]> {
    await repo.lockCustomerCredit(trx, target.customerId, target.currency);
    let credit = await this.ledger.balance(trx, { kind: 'customer_credit', owner: target.customerId, currency: target.currency });
    if (credit <= 0) return [];
    const unpaid = await repo.unpaidInvoices(trx, target.customerId, target.currency);
    const first = unpaid.filter((i) => target.policyId && i.policy_id === target.policyId);
    const rest = unpaid.filter((i) => !(target.policyId && i.policy_id === target.policyId));
    const applications: CreditApplication[] = [];
    const byId = new Map(unpaid.map((i) => [i.id, i]));
    // What is still the paying payment's own money (linked), then older credit (not linked).
    let ofPayment = target.payment ? target.payment.amount : 0;
    for (const group of [first, rest]) {
      const { lines, credit: left } = allocatePayment(credit, group.map(toOpen));
      credit = left;
      for (const line of lines) {
        const invoice = byId.get(line.invoiceId)!;
        const linked = Math.min(ofPayment, line.amount);
        ofPayment -= linked;
        for (const [amount, paymentId] of [
          [linked, target.payment?.id ?? null],
          [line.amount - linked, null],
        ] as const) {
          if (amount <= 0) continue;
          const n = (await repo.allocationCount(trx, invoice.id)) + 1;
          const { entry } = await this.ledger.post(trx, {
            externalId: `invoice:${invoice.id}:credit:${n}`,
            effectiveDate: target.effectiveDate,
            sourceType: 'allocation',
            sourceId: invoice.id,
            description: `Credit applied to ${invoice.invoice_number}: ${target.reason}`,
            policyId: invoice.policy_id,
            customerId: target.customerId,
            branchId: invoice.branch_id,
            createdBy: actorId,
            postings: [
              { account: { kind: POSTING_SCHEME.creditApplied.debit, owner: target.customerId, currency: target.currency }, direction: 'debit', amount },
              { account: { kind: POSTING_SCHEME.creditApplied.credit, owner: invoice.policy_id, currency: target.currency }, direction: 'credit', amount, invoiceId: invoice.id },
            ],
          });
          if (paymentId)
            await insertAllocationLinks(trx, [{ entry_id: entry.id, payment_id: paymentId, invoice_id: invoice.id, reallocation_id: null, created_at: this.clock.now() }]);
        }
        await this.afterPayment(trx, invoice, invoice.open_amount - line.amount, actorId, target.reason);
        if (actorId) {
          await this.audit.record(trx, {
            actor: { userId: actorId, role: null as never },
            action: 'invoice.credit_applied',
            entity: { type: 'invoice', id: invoice.id },
            branchId: invoice.branch_id,
            metadata: { invoiceNumber: invoice.invoice_number, amount: line.amount, currency: target.currency, reason: target.reason },
          });
        }
        applications.push({ invoiceId: invoice.id, invoiceNumber: invoice.invoice_number, amount: line.amount });
      }
      if (credit === 0) break;
    }
    return applications;
  }

  /**
   * After money behind the customer's credit is taken back (a chargeback), credit that is now below
   * zero is withdrawn from the invoices it paid, newest due first: each is owed again (one
   * `creditWithdrawn` entry per invoice, external id `<eventKey>:invoice:<id>`) and its status goes
   * back to overdue, partially paid or open. Returns what was withdrawn from each.
   */
  async withdrawCredit(
    trx: Trx,
    actorId: string | null,
    target: { customerId: string; currency: string; effectiveDate: string; reason: string; eventKey: string },
  ): Promise<CreditApplication[]> {
    await repo.lockCustomerCredit(trx, target.customerId, target.currency);
    let shortfall = -(await this.ledger.balance(trx, { kind: 'customer_credit', owner: target.customerId, currency: target.currency }));
    const withdrawn: CreditApplication[] = [];
    for (const invoice of await repo.invoicesWithCreditApplied(trx, target.customerId, target.currency)) {
      if (shortfall <= 0) break;
      const amount = Math.min(shortfall, invoice.charged - invoice.open_amount);
      await this.ledger.post(trx, {
        externalId: `${target.eventKey}:invoice:${invoice.id}`,
        effectiveDate: target.effectiveDate,
        sourceType: 'reallocation',
        sourceId: invoice.id,
        description: `Credit withdrawn from ${invoice.invoice_number}: ${target.reason}`,
        policyId: invoice.policy_id,
        customerId: target.customerId,
        branchId: invoice.branch_id,
        createdBy: actorId,
        postings: [
          { account: { kind: POSTING_SCHEME.creditWithdrawn.debit, owner: invoice.policy_id, currency: target.currency }, direction: 'debit', amount, invoiceId: invoice.id },
          { account: { kind: POSTING_SCHEME.creditWithdrawn.credit, owner: target.customerId, currency: target.currency }, direction: 'credit', amount },
        ],
      });
      const stillOpen = invoice.open_amount + amount;
      const to: repo.InvoiceStatus = invoice.due_date < target.effectiveDate ? 'overdue' : stillOpen >= invoice.charged ? 'open' : 'partially_paid';
      if (to !== invoice.status) {
        const now = this.clock.now();
        const current = await repo.lockInvoice(trx, invoice.id);
        await repo.transition(trx, current.id, current.status, current.version, to, now);
        await repo.insertHistory(trx, [{ invoice_id: current.id, from_status: current.status, to_status: to, reason: target.reason, changed_at: now, changed_by: actorId }]);
      }
      withdrawn.push({ invoiceId: invoice.id, invoiceNumber: invoice.invoice_number, amount });
      shortfall -= amount;
    }
    return withdrawn;
  }

  /** open → partially_paid → paid; overdue stays overdue until fully paid. */
  private async afterPayment(trx: Trx, invoice: repo.InvoiceRow, stillOpen: number, actorId: string | null, reason: string): Promise<void> {
    const to: repo.InvoiceStatus = stillOpen <= 0 ? 'paid' : invoice.status === 'open' ? 'partially_paid' : invoice.status;
    if (to === invoice.status) return;
    // Under the customer's credit lock; the overdue job may have moved it meanwhile: read it again.
    const current = await repo.lockInvoice(trx, invoice.id);
    const target: repo.InvoiceStatus = stillOpen <= 0 ? 'paid' : current.status === 'open' ? 'partially_paid' : current.status;
    if (target === current.status) return;
    const now = this.clock.now();
    await repo.transition(trx, current.id, current.status, current.version, target, now);
    await repo.insertHistory(trx, [{ invoice_id: current.id, from_status: current.status, to_status: target, reason, changed_at: now, changed_by: actorId }]);
  }

  /**
   * Raises the invoice of one installment (if nobody has yet): invoice, line, `premiumBilled` entry
   * (`installment:<id>:billed`, so it can never post twice), then applies the customer's credit.
   * Returns the invoice, or undefined when it had been raised (or is being raised) already.
   */
  async raiseInstallment(trx: Trx, installmentId: string): Promise<repo.InvoiceRow | undefined> {
    const installment = await repo.lockInstallmentToRaise(trx, installmentId);
    if (!installment) return undefined;
    const policy = (await ledgerRepo.findBillingPolicy(trx, installment.policy_id))!;
    const now = this.clock.now();
    const issueDate = invoiceIssueDate(installment.due_date, this.leadDays);
    const invoice = await repo.insertInvoice(trx, {
      policy_id: policy.policy_id,
      customer_id: policy.customer_id,
      branch_id: policy.branch_id,
      currency: installment.currency,
      issue_date: issueDate,
      due_date: installment.due_date,
      status: 'open',
      created_at: now,
      updated_at: now,
      created_by: null,
    });
    const description = `Installment ${installment.sequence} of policy year ${installment.policy_year}, ${policy.policy_number}`;
    await repo.insertLine(trx, { invoice_id: invoice.id, kind: 'installment', installment_id: installment.id, amount: installment.amount, description, created_at: now });
    await repo.markInstallmentInvoiced(trx, installment.id, invoice.id);
    await repo.insertHistory(trx, [{ invoice_id: invoice.id, from_status: null, to_status: 'open', reason: 'Raised', changed_at: now, changed_by: null }]);
    const { entry } = await this.ledger.post(trx, {
      externalId: `installment:${installment.id}:billed`,
      effectiveDate: issueDate,
      sourceType: 'invoice',
      sourceId: invoice.id,
      description: `${invoice.invoice_number}: ${description}`,
      policyId: policy.policy_id,
      customerId: policy.customer_id,
      branchId: policy.branch_id,
      createdBy: null,
      postings: [
        {
          account: { kind: POSTING_SCHEME.premiumBilled.debit, owner: policy.policy_id, currency: installment.currency },
          direction: 'debit',
          amount: installment.amount,
          invoiceId: invoice.id,
        },
        { account: { kind: POSTING_SCHEME.premiumBilled.credit, currency: installment.currency }, direction: 'credit', amount: installment.amount },
      ],
    });
    // Unearned until the days it pays for pass: the earning job (finance) earns it over them.
    const cover = installmentCoverage({
      startDate: policy.start_date,
      endDate: policy.end_date,
      installmentsPerYear: await writingsRepo.installmentsInYear(trx, policy.policy_id, installment.policy_year),
      policyYear: installment.policy_year,
      sequence: installment.sequence,
    });
    if (installment.amount > 0) {
      await writingsRepo.insertWriting(trx, {
        ledger_entry_id: entry.id,
        policy_id: policy.policy_id,
        branch_id: policy.branch_id,
        product_version_id: policy.product_version_id,
        currency: installment.currency,
        amount: Number(installment.amount),
        covered_from: cover.from,
        covered_to: cover.to,
        created_at: now,
      });
    }
    await this.applyCredit(trx, null, {
      customerId: policy.customer_id,
      currency: installment.currency,
      policyId: policy.policy_id,
      effectiveDate: this.clock.businessDate(),
      reason: `Credit applied when ${invoice.invoice_number} was raised`,
    });
    return invoice;
  }

  /**
   * The daily job `billing.raise-invoices`: every installment whose issue date (due − lead days) is
   * on or before `date` and that has no invoice, oldest first, one short transaction each, up to
   * RAISE_CONCURRENCY at a time (each installment is locked with SKIP LOCKED, a customer's credit by
   * its advisory lock, so parallel raisers never raise one twice nor spend credit twice). Catches up
   * after downtime; run twice, each installment is raised once.
   */
  async raiseDue(date: string = this.clock.businessDate()): Promise<{ raised: number }> {
    let after: { dueDate: string; id: string } | null = null;
    let raised = 0;
    for (;;) {
      const batch = await repo.installmentsToRaise(this.db, date, this.leadDays, after, BATCH);
      if (!batch.length) break;
      const last = batch[batch.length - 1]!;
      after = { dueDate: last.due_date, id: last.id };
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(RAISE_CONCURRENCY, batch.length) }, async () => {
          while (next < batch.length) {
            const installment = batch[next++]!;
            if (await this.db.transaction((trx) => this.raiseInstallment(trx, installment.id))) raised++;
          }
        }),
      );
    }
    return { raised };
  }

  /** The daily job `billing.mark-overdue`: open and partially paid invoices past their due date. */
  async markOverdue(date: string = this.clock.businessDate()): Promise<{ marked: number }> {
    let marked = 0;
    for (;;) {
      const n = await this.db.transaction(async (trx) => {
        const now = this.clock.now();
        const rows = await repo.markOverdueBatch(trx, date, BATCH, now);
        await repo.insertHistory(
          trx,
          rows.map((r) => ({
            invoice_id: r.id,
            from_status: r.from_status,
            to_status: 'overdue',
            reason: `Unpaid after its due date (${date})`,
            changed_at: now,
            changed_by: null,
          })),
        );
        for (const r of rows) {
          await this.audit.record(trx, {
            actor: null,
            action: 'invoice.overdue',
            entity: { type: 'invoice', id: r.id },
            branchId: r.branch_id,
            metadata: { invoiceNumber: r.invoice_number, date },
          });
        }
        return rows.length;
      });
      marked += n;
      if (n < BATCH) break;
    }
    return { marked };
  }

  // --- Reads (branch-scoped through billing's copy of the policy: out of scope is 404).

  async policyBilling(actor: Actor, policyId: string): Promise<PolicyBilling> {
    // One statement (policy-billing.query.ts): the policy, installments, invoices with open amounts and lines, credit.
    const snapshot = await policyBillingSnapshot(this.db, policyId);
    if (!snapshot) throw new NotFoundError('policy');
    const { policy, installments, invoices, credit } = snapshot;
    assertInScope(actor, policy.branch_id, 'policy');
    const today = this.clock.businessDate();
    const lines = invoices.flatMap((i) => i.lines);
    const unpaid = invoices.filter((i) => repo.UNPAID_STATUSES.includes(i.status));
    const overdue = unpaid.filter((i) => i.status === 'overdue');
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const next = installments.find((i) => i.due_date >= today && (!i.invoice_id || byId.get(i.invoice_id)!.open_amount > 0));
    return {
      policyId,
      currency: policy.currency,
      amountDue: unpaid.reduce((s, i) => s + i.open_amount, 0),
      overdueAmount: overdue.reduce((s, i) => s + i.open_amount, 0),
      overdueSince: overdue.length ? overdue.map((i) => i.due_date).sort()[0]! : null,
      nextDue: next ? { date: next.due_date, amount: next.invoice_id ? byId.get(next.invoice_id)!.open_amount : next.amount } : null,
      credit,
      installments: installments.map((i) => ({ id: i.id, policyYear: i.policy_year, sequence: i.sequence, dueDate: i.due_date, amount: i.amount, invoiceId: i.invoice_id })),
      invoices: invoices.map((i) => invoiceDto(i, lines)),
      lateFee: policy.late_fee,
    };
  }

  async customerBilling(actor: Actor, customerId: string): Promise<CustomerBilling> {
    await this.customers.branchOf(this.db, actor, customerId);
    const today = this.clock.businessDate();
    const [unpaid, credits, scheduled] = await Promise.all([
      repo.unpaidInvoicesOfCustomer(this.db, customerId),
      ledgerRepo.ownerTotals(this.db, 'customer_credit', 'customer', customerId),
      repo.uninvoicedInstallmentsOfCustomer(this.db, customerId, today),
    ]);
    type Totals = CustomerBilling['totals'][number];
    const totals = new Map<string, Totals>();
    const of = (currency: string) =>
      totals.get(currency) ?? totals.set(currency, { currency, amountDue: 0, overdueAmount: 0, overdueSince: null, credit: 0, nextDue: null }).get(currency)!;
    // The next due date: the earliest of what is still to pay from today on; everything falling due that day adds up.
    const due = (currency: string, date: string, amount: number) => {
      const t = of(currency);
      if (!t.nextDue || date < t.nextDue.date) t.nextDue = { date, amount };
      else if (date === t.nextDue.date) t.nextDue.amount += amount;
    };
    for (const i of unpaid) {
      const t = of(i.currency);
      t.amountDue += i.open_amount;
      if (i.status === 'overdue') {
        t.overdueAmount += i.open_amount;
        if (!t.overdueSince || i.due_date < t.overdueSince) t.overdueSince = i.due_date;
      }
      if (i.due_date >= today && i.open_amount > 0) due(i.currency, i.due_date, i.open_amount);
    }
    for (const s of scheduled) due(s.currency, s.due_date, s.amount);
    for (const c of credits) of(c.currency).credit = c.credits - c.debits;
    return { customerId, totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
  }

  // --- What billing adds to the customer (contributors of the customers module).

  /** 360° section: the newest invoices with what is still open on each. */
  async overviewSection(db: DbOrTrx, customerId: string) {
    const { count, items } = await repo.newestInvoicesOfCustomer(db, customerId, 5);
    return {
      count,
      items: items.map((i) => ({
        id: i.id,
        invoiceNumber: i.invoice_number,
        policyId: i.policy_id,
        dueDate: i.due_date,
        status: i.status,
        currency: i.currency,
        openAmount: i.open_amount,
      })),
    };
  }

  /** The caller card's overdue premium: the overdue invoices (the oldest five) and the total still open in the base currency. */
  async overduePremium(db: DbOrTrx, customerId: string, baseCurrency: string) {
    const rows = await repo.overdueInvoicesOfCustomer(db, customerId);
    const amount = rows.filter((r) => r.currency === baseCurrency).reduce((sum, r) => sum + r.open_amount, 0);
    return {
      count: rows.length,
      items: rows.slice(0, 5).map((r) => ({ id: r.id, label: r.invoice_number, detail: `due ${r.due_date} · ${formatMoney(r.open_amount, r.currency)} open`, href: null })),
      total: { amount, currency: baseCurrency },
    };
  }

  /** Lifetime value: premium actually paid (credit applied to premium receivable), in the base currency. */
  async lifetimeValue(db: DbOrTrx, customerId: string, baseCurrency: string): Promise<{ premiumsPaid: number }> {
    return { premiumsPaid: await repo.premiumsPaid(db, customerId, baseCurrency) };
  }

  /** Risk factor `payment_delinquency`: invoices that went overdue in the last 12 months (1 → 5, 2 → 10, 3 or more → 20 points). */
  async riskFactors(db: DbOrTrx, customerId: string): Promise<RiskFactor[]> {
    const since = new Date(this.clock.now().getTime() - 365 * 86_400_000);
    const count = await repo.overdueInvoicesSince(db, customerId, since);
    return [{ code: 'payment_delinquency', label: 'Overdue invoices in the last 12 months', value: String(count), points: delinquencyPoints(count) }];
  }

  /** A customer merge: the source's invoices follow billing's policies to the target. */
  async moveCustomer(trx: Trx, sourceId: string, targetId: string): Promise<void> {
    await repo.moveInvoices(trx, sourceId, targetId, this.clock.now());
  }
}
