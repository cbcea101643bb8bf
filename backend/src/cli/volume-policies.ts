// `npm run seed:volume -- --policies N`: N issued policies for the volume customers, each with a
// year of billing history, written in bulk (multi-row INSERT … SELECT from one JSON document per
// table and batch) but row for row what the product itself writes:
//
//   quote → order (approved) → policy + history + `policy.issue` audit → billing_policies and the
//   first policy year's installments (`installmentRows`, the function issuance uses) → every
//   installment whose invoice the daily job would have raised by yesterday: invoice, line, status
//   history, `premiumBilled` entry (`installment:<id>:billed`) → payments on the due date (or the
//   day the invoice was raised, when later) with history, `payment.create` audit, `paymentReceived`
//   entry and the credit applied to the invoice (`invoice:<id>:credit:1`, its audit, the invoice
//   paid or partially paid) → invoices still unpaid after their due date turned overdue as the
//   daily job does (history + `invoice.overdue` audit).
//
// The timeline: policy n starts 2–364 days ago (so its first year is in force and no second year is
// due); the jobs ran daily up to and including yesterday, nothing has happened today, so today's
// invoice run raises exactly one day's installments (those due in INVOICE_LEAD_DAYS days). Most
// customers pay every invoice; 7 in 100 stop paying (overdue), 4 pay the last invoice short
// (partially paid, overdue once past due), 4 pay the last one over (a credit the next invoice will
// use). Each policy has its own customer, so no credit crosses policies.
//
// The ledger's guards stay on: every entry is checked at commit by the deferred triggers, postings
// join their entries in the same transaction (one transaction per batch). Deterministic apart from
// the generated ids; tops up to N (policies already in the database count).
import crypto from 'node:crypto';
import type { DESTINATION_ZONES, LateFeeRule, PaymentFrequency, ProductDefinition } from '../contracts/products';

type DestinationZone = (typeof DESTINATION_ZONES)[number];
import type { Db, Trx } from '../db';
import type { Clock } from '../platform/clock';
import { diffForAudit } from '../modules/audit/audit.service';
import { POSTING_SCHEME } from '../modules/billing/chart-of-accounts';
import { installmentCoverage, invoiceIssueDate } from '../modules/billing/installment-schedule';
import { installmentRows } from '../modules/billing/schedule.service';
import { hashPassword } from '../modules/identity/passwords';
import { businessDaysBetween } from '../modules/orders/order-status';
import { endDateOf } from '../modules/policies/policy-issuer';
import { QUOTE_VALIDITY_DAYS } from '../modules/products/quotes.service';
import { rateQuote, type QuoteRequest } from '../modules/products/rating/rate-quote';
import { quoteRequirements } from '../modules/products/rating/requirements';
import { addDays } from '../platform/calendar';
import { insertPostings, insertRows, reserve, type Posting } from './volume-rows';

const BATCH = 1_000;

export interface VolumePoliciesOptions {
  /** Policies wanted in total (existing ones count). */
  target: number;
  clock: Clock;
  /** INVOICE_LEAD_DAYS: an invoice is raised this many days before its installment is due. */
  leadDays: number;
  progress?: (done: number, total: number) => void;
}

interface Template {
  productId: string;
  versionId: string;
  productName: string;
  versionNumber: number;
  currency: string;
  coverages: { code: string; sumInsured: number; deductible?: number }[];
  sumInsured: number;
  /** null for a trip (its policy runs from the departure to the return date). */
  termYears: number | null;
  /** A trip product's trip: its length and destination (each policy gets its own dates). */
  trip: { days: number; destinationZone: DestinationZone } | null;
  frequency: PaymentFrequency;
  annualPremium: number;
  installments: { count: number; amount: number; firstAmount: number };
  lateFee: LateFeeRule;
  request: string;
  applicant: string;
  result: string;
}

interface Choice {
  code: string;
  coverages: Template['coverages'];
  /** For everything but a trip. */
  termYears?: number;
  trip?: Template['trip'];
  risk?: Record<string, unknown>;
  frequencies: [PaymentFrequency, number][];
}

