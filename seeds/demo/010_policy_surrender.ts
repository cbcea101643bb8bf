// A surrender in the demo: a whole-life policy of the North branch sold by Alex Agent about two months
// ago (its first year's premium paid at the branch), surrendered today at the customer's request —
// quoted by Alex, issued by Sam Senior (a surrender needs a second person within their
// `surrender_amount` limit). The demo catalog starts in 2026, so the policy is in its first year and
// builds no cash value yet: the surrender pays nothing and the unearned premium goes back to the
// customer's credit, as the product says. Idempotent: nothing happens once any surrender exists.
import type { Knex } from 'knex';
import type { ProductDefinition } from '../../backend/src/contracts/products';
import { Clock } from '../../backend/src/platform/clock';
import { AppError } from '../../backend/src/platform/errors';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { createSharedServices } from '../../backend/src/modules/shared-services';
import { createPolicyServicing } from '../../backend/src/modules/policies/policy-servicing';
import { demoActor, DemoSales } from '../support/demo-sales';

const SOLD_DAYS_AGO = 60;

export async function seed(db: Knex, { config, logger }: SeedContext): Promise<void> {
  if (await db('policy_transactions').where({ type: 'surrender' }).first('id')) return;
  const [agent, senior, underwriter] = await Promise.all(['agent@demo.test', 'senior@demo.test', 'underwriter@demo.test'].map((e) => demoActor(db, e)));
  if (!agent || !senior || !underwriter) return;
  const product: { id: string; definition: ProductDefinition } | undefined = await db('products as p')
    .join('product_versions as v', 'v.product_id', 'p.id')
    .where({ 'p.code': 'WHOLE_LIFE', 'v.status': 'published' })
    .orderBy('v.version_number')
    .first('p.id', 'v.definition');
  // A KYC-verified customer of Alex's branch in their thirties or forties who has bought nothing yet.
  const customer = await db('customers as c')
    .where({ 'c.branch_id': agent.branchId, 'c.country': 'US', 'c.kyc_status': 'verified' })
    .whereIn('c.status', ['prospect', 'active'])
    .whereRaw("c.date_of_birth BETWEEN current_date - interval '49 years' AND current_date - interval '30 years'")
    .whereNotExists(db('orders as o').whereRaw('o.customer_id = c.id'))
    .orderBy('c.customer_number')
    .first('c.id', 'c.first_name', 'c.last_name');
  if (!product || !customer) return;

  const clock = new Clock(config.businessTimeZone);
  clock.set(new Date(Date.now() - SOLD_DAYS_AGO * 86_400_000));
  let policyId: string | null;
  try {
    policyId = await new DemoSales(db, clock, { config, logger }).sell(agent, underwriter, {
      customer,
      product,
      request: { coverages: [{ code: 'DEATH', sumInsured: 50_000_00 }], termYears: 20, paymentFrequency: 'annual' },
      beneficiaries: [{ name: `Robin ${customer.last_name}`, relationship: 'spouse', share: 100, tier: 'primary' }],
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    logger.warn({ err: e.message }, 'demo whole-life policy not sold');
    return;
  }
  if (!policyId) return;

  const today = new Clock(config.businessTimeZone);
  const { transactions } = createPolicyServicing(db, today, config, createSharedServices(db, today, config));
  const quoted = await transactions.create(agent, policyId, {
    type: 'surrender',
    effectiveDate: today.businessDate(),
    requestedBy: 'policyholder',
    reason: 'Customer needs the money for a house deposit',
  });
  await transactions.issue(senior, quoted.id, quoted.version);
}
