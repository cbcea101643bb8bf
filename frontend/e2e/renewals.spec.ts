// Renewals: an agent opens "Renewals due" from the menu, finds the renewal the nightly job offered
// (demo data: a home policy of the North branch, 45 days before its renewal date), reads the old and
// new premium, and accepts it on the customer's instruction; the policy then runs for another term.
import { expect, test } from '@playwright/test';
import { apiSession, logIn } from './support/session';

interface RenewalRow {
  transactionId: string;
  transactionNumber: string;
  status: string;
  renewalDate: string;
  policy: { id: string; policyNumber: string; endDate: string };
}

test('an agent accepts a renewal from the worklist', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const offered = (await (await request.get('/api/policies/renewals?status=offered', { headers: agent.headers })).json()).items as RenewalRow[];
  expect(offered.length).toBeGreaterThan(0);
  const [renewal] = offered as [RenewalRow];

  await logIn(page, 'agent@demo.test');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Renewals due', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Renewals due' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: renewal.policy.policyNumber });
  await expect(row.getByTestId('renewal-status')).toHaveText('Offered');
  await row.getByRole('button', { name: 'Decide…' }).click();

  const dialog = page.getByRole('dialog', { name: `Renewal of ${renewal.policy.policyNumber} (${renewal.transactionNumber})` });
  await dialog.getByRole('button', { name: 'Accept renewal' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('renewal-status')).toHaveText('Accepted');

  // The policy runs for another term from the renewal date.
  const policy = await (await request.get(`/api/policies/${renewal.policy.id}`, { headers: agent.headers })).json();
  expect(policy.endDate > renewal.renewalDate).toBe(true);
  expect(policy.terms.effectiveFrom).toBe(renewal.renewalDate);
  await row.getByRole('link', { name: renewal.policy.policyNumber }).click();
  await expect(page.getByRole('table', { name: 'Policy changes' })).toContainText(`${renewal.transactionNumber} · Renewal`);
});
