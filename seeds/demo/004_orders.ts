// Demo applications in every state and a few dozen issued policies across both branches, made
// through the modules' own services (quotes, orders, documents, exams, approval) on a clock moved
// back over the last two months — so the history, audit trail, exams and processing times are
// what the product itself would have written. Loaded once, into a database without orders.
import type { Knex } from 'knex';
import { ROLE_PERMISSIONS } from '../../backend/src/contracts/permissions';
import type { PaymentFrequency, ProductDefinition, Quote, RiskDetails } from '../../backend/src/contracts/products';
import type { Actor } from '../../backend/src/platform/actor';
import { Clock } from '../../backend/src/platform/clock';
import { DbNotifications } from '../../backend/src/platform/db-notifications';
import { branchScopeFor } from '../../backend/src/platform/scope';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { ExamsService } from '../../backend/src/modules/orders/exams.service';
import { OrdersService } from '../../backend/src/modules/orders/orders.service';
import { UnderwritingService } from '../../backend/src/modules/orders/underwriting.service';
import { QuotesService } from '../../backend/src/modules/products/quotes.service';
import { SellableCatalog } from '../../backend/src/modules/products/sellable-catalog';
import { createSharedServices } from '../../backend/src/modules/shared-services';
import { SyntheticPeople } from '../support/synthetic-customers';

type Outcome = 'draft' | 'submitted' | 'in_underwriting' | 'info_requested' | 'approved' | 'approved_rated' | 'declined' | 'withdrawn';

/** How many applications end in each state. */
const PLAN: [Outcome, number][] = [
  ['approved', 32],
  ['approved_rated', 4],
  ['draft', 6],
  ['submitted', 6],
  ['in_underwriting', 6],
  ['info_requested', 4],
  ['declined', 5],
  ['withdrawn', 4],
];

const DAY = 86_400_000;
const pdf = (what: string) => Buffer.from(`%PDF-1.4\n% Policydesk demo document: ${what}\n%%EOF\n`);

