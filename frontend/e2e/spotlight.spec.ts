import { expect, test } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn, logOut } from './support/session';

const AGENT = 'agent@demo.test';

test('Ctrl/Cmd+K opens the search on the first keystroke after logging in, every time', async ({ page }) => {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await logIn(page, AGENT);
    // No waiting for the home page: an agent presses the shortcut as soon as the login is sent.
    await page.keyboard.press('ControlOrMeta+K');
    await expect(page.getByRole('textbox', { name: 'Search pages and records' }), `attempt ${attempt}`).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('textbox', { name: 'Search pages and records' })).toBeHidden();
    await logOut(page);
  }
});

test('Ctrl/Cmd+K pressed the moment the console appears opens the search', async ({ page }) => {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await logIn(page, AGENT);
    await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
    await page.keyboard.press('ControlOrMeta+K');
    await expect(page.getByRole('textbox', { name: 'Search pages and records' }), `attempt ${attempt}`).toBeVisible();
    await page.keyboard.press('Escape');
    await logOut(page);
  }
});

test('Enter opens the first result without moving to it first: a page and a record', async ({ page, request }) => {
  const lastName = uniqueSurname('Enter');
  const customer = await createCustomer(request, await apiSession(request, AGENT), { firstName: 'Rosalind', lastName });

  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();

  await page.keyboard.press('ControlOrMeta+K');
  const search = page.getByRole('textbox', { name: 'Search pages and records' });
  await search.fill('Customers');
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Customers' })).toBeVisible();
  await search.press('Enter');
  await expect(page).toHaveURL(/\/customers$/);

  await page.keyboard.press('ControlOrMeta+K');
  await search.fill(`Rosalind ${lastName}`);
  await expect(page.getByRole('dialog').getByRole('button', { name: new RegExp(`Rosalind ${lastName}`) })).toBeVisible();
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
});
