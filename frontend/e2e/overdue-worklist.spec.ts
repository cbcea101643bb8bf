// The overdue worklist and the ledger view: an agent opens the worklist from the menu, filters it,
// and opens a policy from it; a manager sees the policy's and the customer's ledger entries (an
// agent sees no ledger); a senior agent re-allocates a payment. Demo data has overdue policies in
// the agent's branch.
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { apiSession, logIn, type ApiSession } from './support/session';

interface Reallocatable {
  policyId: string;
  paymentId: string;
  paymentNumber: string;
  version: number;
  available: number;
}

/** A succeeded payment of the user's branch whose money pays invoices already due, on a customer holding no credit. */
async function paymentPayingPastInvoices(request: APIRequestContext, session: ApiSession): Promise<Reallocatable> {
  const today = new Date().toISOString().slice(0, 10);
  const policies = (await (await request.get('/api/policies?limit=100', { headers: session.headers })).json()).items as { id: string }[];
  for (const p of policies) {
    const payments = (await (await request.get(`/api/policies/${p.id}/payments`, { headers: session.headers })).json()).items as { id: string; status: string }[];
    for (const payment of payments.filter((pay) => pay.status === 'succeeded')) {
      const a = await (await request.get(`/api/payments/${payment.id}/allocations`, { headers: session.headers })).json();
      const paysPastInvoice = a.invoices.some((i: { allocated: number; dueDate: string }) => i.allocated > 0 && i.dueDate < today);
      if (a.reallocatable && a.credit === 0 && paysPastInvoice)
        return { policyId: p.id, paymentId: payment.id, paymentNumber: a.paymentNumber, version: a.version, available: a.available };
    }
  }
  throw new Error('The demo data has no succeeded payment paying past invoices in this branch');
}

interface OverdueRow {
  policyId: string;
  policyNumber: string;
  customer: { id: string; name: string };
  daysPastDue: number;
}

