// Grace, lapse and reinstatement in the demo: the nightly standing review, run once as the job
// would after the billing history of 005 — policies whose premium went unpaid are in grace, those
// unpaid past their grace lapse (effective the day after it ended) — then one lapsed policy of the
// North branch is reinstated by Sam Senior after the customer pays the arrears by bank transfer.
// All through the modules' own services, so history, audit, notices, billing and the ledger are
// what the product writes. Idempotent: nothing happens once any policy notice exists.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { Clock } from '../../backend/src/platform/clock';
import { AppError } from '../../backend/src/platform/errors';
import { IdempotencyStore } from '../../backend/src/platform/idempotency';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { InvoiceService } from '../../backend/src/modules/billing/invoices.service';
import { LedgerService } from '../../backend/src/modules/billing/ledger.service';
import { PaymentsService } from '../../backend/src/modules/billing/payments.service';
import { createSharedServices } from '../../backend/src/modules/shared-services';
import { createPolicyServicing } from '../../backend/src/modules/policies/policy-servicing';
import { demoActor } from '../support/demo-sales';

export async function seed(db: Knex, { config }: SeedContext): Promise<void> {
  if (await db('policy_notices').first('id')) return;
  const actor = await demoActor(db, 'senior@demo.test');
  if (!actor) return;
  const clock = new Clock(config.businessTimeZone);
  const services = createSharedServices(db, clock, config);
  const { transactions, standing } = createPolicyServicing(db, clock, config, services);
  await standing.review();

  const lapsed: { id: string; customer_id: string; currency: string } | undefined = await db('policies as p')
    .join('policy_lapses as l', 'l.policy_id', 'p.id')
    .where({ 'p.branch_id': actor.branchId, 'p.status': 'lapsed' })
    .whereNull('l.reinstated_on')
    // Card policies are left alone: the billing browser test takes card payments on overdue ones.
    .whereRaw("coalesce(p.payment_method->>'type', '') <> 'card'")
    .orderBy('l.lapsed_on', 'desc')
    .first('p.id', 'p.customer_id', 'p.currency');
  if (!lapsed) return;
  let quoted;
  try {
    quoted = await transactions.create(actor, lapsed.id, {
      type: 'reinstatement',
      requestedBy: 'policyholder',
      reason: 'Customer paid the arrears and asked to restore cover',
    });
  } catch (err) {
    // The latest lapse is too old to reinstate (a database loaded with `seed:volume` before the demo): nothing to show.
    if (err instanceof AppError && err.code === 'REINSTATEMENT_WINDOW_CLOSED') return;
    throw err;
  }
  if (quoted.status !== 'quoted') return; // a long lapse waits for an underwriter: leave it to the demo
  const toPay = quoted.quote!.reinstatement!.arrears.toPay;
  if (toPay > 0) {
    const ledger = new LedgerService(db, clock, services.audit, services.customerProfiles);
    const invoices = new InvoiceService(db, clock, ledger, services.audit, services.customerProfiles, config.invoiceLeadDays);
    const payments = new PaymentsService(
      db,
      clock,
      services.audit,
      services.customerProfiles,
      ledger,
      services.paymentGateway,
      new IdempotencyStore(db, clock),
      invoices,
      services.notifications,
    );
    const key = crypto.randomUUID();
    await payments.create(
      actor,
      { operation: 'payments.create', actorId: actor.userId, key, fingerprint: crypto.createHash('sha256').update(key).digest('hex') },
      { customerId: lapsed.customer_id, method: 'bank_transfer', reference: 'ARREARS-REINSTATEMENT', amount: toPay, currency: lapsed.currency.trim() },
    );
  }
  await transactions.issue(actor, quoted.id, quoted.version);
}
