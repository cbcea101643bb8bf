// A believable billing history for the demo policies, written by billing's own services on a clock
// walked day by day from the first policy's start to today: each day the invoice run and the overdue
// marking and the late-fee assessment run as the daily jobs would, and customers pay — most on the
// due date by card, transfer, check or cash, one policy in seven not at all since its first invoice
// (overdue), one a little less than due, one a little more (a credit), and one card declined. In each
// branch three policies old enough for a late fee never pay: overdue, with the late fees of their
// product's rule; the manager waives one fee, with a reason. At the end one customer pays the same
// transfer twice and gets the second back: a refund requested by their agent, approved by the
// manager and paid out. Loaded once, into a database without invoices.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { ROLE_PERMISSIONS } from '../../backend/src/contracts/permissions';
import type { CreatePaymentBody } from '../../backend/src/contracts/billing';
import type { Actor } from '../../backend/src/platform/actor';
import { Clock } from '../../backend/src/platform/clock';
import { IdempotencyStore } from '../../backend/src/platform/idempotency';
import { branchScopeFor } from '../../backend/src/platform/scope';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { InvoiceService } from '../../backend/src/modules/billing/invoices.service';
import { LateFeeService } from '../../backend/src/modules/billing/late-fees.service';
import { LedgerService } from '../../backend/src/modules/billing/ledger.service';
import { PaymentsService } from '../../backend/src/modules/billing/payments.service';
import { RefundsService } from '../../backend/src/modules/billing/refunds.service';
import type { SANDBOX_TOKENS } from '../../backend/src/modules/billing/sandbox-gateway';
import { createSharedServices } from '../../backend/src/modules/shared-services';

const DAY = 86_400_000;
const DECLINED_TOKEN: keyof typeof SANDBOX_TOKENS = 'tok_sandbox_declined';
const METHODS = ['card', 'bank_transfer', 'card', 'check', 'card', 'cash', 'direct_debit'] as const;