interface Option {
  code: string;
  coverages: Quote['coverages'];
  /** For everything but a trip. */
  termYears?: number;
  risk?: RiskDetails;
  /** A trip leaving `leavesInDays` after the quote, lasting `days` days. */
  trip?: { leavesInDays: number; days: number; destinationZone: NonNullable<RiskDetails['destinationZone']> };
  paymentFrequency: PaymentFrequency;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** A plausible choice of each reference product, varied by `n`. */
function optionFor(n: number, people: SyntheticPeople): Option {
  const pick = <T>(values: T[]) => values[n % values.length]!;
  switch (n % 6) {
    case 0:
      return {
        code: 'TERM_LIFE',
        coverages: [{ code: 'DEATH', sumInsured: pick([150_000, 250_000, 400_000, 500_000, 750_000]) * 100 }],
        termYears: pick([10, 20, 30]),
        paymentFrequency: 'monthly',
      };
    case 1:
      return {
        code: 'AUTO_PRIVATE',
        coverages: [
          { code: 'LIABILITY', sumInsured: 300_000_00 },
          { code: 'COLLISION', sumInsured: people.int(12, 45) * 1_000_00, deductible: 500_00 },
        ],
        termYears: 1,
        risk: { vehicleAge: people.int(0, 14), vehicleUse: pick(['private', 'commute', 'business'] as const) },
        paymentFrequency: 'annual',
      };
    case 2:
      return {
        code: 'HOME_OWNERS',
        coverages: [
          { code: 'DWELLING', sumInsured: people.int(18, 90) * 5_000_00, deductible: 1_000_00 },
          { code: 'CONTENTS', sumInsured: people.int(30, 120) * 1_000_00, deductible: 1_000_00 },
        ],
        termYears: 1,
        risk: { constructionType: pick(['masonry', 'frame', 'masonry_veneer', 'fire_resistive'] as const) },
        paymentFrequency: 'annual',
      };
    case 3:
      return {
        code: 'HEALTH_INDIVIDUAL',
        coverages: [{ code: 'INPATIENT', sumInsured: pick([250_000_00, 500_000_00]), deductible: pick([500_00, 1_000_00]) }],
        termYears: 1,
        paymentFrequency: 'monthly',
      };
    case 4:
      return {
        code: 'TRAVEL_SINGLE',
        coverages: [{ code: 'MEDICAL', sumInsured: 100_000_00 }],
        // Leaves after the application is decided (a few days to two weeks of steps).
        trip: { leavesInDays: people.int(20, 45), days: people.int(5, 21), destinationZone: pick(['europe', 'worldwide', 'domestic'] as const) },
        paymentFrequency: 'single',
      };
    default:
      return { code: 'WHOLE_LIFE', coverages: [{ code: 'DEATH', sumInsured: pick([50_000, 100_000, 150_000]) * 100 }], termYears: pick([20, 30]), paymentFrequency: 'monthly' };
  }
}

/** Every declaration question answered plainly ("no", a small number, a short text). */
function answers(def: ProductDefinition) {
  return Object.fromEntries(
    def.declarationQuestions.map((q) => [
      q.code,
      { answer: q.answerType === 'yes_no' ? false : q.answerType === 'number' ? (q.code.includes('HEIGHT') ? 175 : q.code.includes('WEIGHT') ? 78 : 1) : 'None' },
    ]),
  );
}

export async function seed(db: Knex, { config, logger }: SeedContext): Promise<void> {
  const [{ count }] = await db('orders').count<{ count: number }[]>('* as count');
  if (Number(count) > 0) return;
  const users = Object.fromEntries((await db('users').where('email', 'like', '%@demo.test').select('*')).map((u) => [u.email, u]));
  const managed = await db('user_managed_branches').select('user_id', 'branch_id');
  const actor = (email: string): Actor => {
    const u = users[email];
    return {
      userId: u.id,
      role: u.role,
      branchId: u.branch_id,
      branchIds: branchScopeFor(
        u.role,
        u.branch_id,
        managed.filter((m) => m.user_id === u.id).map((m) => m.branch_id),
      ),
      permissions: new Set(ROLE_PERMISSIONS[u.role as Actor['role']]),
      mustChangePassword: false,
      sessionId: '',
    };
  };
  if (!users['agent@demo.test'] || !users['underwriter@demo.test']) return;
  const north = (await db('branches').where({ code: 'NORTH' }).first('id'))?.id;

  // The services run on their own clock, moved back to when each step happened.
  const clock = new Clock(config.businessTimeZone);
  const realNow = Date.now();
  const services = createSharedServices(db, clock, config);
  const quotes = new QuotesService(db, clock, services.audit, new SellableCatalog(db, new DbNotifications(db, logger)), services.customerProfiles);
  const exams = new ExamsService(db, clock, services.audit, config.labPartners, services.documents);
  const orders = new OrdersService(db, clock, services.audit, services.quotes, services.documents, exams);
  const underwriting = new UnderwritingService(db, clock, orders, services.quotes, services.approvalLimits, services.policies, exams);
  const products: Record<string, string> = Object.fromEntries((await db('products').where({ status: 'active' }).select('id', 'code')).map((p) => [p.code, p.id]));
  const versions: Record<string, ProductDefinition> = Object.fromEntries(
    (await db('product_versions as v').join('products as p', 'p.id', 'v.product_id').where('v.status', 'published').select('p.code', 'v.definition')).map((v) => [
      v.code,
      v.definition as ProductDefinition,
    ]),
  );

  // Customers who can buy: US residents, not deceased or inactive; KYC-verified ones for whole life.
  const candidates = await db('customers')
    .where({ country: 'US' })
    .whereIn('status', ['prospect', 'active'])
    .orderBy('customer_number')
    .limit(400)
    .select('id', 'branch_id', 'kyc_status', 'first_name', 'last_name');
  const people = new SyntheticPeople(20261122);
  const outcomes = PLAN.flatMap(([outcome, n]) => Array<Outcome>(n).fill(outcome));
  let made = 0;
  for (let i = 0; i < candidates.length && made < outcomes.length; i++) {
    const customer = candidates[i]!;
    const outcome = outcomes[made]!;
    let option = optionFor(i, people);
    if (option.code === 'WHOLE_LIFE' && customer.kyc_status !== 'verified') option = optionFor(i + 3, people); // → health
    const def = versions[option.code];
    if (!def || !products[option.code]) continue;
    const agent = customer.branch_id === north ? actor(i % 3 === 0 ? 'senior@demo.test' : 'agent@demo.test') : actor('agent2@demo.test');
    const underwriter = actor('underwriter@demo.test');
    // Started between 4 and 60 days ago, at office hours; each step a little later.
    let at = realNow - (4 + ((i * 7) % 57)) * DAY;
    const step = (days: number, hours = 0) => {
      at += days * DAY + hours * 3_600_000;
      clock.set(new Date(Math.min(at, realNow - 3_600_000)));
    };
    step(0);

    const departure = option.trip && addDays(clock.businessDate(), option.trip.leavesInDays);
    const request = {
      customerId: customer.id,
      productId: products[option.code],
      risk: option.risk,
      trip: option.trip && { departureDate: departure!, returnDate: addDays(departure!, option.trip.days - 1), destinationZone: option.trip.destinationZone },
      coverages: option.coverages,
      termYears: option.termYears,
      paymentFrequency: option.paymentFrequency,
    };
    const priced = await quotes.quote(agent, request);
    if (!priced.eligibility.eligible) continue;
    // The largest sums go to the manager, whose approval limit covers them.
    const approver = priced.coverages.reduce((s, c) => s + c.sumInsured, 0) > 1_000_000_00 ? actor('manager@demo.test') : underwriter;
    const quote = await quotes.quote(agent, { ...request, save: true });
    let order = await orders.create(agent, quote.id!);
    made++;
    const isLife = def.coverages.some((c) => c.code === 'DEATH');
    step(0, 1);
    order = await orders.update(agent, order.id, order.version, {
      beneficiaries: isLife
        ? [
            {
              name: `${people.pick([
                { value: 'Jordan', weight: 1 },
                { value: 'Casey', weight: 1 },
                { value: 'Morgan', weight: 1 },
              ])} ${customer.last_name}`,
              relationship: 'spouse',
              share: 100,
              tier: 'primary',
            },
          ]
        : [],
      declarations: answers(def),
      paymentMethod:
        i % 4 === 0
          ? {
              type: 'bank_account',
              accountNumber: `00${people.int(10_000_000, 99_999_999)}`,
              routingNumber: '021000021',
              holderName: `${customer.first_name} ${customer.last_name}`,
            }
          : { type: 'card', cardNumber: '4111 1111 1111 1111', expiryMonth: 1 + (i % 12), expiryYear: 2029, holderName: `${customer.first_name} ${customer.last_name}` },
    });
    if (outcome === 'draft') continue;
    for (const d of order.documents)
      await orders.uploadDocument(agent, order.id, d.code, {
        originalName: `${d.code.toLowerCase()}.pdf`,
        declaredType: 'application/pdf',
        bytes: pdf(`${d.name} — ${customer.first_name} ${customer.last_name}`),
      });
    if (outcome === 'withdrawn') {
      await orders.withdraw(
        agent,
        order.id,
        order.version,
        people.pick([
          { value: 'Customer chose another insurer', weight: 1 },
          { value: 'Customer no longer needs the cover', weight: 1 },
        ]),
      );
      continue;
    }
    step(1);
    order = await orders.submit(agent, order.id, order.version);
    if (outcome === 'submitted') continue;
    step(people.int(0, 2), 2);
    order = await underwriting.startReview(underwriter, order.id, order.version);
    if (outcome === 'in_underwriting') continue;
    if (outcome === 'info_requested') {
      await underwriting.requestInfo(
        underwriter,
        order.id,
        order.version,
        people.pick([
          { value: 'Please send the last two years of GP records.', weight: 1 },
          { value: 'Confirm the vehicle’s annual mileage.', weight: 1 },
          { value: 'A photo of the roof and the year it was replaced.', weight: 1 },
        ]),
      );
      continue;
    }
    for (const doc of order.documents) await orders.reviewDocument(underwriter, order.id, doc.document!.id, { verified: true });
    for (const exam of order.exams) {
      if (i % 2) {
        await exams.waive(underwriter, exam.id, exam.version, 'Recent results on file with the GP report');
        continue;
      }
      let e = await exams.orderFromLab(agent, exam.id, exam.version, config.labPartners[i % config.labPartners.length]!, `LAB-${people.int(100_000, 999_999)}`);
      e = await exams.schedule(agent, e.id, e.version, new Date(clock.now().getTime() + 2 * DAY).toISOString(), 'Mobile paramedical visit, home address');
      step(3);
      e = await exams.complete(agent, e.id, e.version, clock.businessDate());
      await exams.recordResults(agent, e.id, e.version, [
        { name: 'Blood pressure', value: '124/82', unit: 'mmHg' },
        { name: 'BMI', value: '25.4' },
      ]);
    }
    step(people.int(1, 4), 3);
    order = await orders.get(underwriter, order.id);
    if (outcome === 'declined') {
      await underwriting.decline(
        underwriter,
        order.id,
        order.version,
        people.pick([
          { value: 'medical', weight: 2 },
          { value: 'financial', weight: 1 },
          { value: 'outside_guidelines', weight: 1 },
        ]),
        'Outside our underwriting guidelines for this product.',
      );
      continue;
    }
    await underwriting.approve(
      approver,
      order.id,
      order.version,
      outcome === 'approved_rated' ? { extraPremiumPercent: 50, exclusions: ['Hazardous sports'], note: 'Rated for family history' } : { note: 'Standard risk' },
    );
  }
  logger.info({ orders: made }, 'demo orders loaded');
}
