// The dunning job (`collections.run-dunning`): first settles the open promises to pay (kept once the
// customer has paid the promised amount, broken once the promised day has passed without it — a task
// for the branch), then runs the step each overdue invoice is due for under its product version's
// plan. Each invoice is handled in its own transaction under an advisory lock on the invoice, with the
// invoice read FOR SHARE: a step runs only while the invoice is still overdue (a payment that marks it
// paid either waits for the step to commit or has already stopped it), at most once per (invoice,
// step key) — the unique key of `collections_dunning_runs` — however many workers run at once.
import type { DunningStep } from '../../contracts/collections';
import { withTransaction, type Db, type Trx } from '../../db';
import { daysBetween } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { formatMoney } from '../../platform/money';
import type { BillingHooks, CollectibleInvoice } from '../billing/billing-policies';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { NotificationService } from '../notifications/notifications.service';
import type { TaskService } from '../service/tasks.service';
import * as repo from './collections.repository';
import { dueStep } from './dunning-plan';
import type { DunningPlansService } from './plans.service';

/** A call task or a broken promise's task is due this long after it is raised. */
const TASK_DUE_MS = 24 * 60 * 60 * 1000;
const SETTLED_STATUSES = new Set(['paid', 'written_off', 'void']);

export interface DunningReport {
  promisesKept: number;
  promisesBroken: number;
  steps: number;
}

/** Whether a promise is kept: the invoice settled, or the customer paid at least the promised amount since. */
export const promiseKept = (p: Pick<repo.PromiseRow, 'amount' | 'open_amount_at_promise'>, invoice: Pick<CollectibleInvoice, 'status' | 'openAmount'>) =>
  SETTLED_STATUSES.has(invoice.status) || invoice.openAmount <= 0 || invoice.openAmount <= Number(p.open_amount_at_promise) - Number(p.amount);

