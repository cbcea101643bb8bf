// Grace and lapse from the console: an agent finds a lapsed policy in the "Grace and lapse"
// worklist, works out the arrears to reinstate it, takes the payment on the policy, reinstates it,
// and sees it active again with the gap in cover in its status history.
import { expect, test } from '@playwright/test';
import { apiSession, logIn } from './support/session';

test('an agent reinstates a lapsed policy after taking the arrears payment', async ({ page, request }) => {
  const session = await apiSession(request, 'agent@demo.test');
  const lapsed = (await (await request.get('/api/policies/standing?list=lapsed&limit=100', { headers: session.headers })).json()).items as {
    policyId: string;
    policyNumber: string;
  }[];
  // One whose arrears are not already covered by the customer's credit: the journey takes a payment.
  let target: { policyId: string; policyNumber: string } | undefined;
  for (const p of lapsed) {
    const billing = await (await request.get(`/api/policies/${p.policyId}/billing`, { headers: session.headers })).json();
    if (billing.amountDue > 0 && billing.credit === 0) {
      target = p;
      break;
    }
  }
  if (!target) throw new Error('The demo data has no lapsed policy with unpaid arrears in the agent’s branch');

  await logIn(page, 'agent@demo.test');
  await page.getByRole('navigation').getByRole('link', { name: 'Grace and lapse' }).click();
  await page.getByRole('radiogroup', { name: 'Worklist' }).getByText('Lapsed', { exact: true }).click();
  const list = page.getByRole('table', { name: 'Lapsed' });
  await list.getByRole('link', { name: target.policyNumber }).click();
  await expect(page).toHaveURL(new RegExp(`/policies/${target.policyId}$`));

  const banner = page.getByTestId('policy-standing');
  await expect(banner).toContainText('Lapsed: not covered');
  await banner.getByRole('button', { name: 'Reinstate…' }).click();
  const dialog = page.getByRole('dialog', { name: `Reinstate ${target.policyNumber}` });
  await dialog.getByLabel('Why').fill('Customer paid the arrears by transfer and asked to restore cover');
  await dialog.getByRole('button', { name: 'Work out the arrears' }).click();
  const toPayText = (await dialog.getByTestId('arrears-to-pay').textContent())!;
  const toPay = Number(toPayText.replace(/[^0-9.]/g, ''));
  expect(toPay).toBeGreaterThan(0);
  // Not paid yet: the reinstatement is refused with what is still owed.
  await dialog.getByRole('button', { name: 'Reinstate policy' }).click();
  await expect(dialog).toContainText('of arrears is still unpaid');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The payment, on the policy: it pays the unpaid invoices, the rest waits as the customer's credit.
  const billing = page.getByRole('region', { name: 'Billing' });
  await billing.getByRole('button', { name: 'Take payment' }).click();
  const payment = page.getByRole('dialog', { name: 'Take a payment' });
  await payment.getByLabel('Method').click();
  await page.getByRole('option', { name: 'Bank transfer' }).click();
  await payment.getByLabel(/^Amount/).fill(toPay.toFixed(2));
  await payment.getByLabel('Bank reference').fill('ARREARS-E2E');
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expect(payment).toBeHidden();

  await banner.getByRole('button', { name: 'Continue the reinstatement' }).click();
  const again = page.getByRole('dialog', { name: `Reinstate ${target.policyNumber}` });
  await again.getByRole('button', { name: 'Reinstate policy' }).dblclick();
  await expect(again).toBeHidden();
  await expect(page.getByText(`${target.policyNumber} reinstated`)).toBeVisible();
  await expect(page.getByTestId('policy-standing')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Status' })).toContainText(/reinstated; no cover from/);

  const after = await (await request.get(`/api/policies/${target.policyId}`, { headers: session.headers })).json();
  expect(after.status).toBe('active');
});
