// Promises to pay, an invoice's collections record (steps run and promises) and the collections
// worklist. A promise is taken by an agent on an overdue invoice of their branches, for at most what
// is still due, for today or a day within PROMISE_MAX_DAYS_AHEAD; it pauses the invoice's dunning
// plan until the dunning job settles it (kept or broken, see dunning.service.ts).
import {
  PROMISE_MAX_DAYS_AHEAD,
  type CollectionFigures,
  type CreatePromiseBody,
  type FiguresQuery,
  type InvoiceCollections,
  type PaymentPromise,
  type Worklist,
  type WorklistQuery,
  type WriteOffProposals,
  type WriteOffProposalsQuery,
  type WorklistRow,
} from '../../contracts/collections';
import { withTransaction, type Db } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays, daysBetween } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { assertInScope, inScope } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { BillingHooks, CollectibleInvoice } from '../billing/billing-policies';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { ApprovalLimitsService } from '../identity/approval-limits.service';
import * as repo from './collections.repository';

const toPromise = (p: repo.PromiseRow, invoiceNumber: string): PaymentPromise => ({
  id: p.id,
  invoiceId: p.invoice_id,
  invoiceNumber,
  policyId: p.policy_id,
  customerId: p.customer_id,
  branchId: p.branch_id,
  currency: p.currency.trim(),
  amount: Number(p.amount),
  promisedFor: p.promised_for,
  channel: p.channel as PaymentPromise['channel'],
  note: p.note,
  status: p.status,
  openAmountAtPromise: Number(p.open_amount_at_promise),
  takenBy: { id: p.created_by, name: p.created_by_name ?? '' },
  takenAt: p.created_at.toISOString(),
  settledAt: p.settled_at ? p.settled_at.toISOString() : null,
  version: p.version,
});

