import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { createCustomer, uniqueSurname, type CreatedCustomer } from './support/customers';
import { apiSession, logIn } from './support/session';

const AGENT = 'agent@demo.test';

/** Creates a customer in the agent's branch through the API. */
async function createCustomerViaApi(request: APIRequestContext, firstName: string, lastName: string): Promise<CreatedCustomer> {
  return createCustomer(request, await apiSession(request, AGENT), {
    firstName,
    lastName,
    dateOfBirth: '1984-06-02',
    gender: 'female',
    address: { line1: '4 Harbour Lane', city: 'Portsmouth', postalCode: '03801', country: 'US' },
    preferredChannel: 'email',
  });
}

interface Person {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

async function fillNewCustomer(page: Page, person: Person): Promise<void> {
  const form = page.getByRole('form', { name: 'New customer' });
  await form.getByRole('textbox', { name: 'First name' }).fill(person.firstName);
  await form.getByRole('textbox', { name: 'Last name' }).fill(person.lastName);
  await form.getByRole('textbox', { name: 'Date of birth' }).fill(person.dateOfBirth);
  await form.getByRole('textbox', { name: 'Street and number' }).fill('12 Mill Road');
  await form.getByRole('textbox', { name: 'Postal code' }).fill('10115');
  await form.getByRole('textbox', { name: 'City' }).fill('Springfield');
  await form.getByRole('checkbox', { name: 'Agrees to the processing of their data' }).check();
}

test('an agent finds a customer with Ctrl/Cmd+K, changes the email on Details and sees the new version', async ({ page, request }) => {
  const lastName = uniqueSurname('Quill');
  const customer = await createCustomerViaApi(request, 'Odessa', lastName);
  const newEmail = `odessa.${lastName.toLowerCase()}@example.net`;

  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();

  await page.keyboard.press('ControlOrMeta+K');
  const spotlight = page.getByRole('dialog');
  await spotlight.getByRole('textbox', { name: 'Search pages and records' }).fill(`Odessa ${lastName}`);
  await spotlight.getByRole('button', { name: new RegExp(`Odessa ${lastName}.*${customer.customerNumber}`) }).click();

  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
  await expect(page.getByRole('heading', { name: `Odessa ${lastName}`, level: 1 })).toBeVisible();

  await page.getByRole('tab', { name: 'Details' }).click();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.getByText(`Version ${customer.version} ·`)).toBeVisible();
  const form = details.getByRole('form', { name: `Edit Odessa ${lastName}` });
  await form.getByRole('textbox', { name: 'Email' }).fill(newEmail);
  await form.getByRole('button', { name: 'Save changes' }).click();

  await expect(details.getByText(`Version ${customer.version + 1} ·`)).toBeVisible();
  await expect(form.getByRole('textbox', { name: 'Email' })).toHaveValue(newEmail);
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByRole('region', { name: 'Contact and personal details' })).toContainText(newEmail);
});

test('a second customer with the same name and birth date is flagged while typing and again on submit', async ({ page }) => {
  const person: Person = { firstName: 'Perpetua', lastName: uniqueSurname('Twin'), dateOfBirth: '1979-11-23' };

  await logIn(page, AGENT);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: 'New customer' }).click();
  await fillNewCustomer(page, person);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { name: `${person.firstName} ${person.lastName}`, level: 1 })).toBeVisible();
  const firstUrl = page.url();

  await page.goto('/customers/new');
  await fillNewCustomer(page, person);
  const possible = page.getByRole('region', { name: 'Possible duplicates' });
  await expect(possible.getByText('This may be an existing customer')).toBeVisible();
  const match = possible.getByRole('link', { name: new RegExp(`${person.firstName} ${person.lastName}`) });
  await expect(match).toHaveAttribute('href', new URL(firstUrl).pathname);

  await page.getByRole('button', { name: 'Create customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'This may be a customer we already have' });
  await expect(dialog.getByRole('link', { name: new RegExp(`${person.firstName} ${person.lastName}`) })).toBeVisible();
  await dialog.getByRole('button', { name: 'Create anyway' }).click();

  await expect(page).not.toHaveURL(firstUrl);
  await expect(page.getByRole('heading', { name: `${person.firstName} ${person.lastName}`, level: 1 })).toBeVisible();
});

test('an agent of South typing the email of a North customer learns only that a likely duplicate exists in another branch', async ({ page, request }) => {
  const lastName = uniqueSurname('Elsewhere');
  const north = await createCustomerViaApi(request, 'Philippa', lastName);
  const email = `${lastName.toLowerCase()}@example.org`;

  await logIn(page, 'agent2@demo.test');
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto('/customers/new');
  await fillNewCustomer(page, { firstName: 'Pippa', lastName: uniqueSurname('Other'), dateOfBirth: '1990-03-14' });
  await page.getByRole('form', { name: 'New customer' }).getByRole('textbox', { name: 'Email' }).fill(email);
  const possible = page.getByRole('region', { name: 'Possible duplicates' });
  await expect(possible.getByText('A likely duplicate exists in another branch')).toBeVisible();
  await expect(possible.getByText('A manager can review it.', { exact: false })).toBeVisible();
  await expect(possible).not.toContainText(north.customerNumber);
  await expect(possible).not.toContainText(lastName);
  await expect(possible.getByRole('link')).toHaveCount(0);

  await page.getByRole('button', { name: 'Create customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'This may be a customer we already have' });
  await expect(dialog.getByText('A likely duplicate exists in another branch')).toBeVisible();
  await expect(dialog).not.toContainText(north.customerNumber);
  await dialog.getByRole('button', { name: 'Back to the form' }).click();
});
