// The collections worklist and a promise to pay: an agent opens Collections from the menu, sees the
// branch's overdue accounts ranked as the API ranks them, is told a date in the past is refused, and
// records a promise that then shows on the row. Demo data keeps few policies overdue (other tests pay
// them): a senior agent makes one overdue by holding a payment's money as credit, as in
// overdue-worklist.spec.ts.
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { apiSession, logIn, type ApiSession } from './support/session';

interface Row {
  policyId: string;
  policyNumber: string;
  openPromise: unknown;
}

/** Makes one policy of the senior agent's branch overdue (re-allocating a payment to credit) unless one already is without a promise. */
async function anOverdueAccount(request: APIRequestContext, senior: ApiSession, agent: ApiSession): Promise<Row[]> {
  const worklist = async () => (await (await request.get('/api/collections/worklist', { headers: agent.headers })).json()).items as Row[];
  if ((await worklist()).some((r) => !r.openPromise)) return worklist();
  const today = new Date().toISOString().slice(0, 10);
  const policies = (await (await request.get('/api/policies?limit=100', { headers: senior.headers })).json()).items as { id: string }[];
  for (const p of policies) {
    const payments = (await (await request.get(`/api/policies/${p.id}/payments`, { headers: senior.headers })).json()).items as { id: string; status: string }[];
    for (const payment of payments.filter((pay) => pay.status === 'succeeded')) {
      const a = await (await request.get(`/api/payments/${payment.id}/allocations`, { headers: senior.headers })).json();
      if (!(a.reallocatable && a.credit === 0 && a.invoices.some((i: { allocated: number; dueDate: string }) => i.allocated > 0 && i.dueDate < today))) continue;
      const res = await request.post(`/api/payments/${payment.id}/reallocate`, {
        headers: { ...senior.headers, 'If-Match': `"${a.version}"` },
        data: { allocations: [], reason: 'Browser test: the customer disputes the invoices' },
      });
      expect(res.ok()).toBe(true);
      // The invoices it paid are owed again; the overdue marking is the daily job's, so they may still be "open" until it runs.
      const rows = await worklist();
      if (rows.some((r) => !r.openPromise)) return rows;
    }
  }
  throw new Error('The demo data has no overdue account in this branch');
}

test('an agent ranks the overdue accounts in Collections and records a promise to pay', async ({ page, request }) => {
  const senior = await apiSession(request, 'senior@demo.test');
  const agent = await apiSession(request, 'agent@demo.test');
  const rows = await anOverdueAccount(request, senior, agent);
  const target = rows.find((r) => !r.openPromise)!;

  await logIn(page, 'agent@demo.test');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Collections', exact: true }).click();
  await expect(page).toHaveURL(/\/collections$/);
  await expect(page.getByRole('heading', { name: 'Collections', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Collections worklist' });
  // The figures of the last 90 days above the list.
  await expect(page.getByRole('region', { name: 'Collection figures' }).or(page.getByLabel('Collection figures'))).toContainText('Promises kept');
  // Ranked as the API ranks them.
  await expect(table.getByRole('row').nth(1)).toContainText(rows[0]!.policyNumber);

  await table.getByRole('button', { name: `Promise to pay on ${target.policyNumber}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Promise to pay' });
  // A date in the past: the server's field error shows next to the date.
  await dialog.getByLabel('Pays by').fill('2020-01-01');
  await dialog.getByRole('button', { name: 'Record promise' }).click();
  await expect(dialog.getByText(/Not before today/)).toBeVisible();

  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel('Pays by').fill(inThreeDays);
  await dialog.getByRole('button', { name: 'Record promise' }).click();
  await expect(page.getByText('Promise to pay recorded')).toBeVisible();
  await expect(dialog).toBeHidden();
  const row = table.getByRole('row').filter({ hasText: target.policyNumber });
  await expect(row.getByTestId('open-promise')).toBeVisible();
  await expect(row.getByRole('button', { name: /Promise to pay/ })).toHaveCount(0);
});

test('a manager writes off a small balance left open on an old invoice from Collections', async ({ page, request }) => {
  const manager = await apiSession(request, 'manager@demo.test');
  // An overdue account of the manager's branches: pay all of its oldest invoice but 12.34 (payments settle the oldest first).
  const worklist = (await (await request.get('/api/collections/worklist', { headers: manager.headers })).json()).items as {
    policyId: string;
    currency: string;
    overdueInvoices: { invoiceNumber: string; dueDate: string; openAmount: number }[];
  }[];
  const account = worklist.find((r) => r.overdueInvoices.some((i) => i.openAmount > 2_000));
  if (!account) throw new Error('The demo data has no overdue invoice above 20.00 in the manager’s branches');
  const oldest = [...account.overdueInvoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0]!;
  const paid = await request.post('/api/payments', {
    headers: { ...manager.headers, 'Idempotency-Key': crypto.randomUUID() },
    data: { policyId: account.policyId, method: 'bank_transfer', reference: 'BT-SMALL-LEFT', amount: oldest.openAmount - 1_234, currency: account.currency },
  });
  expect(paid.status()).toBe(201);

  await logIn(page, 'manager@demo.test');
  await page.getByRole('navigation').getByRole('link', { name: 'Collections' }).click();
  const section = page.getByRole('region', { name: 'Small old balances' });
  await section.getByLabel('Due at least').fill('0');
  await section.getByLabel('Open at most').fill('12.34');
  const row = section.getByRole('table', { name: 'Write-off proposals' }).getByRole('row').filter({ hasText: oldest.invoiceNumber });
  await expect(row).toContainText('12.34');
  await row.getByRole('button', { name: `Write off ${oldest.invoiceNumber}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Write off' });
  await dialog.getByLabel('Reason').fill('Too small to chase');
  await dialog.getByRole('button', { name: 'Write off' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`written off ${oldest.invoiceNumber}`)).toBeVisible();
  await expect(row).toHaveCount(0);
});

test('a finance manager edits a dunning plan: the server’s rule is shown beside the step, then the plan is saved', async ({ page }) => {
  await logIn(page, 'controller@demo.test');
  await page.getByRole('navigation').getByRole('link', { name: 'Collections' }).click();
  const plans = page.getByRole('region', { name: 'Dunning plans' }).getByRole('table', { name: 'Dunning plans' });
  const row = plans
    .getByRole('row')
    .filter({ hasText: /Day \d+: reminder/ })
    .first();
  const product = (await row.getByRole('button', { name: /^Edit the dunning plan of / }).getAttribute('aria-label'))!.replace('Edit the dunning plan of ', '');
  await row.getByRole('button', { name: `Edit the dunning plan of ${product}` }).click();
  const dialog = page.getByRole('dialog', { name: `Dunning plan: ${product}` });
  // Step 2 on day 1 comes before step 1: the server's rule, beside the field.
  await dialog.getByLabel('Day of step 2').fill('1');
  await dialog.getByRole('button', { name: 'Save the plan' }).click();
  await expect(dialog.getByText(/Comes after the step before/)).toBeVisible();
  // Back in order: saved with If-Match, the list shows the new day and who saved it.
  await dialog.getByLabel('Day of step 2').fill('8');
  await dialog.getByRole('button', { name: 'Save the plan' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Dunning plan saved')).toBeVisible();
  const saved = plans.getByRole('row').filter({ hasText: product });
  await expect(saved).toContainText('Day 8: reminder');
  await expect(saved).toContainText('Cody Controller');
});
