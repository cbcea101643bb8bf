// Billing from the policy page: an agent takes a card payment on an overdue policy (double-clicking
// Charge card), and sees the money applied to the overdue invoices and the overdue cleared; a senior
// agent marks a check bounced (the payment reversed).
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { apiSession, logIn, type ApiSession } from './support/session';

/** An overdue policy of the agent's branch with a card on file that has never been declined (demo data). */
async function overdueCardPolicy(
  request: APIRequestContext,
  session: ApiSession,
): Promise<{ id: string; policyNumber: string; customerId: string; overdueAmount: number; currency: string }> {
  const policies = (await (await request.get('/api/policies?limit=100', { headers: session.headers })).json()).items as { id: string; policyNumber: string }[];
  for (const p of policies) {
    const policy = await (await request.get(`/api/policies/${p.id}`, { headers: session.headers })).json();
    if (policy.paymentMethod?.type !== 'card') continue;
    const billing = await (await request.get(`/api/policies/${p.id}/billing`, { headers: session.headers })).json();
    if (billing.overdueAmount <= 0) continue;
    const payments = (await (await request.get(`/api/policies/${p.id}/payments`, { headers: session.headers })).json()).items as { status: string }[];
    if (payments.some((pay) => pay.status === 'failed')) continue;
    return { id: p.id, policyNumber: p.policyNumber, customerId: policy.customer.id, overdueAmount: billing.overdueAmount, currency: billing.currency };
  }
  throw new Error('The demo data has no overdue card policy in the agent’s branch');
}

test('an agent takes a card payment on an overdue policy, double-clicking Charge card: one payment, applied, the overdue cleared', async ({ page, request }) => {
  const session = await apiSession(request, 'agent@demo.test');
  const policy = await overdueCardPolicy(request, session);
  const paymentsBefore = (await (await request.get(`/api/policies/${policy.id}/payments`, { headers: session.headers })).json()).items.length;

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  // The customer header says what is overdue, on every customer tab.
  await page.goto(`/customers/${policy.customerId}`);
  await expect(page.getByTestId('customer-balance')).toContainText(/overdue since/);

  await page.goto(`/policies/${policy.id}`);
  const billing = page.getByRole('region', { name: 'Billing' });
  await expect(billing.getByTestId('billing-figures')).toContainText(/Overdue since/);
  await expect(billing.getByRole('table', { name: 'Invoices' })).toContainText('Overdue');
  // The installment schedule, on request: every installment, the overdue one with its invoice, later ones not invoiced.
  await billing.getByRole('button', { name: /Show schedule \(\d+\)/ }).click();
  const schedule = billing.getByRole('table', { name: 'Installment schedule' });
  await expect(schedule).toContainText('Year 1 · 1 of');
  await expect(schedule).toContainText(/I-\d+\s*Overdue/);
  await expect(schedule).toContainText('Not invoiced');

  await billing.getByRole('button', { name: 'Take payment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Take a payment' });
  await expect(dialog.getByLabel('Method')).toHaveValue(/Card on file ending/);
  await dialog.getByRole('button', { name: 'Charge card' }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Payment PM-\d+ received/)).toBeVisible();

  await expect(billing.getByTestId('billing-figures')).not.toContainText(/Overdue since/);
  await expect(billing.getByRole('table', { name: 'Invoices' })).not.toContainText('Overdue');
  await expect(billing.getByRole('table', { name: 'Payments' })).toContainText('Succeeded');

  const after = await (await request.get(`/api/policies/${policy.id}/billing`, { headers: session.headers })).json();
  expect(after.overdueAmount).toBe(0);
  const paymentsAfter = (await (await request.get(`/api/policies/${policy.id}/payments`, { headers: session.headers })).json()).items;
  expect(paymentsAfter).toHaveLength(paymentsBefore + 1);
});

