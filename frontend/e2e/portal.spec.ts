// Issue 21, at phone size: a customer registers in the portal (policy number, date of birth, the code
// sent to the email on file — read from the outbox as an administrator would — and a password), sees
// their policy with its schedule PDF, and their invoices. Each screen is checked with axe (WCAG 2.1 AA).
import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/accessibility';
import { apiSession } from './support/session';

test.use({ viewport: { width: 390, height: 844 } });

interface Holder {
  policyId: string;
  policyNumber: string;
  customerId: string;
  name: string;
  dateOfBirth: string;
}

test('a customer registers on a phone and sees their policy, its schedule and their invoices', async ({ page, request }) => {
  const admin = await apiSession(request, 'admin@demo.test');
  // A demo policy in force whose holder has an email address and invoices.
  const policies = (await (await request.get('/api/policies?status=active&limit=50', { headers: admin.headers })).json()).items as {
    id: string;
    policyNumber: string;
    customer: { id: string };
  }[];
  let holder: Holder | undefined;
  for (const p of policies) {
    const customer = await (await request.get(`/api/customers/${p.customer.id}`, { headers: admin.headers })).json();
    const billing = await (await request.get(`/api/policies/${p.id}/billing`, { headers: admin.headers })).json();
    if (customer.email && (billing.invoices?.length ?? 0) > 0) {
      holder = { policyId: p.id, policyNumber: p.policyNumber, customerId: p.customer.id, name: `${customer.firstName} ${customer.lastName}`, dateOfBirth: customer.dateOfBirth };
      break;
    }
  }
  expect(holder, 'a demo policy with an email and invoices').toBeDefined();
  const h = holder!;

  // Step 1: who they are.
  await page.goto('/portal/register');
  await expect(page.getByRole('heading', { name: 'Register for your account' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Policy number').fill(h.policyNumber);
  await page.getByLabel('Date of birth').fill(h.dateOfBirth);
  await page.getByRole('button', { name: 'Send me a code' }).click();

  // Step 2: the code the outbox holds for them (what their email says).
  await expect(page.getByLabel('6-digit code')).toBeFocused();
  const outbox = await (await request.get(`/api/notifications?customerId=${h.customerId}&limit=50`, { headers: admin.headers })).json();
  const message = (outbox.items as { template: string; data: { code?: string } }[]).find((m) => m.template === 'portal-registration-code');
  expect(message?.data.code).toMatch(/^[0-9]{6}$/);
  await page.getByLabel('6-digit code').fill(message!.data.code!);
  await page.getByRole('button', { name: 'Continue' }).click();

  // Step 3: a password.
  await expect(page.getByText('You will log in with')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('New password').fill('Harbour-lantern-copper-91');
  await page.getByLabel('Repeat the password').fill('Harbour-lantern-copper-91');
  await page.getByRole('button', { name: 'Create my account' }).click();

  // Home: their policy and the next payment.
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { name: `Hello, ${h.name}` })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`Policy ${h.policyNumber}`) })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The policy with its schedule PDF.
  await page.getByRole('link', { name: new RegExp(`Policy ${h.policyNumber}`) }).click();
  await expect(page.getByText(`Policy ${h.policyNumber}`)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What you are covered for' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download schedule (PDF)' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

  // The invoices.
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Invoices' }).click();
  await expect(page.getByRole('heading', { name: 'Invoices' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: /^Invoice I-/ }).first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Log out, then back in with the username the registration gave.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in to your account' })).toBeVisible();
  // Staff's console did not get a session from any of this.
  expect((await request.get('/api/auth/me')).status()).toBe(401);
});
