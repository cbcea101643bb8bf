// The aged receivables report (`billing.aged-receivables`) exported through the reports module's API:
// each unpaid invoice's open amount lands in the bucket of its days past due on the business date
// (a hand-made book: one monthly policy per branch, five invoices each), oldest due first; a South
// agent's export holds nothing of North; the buckets' edges are unit-tested.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { exportReport, exportTestEnv, parseCsv, startJobSender } from '../../../../test/support/report-exports';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { RAISE_INVOICES_JOB } from '..';
import { ageingBucket } from '../aged-receivables';
import { billingWorld, type BillingWorld, type IssuedPolicy } from './billing-fixtures';

let w: BillingWorld;
let north: IssuedPolicy;
let south: IssuedPolicy;
let northAgent: Session;
let southAgent: Session;

// 2027-01-11 is a Monday: the policies issued today start today, paid monthly (due the 11th).
const START = '2027-01-11';

beforeAll(async () => {
  w = await billingWorld('policydesk_aged_receivables', { startAt: `${START}T10:00:00Z`, env: exportTestEnv('aged-receivables') });
  await startJobSender(w.t);
  north = await w.issuedPolicy();
  south = await w.issuedPolicy({ branchId: w.otherBranch });
  // 28 April: every installment due up to 11 May has its invoice (raised 14 days ahead), none is paid.
  w.t.clock.set('2027-04-28T10:00:00Z');
  await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
  northAgent = await w.as('agent');
  southAgent = await w.as('agent', w.otherBranch);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await w.t.jobs.stop(1_000);
  await w.close();
});

const HEADER = [
  'Invoice',
  'Policy',
  'Customer',
  'Customer name',
  'Issued',
  'Due',
  'Days overdue',
  'Currency',
  'Open amount',
  'Current',
  '1–30 days',
  '31–60 days',
  '61–90 days',
  'Over 90 days',
];

const csvOf = async (session: Session, params: Record<string, unknown> = {}) => {
  const { file } = await exportReport(w.t, session.auth, 'billing.aged-receivables', { format: 'csv', params });
  return parseCsv(file.toString('utf8'));
};

const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

describe('aged receivables', () => {
  it('puts each unpaid invoice’s open amount in the bucket of its days past due today, oldest first', async () => {
    const installments: { due_date: string; amount: number }[] = await w.t
      .db('billing_installments')
      .where({ policy_id: north.policy.id })
      .whereNotNull('invoice_id')
      .orderBy('due_date')
      .select(w.t.db.raw(`to_char(due_date, 'YYYY-MM-DD') AS due_date`), 'amount');
    expect(installments.map((i) => i.due_date)).toEqual(['2027-01-11', '2027-02-11', '2027-03-11', '2027-04-11', '2027-05-11']);

    const rows = await csvOf(northAgent);
    expect(rows[0]).toEqual(HEADER);
    const body = rows.slice(1);
    expect(body.map((r) => r[1])).toEqual(Array(5).fill(north.policy.policyNumber));
    const customer = north.customer as unknown as { customerNumber: string; firstName: string; lastName: string };
    expect(body[0]!.slice(2, 4)).toEqual([customer.customerNumber, `${customer.firstName} ${customer.lastName}`]);
    // Days to 28 April: from 11 Jan 20 + 28 + 31 + 28 = 107; from 11 Feb 17 + 31 + 28 = 76; from
    // 11 Mar 20 + 28 = 48; from 11 Apr 17; 11 May is not due yet (0, current).
    const expected: [string, string, number][] = [
      ['2027-01-11', '107', 13],
      ['2027-02-11', '76', 12],
      ['2027-03-11', '48', 11],
      ['2027-04-11', '17', 10],
      ['2027-05-11', '0', 9],
    ];
    expected.forEach(([due, days, bucketColumn], n) => {
      const row = body[n]!;
      const open = money(installments[n]!.amount);
      expect([row[5], row[6], row[7], row[8]]).toEqual([due, days, 'USD', open]);
      // The open amount in its bucket, 0.00 in the other four.
      expect(row.slice(9)).toEqual([9, 10, 11, 12, 13].map((c) => (c === bucketColumn ? open : '0.00')));
    });
  });

  it('keeps a South agent’s export to South, and filters by currency', async () => {
    const rows = await csvOf(southAgent);
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set([south.policy.policyNumber]));
    expect(rows).toHaveLength(6);
    expect(await csvOf(southAgent, { currency: 'EUR' })).toEqual([HEADER]);
    const bad = await request(w.t.app)
      .post('/api/reports/billing.aged-receivables/exports')
      .set(southAgent.auth)
      .send({ format: 'csv', params: { currency: 'usd' } })
      .expect(400);
    expect(bad.body.errors).toEqual([{ path: 'params.currency', message: 'A currency code such as USD' }]);
  });
});