export async function seed(db: Knex, { config }: SeedContext): Promise<void> {
  const [{ count }] = await db('invoices').count<{ count: number }[]>('* as count');
  if (Number(count) > 0) return;
  const policies: { policy_id: string; policy_number: string; branch_id: string; currency: string; start_date: string; card: boolean; late_fee: boolean }[] = await db(
    'billing_policies',
  )
    .orderBy('policy_number')
    .select(
      'policy_id',
      'policy_number',
      'branch_id',
      'currency',
      db.raw("to_char(start_date, 'YYYY-MM-DD') AS start_date"),
      db.raw("payment_method->>'type' = 'card' AS card"),
      db.raw("late_fee->>'kind' <> 'none' AS late_fee"),
    );
  if (!policies.length) return;
  const agents = await db('users').whereIn('email', ['agent@demo.test', 'agent2@demo.test']).select('id', 'role', 'branch_id');
  const actorIn = (branchId: string): Actor | undefined => {
    const u = agents.find((a) => a.branch_id === branchId);
    return (
      u && {
        userId: u.id,
        role: u.role,
        branchId: u.branch_id,
        branchIds: branchScopeFor(u.role, u.branch_id, []),
        permissions: new Set(ROLE_PERMISSIONS.agent),
        mustChangePassword: false,
        sessionId: '',
      }
    );
  };
  const manager = await db('users').where({ email: 'manager@demo.test' }).first('id', 'role', 'branch_id');
  const managerActor: Actor | undefined = manager && {
    userId: manager.id,
    role: manager.role,
    branchId: manager.branch_id,
    branchIds: branchScopeFor(manager.role, manager.branch_id, (await db('user_managed_branches').where({ user_id: manager.id }).pluck('branch_id')) as string[]),
    permissions: new Set(ROLE_PERMISSIONS.manager),
    mustChangePassword: false,
    sessionId: '',
  };

  const clock = new Clock(config.businessTimeZone);
  const realNow = Date.now();
  const services = createSharedServices(db, clock, config);
  const ledger = new LedgerService(db, clock, services.audit, services.customerProfiles);
  const invoices = new InvoiceService(db, clock, ledger, services.audit, services.customerProfiles, config.invoiceLeadDays);
  const idempotency = new IdempotencyStore(db, clock);
  const payments = new PaymentsService(db, clock, services.audit, services.customerProfiles, ledger, services.paymentGateway, idempotency, invoices, services.notifications);
  const refunds = new RefundsService(db, clock, services.audit, services.customerProfiles, ledger, services.paymentGateway, idempotency, invoices, services.approvalLimits);
  const lateFees = new LateFeeService(db, clock, ledger, invoices, services.audit);
  let waivedOne = false;

  // What each policy's customer does (n: its place in the list). One card holder's card is declined.
  const declinedAt = policies.findIndex((p, n) => p.card && n >= 10 && n % 7 !== 3);
  // Three policies per branch with a late-fee rule, started long enough ago for a fee to fall due
  // (every rule charges within 15 days), never pay.
  const feeAge = new Date(realNow - 25 * DAY).toISOString().slice(0, 10);
  const neverPays = new Set<number>();
  for (const branchId of new Set(policies.map((p) => p.branch_id))) {
    policies
      .map((p, n) => ({ p, n }))
      .filter(({ p, n }) => p.branch_id === branchId && p.late_fee && p.start_date <= feeAge && n !== declinedAt)
      .slice(0, 3)
      .forEach(({ n }) => neverPays.add(n));
  }
  const behaviour = (n: number) => (n === declinedAt ? 'declined' : neverPays.has(n) ? 'never_pays' : n % 7 === 3 ? 'stops_paying' : n === 5 ? 'short' : n === 8 ? 'over' : 'pays');
  if (declinedAt >= 0) {
    const row = await db('billing_policies').where({ policy_id: policies[declinedAt]!.policy_id }).first('payment_method');
    await db('billing_policies')
      .where({ policy_id: policies[declinedAt]!.policy_id })
      .update({ payment_method: JSON.stringify({ ...row.payment_method, token: DECLINED_TOKEN }) });
  }

  const keyFor = (operation: string, actor: Actor) => {
    const key = crypto.randomUUID();
    return { operation, actorId: actor.userId, key, fingerprint: crypto.createHash('sha256').update(key).digest('hex') };
  };
  const pay = async (actor: Actor, body: CreatePaymentBody) => (await payments.create(actor, keyFor('payments.create', actor), body)).body;

  const first = policies.reduce((min, p) => (p.start_date < min ? p.start_date : min), policies[0]!.start_date);
  for (let at = Date.parse(`${first}T09:00:00Z`); at <= realNow; at += DAY) {
    clock.set(new Date(at));
    const today = clock.businessDate();
    await invoices.raiseDue(today);
    await invoices.markOverdue(today);
    const { fees } = await lateFees.assessDue(today);
    // The manager waives the first fee charged outside their own branch (one they manage).
    if (!waivedOne && managerActor) {
      for (const fee of fees) {
        const invoice = await db('invoices').where({ id: fee.invoiceId }).first('branch_id');
        if (invoice.branch_id === managerActor.branchId) continue;
        await lateFees.waive(managerActor, fee.invoiceId, fee.lineId, { reason: 'Goodwill: first late payment, the customer called ahead' });
        waivedOne = true;
        break;
      }
    }
    // Invoices falling due today (or, for the declined card, any day) get paid by their policy's customer.
    const due: { id: string; policy_id: string }[] = await db('invoices').where({ due_date: today }).whereIn('status', ['open', 'partially_paid']).select('id', 'policy_id');
    for (const invoice of due) {
      const n = policies.findIndex((p) => p.policy_id === invoice.policy_id);
      const policy = policies[n]!;
      const kind = behaviour(n);
      if (kind === 'never_pays') continue;
      const paidBefore = await db('payments').where({ policy_id: policy.policy_id, status: 'succeeded' }).first('id');
      if (kind === 'stops_paying' && paidBefore) continue;
      const actor = actorIn(policy.branch_id);
      if (!actor) continue;
      const billing = await invoices.policyBilling(actor, policy.policy_id);
      if (billing.amountDue <= 0) continue;
      // Card payments need a card on file; the others pay by transfer.
      const wanted = kind === 'declined' ? 'card' : METHODS[n % METHODS.length]!;
      const method = wanted === 'card' && !policy.card ? 'bank_transfer' : wanted;
      const amount = kind === 'short' ? billing.amountDue - 5_00 : kind === 'over' ? billing.amountDue + 12_50 : billing.amountDue;
      if (amount <= 0) continue;
      const extras =
        method === 'check'
          ? { checkNumber: String(100_200 + n) }
          : method === 'bank_transfer' || method === 'direct_debit'
            ? { reference: `${policy.policy_number}/${today}` }
            : {};
      await pay(actor, { policyId: policy.policy_id, method, amount, currency: policy.currency, ...extras });
    }
  }

  // A transfer paid twice: the second comes back by transfer (requested by the agent, approved by the manager, paid).
  const settled = await db('payments as p')
    .join('billing_policies as bp', 'bp.policy_id', 'p.policy_id')
    .where({ 'p.status': 'succeeded', 'p.method': 'bank_transfer', 'bp.currency': 'USD' })
    .orderBy('p.received_on', 'desc')
    .first('p.policy_id', 'p.amount', 'bp.policy_number', 'bp.branch_id');
  const agent = settled && actorIn(settled.branch_id);
  if (!managerActor || !settled || !agent) return;
  const today = clock.businessDate();
  const twice = await pay(agent, {
    policyId: settled.policy_id,
    method: 'bank_transfer',
    amount: Number(settled.amount),
    currency: 'USD',
    reference: `${settled.policy_number}/${today}/again`,
  });
  const requested = await refunds.request(agent, keyFor('refunds.request', agent), {
    paymentId: twice.id,
    amount: twice.amount,
    reason: 'The customer paid the same transfer twice; the second goes back.',
  });
  const approved = await refunds.approve(managerActor, requested.body.id, requested.body.version, { note: 'Both transfers are on the bank statement.' });
  await refunds.recordPaid(managerActor, approved.id, approved.version, { reference: `Transfer back ${settled.policy_number}/${today}` });
}