export class PromisesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly billing: BillingHooks,
    private readonly customers: CustomerProfiles,
    private readonly approvalLimits: ApprovalLimitsService,
  ) {}

  async create(actor: Actor, invoiceId: string, body: CreatePromiseBody): Promise<PaymentPromise> {
    const today = this.clock.businessDate();
    const latest = addDays(today, PROMISE_MAX_DAYS_AHEAD);
    if (body.promisedFor < today || body.promisedFor > latest)
      throw new ValidationError(
        [{ path: 'promisedFor', message: body.promisedFor < today ? `Not before today (${today})` : `At most ${PROMISE_MAX_DAYS_AHEAD} days ahead (${latest})` }],
        'A promise is for today or a day ahead.',
        'PROMISE_DATE_INVALID',
      );
    return withTransaction(this.db, async (trx) => {
      await repo.lockInvoice(trx, invoiceId);
      const [invoice] = await this.billing.invoicesByIds(trx, [invoiceId], { lock: true });
      if (!invoice) throw new NotFoundError('invoice');
      assertInScope(actor, invoice.branchId, 'invoice');
      if (invoice.status !== 'overdue' || invoice.openAmount <= 0)
        throw new ConflictError('PROMISE_INVOICE_NOT_OVERDUE', `Invoice ${invoice.invoiceNumber} is not overdue (${invoice.status}).`, { currentStatus: invoice.status });
      if (body.amount > invoice.openAmount)
        throw new ConflictError('PROMISE_EXCEEDS_AMOUNT_DUE', `At most ${invoice.openAmount} (what is still due) can be promised.`, { openAmount: invoice.openAmount });
      if ((await repo.promisesOf(trx, [invoiceId], { openOnly: true })).length)
        throw new ConflictError('PROMISE_ALREADY_OPEN', `Invoice ${invoice.invoiceNumber} already has an open promise to pay.`);
      const now = this.clock.now();
      const id = await repo.insertPromise(trx, {
        invoice_id: invoice.id,
        policy_id: invoice.policyId,
        customer_id: invoice.customerId,
        branch_id: invoice.branchId,
        currency: invoice.currency,
        amount: body.amount,
        open_amount_at_promise: invoice.openAmount,
        promised_for: body.promisedFor,
        channel: body.channel,
        note: body.note ?? null,
        status: 'open',
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
      });
      await repo.insertPromiseHistory(trx, { promise_id: id, from_status: null, to_status: 'open', changed_by: actor.userId, changed_at: now });
      const promise = toPromise((await repo.promise(trx, id))!, invoice.invoiceNumber);
      const { id: _id, version: _v, ...after } = promise;
      await this.audit.record(trx, { actor, action: 'promise.create', entity: { type: 'payment_promise', id }, branchId: invoice.branchId, after });
      return promise;
    });
  }

  /** The invoice's steps run and promises, newest promise first (404 outside the reader's branches). */
  async ofInvoice(actor: Actor, invoiceId: string): Promise<InvoiceCollections> {
    const [invoice] = await this.billing.invoicesByIds(this.db, [invoiceId]);
    if (!invoice) throw new NotFoundError('invoice');
    assertInScope(actor, invoice.branchId, 'invoice');
    const runs = await repo.runsOf(this.db, [invoiceId]);
    const promises = await repo.promisesOf(this.db, [invoiceId]);
    return {
      invoiceId,
      runs: runs.map((r) => ({
        stepKey: r.step_key,
        action: r.action,
        day: r.day,
        outcome: r.outcome,
        channel: r.channel,
        messageId: r.message_id,
        taskId: r.task_id,
        at: r.created_at.toISOString(),
      })),
      promises: promises.map((p) => toPromise(p, invoice.invoiceNumber)),
    };
  }

  /**
   * Collection figures of the reader's branches (or the one named): per currency, days sales
   * outstanding (receivable today ÷ billed in the period × the period's days), the cure rate
   * (invoices gone overdue in the period and paid since before their policy ended), and the promises
   * kept and broken in the period.
   */
  async figures(actor: Actor, query: FiguresQuery): Promise<CollectionFigures> {
    const branchIds = query.branchId ? (inScope(actor, query.branchId) ? [query.branchId] : []) : actor.branchIds;
    const scope = { from: query.from, to: query.to, timeZone: this.clock.businessTimeZone, branchIds };
    const days = daysBetween(query.from, query.to) + 1;
    const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
    const totals = await this.billing.collectionTotals(this.db, scope);
    const promises = await repo.promiseCounts(this.db, scope);
    return {
      from: query.from,
      to: query.to,
      currencies: totals.map((t) => ({
        ...t,
        daysSalesOutstanding: t.billed > 0 ? Math.round((t.receivable / t.billed) * days * 10) / 10 : null,
        cureRate: rate(t.cured, t.wentOverdue),
      })),
      promises: { ...promises, keptRate: rate(promises.kept, promises.kept + promises.broken) },
    };
  }

  /**
   * The reader's overdue accounts (per policy), ranked by priority = overdue amount (major units) ×
   * days past due, highest first (ties: most days, then the policy id), with the open promise and the
   * last dunning step of each. The top `limit` rows; the full list, paged, is billing's overdue worklist.
   */
  /**
   * Write-off proposals: the reader's invoices with a small amount left open for a long time, oldest
   * first, each with whether the reader's own write_off_amount limit covers it. Writing one off is
   * billing's `POST /api/invoices/{id}/write-off` (the limit enforced there).
   */
  async writeOffProposals(actor: Actor, query: WriteOffProposalsQuery): Promise<WriteOffProposals> {
    const today = this.clock.businessDate();
    const { maxAmount, minDaysPastDue } = query;
    if (query.branchId && !inScope(actor, query.branchId)) return { asOf: today, maxAmount, minDaysPastDue, items: [] };
    const invoices = await this.billing.smallOldBalances(this.db, {
      branchIds: query.branchId ? [query.branchId] : actor.branchIds,
      maxAmount,
      dueOnOrBefore: addDays(today, -minDaysPastDue),
      limit: query.limit,
    });
    const names = await this.customers.summaries(this.db, [...new Set(invoices.map((i) => i.customerId))]);
    const limits = new Map<string, number | null>();
    for (const currency of new Set(invoices.map((i) => i.currency))) limits.set(currency, await this.approvalLimits.limitOf(this.db, actor.role, 'write_off_amount', currency));
    return {
      asOf: today,
      maxAmount,
      minDaysPastDue,
      items: invoices.map((i) => {
        const yourLimit = limits.get(i.currency) ?? null;
        return {
          invoiceId: i.id,
          invoiceNumber: i.invoiceNumber,
          policyId: i.policyId,
          policyNumber: i.policyNumber,
          customer: names.get(i.customerId) ?? { id: i.customerId, customerNumber: '', name: '' },
          branchId: i.branchId,
          currency: i.currency,
          openAmount: i.openAmount,
          dueDate: i.dueDate,
          daysPastDue: daysBetween(i.dueDate, today),
          yourLimit,
          withinYourLimit: yourLimit !== null && i.openAmount <= yourLimit,
        };
      }),
    };
  }

  async worklist(actor: Actor, query: WorklistQuery): Promise<Worklist> {
    const today = this.clock.businessDate();
    if (query.branchId && !inScope(actor, query.branchId)) return { items: [], asOf: today };
    const invoices = await this.billing.overdueInvoices(this.db, { branchIds: query.branchId ? [query.branchId] : actor.branchIds });
    const byPolicy = new Map<string, CollectibleInvoice[]>();
    for (const i of invoices) byPolicy.set(i.policyId, [...(byPolicy.get(i.policyId) ?? []), i]);
    const ids = invoices.map((i) => i.id);
    const promises = await repo.promisesOf(this.db, ids, { openOnly: true });
    const runs = await repo.runsOf(this.db, ids);
    const names = await this.customers.summaries(this.db, [...new Set(invoices.map((i) => i.customerId))]);
    const numbers = new Map(invoices.map((i) => [i.id, i.invoiceNumber]));

    const rows: WorklistRow[] = [...byPolicy.values()].map((list) => {
      const first = list[0]!;
      const overdueAmount = list.reduce((s, i) => s + i.openAmount, 0);
      const overdueSince = list.map((i) => i.dueDate).sort()[0]!;
      const daysPastDue = daysBetween(overdueSince, today);
      const mine = new Set(list.map((i) => i.id));
      const promise = promises.find((p) => mine.has(p.invoice_id));
      const last = runs.filter((r) => mine.has(r.invoice_id)).at(-1);
      return {
        policyId: first.policyId,
        policyNumber: first.policyNumber,
        customer: names.get(first.customerId) ?? { id: first.customerId, customerNumber: '', name: '' },
        branchId: first.branchId,
        currency: first.currency,
        overdueAmount,
        overdueSince,
        daysPastDue,
        overdueInvoices: list.map((i) => ({ id: i.id, invoiceNumber: i.invoiceNumber, dueDate: i.dueDate, openAmount: i.openAmount })),
        priority: Math.round((overdueAmount / 100) * daysPastDue * 100) / 100,
        openPromise: promise ? toPromise(promise, numbers.get(promise.invoice_id) ?? '') : null,
        lastStep: last ? { stepKey: last.step_key, action: last.action, day: last.day } : null,
      };
    });
    rows.sort((a, b) => b.priority - a.priority || b.daysPastDue - a.daysPastDue || (a.policyId < b.policyId ? -1 : 1));
    return { items: rows.slice(0, query.limit), asOf: today };
  }
}