test('a senior agent marks a bounced check: asked why and to confirm, the payment shows reversed and loses its actions', async ({ page, request }) => {
  const session = await apiSession(request, 'senior@demo.test');
  // A policy of the senior agent's branch with nothing overdue (so the other journeys' overdue policies are left alone).
  const policies = (await (await request.get('/api/policies?limit=100', { headers: session.headers })).json()).items as { id: string }[];
  let target: { id: string; currency: string } | undefined;
  for (const p of policies) {
    const res = await request.get(`/api/policies/${p.id}/billing`, { headers: session.headers });
    if (!res.ok()) continue;
    const billing = await res.json();
    if (billing.overdueAmount === 0) {
      target = { id: p.id, currency: billing.currency };
      break;
    }
  }
  if (!target) throw new Error('The demo data has no policy without overdue invoices in the senior agent’s branch');
  const paid = await request.post('/api/payments', {
    headers: { ...session.headers, 'Idempotency-Key': crypto.randomUUID() },
    data: { policyId: target.id, method: 'check', amount: 1_000, currency: target.currency, checkNumber: '778899' },
  });
  expect(paid.status()).toBe(201);
  const payment = await paid.json();

  await logIn(page, 'senior@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${target.id}`);
  const payments = page.getByRole('region', { name: 'Billing' }).getByRole('table', { name: 'Payments' });
  const row = payments.getByRole('row').filter({ hasText: payment.paymentNumber });
  await row.getByRole('button', { name: `Mark ${payment.paymentNumber} bounced` }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark payment bounced' });
  await expect(dialog).toContainText('cannot be undone');
  await expect(dialog.getByRole('button', { name: 'Reverse payment' })).toBeDisabled();
  await dialog.getByLabel('Why did it bounce?').fill('Returned unpaid: account closed');
  await dialog.getByRole('button', { name: 'Reverse payment' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${payment.paymentNumber} is reversed.`)).toBeVisible();
  await expect(row).toContainText('Reversed');
  await expect(row.getByRole('button', { name: `Mark ${payment.paymentNumber} bounced` })).toHaveCount(0);

  const after = await (await request.get(`/api/payments/${payment.id}`, { headers: session.headers })).json();
  expect(after.status).toBe('reversed');
});

test('a manager voids an invoice raised in error: asked why, it shows void and owes nothing', async ({ page, request }) => {
  const session = await apiSession(request, 'manager@demo.test');
  // An open invoice nothing has paid yet (not due: the other journeys' overdue policies are left alone).
  const policies = (await (await request.get('/api/policies?limit=100', { headers: session.headers })).json()).items as { id: string }[];
  let target: { policyId: string; invoiceNumber: string } | undefined;
  for (const p of policies) {
    const res = await request.get(`/api/policies/${p.id}/billing`, { headers: session.headers });
    if (!res.ok()) continue;
    const billing = await res.json();
    const open = (billing.invoices as { invoiceNumber: string; status: string; total: number; openAmount: number }[]).find(
      (i) => i.status === 'open' && i.openAmount === i.total && i.total > 0,
    );
    if (open) {
      target = { policyId: p.id, invoiceNumber: open.invoiceNumber };
      break;
    }
  }
  if (!target) throw new Error('The demo data has no unpaid open invoice in the manager’s branches');

  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${target.policyId}`);
  const invoices = page.getByRole('region', { name: 'Billing' }).getByRole('table', { name: 'Invoices' });
  const row = invoices.getByRole('row').filter({ hasText: target.invoiceNumber });
  await row.getByRole('button', { name: `Void ${target.invoiceNumber}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Void invoice' });
  await expect(dialog).toContainText('cannot be undone');
  await expect(dialog.getByRole('button', { name: 'Void invoice' })).toBeDisabled();
  await dialog.getByLabel('Why is it voided?').fill('Raised before the start date was corrected');
  await dialog.getByRole('button', { name: 'Void invoice' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${target.invoiceNumber} voided`)).toBeVisible();
  await expect(row).toContainText('Void');
  await expect(row.getByRole('button', { name: `Void ${target.invoiceNumber}` })).toHaveCount(0);
});
