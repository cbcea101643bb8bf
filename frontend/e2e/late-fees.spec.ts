// Late fees from the policy page: a senior agent waives a late fee (the demo data charged fees on the
// overdue invoices) with a reason, and sees the invoice's total and what is due drop by the fee, and
// the fee shown as waived by them. An agent sees the fee but cannot waive it.
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { apiSession, logIn, logOut, type ApiSession } from './support/session';

interface Line {
  id: string;
  kind: string;
  amount: number;
  waived: unknown;
}
interface Invoice {
  id: string;
  invoiceNumber: string;
  total: number;
  openAmount: number;
  lines: Line[];
}

/** As the console shows money: "1,234.50 USD". */
const money = (minor: number, currency: string) => `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100)} ${currency}`;

/** A policy of the senior agent's branch with an unwaived late fee on an invoice that is still owed (demo data). */
async function policyWithFee(request: APIRequestContext, session: ApiSession) {
  const policies = (await (await request.get('/api/policies?limit=100', { headers: session.headers })).json()).items as { id: string }[];
  for (const p of policies) {
    const billing = await (await request.get(`/api/policies/${p.id}/billing`, { headers: session.headers })).json();
    for (const invoice of billing.invoices as Invoice[]) {
      const fee = invoice.lines.find((l) => l.kind === 'late_fee' && !l.waived);
      if (fee && invoice.openAmount >= fee.amount) return { policyId: p.id, invoice, fee, amountDue: billing.amountDue as number, currency: billing.currency as string };
    }
  }
  throw new Error('The demo data has no unwaived late fee on an owed invoice in the senior agent’s branch');
}

test('a senior agent waives a late fee with a reason: the invoice total and the amount due drop by the fee, shown as waived by them', async ({ page, request }) => {
  const session = await apiSession(request, 'senior@demo.test');
  const { policyId, invoice, fee, amountDue, currency } = await policyWithFee(request, session);
  const waiveButton = `Waive the late fee on ${invoice.invoiceNumber}`;

  // An agent sees the fee under its invoice, without the action.
  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${policyId}`);
  let billing = page.getByRole('region', { name: 'Billing' });
  await expect(billing.getByTestId('late-fee-row').first()).toContainText('Late fee');
  await expect(billing.getByRole('button', { name: waiveButton })).toHaveCount(0);
  await logOut(page);

  await logIn(page, 'senior@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${policyId}`);
  billing = page.getByRole('region', { name: 'Billing' });
  const invoiceRow = billing.getByTestId('invoice-row').filter({ hasText: invoice.invoiceNumber });
  await expect(invoiceRow).toContainText(money(invoice.total, currency));
  await expect(billing.getByTestId('billing-figures')).toContainText(money(amountDue, currency));

  await billing.getByRole('button', { name: waiveButton }).click();
  const dialog = page.getByRole('dialog', { name: 'Waive late fee' });
  await expect(dialog).toContainText(money(fee.amount, currency));
  // A reason is required.
  await expect(dialog.getByRole('button', { name: 'Waive fee' })).toBeDisabled();
  await dialog.getByLabel('Why is it waived?').fill('First late payment; the customer called ahead');
  await dialog.getByRole('button', { name: 'Waive fee' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Late fee waived')).toBeVisible();

  await expect(invoiceRow).toContainText(money(invoice.total - fee.amount, currency));
  await expect(invoiceRow).toContainText(money(invoice.openAmount - fee.amount, currency));
  await expect(billing.getByTestId('billing-figures')).toContainText(money(amountDue - fee.amount, currency));
  await expect(billing.getByText(/Waived by Sam Senior on .*: First late payment; the customer called ahead/)).toBeVisible();
  await expect(billing.getByRole('button', { name: waiveButton })).toHaveCount(0);

  const after = await (await request.get(`/api/policies/${policyId}/billing`, { headers: session.headers })).json();
  const waived = (after.invoices as Invoice[]).find((i) => i.id === invoice.id)!;
  expect(waived.total).toBe(invoice.total - fee.amount);
  expect(after.amountDue).toBe(amountDue - fee.amount);
});