/** What the volume book sells, with how often each payment frequency is chosen (weights). */
const CHOICES: Choice[] = [
  {
    code: 'TERM_LIFE',
    coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }],
    termYears: 20,
    frequencies: [
      ['monthly', 4],
      ['quarterly', 1],
      ['semi_annual', 1],
      ['annual', 1],
    ],
  },
  {
    code: 'TERM_LIFE',
    coverages: [{ code: 'DEATH', sumInsured: 500_000_00 }],
    termYears: 10,
    frequencies: [['monthly', 2]],
  },
  { code: 'WHOLE_LIFE', coverages: [{ code: 'DEATH', sumInsured: 100_000_00 }], termYears: 20, frequencies: [['monthly', 2]] },
  {
    code: 'HEALTH_INDIVIDUAL',
    coverages: [{ code: 'INPATIENT', sumInsured: 250_000_00, deductible: 1_000_00 }],
    termYears: 1,
    frequencies: [
      ['monthly', 2],
      ['quarterly', 1],
    ],
  },
  {
    code: 'AUTO_PRIVATE',
    coverages: [
      { code: 'LIABILITY', sumInsured: 300_000_00 },
      { code: 'COLLISION', sumInsured: 25_000_00, deductible: 500_00 },
    ],
    termYears: 1,
    risk: { vehicleAge: 4, vehicleUse: 'commute' },
    frequencies: [
      ['annual', 2],
      ['semi_annual', 1],
      ['monthly', 1],
    ],
  },
  {
    code: 'HOME_OWNERS',
    coverages: [
      { code: 'DWELLING', sumInsured: 300_000_00, deductible: 1_000_00 },
      { code: 'CONTENTS', sumInsured: 60_000_00, deductible: 1_000_00 },
    ],
    termYears: 1,
    risk: { constructionType: 'masonry' },
    frequencies: [
      ['annual', 2],
      ['quarterly', 1],
      ['monthly', 1],
    ],
  },
  {
    code: 'TRAVEL_SINGLE',
    coverages: [{ code: 'MEDICAL', sumInsured: 100_000_00 }],
    trip: { days: 14, destinationZone: 'europe' },
    frequencies: [['single', 1]],
  },
];

const maxDate = (a: string, b: string) => (a > b ? a : b);
/** An instant on a business date; times around noon UTC fall on that date in zones from UTC−10 to UTC+9. */
const at = (date: string, time: string) => new Date(`${date}T${time}:00.000Z`);
const formatNumber = (prefix: string, n: number) => `${prefix}-${String(n).padStart(Math.max(6, String(n).length), '0')}`;
const uuid = () => crypto.randomUUID();

/** The rated templates: the rating engine's price for a standard applicant, per product choice and frequency. */
async function templates(db: Db): Promise<Template[]> {
  const versions: { product_id: string; code: string; name: string; version_id: string; version_number: number; definition: ProductDefinition }[] = await db('products as p')
    .join('product_versions as v', 'v.product_id', 'p.id')
    .where({ 'p.status': 'active', 'v.status': 'published' })
    .whereIn('p.code', [...new Set(CHOICES.map((c) => c.code))])
    .orderBy([{ column: 'p.code' }, { column: 'v.version_number', order: 'desc' }])
    .select('p.id as product_id', 'p.code', 'p.name', 'v.id as version_id', 'v.version_number', 'v.definition');
  const latest = new Map<string, (typeof versions)[number]>();
  for (const v of versions) if (!latest.has(v.code)) latest.set(v.code, v);
  const applicant = { entryAge: 42, gender: 'female', smoker: false, region: 'NY', occupationClass: 1, riskLevel: 'low', kycVerified: true };
  const out: Template[] = [];
  for (const choice of CHOICES) {
    const version = latest.get(choice.code);
    if (!version) continue;
    for (const [frequency, weight] of choice.frequencies) {
      // A trip version prices the trip's length and destination, which the trip gives.
      const trip = version.definition.trip ? (choice.trip ?? null) : null;
      const risk = (trip ? { ...choice.risk, tripDays: trip.days, destinationZone: trip.destinationZone } : (choice.risk ?? {})) as QuoteRequest['risk'];
      const termYears = trip ? null : (choice.termYears ?? 1);
      const request: QuoteRequest = { applicant, risk, coverages: choice.coverages, termYears: termYears ?? 0, paymentFrequency: frequency };
      const rated = rateQuote(version.definition, request);
      if (!rated.eligibility.eligible || !rated.price) continue;
      const template: Template = {
        productId: version.product_id,
        versionId: version.version_id,
        productName: version.name,
        versionNumber: version.version_number,
        currency: rated.price.currency,
        coverages: choice.coverages,
        sumInsured: choice.coverages.reduce((s, c) => s + c.sumInsured, 0),
        termYears,
        trip,
        frequency,
        annualPremium: rated.price.annualPremium,
        installments: rated.price.installments,
        lateFee: version.definition.lateFee ?? { kind: 'none' },
        request: JSON.stringify({ risk, coverages: choice.coverages, termYears, paymentFrequency: frequency }),
        applicant: JSON.stringify({ ...applicant, kycVerified: undefined }),
        result: JSON.stringify({
          eligibility: rated.eligibility,
          requirements: quoteRequirements(version.definition, request),
          price: rated.price,
          productName: version.name,
          productVersionNumber: version.version_number,
        }),
      };
      for (let i = 0; i < weight; i++) out.push(template);
    }
  }
  if (!out.length) throw new Error('No published reference products: start the server once on this database (it loads the catalog), then seed policies.');
  return out;
}

