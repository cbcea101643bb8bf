// Finance's reports exported through the reports module (a database of its own): the trial balance,
// the month's statement and the premium register come out of the export job row for row as the
// finance API gives them (amounts in major units with two decimals), to CSV and to Excel; only
// finance roles may run them, and their parameters are checked as the API checks them.
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { exportReport, exportTestEnv, parseCsv, startJobSender } from '../../../../test/support/report-exports';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { RAISE_INVOICES_JOB } from '../../billing';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { EARN_PREMIUM_JOB } from '..';

let w: BillingWorld;
let finance: Session;
type Body = request.Response['body'];

beforeAll(async () => {
  w = await billingWorld('policydesk_finance_reports', { startAt: '2027-01-11T10:00:00Z', env: exportTestEnv('finance-reports') });
  await startJobSender(w.t);
  const policy = await w.issuedPolicy();
  await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
  const agent = await w.as('agent');
  const billing = await w.billingOf(agent, policy.policy.id);
  await w.pay(agent, { policyId: policy.policy.id, method: 'bank_transfer', reference: 'BT-JAN', amount: billing.amountDue, currency: 'USD' }).expect(201);
  // February: January's premium is earned day by day.
  w.t.clock.set('2027-02-03T10:00:00Z');
  await w.t.jobs.runNow(EARN_PREMIUM_JOB, {});
  finance = await w.as('finance');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await w.t.jobs.stop(1_000);
  await w.close();
});

const money = (minor: number) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
const api = async (path: string): Promise<Body> => (await request(w.t.app).get(path).set(finance.auth).expect(200)).body;
const csvOf = async (key: string, params: Record<string, unknown>) => parseCsv((await exportReport(w.t, finance.auth, key, { format: 'csv', params })).file.toString('utf8'));

describe('finance reports in the report registry', () => {
  it('exports the trial balance at a date as the API gives it', async () => {
    const trial = await api('/api/finance/trial-balance?asOf=2027-01-31');
    expect(trial.accounts.length).toBeGreaterThan(2);
    const rows = await csvOf('finance.trial-balance', { asOf: '2027-01-31' });
    expect(rows[0]).toEqual(['Account', 'Description', 'Currency', 'Debits', 'Credits', 'Balance']);
    expect(rows.slice(1)).toEqual(trial.accounts.map((a: Body) => [a.kind, a.description, a.currency, money(a.debits), money(a.credits), money(a.balance)]));
  });

  it('exports the month’s statement, section by section, with the result', async () => {
    const s = await api('/api/finance/statement?month=2027-01');
    expect(s.income.length).toBeGreaterThan(0);
    const rows = await csvOf('finance.statement', { month: '2027-01' });
    expect(rows[0]).toEqual(['Section', 'Account', 'Description', 'Currency', 'Amount']);
    const line = (section: string) => (l: Body) => [section, l.kind, l.description, l.currency, money(l.amount)];
    expect(rows.slice(1)).toEqual([
      ...s.income.map(line('Income')),
      ...s.expenses.map(line('Expenses')),
      ...s.result.map((r: Body) => ['Result', '', 'Income less expenses', r.currency, money(r.amount)]),
      ...s.assets.map(line('Assets')),
      ...s.liabilities.map(line('Liabilities')),
    ]);
    // Premium earned in January is income: the earning job ran.
    expect(rows.some((r) => r[0] === 'Income' && r[1] === 'premium_income' && r[4] !== '0.00')).toBe(true);
  });

  it('exports the premium register to Excel with its figures as numbers', async () => {
    const register = await api('/api/finance/premium-register?from=2027-01&to=2027-02');
    expect(register.rows.length).toBeGreaterThan(0);
    const { file } = await exportReport(w.t, finance.auth, 'finance.premium-register', { format: 'xlsx', params: { from: '2027-01', to: '2027-02' } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Month', 'Product', 'Product name', 'Currency', 'Written', 'Earned', 'Unearned at month end']);
    register.rows.forEach((r: Body, i: number) => {
      expect(sheet.getRow(i + 2).values).toEqual([undefined, r.month, r.product.code, r.product.name, r.currency, r.written / 100, r.earned / 100, r.unearned / 100]);
    });
    expect(sheet.getRow(register.rows.length + 2).values).toEqual([]);
  });

  it('refuses parameters the API refuses, and hides the reports from roles without finance:read', async () => {
    const post = (auth: Record<string, string>, key: string, params: object) => request(w.t.app).post(`/api/reports/${key}/exports`).set(auth).send({ format: 'csv', params });
    const bad = await post(finance.auth, 'finance.premium-register', { from: '2027-03', to: '2027-01' }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['params.to']);
    expect((await post(finance.auth, 'finance.trial-balance', { asOf: '0000-01-01' }).expect(400)).body.errors[0].path).toBe('params.asOf');
    expect((await post(finance.auth, 'finance.statement', { month: '2027-13' }).expect(400)).body.errors[0].path).toBe('params.month');
    const agent = await w.as('agent');
    await post(agent.auth, 'finance.trial-balance', { asOf: '2027-01-31' }).expect(404);
    const listed = (await request(w.t.app).get('/api/reports').set(agent.auth).expect(200)).body.items.map((r: Body) => r.key);
    expect(listed).not.toContain('finance.statement');
    const financeListed = (await request(w.t.app).get('/api/reports').set(finance.auth).expect(200)).body.items.map((r: Body) => r.key);
    expect(financeListed).toEqual(expect.arrayContaining(['finance.trial-balance', 'finance.statement', 'finance.premium-register', 'billing.aged-receivables']));
  });
});
