// INVOICE_LEAD_DAYS (issue 11: "a configurable number of days before it is due, default 14"): the
// daily invoice job of an app configured with 7 raises each installment's invoice 7 days before its
// due date — not on the 14th day before, as the default would.
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { addDays } from '../../../platform/calendar';
import { RAISE_INVOICES_JOB } from '..';
import { billingWorld, type BillingWorld } from './billing-fixtures';

let w: BillingWorld;

beforeAll(async () => {
  w = await billingWorld('policydesk_invoice_lead_days', { startAt: '2027-01-11T10:00:00Z', env: { INVOICE_LEAD_DAYS: '7' } });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

it('raises an installment’s invoice the configured 7 days before it is due, not 14', async () => {
  expect(w.t.config.invoiceLeadDays).toBe(7);
  const { policy } = await w.issuedPolicy();
  const [, second] = await w.t.db('billing_installments').where({ policy_id: policy.id }).orderBy('due_date');
  const due: string = second.due_date;
  const invoiceOf = () => w.t.db('invoice_lines').where({ installment_id: second.id }).first();

  // 14 days before (the default's day) and 8 days before: not yet.
  for (const daysBefore of [14, 8]) {
    w.t.clock.set(`${addDays(due, -daysBefore)}T10:00:00Z`);
    await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
    expect(await invoiceOf()).toBeUndefined();
  }
  // 7 days before: raised, issued that day; a second run changes nothing.
  w.t.clock.set(`${addDays(due, -7)}T10:00:00Z`);
  await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
  await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
  const line = await invoiceOf();
  expect(line).toBeDefined();
  const invoice = await w.t.db('invoices').where({ id: line.invoice_id }).first();
  expect({ issueDate: invoice.issue_date, dueDate: invoice.due_date }).toEqual({ issueDate: addDays(due, -7), dueDate: due });
  expect(await w.t.db('invoice_lines').where({ installment_id: second.id })).toHaveLength(1);
});