/** One agent per branch and an underwriter who approved the applications (created once). */
async function volumeUsers(db: Db, branchIds: string[], now: Date): Promise<{ agents: Map<string, string>; underwriter: string }> {
  const passwordHash = await hashPassword(crypto.randomBytes(24).toString('base64'), 4);
  const rows = [
    ...branchIds.map((b) => ({ email: `volume-agent-${b}@volume.test`, name: 'Volume Agent', role: 'agent', branch_id: b })),
    { email: 'volume-underwriter@volume.test', name: 'Volume Underwriter', role: 'underwriter', branch_id: branchIds[0]! },
  ];
  await db('users')
    .insert(rows.map((r) => ({ ...r, password_hash: passwordHash, password_changed_at: now, created_at: now, updated_at: now })))
    .onConflict('email')
    .ignore();
  const users: { id: string; email: string }[] = await db('users')
    .whereIn(
      'email',
      rows.map((r) => r.email),
    )
    .select('id', 'email');
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  return {
    agents: new Map(branchIds.map((b) => [b, byEmail.get(`volume-agent-${b}@volume.test`)!])),
    underwriter: byEmail.get('volume-underwriter@volume.test')!,
  };
}

type Behaviour = 'pays' | 'stops' | 'short' | 'over';
const behaviourOf = (n: number): Behaviour => {
  const k = n % 100;
  return k < 7 ? 'stops' : k < 11 ? 'short' : k < 15 ? 'over' : 'pays';
};

/** Everything one batch writes, table by table, in insertion order. */
class BatchRows {
  quotes: Record<string, unknown>[] = [];
  orders: Record<string, unknown>[] = [];
  orderHistory: Record<string, unknown>[] = [];
  policies: Record<string, unknown>[] = [];
  policyHistory: Record<string, unknown>[] = [];
  policyVersions: Record<string, unknown>[] = [];
  billingPolicies: Record<string, unknown>[] = [];
  invoices: Record<string, unknown>[] = [];
  installments: Record<string, unknown>[] = [];
  lines: Record<string, unknown>[] = [];
  invoiceHistory: Record<string, unknown>[] = [];
  payments: Record<string, unknown>[] = [];
  paymentHistory: Record<string, unknown>[] = [];
  entries: Record<string, unknown>[] = [];
  postings: Posting[] = [];
  /** Premium written to the unearned premium reserve with the days it covers (issue 20), as raiseInstallment records it. */
  writings: Record<string, unknown>[] = [];
  audit: Record<string, unknown>[] = [];
}

interface PlannedInvoice {
  id: string;
  installment: ReturnType<typeof installmentRows>[number] & { id: string };
  issueDate: string;
  raisedOn: string;
  /** Set when paid (in full or in part). */
  payment?: { on: string; amount: number };
}

