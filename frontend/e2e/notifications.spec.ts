// The payment receipt a recorded payment queued: the agent sees it on the customer's timeline (the
// Messages filter), and an admin finds it on the Outbox page.
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn, logOut } from './support/session';

test('a cash payment queues its receipt, which the agent sees on the customer’s timeline and the admin on the Outbox page', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const lastName = uniqueSurname('Receipt');
  const customer = await createCustomer(request, agent, { firstName: 'Rita', lastName });
  const payment = await request.post('/api/payments', {
    headers: { ...agent.headers, 'Idempotency-Key': crypto.randomUUID() },
    data: { customerId: customer.id, method: 'cash', amount: 4200, currency: 'USD' },
  });
  expect(payment.status()).toBe(201);

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/customers/${customer.id}`);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('radiogroup', { name: 'Show on the timeline' }).getByText('Messages', { exact: true }).click();
  const message = timeline.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: 'Payment receipt by email' });
  await expect(message).toContainText(/Queued|Sending|Sent/);
  await logOut(page);

  await logIn(page, 'admin@demo.test');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Outbox' }).click(); // the last entry of the menu, scrolled to
  await expect(page.getByRole('heading', { name: 'Outbox' })).toBeVisible();
  const row = page
    .getByRole('table', { name: 'Outbox messages' })
    .getByRole('row')
    .filter({ hasText: `${lastName.toLowerCase()}@example.org` });
  await expect(row).toContainText('payment-receipt');
  await expect(row).toContainText(/pending|sending|sent/);
});
