// Phone lines: an admin finds the demo lines and changes what the claims hotline says; a manager
// reads them without an edit action.
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { apiSession, logIn, logOut } from './support/session';

test('an admin edits the claims hotline’s greeting; a manager reads the lines', async ({ page, request }) => {
  await logIn(page, 'admin@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/phone-lines');
  await expect(page.getByRole('heading', { name: 'Phone lines' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Phone lines' });
  await expect(table.getByRole('row').filter({ hasText: 'Customer service' })).toContainText('+18005963057');
  const hotline = table.getByRole('row').filter({ hasText: 'Claims hotline' });
  await expect(hotline).toContainText('9 urgent');

  await hotline.getByRole('button', { name: 'Edit Claims hotline' }).click();
  const form = page.getByRole('form', { name: 'Edit Claims hotline' });
  const greeting = `Claims hotline, open around the clock (${crypto.randomBytes(3).toString('hex')}).`;
  await form.getByLabel('Greeting').fill(greeting);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Phone line saved')).toBeVisible();
  await expect(form).toBeHidden();

  // The change is what the API now answers, as a new version.
  const admin = await apiSession(request, 'admin@demo.test');
  const lines = (await (await request.get('/api/phone-lines', { headers: admin.headers })).json()) as { items: { name: string; greeting: string; version: number }[] };
  expect(lines.items.find((l) => l.name === 'Claims hotline')).toMatchObject({ greeting });

  await logOut(page);
  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/phone-lines');
  await expect(page.getByRole('table', { name: 'Phone lines' }).getByRole('row').filter({ hasText: 'Claims hotline' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Edit / })).toHaveCount(0);
});