/** Seeds policies until there are `target`; returns how many it added. */
export async function seedVolumePolicies(db: Db, options: VolumePoliciesOptions): Promise<{ existing: number; added: number }> {
  const [{ count }] = await db('policies').count<{ count: string }[]>('* as count');
  const existing = Number(count);
  const toAdd = options.target - existing;
  if (toAdd <= 0) return { existing, added: 0 };
  const now = options.clock.now();
  const today = options.clock.businessDate(now);
  const yesterday = addDays(today, -1);
  const kinds = await templates(db);

  const customers: { id: string; branch_id: string; first_name: string; last_name: string }[] = await db('customers as c')
    .where('c.status', 'active')
    .whereNotExists(db('policies as p').whereRaw('p.customer_id = c.id'))
    .orderBy('c.customer_number')
    .limit(toAdd)
    .select('c.id', 'c.branch_id', 'c.first_name', 'c.last_name');
  if (customers.length < toAdd) {
    throw new Error(
      `Only ${customers.length} active customers without a policy for ${toAdd} policies: add customers first (--customers ${Math.ceil((toAdd - customers.length) / 0.6) + existing}).`,
    );
  }
  const { agents, underwriter } = await volumeUsers(db, [...new Set(customers.map((c) => c.branch_id))].sort(), now);

  for (let done = 0; done < toAdd; done += BATCH) {
    const slice = customers.slice(done, done + BATCH);
    await db.transaction(async (trx) => {
      const b = new BatchRows();
      const plans = slice.map((customer, i) => planPolicy(existing + done + i, customer, kinds[(existing + done + i) % kinds.length]!, today, yesterday, options.leadDays));
      const paymentsNeeded = plans.reduce((s, p) => s + p.invoices.filter((i) => i.payment).length, 0);
      const invoicesNeeded = plans.reduce((s, p) => s + p.invoices.length, 0);
      const [quoteNos, orderNos, policyNos, invoiceNos, paymentNos] = [
        await reserve(trx, 'quote_number_seq', plans.length),
        await reserve(trx, 'order_number_seq', plans.length),
        await reserve(trx, 'policy_number_seq', plans.length),
        await reserve(trx, 'invoice_number_seq', invoicesNeeded),
        await reserve(trx, 'payment_number_seq', paymentsNeeded),
      ];
      let invoiceAt = 0;
      let paymentAt = 0;
      plans.forEach((plan, i) => {
        writePolicy(b, plan, {
          quoteNumber: formatNumber('Q', quoteNos[i]!),
          orderNumber: formatNumber('O', orderNos[i]!),
          policyNumber: formatNumber('P', policyNos[i]!),
          agentId: agents.get(plan.customer.branch_id)!,
          underwriterId: underwriter,
          nextInvoiceNumber: () => `I-${String(invoiceNos[invoiceAt++]!).padStart(6, '0')}`,
          nextPaymentNumber: () => formatNumber('PM', paymentNos[paymentAt++]!),
        });
      });
      await writeBatch(trx, b);
    });
    options.progress?.(Math.min(done + BATCH, toAdd), toAdd);
  }
  return { existing, added: toAdd };
}

/** The tables this seeding fills: the caller refreshes their planner statistics (ANALYZE, as the owner). */
export const VOLUME_POLICY_TABLES = [
  'policies',
  'policy_versions',
  'billing_policies',
  'billing_installments',
  'invoices',
  'invoice_lines',
  'payments',
  'journal_entries',
  'postings',
  'ledger_accounts',
  'premium_writings',
];

interface PolicyPlan {
  n: number;
  customer: { id: string; branch_id: string; first_name: string; last_name: string };
  template: Template;
  policyId: string;
  startDate: string;
  endDate: string;
  behaviour: Behaviour;
  paymentMethod: { type: 'card' | 'bank_account'; token: string; last4: string; brand?: string; expiry?: string; holderName: string };
  installments: PlannedInvoice['installment'][];
  invoices: PlannedInvoice[];
  /** The last day the daily jobs ran (the seed's yesterday). */
  yesterday: string;
}

/** The policy's dates, schedule, which invoices were raised by yesterday, and which were paid when and how much. */
function planPolicy(n: number, customer: PolicyPlan['customer'], template: Template, today: string, yesterday: string, leadDays: number): PolicyPlan {
  const startDate = addDays(today, -(2 + ((n * 7919) % 363)));
  // A trip of `days` days from the start, else the term in years.
  const endDate = template.trip ? addDays(startDate, template.trip.days - 1) : endDateOf(startDate, template.termYears!);
  const policyId = uuid();
  const last4 = String(1000 + ((n * 37) % 9000));
  const holderName = `${customer.first_name} ${customer.last_name}`;
  const paymentMethod: PolicyPlan['paymentMethod'] =
    n % 10 < 7
      ? { type: 'card', token: `tok_volume_${n}`, last4, brand: 'visa', expiry: '12/30', holderName }
      : { type: 'bank_account', token: `ba_volume_${n}`, last4, holderName };
  const installments = installmentRows(
    {
      policy_id: policyId,
      currency: template.currency,
      payment_frequency: template.frequency,
      installment_count: template.installments.count,
      installment_amount: template.installments.amount,
      first_installment_amount: template.installments.firstAmount,
      start_date: startDate,
      end_date: endDate,
    },
    1,
    new Date(0),
  ).map((row) => ({ ...row, id: uuid() }));
  // Raised by the daily job on its issue date, or on the first run after issuance (the day after the start).
  const invoices: PlannedInvoice[] = installments
    .map((installment) => {
      const issueDate = invoiceIssueDate(installment.due_date, leadDays);
      return { id: uuid(), installment, issueDate, raisedOn: maxDate(issueDate, addDays(startDate, 1)) };
    })
    .filter((i) => i.raisedOn <= yesterday);
  const behaviour = behaviourOf(n);
  // Customers pay on the due date, or on the day the invoice arrives when that is later; never today.
  const payable = invoices.filter((i) => maxDate(i.installment.due_date, i.raisedOn) <= yesterday);
  const stopAfter = behaviour === 'stops' ? n % 3 : Infinity;
  payable.forEach((invoice, k) => {
    if (k >= stopAfter) return;
    const on = maxDate(invoice.installment.due_date, invoice.raisedOn);
    const isLast = k === payable.length - 1;
    let amount = invoice.installment.amount;
    if (isLast && behaviour === 'short') amount = Math.max(1, Math.floor(amount * 0.6));
    // Over-paid only when no later invoice was raised after it, so the credit is still there today.
    if (isLast && behaviour === 'over' && invoice === invoices[invoices.length - 1]) amount += 10_00;
    invoice.payment = { on, amount };
  });
  return { n, customer, template, policyId, startDate, endDate, behaviour, paymentMethod, installments, invoices, yesterday };
}

