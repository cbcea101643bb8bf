// Renewals in the demo: two one-year policies of the North branch sold by Sam Senior about 320 days
// ago (a car and a home, through the quote → application → approval services on a clock moved back,
// their first year's premium invoiced and paid in cash), then the nightly renewal job run today: both
// renewals are offered 45 days ahead, at the customers' new ages on the catalog's current versions,
// and Sam accepts the car's on the customer's instruction — the next term, its billing schedule and
// the new schedule PDF. The home's stays offered in the "Renewals due" worklist. Idempotent: nothing
// happens once any renewal exists. Skipped when the catalog was not in force 320 days ago.
import type { Knex } from 'knex';
import type { ProductDefinition } from '../../backend/src/contracts/products';
import { Clock } from '../../backend/src/platform/clock';
import { AppError } from '../../backend/src/platform/errors';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { createSharedServices } from '../../backend/src/modules/shared-services';
import { createPolicyServicing } from '../../backend/src/modules/policies/policy-servicing';
import { demoActor, DemoSales } from '../support/demo-sales';

const DAY = 86_400_000;
const SOLD_DAYS_AGO = 320;

const SALES = [
  {
    code: 'AUTO_PRIVATE',
    coverages: [
      { code: 'LIABILITY', sumInsured: 300_000_00 },
      { code: 'COLLISION', sumInsured: 24_000_00, deductible: 500_00 },
    ],
    risk: { vehicleAge: 4, vehicleUse: 'commute' as const },
  },
  {
    code: 'HOME_OWNERS',
    coverages: [
      { code: 'DWELLING', sumInsured: 250_000_00, deductible: 1_000_00 },
      { code: 'CONTENTS', sumInsured: 60_000_00, deductible: 1_000_00 },
    ],
    risk: { constructionType: 'masonry' as const },
  },
];

export async function seed(db: Knex, { config, logger }: SeedContext): Promise<void> {
  if (await db('policy_transactions').where({ type: 'renewal' }).first('id')) return;
  const senior = await demoActor(db, 'senior@demo.test');
  const underwriter = await demoActor(db, 'underwriter@demo.test');
  if (!senior || !underwriter) return;
  const products = await db('products as p')
    .join('product_versions as v', 'v.product_id', 'p.id')
    .whereIn(
      'p.code',
      SALES.map((s) => s.code),
    )
    .where('v.status', 'published')
    .orderBy('v.version_number')
    .select('p.id', 'p.code', 'v.definition');
  const productOf = (code: string) => products.find((p) => p.code === code) as { id: string; definition: ProductDefinition } | undefined;
  // Customers of Sam's branch who have bought nothing yet.
  const customers: { id: string; first_name: string; last_name: string }[] = await db('customers as c')
    .where({ 'c.branch_id': senior.branchId, 'c.country': 'US' })
    .whereIn('c.status', ['prospect', 'active'])
    .whereNotExists(db('orders as o').whereRaw('o.customer_id = c.id'))
    .orderBy('c.customer_number', 'desc')
    .limit(SALES.length)
    .select('c.id', 'c.first_name', 'c.last_name');
  if (customers.length < SALES.length) return;

  // Sold ~320 days ago, on a clock moved back.
  const clock = new Clock(config.businessTimeZone);
  const soldAt = Date.now() - SOLD_DAYS_AGO * DAY;
  clock.set(new Date(soldAt));
  const sales = new DemoSales(db, clock, { config, logger });

  const sold: string[] = [];
  for (const [i, sale] of SALES.entries()) {
    const product = productOf(sale.code);
    const customer = customers[i]!;
    if (!product) continue;
    clock.set(new Date(soldAt + i * 3_600_000));
    try {
      const policyId = await sales.sell(senior, underwriter, {
        customer,
        product,
        request: { risk: sale.risk, coverages: sale.coverages, termYears: 1, paymentFrequency: 'annual' },
      });
      if (policyId) sold.push(policyId);
    } catch (e) {
      // No version in force that long ago (a young catalog), or the product refuses the sale: no demo renewals.
      if (e instanceof AppError) {
        logger.warn({ err: e.message, product: sale.code }, 'demo renewal policy not sold');
        continue;
      }
      throw e;
    }
  }
  if (!sold.length) return;

  // Today: the nightly renewal job, then Sam accepts the first on the customer's instruction.
  const today = new Clock(config.businessTimeZone);
  const live = createSharedServices(db, today, config);
  const { transactions, renewals } = createPolicyServicing(db, today, config, live);
  await renewals.run();
  const offer = await db('policy_transactions').where({ policy_id: sold[0], type: 'renewal', status: 'quoted' }).first('id', 'version');
  if (offer) await transactions.issue(senior, offer.id, offer.version);
}
