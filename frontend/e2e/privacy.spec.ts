// A customer's personal data from the console (issue 22): a manager asks from the customer's page,
// lands on Reports, follows the export until it is ready and downloads the ZIP.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn } from './support/session';

test('a manager exports a customer’s personal data as a ZIP from the customer’s page', async ({ page, request }) => {
  const manager = await apiSession(request, 'manager@demo.test');
  const lastName = uniqueSurname('Vossberg');
  const customer = await createCustomer(request, manager, { firstName: 'Ilse', lastName });
  await logIn(page, 'manager@demo.test');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Reports' })).toBeVisible();
  await page.goto(`/customers/${customer.id}`);
  await page.getByRole('button', { name: 'Export personal data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export personal data' });
  await expect(dialog).toContainText(`Everything Policydesk holds about Ilse ${lastName}`);
  await dialog.getByRole('button', { name: 'Export' }).click();

  await expect(page).toHaveURL(/\/reports$/);
  const row = page
    .getByRole('table', { name: 'Your exports' })
    .getByRole('row')
    .filter({ hasText: `Personal data of Ilse ${lastName}` });
  await expect(row).toContainText('ZIP');
  await expect(row).toContainText('Ready', { timeout: 30_000 });
  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: /^Download / }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^privacy-customer-data-\d{8}-\d{4}\.zip$/);
  const bytes = fs.readFileSync((await file.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
});

test('an agent is not offered the export', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const customer = await createCustomer(request, agent, { firstName: 'Ilse', lastName: uniqueSurname('Vossberg') });
  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await expect(page.getByRole('navigation')).toBeVisible();
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ilse');
  await expect(page.getByRole('button', { name: 'Export personal data…' })).toHaveCount(0);
});