interface Numbers {
  quoteNumber: string;
  orderNumber: string;
  policyNumber: string;
  agentId: string;
  underwriterId: string;
  nextInvoiceNumber(): string;
  nextPaymentNumber(): string;
}

function writePolicy(b: BatchRows, plan: PolicyPlan, no: Numbers): void {
  const { template: t, customer, policyId, startDate, endDate, paymentMethod } = plan;
  const branchId = customer.branch_id;
  const quotedOn = addDays(startDate, -10);
  const submittedOn = addDays(startDate, -9);
  const issuedAt = at(startDate, '13:00');
  const quoteId = uuid();
  const orderId = uuid();
  const method = JSON.stringify(paymentMethod);
  const trip = t.trip ? { departureDate: startDate, returnDate: endDate, destinationZone: t.trip.destinationZone, days: t.trip.days } : null;
  b.quotes.push({
    id: quoteId,
    quote_number: no.quoteNumber,
    product_id: t.productId,
    product_version_id: t.versionId,
    customer_id: customer.id,
    branch_id: branchId,
    request: { ...JSON.parse(t.request), ...(trip ? { trip } : {}) },
    applicant: JSON.parse(t.applicant),
    result: JSON.parse(t.result),
    currency: t.currency,
    annual_premium: t.annualPremium,
    quoted_on: quotedOn,
    valid_until: addDays(quotedOn, QUOTE_VALIDITY_DAYS),
    created_at: at(quotedOn, '12:00'),
    created_by: no.agentId,
  });
  b.orders.push({
    id: orderId,
    order_number: no.orderNumber,
    quote_id: quoteId,
    customer_id: customer.id,
    branch_id: branchId,
    agent_id: no.agentId,
    product_id: t.productId,
    product_version_id: t.versionId,
    insured: null,
    coverages: t.coverages,
    sum_insured: t.sumInsured,
    term_years: t.termYears,
    trip,
    payment_frequency: t.frequency,
    currency: t.currency,
    annual_premium: t.annualPremium,
    beneficiaries: [],
    declarations: {},
    payment_method: paymentMethod,
    requested_start_date: null,
    status: 'approved',
    submitted_by: no.agentId,
    first_submitted_at: at(submittedOn, '12:00'),
    submitted_at: at(submittedOn, '12:00'),
    underwriter_id: no.underwriterId,
    info_request: null,
    decided_at: issuedAt,
    decided_by: no.underwriterId,
    processing_business_days: businessDaysBetween(submittedOn, startDate),
    version: 4,
    created_at: at(submittedOn, '11:00'),
    updated_at: issuedAt,
    extra_premium_percent: null,
    exclusions: [],
    approved_annual_premium: t.annualPremium,
    decision_note: null,
  });
  for (const [from, to, when, by] of [
    [null, 'draft', at(submittedOn, '11:00'), no.agentId],
    ['draft', 'submitted', at(submittedOn, '12:00'), no.agentId],
    ['submitted', 'in_underwriting', at(addDays(startDate, -5), '12:00'), no.underwriterId],
    ['in_underwriting', 'approved', issuedAt, no.underwriterId],
  ] as const) {
    b.orderHistory.push({ order_id: orderId, from_status: from, to_status: to, reason: null, changed_by: by, changed_at: when });
  }
  b.policies.push({
    id: policyId,
    policy_number: no.policyNumber,
    order_id: orderId,
    customer_id: customer.id,
    branch_id: branchId,
    agent_id: no.agentId,
    insured: null,
    product_id: t.productId,
    product_version_id: t.versionId,
    coverages: t.coverages,
    sum_insured: t.sumInsured,
    currency: t.currency,
    annual_premium: t.annualPremium,
    extra_premium_percent: null,
    exclusions: [],
    payment_frequency: t.frequency,
    installment_count: t.installments.count,
    installment_amount: t.installments.amount,
    first_installment_amount: t.installments.firstAmount,
    term_years: t.termYears,
    trip,
    start_date: startDate,
    end_date: endDate,
    status: 'active',
    beneficiaries: [],
    payment_method: paymentMethod,
    version: 1,
    issued_at: issuedAt,
    issued_by: no.underwriterId,
    created_at: issuedAt,
    updated_at: issuedAt,
  });
  b.policyVersions.push({
    policy_id: policyId,
    version_number: 1,
    effective_from: startDate,
    transaction_id: null,
    coverages: t.coverages,
    sum_insured: t.sumInsured,
    annual_premium: t.annualPremium,
    extra_premium_percent: null,
    exclusions: [],
    payment_frequency: t.frequency,
    installment_count: t.installments.count,
    installment_amount: t.installments.amount,
    first_installment_amount: t.installments.firstAmount,
    beneficiaries: [],
    insured: null,
    rating_inputs: { applicant: JSON.parse(t.applicant), risk: JSON.parse(t.request).risk ?? {}, termYears: t.termYears ?? 0 },
    created_by: no.underwriterId,
    created_at: issuedAt,
  });
  b.policyHistory.push({
    policy_id: policyId,
    from_status: null,
    to_status: 'active',
    reason: `Issued from order ${no.orderNumber}`,
    changed_by: no.underwriterId,
    changed_at: issuedAt,
  });
  b.audit.push({
    occurred_at: issuedAt,
    actor_user_id: no.underwriterId,
    actor_role: 'underwriter',
    action: 'policy.issue',
    outcome: 'success',
    entity_type: 'policy',
    entity_id: policyId,
    branch_id: branchId,
    changes: null,
    metadata: { policyNumber: no.policyNumber, orderId, customerId: customer.id, annualPremium: t.annualPremium, startDate },
  });
  b.billingPolicies.push({
    policy_id: policyId,
    policy_number: no.policyNumber,
    customer_id: customer.id,
    branch_id: branchId,
    product_version_id: t.versionId,
    currency: t.currency,
    annual_premium: t.annualPremium,
    payment_frequency: t.frequency,
    installment_count: t.installments.count,
    installment_amount: t.installments.amount,
    first_installment_amount: t.installments.firstAmount,
    start_date: startDate,
    end_date: endDate,
    payment_method: JSON.parse(method),
    // The version's late-fee rule, copied at issuance as billing's policyIssued does.
    late_fee: t.lateFee,
    version: 1,
    created_at: issuedAt,
    updated_at: issuedAt,
  });

  const invoiceOf = new Map(plan.invoices.map((i) => [i.installment.id, i]));
  const ledger = (entry: Record<string, unknown>, postings: Omit<Posting, 'entry_id'>[]) => {
    const id = uuid();
    b.entries.push({ id, ...entry, source_id: entry.source_id ?? null, reverses_entry_id: null, policy_id: policyId, customer_id: customer.id, branch_id: branchId });
    for (const p of postings) b.postings.push({ entry_id: id, ...p });
    return id;
  };
  const account = (kind: string, owner: string) =>
    kind === 'premium_receivable'
      ? { kind, owner_type: 'policy', owner_key: owner }
      : kind === 'customer_credit'
        ? { kind, owner_type: 'customer', owner_key: owner }
        : kind === 'cash_clearing'
          ? { kind, owner_type: 'payment_method', owner_key: owner }
          : { kind, owner_type: 'company', owner_key: '' };

  for (const installment of plan.installments) {
    const invoice = invoiceOf.get(installment.id);
    b.installments.push({
      id: installment.id,
      policy_id: policyId,
      policy_year: installment.policy_year,
      sequence: installment.sequence,
      due_date: installment.due_date,
      amount: installment.amount,
      currency: installment.currency,
      invoice_id: invoice?.id ?? null,
      created_at: issuedAt,
    });
    if (!invoice) continue;

    // Raised (invoice job, raiseInstallment).
    const number = no.nextInvoiceNumber();
    const raisedAt = at(invoice.raisedOn, '11:20');
    const description = `Installment ${installment.sequence} of policy year ${installment.policy_year}, ${no.policyNumber}`;
    const history: { from: string | null; to: string; reason: string; at: Date; by: string | null }[] = [{ from: null, to: 'open', reason: 'Raised', at: raisedAt, by: null }];
    const audit: Record<string, unknown>[] = [];
    const billedEntry = ledger(
      {
        external_id: `installment:${installment.id}:billed`,
        effective_date: invoice.issueDate,
        source_type: 'invoice',
        source_id: invoice.id,
        description: `${number}: ${description}`,
        created_at: raisedAt,
        created_by: null,
      },
      [
        { ...account(POSTING_SCHEME.premiumBilled.debit, policyId), direction: 'debit', amount: installment.amount, currency: t.currency, invoice_id: invoice.id },
        { ...account(POSTING_SCHEME.premiumBilled.credit, ''), direction: 'credit', amount: installment.amount, currency: t.currency, invoice_id: null },
      ],
    );
    const cover = installmentCoverage({
      startDate,
      endDate,
      installmentsPerYear: t.installments.count,
      policyYear: installment.policy_year,
      sequence: installment.sequence,
    });
    b.writings.push({
      ledger_entry_id: billedEntry,
      policy_id: policyId,
      branch_id: branchId,
      product_version_id: t.versionId,
      currency: t.currency,
      amount: installment.amount,
      covered_from: cover.from,
      covered_to: cover.to,
      created_at: raisedAt,
    });

    // Overdue (mark-overdue job, before business hours) on the first run after the due date while unpaid.
    const overdueOn = maxDate(addDays(installment.due_date, 1), invoice.raisedOn);
    const paidOn = invoice.payment?.on;
    const goesOverdue = overdueOn <= plan.yesterday;
    let status = 'open';
    const markOverdue = () => {
      history.push({ from: status, to: 'overdue', reason: `Unpaid after its due date (${overdueOn})`, at: at(overdueOn, '11:40'), by: null });
      audit.push({
        occurred_at: at(overdueOn, '11:40'),
        actor_user_id: null,
        actor_role: null,
        action: 'invoice.overdue',
        outcome: 'success',
        entity_type: 'invoice',
        entity_id: invoice.id,
        branch_id: branchId,
        changes: null,
        metadata: { invoiceNumber: number, date: overdueOn },
      });
      status = 'overdue';
    };
    if (goesOverdue && paidOn && paidOn >= overdueOn) markOverdue();

    if (invoice.payment) {
      // POST /api/payments (PaymentsService.create → receive → InvoiceService.applyCredit).
      const paymentId = uuid();
      const paymentNumber = no.nextPaymentNumber();
      const paidAt = at(invoice.payment.on, '14:00');
      const byCard = paymentMethod.type === 'card';
      const methodName = byCard ? 'card' : (['direct_debit', 'bank_transfer', 'check'] as const)[plan.n % 3]!;
      const payment = {
        id: paymentId,
        payment_number: paymentNumber,
        policy_id: policyId,
        customer_id: customer.id,
        branch_id: branchId,
        method: methodName,
        amount: invoice.payment.amount,
        currency: t.currency,
        status: 'succeeded',
        received_on: invoice.payment.on,
        card_last4: byCard ? paymentMethod.last4 : null,
        check_number: methodName === 'check' ? String(100_000 + plan.n) : null,
        // The bank's reference, which transfers and direct debits require.
        reference: methodName === 'bank_transfer' || methodName === 'direct_debit' ? `BANK-${paymentNumber}` : null,
        gateway: byCard ? 'sandbox' : null,
        gateway_reference: byCard ? `sb_ch_${crypto.createHash('sha256').update(`volume:${paymentId}`).digest('hex').slice(0, 24)}` : null,
        failure_code: null,
        failure_message: null,
        version: 1,
        created_by: no.agentId,
        created_at: paidAt,
        updated_at: paidAt,
      };
      b.audit.push({
        occurred_at: paidAt,
        actor_user_id: no.agentId,
        actor_role: 'agent',
        action: 'payment.create',
        outcome: 'success',
        entity_type: 'payment',
        entity_id: paymentId,
        branch_id: branchId,
        changes: diffForAudit(undefined, {
          paymentNumber,
          policyId,
          customerId: customer.id,
          method: methodName,
          amount: payment.amount,
          currency: t.currency,
          status: 'succeeded',
          gatewayReference: payment.gateway_reference,
          failureCode: null,
        }),
        metadata: null,
      });
      b.paymentHistory.push({ payment_id: paymentId, from_status: null, to_status: 'succeeded', actor_id: no.agentId, webhook_event_id: null, note: null, occurred_at: paidAt });
      const received = ledger(
        {
          external_id: `payment:${paymentId}:received`,
          effective_date: invoice.payment.on,
          source_type: 'payment',
          source_id: paymentId,
          description: `Payment ${paymentNumber} (${methodName.replace('_', ' ')})`,
          created_at: paidAt,
          created_by: no.agentId,
        },
        [
          { ...account(POSTING_SCHEME.paymentReceived.debit, methodName), direction: 'debit', amount: payment.amount, currency: t.currency, invoice_id: null },
          { ...account(POSTING_SCHEME.paymentReceived.credit, customer.id), direction: 'credit', amount: payment.amount, currency: t.currency, invoice_id: null },
        ],
      );
      b.payments.push({ ...payment, ledger_entry_id: received });
      const applied = Math.min(invoice.payment.amount, installment.amount);
      const reason = `Payment ${paymentNumber}`;
      ledger(
        {
          external_id: `invoice:${invoice.id}:credit:1`,
          effective_date: invoice.payment.on,
          source_type: 'allocation',
          source_id: invoice.id,
          description: `Credit applied to ${number}: ${reason}`,
          created_at: paidAt,
          created_by: no.agentId,
        },
        [
          { ...account(POSTING_SCHEME.creditApplied.debit, customer.id), direction: 'debit', amount: applied, currency: t.currency, invoice_id: null },
          { ...account(POSTING_SCHEME.creditApplied.credit, policyId), direction: 'credit', amount: applied, currency: t.currency, invoice_id: invoice.id },
        ],
      );
      const to = applied >= installment.amount ? 'paid' : status === 'open' ? 'partially_paid' : status;
      if (to !== status) {
        history.push({ from: status, to, reason, at: paidAt, by: no.agentId });
        status = to;
      }
      audit.push({
        occurred_at: paidAt,
        actor_user_id: no.agentId,
        actor_role: null,
        action: 'invoice.credit_applied',
        outcome: 'success',
        entity_type: 'invoice',
        entity_id: invoice.id,
        branch_id: branchId,
        changes: null,
        metadata: { invoiceNumber: number, amount: applied, currency: t.currency, reason },
      });
    }
    // Still unpaid (or paid short) when the job ran after its due date (a payment that day came after the job, above).
    if (goesOverdue && status !== 'paid' && status !== 'overdue') markOverdue();

    b.invoices.push({
      id: invoice.id,
      invoice_number: number,
      policy_id: policyId,
      customer_id: customer.id,
      branch_id: branchId,
      currency: t.currency,
      issue_date: invoice.issueDate,
      due_date: installment.due_date,
      status,
      version: history.length,
      created_at: raisedAt,
      updated_at: history[history.length - 1]!.at,
      created_by: null,
    });
    b.lines.push({ id: uuid(), invoice_id: invoice.id, kind: 'installment', installment_id: installment.id, amount: installment.amount, description, created_at: raisedAt });
    for (const h of history) b.invoiceHistory.push({ invoice_id: invoice.id, from_status: h.from, to_status: h.to, reason: h.reason, changed_at: h.at, changed_by: h.by });
    b.audit.push(...audit);
  }
}

async function writeBatch(trx: Trx, b: BatchRows): Promise<void> {
  await insertRows(trx, 'quotes', b.quotes);
  await insertRows(trx, 'orders', b.orders);
  await insertRows(trx, 'order_status_history', b.orderHistory);
  await insertRows(trx, 'policies', b.policies);
  await insertRows(trx, 'policy_status_history', b.policyHistory);
  await insertRows(trx, 'policy_versions', b.policyVersions);
  await insertRows(trx, 'billing_policies', b.billingPolicies);
  await insertRows(trx, 'invoices', b.invoices);
  await insertRows(trx, 'billing_installments', b.installments);
  await insertRows(trx, 'invoice_lines', b.lines);
  await insertRows(trx, 'invoice_status_history', b.invoiceHistory);
  // Entries before payments (payments.ledger_entry_id), postings after both, in this transaction.
  await insertRows(trx, 'journal_entries', b.entries);
  await insertRows(trx, 'payments', b.payments);
  await insertRows(trx, 'payment_status_history', b.paymentHistory);
  await insertPostings(trx, b.postings);
  await insertRows(trx, 'premium_writings', b.writings);
  await insertRows(trx, 'audit_log', b.audit);
}
