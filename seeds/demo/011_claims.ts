// Claims in the demo, on North policies across the lines and in every state (leaving North motor
// policies without claims for the browser tests' collisions): a death claim paid to the two
// beneficiaries by their shares (its term life policy, sold five months ago for it, ends), another
// approved and waiting to be paid to three beneficiaries by their shares, a motor claim paid to the
// repair shop in two parts (then closed), a health claim rejected for the version's
// waiting period (not closed yet), a death claim a day after the policy started referred for its fraud indicators
// (waiting in the managers' queue), a water-damage claim rejected, closed and reopened (waiting to be
// investigated again), and one claim
// each still a draft, submitted (unassigned), under investigation, assessed above the adjuster's
// limit (waiting for a senior agent or a manager), approved and waiting for its payment, partially approved and
// withdrawn. Made through the claims module's own service on a clock the seed moves, so history,
// reserves, the ledger and the audit trail are what the product writes. At most one claim per
// policy. Runs once: only while there are no claims.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { AssessClaimBody, Claim, CreateClaimBody } from '../../backend/src/contracts/claims';
import type { Beneficiary } from '../../backend/src/contracts/orders';
import type { ProductDefinition } from '../../backend/src/contracts/products';
import type { Db } from '../../backend/src/db';
import type { Actor } from '../../backend/src/platform/actor';
import { addDays } from '../../backend/src/platform/calendar';
import { Clock } from '../../backend/src/platform/clock';
import { AppError } from '../../backend/src/platform/errors';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { createClaimsServices } from '../../backend/src/modules/claims/claims-services';
import type { ClaimsService } from '../../backend/src/modules/claims/claims.service';
import { createPolicyServicing } from '../../backend/src/modules/policies/policy-servicing';
import { createSharedServices } from '../../backend/src/modules/shared-services';
import { demoActor, DemoSales } from '../support/demo-sales';

const DAY = 86_400_000;
const pdf = (what: string) => Buffer.from(`%PDF-1.4\n% Policydesk demo claim document: ${what}\n%%EOF\n`);

