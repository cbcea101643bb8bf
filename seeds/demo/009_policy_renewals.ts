// Renewals in the demo: two one-year policies of the North branch sold by Sam Senior about 320 days
// ago (a car and a home, through the quote → application → approval services on a clock moved back,
// their first year's premium invoiced and paid in cash), then the nightly renewal job run today: both
// renewals are offered 45 days ahead, at the customers' new ages on the catalog's current versions,
// and Sam accepts the car's on the customer's instruction — the next term, its billing schedule and
// the new schedule PDF. The home's stays offered in the "Renewals due" worklist. Idempotent: nothing
// happens once any renewal exists. Skipped when the catalog was not in force 320 days ago.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { ROLE_PERMISSIONS } from '../../backend/src/contracts/permissions';
import type { ProductDefinition } from '../../backend/src/contracts/products';
import type { Actor } from '../../backend/src/platform/actor';
import { Clock } from '../../backend/src/platform/clock';
import { DbNotifications } from '../../backend/src/platform/db-notifications';
import { AppError } from '../../backend/src/platform/errors';
import { IdempotencyStore } from '../../backend/src/platform/idempotency';
import { branchScopeFor } from '../../backend/src/platform/scope';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { InvoiceService } from '../../backend/src/modules/billing/invoices.service';
import { LedgerService } from '../../backend/src/modules/billing/ledger.service';
import { PaymentsService } from '../../backend/src/modules/billing/payments.service';
import { ExamsService } from '../../backend/src/modules/orders/exams.service';
import { OrdersService } from '../../backend/src/modules/orders/orders.service';
import { UnderwritingService } from '../../backend/src/modules/orders/underwriting.service';
import { QuotesService } from '../../backend/src/modules/products/quotes.service';
import { SellableCatalog } from '../../backend/src/modules/products/sellable-catalog';
import { createSharedServices } from '../../backend/src/modules/shared-services';
import { createPolicyServicing } from '../../backend/src/modules/policies/policy-servicing';

const DAY = 86_400_000;
const SOLD_DAYS_AGO = 320;
const pdf = (what: string) => Buffer.from(`%PDF-1.4\n% Policydesk demo document: ${what}\n%%EOF\n`);

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

function answers(def: ProductDefinition) {
  return Object.fromEntries(def.declarationQuestions.map((q) => [q.code, { answer: q.answerType === 'yes_no' ? false : q.answerType === 'number' ? 1 : 'None' }]));
}

export async function seed(db: Knex, { config, logger }: SeedContext): Promise<void> {
  if (await db('policy_transactions').where({ type: 'renewal' }).first('id')) return;
  const users = Object.fromEntries((await db('users').whereIn('email', ['senior@demo.test', 'underwriter@demo.test']).select('*')).map((u) => [u.email, u]));
  if (!users['senior@demo.test'] || !users['underwriter@demo.test']) return;
  const actor = (email: string): Actor => {
    const u = users[email];
    return {
      userId: u.id,
      role: u.role,
      branchId: u.branch_id,
      branchIds: branchScopeFor(u.role, u.branch_id, []),
      permissions: new Set(ROLE_PERMISSIONS[u.role as Actor['role']]),
      mustChangePassword: false,
      sessionId: '',
    };
  };
  const senior = actor('senior@demo.test');
  const underwriter = actor('underwriter@demo.test');
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
  const services = createSharedServices(db, clock, config);
  const quotes = new QuotesService(db, clock, services.audit, new SellableCatalog(db, new DbNotifications(db, logger)), services.customerProfiles);
  const exams = new ExamsService(db, clock, services.audit, config.labPartners, services.documents);
  const orders = new OrdersService(db, clock, services.audit, services.quotes, services.documents, exams);
  const underwriting = new UnderwritingService(db, clock, orders, services.quotes, services.approvalLimits, services.policies, exams);
  const ledger = new LedgerService(db, clock, services.audit, services.customerProfiles);
  const invoices = new InvoiceService(db, clock, ledger, services.audit, services.customerProfiles, config.invoiceLeadDays);
  const payments = new PaymentsService(db, clock, services.audit, services.customerProfiles, ledger, services.paymentGateway, new IdempotencyStore(db, clock), invoices);

  const sold: string[] = [];
  for (const [i, sale] of SALES.entries()) {
    const product = productOf(sale.code);
    const customer = customers[i]!;
    if (!product) continue;
    clock.set(new Date(soldAt + i * 3_600_000));
    try {
      const request = { customerId: customer.id, productId: product.id, risk: sale.risk, coverages: sale.coverages, termYears: 1, paymentFrequency: 'annual' as const };
      const priced = await quotes.quote(senior, request);
      if (!priced.eligibility.eligible) continue;
      const quote = await quotes.quote(senior, { ...request, save: true });
      let order = await orders.create(senior, quote.id!);
      order = await orders.update(senior, order.id, order.version, {
        beneficiaries: [],
        declarations: answers(product.definition),
        paymentMethod: { type: 'bank_account', accountNumber: '0012345678', routingNumber: '021000021', holderName: `${customer.first_name} ${customer.last_name}` },
      });
      for (const d of order.documents)
        await orders.uploadDocument(senior, order.id, d.code, { originalName: `${d.code.toLowerCase()}.pdf`, declaredType: 'application/pdf', bytes: pdf(d.name) });
      clock.advance(600_000);
      order = await orders.submit(senior, order.id, order.version);
      clock.advance(600_000);
      order = await underwriting.startReview(underwriter, order.id, order.version);
      for (const doc of order.documents) await orders.reviewDocument(underwriter, order.id, doc.document!.id, { verified: true });
      order = await orders.get(underwriter, order.id);
      clock.advance(600_000);
      await underwriting.approve(underwriter, order.id, order.version, { note: 'Standard risk' });
      const policy = await db('policies').where({ order_id: order.id }).first('id', 'currency');
      // The year's premium, invoiced and paid in cash at the branch the same day.
      await invoices.raiseDue(clock.businessDate());
      const owed = (await invoices.policyBilling(senior, policy.id)).invoices.reduce((s, i) => s + i.openAmount, 0);
      if (owed > 0) {
        const key = crypto.randomUUID();
        await payments.create(
          senior,
          { operation: 'payments.create', actorId: senior.userId, key, fingerprint: crypto.createHash('sha256').update(key).digest('hex') },
          { policyId: policy.id, method: 'cash', amount: owed, currency: policy.currency.trim() },
        );
      }
      sold.push(policy.id);
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
