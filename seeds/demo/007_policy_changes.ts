// Policy servicing in the demo: two policies of the North branch with an issued endorsement (a death
// benefit raised by 10,000, billed pro rata), and one cancelled by the customer in its free-look
// period (the premium paid back to their credit) — made through the policies module's own service,
// as Sam Senior, so the ledger, schedules, history and audit are what the product would write.
// Idempotent: nothing happens once any policy transaction exists. Card policies are left alone (the
// billing browser test takes card payments on them).
import type { Knex } from 'knex';
import { Clock } from '../../backend/src/platform/clock';
import { AppError } from '../../backend/src/platform/errors';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { createSharedServices } from '../../backend/src/modules/shared-services';
import { createPolicyServicing } from '../../backend/src/modules/policies/policy-servicing';
import { demoActor } from '../support/demo-sales';

export async function seed(db: Knex, { config }: SeedContext): Promise<void> {
  if (await db('policy_transactions').first('id')) return;
  const actor = await demoActor(db, 'senior@demo.test');
  if (!actor) return;
  const clock = new Clock(config.businessTimeZone);
  const services = createSharedServices(db, clock, config);
  const { transactions } = createPolicyServicing(db, clock, config, services);
  const candidates: { id: string; coverages: { code: string; sumInsured: number; deductible?: number }[] }[] = await db('policies as p')
    .join('products as pr', 'pr.id', 'p.product_id')
    .where({ 'p.branch_id': actor.branchId, 'p.status': 'active', 'pr.category': 'life' })
    .whereNull('p.trip')
    .whereRaw("coalesce(p.payment_method->>'type', '') <> 'card'")
    .orderBy('p.policy_number', 'desc')
    .limit(12)
    .select('p.id', 'p.coverages');
  const today = clock.businessDate();
  // The newest first; one the product would not allow as it stands (e.g. a raise past the medical
  // evidence limit) is skipped rather than failing the start.
  const refused = (e: unknown) => e instanceof AppError && e.status === 409;
  const remaining = [...candidates];
  let endorsed = 0;
  while (endorsed < 2 && remaining.length > 1) {
    const policy = remaining.shift()!;
    const coverages = policy.coverages.map((c) => (c.code === 'DEATH' ? { ...c, sumInsured: c.sumInsured + 10_000_00 } : c));
    try {
      const quoted = await transactions.create(actor, policy.id, {
        type: 'endorsement',
        effectiveDate: today,
        requestedBy: 'policyholder',
        reason: 'More cover after a house purchase',
        changes: { coverages },
      });
      await transactions.issue(actor, quoted.id, quoted.version);
      endorsed++;
    } catch (e) {
      if (!refused(e)) throw e;
    }
  }
  const last = remaining.shift();
  if (!last) return;
  const cancellation = await transactions.create(actor, last.id, {
    type: 'cancellation',
    effectiveDate: today,
    requestedBy: 'policyholder',
    reason: 'Found cover through the employer',
    cancellationReason: 'replaced_elsewhere',
  });
  await transactions.issue(actor, cancellation.id, cancellation.version);
}