export async function seed(db: Knex, { config, logger }: SeedContext): Promise<void> {
  if (await db('claims').first('id')) return;
  const [agent, adjuster, manager, underwriter] = await Promise.all(
    ['agent@demo.test', 'adjuster@demo.test', 'manager@demo.test', 'underwriter@demo.test'].map((e) => demoActor(db, e)),
  );
  if (!agent || !adjuster || !manager || !underwriter) return;

  const clock = new Clock(config.businessTimeZone);
  const now = Date.now();
  /** The seed's clock `days` ago (plus `hours`), North's business day then. */
  const at = (days: number, hours = 0) => {
    clock.set(new Date(now - days * DAY + hours * 3_600_000));
    return clock.businessDate();
  };
  const services = createSharedServices(db as Db, clock, config);
  services.policyEndings.bind(createPolicyServicing(db as Db, clock, config, services).transactions);
  const { claims, reads, reserves, payments, documents } = createClaimsServices(db as Db, clock, services);

  // --- The policies: North, in force, one claim each.
  const used = new Set<string>();
  const policyOf = async (productCode: string, startedAtLeastDaysAgo: number): Promise<{ id: string; start_date: string } | undefined> => {
    const row = await db('policies as p')
      .join('product_versions as v', 'v.id', 'p.product_version_id')
      .join('products as pr', 'pr.id', 'v.product_id')
      .where({ 'pr.code': productCode, 'p.branch_id': agent.branchId, 'p.status': 'active' })
      .where('p.start_date', '<=', addDays(at(0), -startedAtLeastDaysAgo))
      .whereNotIn('p.id', [...used])
      .orderBy('p.start_date')
      .first('p.id', 'p.start_date');
    if (row) used.add(row.id);
    return row;
  };

  const step = async (fn: () => Promise<Claim>, what: string): Promise<Claim | undefined> => {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      logger.warn({ err: e.message, claim: what }, 'demo claim stopped short');
      return undefined;
    }
  };
  const report = (body: CreateClaimBody) => claims.create(agent, body);
  /** Each step an hour after the last, never past the present. */
  const later = () => {
    if (clock.now().getTime() + 3_600_000 < now) clock.advance(3_600_000);
  };
  const move = (actor: Actor, c: Claim, action: Parameters<ClaimsService['transition']>[3], reason?: string) => {
    later();
    return claims.transition(actor, c.id, c.version, action, reason ? { reason } : {});
  };
  const assess = (c: Claim, body: AssessClaimBody) => {
    later();
    return claims.assess(adjuster, c.id, c.version, body);
  };
  const upload = async (c: Claim) => {
    for (const d of c.documents) await documents.upload(agent, c.id, d.code, { originalName: `${d.code.toLowerCase()}.pdf`, declaredType: 'application/pdf', bytes: pdf(d.name) });
  };
  const verifyAll = async (c: Claim) => {
    const fresh = await reads.get(adjuster, c.id);
    for (const d of fresh.documents) if (d.document?.status === 'uploaded') await documents.review(adjuster, c.id, d.document.id, { verified: true });
    return reads.get(adjuster, c.id);
  };
  /** A reserve raised at submission above the adjuster's limit waits for a manager: approved. */
  const approvePendingReserve = async (c: Claim) => {
    const pending = (await reserves.reserves(manager, c.id)).changes.find((x) => x.status === 'pending');
    if (pending) await reserves.decideReserveChange(manager, c.id, pending.id, (await reads.get(manager, c.id)).version, { decision: 'approve', note: 'Within the policy limits' });
    return reads.get(manager, c.id);
  };
  const idem = (actor: Actor, operation: string) => {
    const key = crypto.randomUUID();
    return { operation, actorId: actor.userId, key, fingerprint: crypto.createHash('sha256').update(key).digest('hex') };
  };
  const phone = (n: number) => `(555) 014-${String(1000 + n).slice(-4)}`;

  // 1. A motor collision, paid to the repair shop in two parts (investigated, assessed, approved by another adjuster's limit-holder).
  const auto = await policyOf('AUTO_PRIVATE', 60);
  if (auto) {
    await step(async () => {
      const lossDate = at(40);
      let c = await report({
        policyId: auto.id,
        lossDate,
        lossTime: '08:15',
        lossType: 'vehicle_collision',
        description: 'Rear-ended at the lights on Main St; bumper and boot lid damaged, car drivable',
        location: 'Main St and 5th Ave, Springfield',
        reporter: { kind: 'agent_phone', name: 'Caller on the line (policyholder)', phone: phone(1) },
        claimedAmount: 4_200_00,
      });
      await upload(c);
      c = await move(agent, c, 'submit');
      at(39);
      c = await move(adjuster, c, 'start-investigation');
      await claims.addNote(adjuster, c.id, 'Photos match the description; the other driver admitted fault at the scene.');
      c = await verifyAll(c);
      at(35);
      c = await assess(c, { lines: [{ coverage: 'COLLISION', lossAmount: 4_200_00 }], decision: 'approve', reasonCode: 'APPROVED_IN_FULL' });
      at(34);
      c = await move(manager, c, 'approve');
      const payee = { kind: 'repair_shop' as const, name: 'Northside Body Works', account: 'US-021000021-000123456789' };
      const coverage = 'COLLISION';
      at(30);
      await payments.pay(adjuster, c.id, idem(adjuster, 'claims.pay'), {
        coverage,
        amount: 2_000_00,
        payee,
        method: 'bank_transfer',
        final: false,
        note: 'Advance before the repair',
      });
      at(20);
      await payments.pay(adjuster, c.id, idem(adjuster, 'claims.pay'), {
        coverage,
        amount: (c.approvedAmount ?? 0) - 2_000_00,
        payee,
        method: 'bank_transfer',
        final: true,
        note: 'Balance on the final invoice',
      });
      // Settled and filed: closed a fortnight later.
      at(6);
      return move(adjuster, await reads.get(adjuster, c.id), 'close');
    }, 'motor paid in two parts');
  }

  // 2. Deaths on term life policies sold for them (each ends the day after the death): one paid to the
  // two primary beneficiaries by their shares; one approved and waiting to be paid by shares to three
  // primary beneficiaries (the browser tests pay it, one of them having died before the insured).
  const life: { id: string; definition: ProductDefinition } | undefined = await db('products as p')
    .join('product_versions as v', 'v.product_id', 'p.id')
    .where({ 'p.code': 'TERM_LIFE', 'v.status': 'published' })
    .orderBy('v.version_number')
    .first('p.id', 'v.definition');
  const death = async (o: {
    soldDaysAgo: number;
    diedDaysAgo: number;
    sumInsured: number;
    beneficiaries: (surname: string) => Beneficiary[];
    description: string;
    location: string;
    phone: number;
    pay: boolean;
  }) => {
    const customer = await db('customers as c')
      .where({ 'c.branch_id': agent.branchId, 'c.country': 'US', 'c.kyc_status': 'verified' })
      .whereIn('c.status', ['prospect', 'active'])
      .whereRaw("c.date_of_birth BETWEEN current_date - interval '59 years' AND current_date - interval '35 years'")
      .whereNotExists(db('orders as o').whereRaw('o.customer_id = c.id'))
      .orderBy('c.customer_number')
      .first('c.id', 'c.first_name', 'c.last_name');
    if (!life || !customer) return;
    at(o.soldDaysAgo);
    const beneficiaries = o.beneficiaries(customer.last_name);
    let policyId: string | null = null;
    try {
      policyId = await new DemoSales(db, clock, { config, logger }).sell(agent, underwriter, {
        customer,
        product: life,
        request: { coverages: [{ code: 'DEATH', sumInsured: o.sumInsured }], termYears: 20, paymentFrequency: 'annual' },
        beneficiaries,
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      logger.warn({ err: e.message }, 'demo life policy for a death claim not sold');
    }
    if (!policyId) return;
    const id = policyId;
    await step(
      async () => {
        let c = await report({
          policyId: id,
          lossDate: at(o.diedDaysAgo),
          lossType: 'death',
          description: o.description,
          location: o.location,
          reporter: { kind: 'beneficiary', name: beneficiaries[0]!.name, phone: phone(o.phone), relationship: beneficiaries[0]!.relationship },
          claimedAmount: o.sumInsured,
        });
        await upload(c);
        at(o.diedDaysAgo - 1);
        c = await move(agent, c, 'submit');
        c = await approvePendingReserve(c);
        at(o.diedDaysAgo - 2);
        c = await move(adjuster, c, 'start-investigation');
        c = await verifyAll(c);
        at(o.diedDaysAgo - 7);
        c = await assess(c, { lines: [{ coverage: 'DEATH', lossAmount: o.sumInsured }], decision: 'approve', reasonCode: 'APPROVED_IN_FULL' });
        at(o.diedDaysAgo - 8);
        c = await move(manager, c, 'approve');
        if (!o.pay) return c;
        at(o.diedDaysAgo - 10);
        await payments.payBeneficiaries(manager, c.id, idem(manager, 'claims.pay-beneficiaries'), {
          coverage: 'DEATH',
          amount: c.approvedAmount ?? 0,
          method: 'bank_transfer',
          final: true,
          predeceased: [],
          accounts: beneficiaries.map((b, i) => ({ name: b.name, account: `US-021000021-000555000${111 * (i + 1)}` })),
        });
        return reads.get(manager, c.id);
      },
      o.pay ? 'death paid to the beneficiaries' : 'death approved, waiting for its payment',
    );
  };
  await death({
    soldDaysAgo: 150,
    diedDaysAgo: 25,
    sumInsured: 200_000_00,
    beneficiaries: (surname) => [
      { name: `Jordan ${surname}`, relationship: 'spouse', share: 60, tier: 'primary' },
      { name: `Casey ${surname}`, relationship: 'child', share: 40, tier: 'primary' },
    ],
    description: 'The insured died in hospital after a heart attack',
    location: 'Springfield General Hospital',
    phone: 2,
    pay: true,
  });
  await death({
    soldDaysAgo: 200,
    diedDaysAgo: 14,
    sumInsured: 100_000_00,
    beneficiaries: (surname) => [
      { name: `Morgan ${surname}`, relationship: 'spouse', share: 50, tier: 'primary' },
      { name: `Riley ${surname}`, relationship: 'child', share: 30, tier: 'primary' },
      { name: `Avery ${surname}`, relationship: 'parent', share: 20, tier: 'primary' },
    ],
    description: 'The insured died at home in his sleep; the coroner found natural causes',
    location: 'At home',
    phone: 13,
    pay: false,
  });

  // 3. A critical illness inside the version's 90-day waiting period: doubtful at the first notice, rejected.
  const health = await policyOf('HEALTH_INDIVIDUAL', 3);
  if (health) {
    await step(async () => {
      let c = await report({
        policyId: health.id,
        lossDate: at(2),
        lossType: 'critical_illness',
        description: 'Diagnosed with a heart condition; cardiology referral',
        location: 'Springfield Heart Clinic',
        reporter: { kind: 'policyholder', name: 'Policyholder by phone', phone: phone(3) },
        claimedAmount: 15_000_00,
      });
      c = await move(agent, c, 'submit');
      at(1);
      c = await move(adjuster, c, 'start-investigation');
      c = await assess(c, {
        lines: [],
        decision: 'reject',
        reasonCode: 'WAITING_PERIOD',
        reason: 'Critical illness is covered after the first 90 days of the policy (waiting period).',
      });
      // Rejected, the letter sent; not closed yet (the customer may still answer).
      return move(manager, c, 'reject', 'Within the 90-day waiting period for critical illness');
    }, 'rejected for the waiting period');
  }

  // 4. A death the day after the policy started, claimed at the sum insured: referred for its fraud indicators.
  const fresh = await db('policies as p')
    .join('product_versions as v', 'v.id', 'p.product_version_id')
    .join('products as pr', 'pr.id', 'v.product_id')
    .where({ 'pr.code': 'TERM_LIFE', 'p.branch_id': agent.branchId, 'p.status': 'active' })
    .whereNotIn('p.id', [...used])
    .orderBy('p.start_date', 'desc')
    .first('p.id', 'p.start_date', 'p.sum_insured');
  if (fresh && fresh.start_date <= at(0)) {
    used.add(fresh.id);
    await step(async () => {
      const c = await report({
        policyId: fresh.id,
        lossDate: at(0),
        lossType: 'death',
        description: 'The insured died at home; cause not yet known',
        location: 'At home',
        reporter: { kind: 'third_party', name: 'A. Neighbour', phone: phone(4), relationship: 'neighbour' },
        claimedAmount: Number(fresh.sum_insured),
      });
      return move(agent, c, 'submit');
    }, 'referred for fraud indicators');
  }

  // 5. Water damage rejected as not covered, closed, then reopened when the plumber's report came in.
  const home = await policyOf('HOME_OWNERS', 60);
  if (home) {
    await step(async () => {
      let c = await report({
        policyId: home.id,
        lossDate: at(45),
        lossType: 'water_damage',
        description: 'Water stains on the kitchen ceiling below the bathroom',
        location: 'The insured home',
        reporter: { kind: 'policyholder', name: 'Policyholder by phone', phone: phone(5) },
        claimedAmount: 2_800_00,
      });
      c = await move(agent, c, 'submit');
      at(44);
      c = await move(adjuster, c, 'start-investigation');
      at(40);
      c = await assess(c, { lines: [], decision: 'reject', reasonCode: 'LOSS_NOT_COVERED', reason: 'Gradual seepage is not a sudden escape of water (clause 3.4).' });
      c = await move(manager, c, 'reject', 'Gradual seepage, not covered');
      at(38);
      c = await move(adjuster, c, 'close');
      at(6);
      // Reopened, waiting for the adjuster to investigate again.
      return move(adjuster, c, 'reopen', "The plumber's report shows a burst pipe on the day: a sudden escape of water");
    }, 'reopened');
  }

  // 6. The other states, one each.
  const others: { product: string; days: number; body: Omit<CreateClaimBody, 'policyId' | 'lossDate'>; flow: (c: Claim) => Promise<Claim> }[] = [
    {
      product: 'TERM_LIFE',
      days: 2,
      body: {
        lossType: 'accident',
        description: 'Fell from a ladder at home; broken hip, in hospital',
        location: 'At home',
        reporter: { kind: 'beneficiary', name: 'Spouse of the insured', phone: phone(6), relationship: 'spouse' },
      },
      // A draft, coverage doubtful (the policy holds no accident cover): the agent is still gathering the details.
      flow: async (c) => c,
    },
    {
      product: 'AUTO_PRIVATE',
      days: 5,
      body: {
        lossType: 'vehicle_collision',
        description: 'Hit a deer on a country road; headlight and bonnet damaged',
        location: 'County Road 12',
        reporter: { kind: 'policyholder', name: 'Policyholder', phone: phone(7) },
        claimedAmount: 3_500_00,
      },
      flow: (c) => move(agent, c, 'submit'), // submitted: unassigned, in the adjusters' worklist
    },
    {
      product: 'WHOLE_LIFE',
      days: 3,
      body: {
        lossType: 'death',
        description: 'The insured died in a road accident abroad; the death certificate is awaited',
        location: 'Lisbon, Portugal',
        reporter: { kind: 'beneficiary', name: 'Son of the insured', phone: phone(8), relationship: 'son' },
      },
      flow: async (c) => move(adjuster, await move(agent, c, 'submit'), 'start-investigation'),
    },
    {
      product: 'AUTO_PRIVATE',
      days: 4,
      body: {
        lossType: 'vehicle_collision',
        description: 'Another car reversed into the driver’s door in a car park',
        location: 'Springfield Mall car park',
        reporter: { kind: 'policyholder', name: 'Policyholder', phone: phone(9) },
        claimedAmount: 6_000_00,
      },
      // Approved: the payment is the next step.
      flow: async (c) => {
        const investigating = await move(adjuster, await move(agent, c, 'submit'), 'start-investigation');
        return move(
          manager,
          await assess(investigating, { lines: [{ coverage: 'COLLISION', lossAmount: 6_000_00 }], decision: 'approve', reasonCode: 'APPROVED_IN_FULL' }),
          'approve',
        );
      },
    },
    {
      product: 'HOME_OWNERS',
      days: 12,
      body: {
        lossType: 'fire',
        description: 'Kitchen fire from a pan spread to the dining room; smoke damage throughout',
        location: 'The insured home',
        reporter: { kind: 'policyholder', name: 'Policyholder', phone: phone(10) },
        claimedAmount: 24_000_00,
      },
      // Assessed at 30,500.00 less the deductible, above the adjuster's 25,000.00: it waits for a senior agent's or a manager's approval.
      flow: async (c) => {
        const investigating = await move(adjuster, await move(agent, c, 'submit'), 'start-investigation');
        return assess(investigating, { lines: [{ coverage: 'DWELLING', lossAmount: 30_500_00 }], decision: 'approve', reasonCode: 'APPROVED_IN_FULL' });
      },
    },
    {
      product: 'HOME_OWNERS',
      days: 20,
      body: {
        lossType: 'burglary',
        description: 'Break-in through the back door: laptop, jewellery and 500.00 in cash taken',
        location: 'The insured home',
        reporter: { kind: 'policyholder', name: 'Policyholder', phone: phone(11) },
        claimedAmount: 4_000_00,
      },
      // Partially approved: cash is not covered.
      flow: async (c) => {
        const investigating = await move(adjuster, await move(agent, c, 'submit'), 'start-investigation');
        const assessed = await assess(investigating, {
          lines: [{ coverage: 'CONTENTS', lossAmount: 3_500_00 }],
          decision: 'partially_approve',
          reasonCode: 'ITEMS_NOT_COVERED',
          reason: 'Cash is not covered (clause 5.1); the deductible applies',
        });
        return move(manager, assessed, 'partially-approve', 'Cash excluded; the laptop and jewellery paid less the deductible');
      },
    },
    {
      product: 'HEALTH_INDIVIDUAL',
      days: 1,
      body: {
        lossType: 'hospitalisation',
        description: 'Day surgery on a knee',
        location: 'Springfield Surgical Center',
        reporter: { kind: 'policyholder', name: 'Policyholder', phone: phone(12) },
        claimedAmount: 3_200_00,
      },
      flow: (c) => move(agent, c, 'withdraw', 'The customer decided to pay for it himself'),
    },
  ];
  for (const o of others) {
    const p = await policyOf(o.product, o.days);
    if (!p) continue;
    await step(async () => o.flow(await report({ ...o.body, policyId: p.id, lossDate: at(o.days) })), `${o.body.lossType} demo claim`);
  }
}