describe('GET /api/billing/receivables-aging', () => {
  it('sums the report per currency and bucket, for the reader’s branches only', async () => {
    const installments: { amount: number }[] = await w.t
      .db('billing_installments')
      .where({ policy_id: north.policy.id })
      .whereNotNull('invoice_id')
      .orderBy('due_date')
      .select('amount');
    const aging = (await request(w.t.app).get('/api/billing/receivables-aging').set(northAgent.auth).expect(200)).body;
    expect(aging.asOf).toBe('2027-04-28');
    // One invoice in each bucket (107, 76, 48, 17 days past due, and one not yet due): oldest bucket last.
    const amounts = installments.map((i) => i.amount);
    expect(aging.currencies).toEqual([
      {
        currency: 'USD',
        total: amounts.reduce((a, b) => a + b, 0),
        invoices: 5,
        buckets: [
          { bucket: 'current', amount: amounts[4], invoices: 1 },
          { bucket: '1-30', amount: amounts[3], invoices: 1 },
          { bucket: '31-60', amount: amounts[2], invoices: 1 },
          { bucket: '61-90', amount: amounts[1], invoices: 1 },
          { bucket: '90+', amount: amounts[0], invoices: 1 },
        ],
      },
    ]);
    // The same figures as the South agent's own export, summed: nothing of North.
    const southRows = (await csvOf(southAgent)).slice(1);
    const southAging = (await request(w.t.app).get('/api/billing/receivables-aging').set(southAgent.auth).expect(200)).body;
    const cents = (text: string) => Math.round(Number(text) * 100);
    expect(southAging.currencies[0].total).toBe(southRows.reduce((s, r) => s + cents(r[8]!), 0));
    expect(southAging.currencies[0].buckets.map((b: { amount: number }) => b.amount)).toEqual([9, 10, 11, 12, 13].map((c) => southRows.reduce((s, r) => s + cents(r[c]!), 0)));
  });
});