export class DunningService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly audit: AuditService,
    private readonly billing: BillingHooks,
    private readonly plans: DunningPlansService,
    private readonly notifications: NotificationService,
    private readonly customers: CustomerProfiles,
    private readonly tasks: TaskService,
  ) {}

  async runDue(): Promise<DunningReport> {
    const { kept, broken } = await this.settlePromises();
    const steps = await this.runSteps();
    if (kept + broken + steps) this.logger.info({ kept, broken, steps }, 'dunning run');
    return { promisesKept: kept, promisesBroken: broken, steps };
  }

  /** Every open promise: kept, broken (with a task) or left open. */
  async settlePromises(): Promise<{ kept: number; broken: number }> {
    let kept = 0;
    let broken = 0;
    for (const { id, invoice_id } of await repo.openPromiseIds(this.db)) {
      const outcome = await withTransaction(this.db, async (trx) => {
        await repo.lockInvoice(trx, invoice_id);
        const promise = await repo.promise(trx, id, { lock: true });
        if (promise?.status !== 'open') return null;
        const [invoice] = await this.billing.invoicesByIds(trx, [invoice_id], { lock: true });
        if (!invoice) return null;
        const today = this.clock.businessDate();
        if (promiseKept(promise, invoice)) return this.settle(trx, promise, invoice, 'kept');
        if (promise.promised_for < today) return this.settle(trx, promise, invoice, 'broken');
        return null;
      });
      if (outcome === 'kept') kept++;
      if (outcome === 'broken') broken++;
    }
    return { kept, broken };
  }

  private async settle(trx: Trx, promise: repo.PromiseRow, invoice: CollectibleInvoice, status: 'kept' | 'broken') {
    const now = this.clock.now();
    if (!(await repo.settlePromise(trx, promise.id, status, now))) return null;
    await repo.insertPromiseHistory(trx, { promise_id: promise.id, from_status: 'open', to_status: status, changed_by: null, changed_at: now });
    const trail = { actor: null, entity: { type: 'payment_promise', id: promise.id }, branchId: promise.branch_id, before: { status: 'open' }, after: { status } };
    const metadata = { invoiceId: invoice.id, openAmount: invoice.openAmount };
    if (status === 'kept') await this.audit.record(trx, { ...trail, action: 'promise.kept', metadata });
    else await this.audit.record(trx, { ...trail, action: 'promise.broken', metadata });
    if (status === 'broken') {
      await this.tasks.create(trx, null, {
        title: `Promise to pay broken: ${formatMoney(Number(promise.amount), promise.currency.trim())} on ${invoice.invoiceNumber} by ${promise.promised_for}`,
        description: `The customer promised to pay ${formatMoney(Number(promise.amount), promise.currency.trim())} by ${promise.promised_for}; ${formatMoney(invoice.openAmount, invoice.currency)} is still open. The dunning plan resumes at its next step.`,
        dueAt: new Date(now.getTime() + TASK_DUE_MS),
        branchId: promise.branch_id,
        priority: 'high',
        links: [
          { kind: 'customer', id: promise.customer_id },
          { kind: 'policy', id: promise.policy_id },
          { kind: 'invoice', id: promise.invoice_id },
        ],
        source: 'collections',
        sourceKey: `promise-broken:${promise.id}`,
      });
    }
    return status;
  }

  /** Runs the step each overdue invoice is due for today; returns how many ran. */
  async runSteps(): Promise<number> {
    const today = this.clock.businessDate();
    const invoices = await this.billing.overdueInvoices(this.db);
    const plans = await this.plans.stepsOf(this.db, [...new Set(invoices.map((i) => i.productVersionId))]);
    const withPlan = invoices.filter((i) => plans.get(i.productVersionId)?.steps.length);
    const ids = withPlan.map((i) => i.id);
    const runs = groupBy(await repo.runsOf(this.db, ids), (r) => r.invoice_id);
    const paused = new Set((await repo.promisesOf(this.db, ids, { openOnly: true })).map((p) => p.invoice_id));
    let ran = 0;
    for (const invoice of withPlan) {
      const plan = plans.get(invoice.productVersionId)!;
      if (!dueStep(plan.steps, this.state(invoice, today, runs.get(invoice.id) ?? [], paused.has(invoice.id)))) continue;
      if (await this.runStep(invoice.id)) ran++;
    }
    return ran;
  }

  private state(invoice: CollectibleInvoice, today: string, runs: readonly repo.RunRow[], paused: boolean) {
    return { daysPastDue: daysBetween(invoice.dueDate, today), doneKeys: new Set(runs.map((r) => r.step_key)), ranToday: runs.some((r) => r.day === today), paused };
  }

  /** One invoice, in its own transaction: everything decided again under the invoice's lock. */
  private runStep(invoiceId: string): Promise<boolean> {
    return withTransaction(this.db, async (trx) => {
      await repo.lockInvoice(trx, invoiceId);
      const [invoice] = await this.billing.invoicesByIds(trx, [invoiceId], { lock: true });
      if (!invoice || invoice.status !== 'overdue' || invoice.openAmount <= 0) return false;
      const plan = (await this.plans.stepsOf(trx, [invoice.productVersionId])).get(invoice.productVersionId);
      if (!plan) return false;
      const today = this.clock.businessDate();
      const paused = (await repo.promisesOf(trx, [invoiceId], { openOnly: true })).length > 0;
      const step = dueStep(plan.steps, this.state(invoice, today, await repo.runsOf(trx, [invoiceId]), paused));
      if (!step) return false;
      const effect = await this.perform(trx, invoice, step, today);
      await repo.insertRun(trx, {
        invoice_id: invoiceId,
        step_key: step.key,
        action: step.action,
        plan_version: plan.version,
        day: today,
        created_at: this.clock.now(),
        ...effect,
      });
      return true;
    });
  }

  private async perform(trx: Trx, invoice: CollectibleInvoice, step: DunningStep, today: string): Promise<Pick<repo.RunRow, 'outcome' | 'channel' | 'message_id' | 'task_id'>> {
    const daysPastDue = daysBetween(invoice.dueDate, today);
    const amount = formatMoney(invoice.openAmount, invoice.currency);
    if (step.action === 'call_task') {
      const { task } = await this.tasks.create(trx, null, {
        title: `Collections call: ${invoice.invoiceNumber}, ${amount} overdue ${daysPastDue} days`,
        description: `Dunning step "${step.key}": call the customer about invoice ${invoice.invoiceNumber} of policy ${invoice.policyNumber} (due ${invoice.dueDate}). A promise to pay pauses the reminders.`,
        dueAt: new Date(this.clock.now().getTime() + TASK_DUE_MS),
        branchId: invoice.branchId,
        priority: 'normal',
        links: [
          { kind: 'customer', id: invoice.customerId },
          { kind: 'policy', id: invoice.policyId },
          { kind: 'invoice', id: invoice.id },
        ],
        source: 'collections',
        sourceKey: `dunning:${invoice.id}:${step.key}`,
      });
      return { outcome: 'task_created', channel: null, message_id: null, task_id: task.id };
    }
    const contact = await this.customers.contactOf(trx, invoice.customerId);
    const result = await this.notifications.enqueue(trx, {
      channel: step.channel ?? 'preferred',
      template: step.template!,
      customerId: invoice.customerId,
      data: {
        customerName: contact?.name ?? '',
        invoiceNumber: invoice.invoiceNumber,
        policyNumber: invoice.policyNumber,
        amount,
        dueDate: invoice.dueDate,
        daysPastDue,
      },
      idempotencyKey: `dunning:${invoice.id}:${step.key}`,
      purpose: 'service',
    });
    if (!result.queued) return { outcome: 'no_recipient', channel: null, message_id: null, task_id: null };
    return { outcome: 'message_queued', channel: result.message.channel, message_id: result.message.id, task_id: null };
  }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