test('an agent opens the overdue worklist, filters it by policy number and days past due, and opens a policy from it', async ({ page, request }) => {
  // Demo data keeps few policies overdue (and other tests pay them): a senior agent makes one overdue
  // by holding a payment's money as credit, so the invoices it paid are owed again.
  const senior = await apiSession(request, 'senior@demo.test');
  const held = await paymentPayingPastInvoices(request, senior);
  const reallocated = await request.post(`/api/payments/${held.paymentId}/reallocate`, {
    headers: { ...senior.headers, 'If-Match': `"${held.version}"` },
    data: { allocations: [], reason: 'Browser test: the customer disputes the invoices' },
  });
  expect(reallocated.ok()).toBe(true);

  const agent = await apiSession(request, 'agent@demo.test');
  const worklist = (await (await request.get('/api/billing/overdue?limit=100', { headers: agent.headers })).json()) as { items: OverdueRow[]; nextCursor: string | null };
  expect(worklist.items.length).toBeGreaterThan(0);
  const [top] = worklist.items as [OverdueRow];

  await logIn(page, 'agent@demo.test');
  // The home page counts them, and the menu opens the list.
  const count = worklist.nextCursor ? `more than ${worklist.items.length}` : String(worklist.items.length);
  await expect(page.getByRole('region', { name: 'Waiting for you today' }).getByRole('link', { name: `Overdue policies: ${count}`, exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Overdue', exact: true }).click();
  await expect(page).toHaveURL(/\/billing\/overdue$/);
  await expect(page.getByRole('heading', { name: 'Overdue', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Overdue policies' });
  // Most days past due first: the API's first row is the page's first row.
  await expect(table.getByRole('row').nth(1)).toContainText(top.policyNumber);
  await expect(table.getByRole('row').nth(1)).toContainText(`${top.daysPastDue} day`);

  // A days band that leaves the top row out (or in), kept in the address.
  const band = top.daysPastDue > 90 ? 'More than 90 days' : top.daysPastDue > 60 ? '61–90 days' : top.daysPastDue > 30 ? '31–60 days' : '1–30 days';
  await page.getByRole('combobox', { name: 'Days past due' }).click();
  await page.getByRole('option', { name: band }).click();
  await expect(page).toHaveURL(/daysFrom=\d+/);
  await expect(table).toContainText(top.policyNumber);
  // The rows shown until the filtered answer arrives are the unfiltered ones: retried until it has.
  await expect(async () => {
    for (const days of await table.getByTestId('days-past-due').allTextContents()) {
      const n = Number(days.split(' ')[0]);
      expect(n).toBeGreaterThanOrEqual(top.daysPastDue > 90 ? 91 : top.daysPastDue > 60 ? 61 : top.daysPastDue > 30 ? 31 : 1);
    }
  }).toPass();

  // The policy number narrows it to one row.
  await page.getByRole('textbox', { name: 'Policy number' }).fill(top.policyNumber);
  await expect(page).toHaveURL(new RegExp(`q=${top.policyNumber}`));
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText(top.customer.name);

  // A filter that matches nothing says so.
  await page.getByRole('textbox', { name: 'Overdue at least' }).fill('9999999');
  await expect(page.getByText('No overdue policies match')).toBeVisible();
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page).toHaveURL(/\/billing\/overdue$/);
  await expect(table.getByRole('row').nth(1)).toContainText(top.policyNumber);

  // Opening the policy: its billing says what is overdue; an agent sees no ledger.
  await table.getByRole('link', { name: top.policyNumber }).click();
  await expect(page).toHaveURL(new RegExp(`/policies/${top.policyId}$`));
  const billing = page.getByRole('region', { name: 'Billing' });
  await expect(billing.getByTestId('billing-figures')).toContainText(/Overdue since/);
  await expect(page.getByRole('region', { name: 'Ledger' })).toHaveCount(0);
});

test('a manager sees the ledger of a policy and of its customer, and exports it', async ({ page, request }) => {
  const manager = await apiSession(request, 'manager@demo.test');
  const [row] = (await (await request.get('/api/billing/overdue?limit=1', { headers: manager.headers })).json()).items as [OverdueRow];
  const ledger = (await (await request.get(`/api/policies/${row.policyId}/ledger?limit=25`, { headers: manager.headers })).json()) as {
    items: { seq: number; description: string }[];
  };
  expect(ledger.items.length).toBeGreaterThan(0);

  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${row.policyId}`);
  const panel = page.getByRole('region', { name: 'Ledger' });
  await expect(panel.getByTestId('ledger-entry')).toHaveCount(ledger.items.length);
  await expect(panel.getByTestId('ledger-entry').first()).toContainText(`Entry ${ledger.items[0]!.seq}`);
  await expect(panel.getByRole('table', { name: 'Ledger entries' })).toContainText('Premium receivable');
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^policydesk-policy-ledger-.*\.csv$/);

  // The customer's ledger is a tab of the customer page.
  await page.goto(`/customers/${row.customer.id}`);
  await page.getByRole('tab', { name: 'Ledger' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${row.customer.id}/ledger$`));
  await expect(page.getByRole('region', { name: 'Ledger' }).getByTestId('ledger-entry').first()).toBeVisible();
});

test('a senior agent re-allocates a payment: all of it back to the customer’s credit', async ({ page, request }) => {
  const senior = await apiSession(request, 'senior@demo.test');
  const target = await paymentPayingPastInvoices(request, senior);

  await logIn(page, 'senior@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${target.policyId}`);
  const payments = page.getByRole('table', { name: 'Payments' });
  await payments
    .getByRole('row', { name: new RegExp(target.paymentNumber) })
    .getByRole('button', { name: 'Re-allocate' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Re-allocate ${target.paymentNumber}` });
  await dialog.getByRole('button', { name: 'Clear all' }).click();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Customer asked us to hold the money as credit');
  await dialog.getByRole('button', { name: 'Re-allocate' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Payment ${target.paymentNumber} re-allocated`)).toBeVisible();

  const billing = await (await request.get(`/api/policies/${target.policyId}/billing`, { headers: senior.headers })).json();
  expect(billing.credit).toBeGreaterThanOrEqual(target.available);
  expect(billing.overdueAmount).toBeGreaterThan(0);
});