describe('receivables ageing as of a day', () => {
  // North's invoices (issued 14 days before due): due 11 Jan (issued 28 Dec), 11 Feb (28 Jan), 11 Mar
  // (25 Feb), 11 Apr (28 Mar), 11 May (27 Apr). On 3 May the customer pays the first in full and
  // 10.00 of the second (oldest first). Asked as of an earlier day, the ageing shows what was owed
  // then; today's shows the payment.
  const agingOf = (session: Session, asOf?: string) =>
    request(w.t.app)
      .get(`/api/billing/receivables-aging${asOf ? `?asOf=${asOf}` : ''}`)
      .set(session.auth);
  let a: number[];

  beforeAll(async () => {
    a = (await w.t.db('billing_installments').where({ policy_id: north.policy.id }).whereNotNull('invoice_id').orderBy('due_date').select<{ amount: string }[]>('amount')).map(
      (i) => Number(i.amount),
    );
    w.t.clock.set('2027-05-03T10:00:00Z');
    northAgent = await w.as('agent');
    southAgent = await w.as('agent', w.otherBranch);
    await w.pay(northAgent, { policyId: north.policy.id, currency: 'USD', method: 'cash', amount: a[0]! + 10_00 }).expect(201);
  });

  const usd = (buckets: [number, number, number, number, number], invoices: [number, number, number, number, number]) => {
    const names = ['current', '1-30', '31-60', '61-90', '90+'];
    return {
      currency: 'USD',
      total: buckets.reduce((x, y) => x + y, 0),
      invoices: invoices.reduce((x, y) => x + y, 0),
      buckets: names.map((bucket, n) => ({ bucket, amount: buckets[n], invoices: invoices[n] })),
    };
  };

  it('today (the default): the first invoice paid, 10.00 less on the second; days past due on 3 May', async () => {
    const today = (await agingOf(northAgent).expect(200)).body;
    expect(today.asOf).toBe('2027-05-03');
    // 11 Feb → 3 May: 17 + 31 + 30 + 3 = 81 days; 11 Mar: 20 + 30 + 3 = 53; 11 Apr: 22; 11 May: not due.
    expect(today.currencies).toEqual([usd([a[4]!, a[3]!, a[2]!, a[1]! - 10_00, 0], [1, 1, 1, 1, 0])]);
    expect((await agingOf(northAgent, '2027-05-03').expect(200)).body).toEqual(today);
  });

  it('as of 28 April: as it stood before the payment (one invoice in each bucket, in full)', async () => {
    const then = (await agingOf(northAgent, '2027-04-28').expect(200)).body;
    expect(then.asOf).toBe('2027-04-28');
    // 107, 76, 48, 17 days past due and 11 May not due (issued 27 Apr).
    expect(then.currencies).toEqual([usd([a[4]!, a[3]!, a[2]!, a[1]!, a[0]!], [1, 1, 1, 1, 1])]);
  });

  it('as of 1 March: only the three invoices issued by then; 11 Jan is 49 days past due, 11 Feb 18, 11 Mar not due', async () => {
    const then = (await agingOf(northAgent, '2027-03-01').expect(200)).body;
    expect(then.currencies).toEqual([usd([a[2]!, a[1]!, a[0]!, 0, 0], [1, 1, 1, 0, 0])]);
    // 24 February: the 11 March invoice (issued 25 Feb) did not exist yet; 11 Jan was 44 days past due, 11 Feb 13.
    expect((await agingOf(northAgent, '2027-02-24').expect(200)).body.currencies).toEqual([usd([0, a[1]!, a[0]!, 0, 0], [0, 1, 1, 0, 0])]);
    // Before the first invoice was issued (28 Dec): nothing owed.
    expect((await agingOf(northAgent, '2026-12-27').expect(200)).body.currencies).toEqual([]);
    // Still the reader's branches only: South's own invoices, as of the same day.
    const south = (await agingOf(southAgent, '2027-03-01').expect(200)).body.currencies;
    expect(south).toHaveLength(1);
    expect(south[0].invoices).toBe(3);
  });

  it('a day to come is a 400 AGING_AS_OF_IN_FUTURE; a malformed day a 400 VALIDATION_FAILED', async () => {
    const future = (await agingOf(northAgent, '2027-05-04').expect(400)).body;
    expect(future.code).toBe('AGING_AS_OF_IN_FUTURE');
    expect(future.errors).toEqual([{ path: 'query.asOf', message: expect.stringContaining('Not after today (2027-05-03)') }]);
    expect((await agingOf(northAgent, '2027-02-30').expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'query.asOf' }] });
    // The report's export refuses a day to come when it is asked for, not later in the job.
    const bad = await request(w.t.app)
      .post('/api/reports/billing.aged-receivables/exports')
      .set(northAgent.auth)
      .send({ format: 'csv', params: { asOf: '2027-05-04' } })
      .expect(400);
    expect(bad.body.errors).toEqual([{ path: 'params.asOf', message: 'Not after today: the ageing is of receivables as they stood' }]);
  });

  it('the aged receivables report as of 1 March lists the three invoices with their open amounts and days then', async () => {
    const rows = (await csvOf(northAgent, { asOf: '2027-03-01' })).slice(1);
    expect(rows.map((r) => [r[5], r[6], r[8]])).toEqual([
      ['2027-01-11', '49', money(a[0]!)],
      ['2027-02-11', '18', money(a[1]!)],
      ['2027-03-11', '0', money(a[2]!)],
    ]);
    expect(rows[0]!.slice(9)).toEqual(['0.00', '0.00', money(a[0]!), '0.00', '0.00']);
  });
});

describe('ageing buckets', () => {
  it('splits at 0, 30, 60 and 90 days past due', () => {
    expect([-13, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(ageingBucket)).toEqual(['current', 'current', '1-30', '1-30', '31-60', '31-60', '61-90', '61-90', '90+', '90+']);
  });
});
