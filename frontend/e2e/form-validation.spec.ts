// Forms say everything at once, before any round trip, with the API's own rules (issue 16).
import { expect, test } from '@playwright/test';
import type { Page, Request } from '@playwright/test';
import { uniqueSurname } from './support/customers';
import { logIn } from './support/session';

const AGENT = 'agent@demo.test';
const ADMIN = 'admin@demo.test';

const mainNavigation = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });

async function logInAndWait(page: Page, email: string): Promise<void> {
  await logIn(page, email);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
}

/** The requests `matches` picks out, as the page sends them. */
function recordRequests(page: Page, matches: (request: Request) => boolean): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (matches(request)) sent.push(request);
  });
  return sent;
}

test('the new customer form flags a bad email, a future date of birth, letters in the phone and a bad ZIP code together, sending nothing', async ({ page }) => {
  const creates = recordRequests(page, (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/customers');
  await logInAndWait(page, AGENT);
  await mainNavigation(page).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: 'New customer' }).click();
  const form = page.getByRole('form', { name: 'New customer' });
  const field = (name: string) => form.getByRole('textbox', { name, exact: true });

  // Required fields are marked as the API's schema says; optional ones are not.
  for (const name of ['First name', 'Last name', 'Date of birth', 'Street and number', 'Postal code', 'City']) await expect(field(name)).toHaveAttribute('required');
  for (const name of ['Email', 'Phone', 'Address line 2']) await expect(field(name)).not.toHaveAttribute('required');

  // An empty required date says "Required", not the format.
  await form.getByRole('button', { name: 'Create customer' }).click();
  await expect(field('Date of birth')).toHaveAccessibleDescription('Required');
  await expect(field('First name')).toHaveAccessibleDescription('Required');

  const lastName = uniqueSurname('Valid');
  await field('First name').fill('Vera');
  await field('Last name').fill(lastName);
  await field('Date of birth').fill('2099-05-01');
  await field('Email').fill('vera@');
  await field('Phone').fill('555-CALL-VERA');
  await field('Street and number').fill('700 Congress Ave');
  await field('Postal code').fill('ABCDE');
  await field('City').fill('Austin');
  await form.getByRole('checkbox', { name: 'Agrees to the processing of their data' }).check();
  await form.getByRole('button', { name: 'Create customer' }).click();

  // All four in one pass, each next to its field.
  await expect(field('Email')).toHaveAccessibleDescription('Enter a valid email address');
  await expect(field('Date of birth')).toHaveAccessibleDescription('A date of birth cannot be in the future');
  await expect(field('Phone')).toHaveAccessibleDescription('Use digits, spaces, brackets, dots or dashes (+ for the country code)');
  await expect(field('Postal code')).toHaveAccessibleDescription('Use a US ZIP code, such as 12345 or 12345-6789');
  for (const name of ['Email', 'Date of birth', 'Phone', 'Postal code']) await expect(field(name)).toHaveAttribute('aria-invalid', 'true');
  // The keyboard goes to the first field to fix.
  await expect(field('Date of birth')).toBeFocused();
  expect(creates).toHaveLength(0);

  // Corrected, the same form is accepted by the API: a ZIP+4 code, the phone stored E.164 and shown in groups.
  await field('Date of birth').fill('1984-06-02');
  await field('Email').fill(`vera.${lastName.toLowerCase()}@example.com`);
  await field('Phone').fill('(212) 555-0147');
  await field('Postal code').fill('78701-1234');
  await form.getByRole('button', { name: 'Create customer' }).click();
  // A likely duplicate (the demo data may hold this phone) asks first; creating anyway is fine here.
  const duplicate = page.getByRole('dialog', { name: 'This may be a customer we already have' });
  await expect(page.getByRole('heading', { name: `Vera ${lastName}`, level: 1 }).or(duplicate)).toBeVisible();
  if (await duplicate.isVisible()) await duplicate.getByRole('button', { name: 'Create anyway' }).click();
  await expect(page.getByRole('heading', { name: `Vera ${lastName}`, level: 1 })).toBeVisible();
  expect(creates.length).toBeGreaterThanOrEqual(1);
  await expect(page.getByText('+1 212 555 0147').first()).toBeVisible();
});

test('the approval limits editor refuses a negative amount on its cell: nothing is sent, −500 is not turned into 0.00', async ({ page }) => {
  const saves = recordRequests(page, (r) => r.method() === 'PUT' && new URL(r.url()).pathname === '/api/approval-limits');
  await logInAndWait(page, ADMIN);
  await mainNavigation(page).getByRole('link', { name: 'Approval limits' }).click();

  const cell = page.getByRole('textbox', { name: /limit in USD$/ }).first();
  const zero = page.getByRole('textbox', { name: /limit in USD$/ }).nth(1);
  await cell.fill('-500');
  await zero.fill('0');
  await page.getByRole('button', { name: 'Save limits' }).click();

  await expect(cell).toHaveAccessibleDescription('Must be more than 0');
  await expect(cell).toHaveAttribute('aria-invalid', 'true');
  await expect(zero).toHaveAccessibleDescription('Must be more than 0');
  await expect(cell).toHaveValue('-500.00');
  await expect(page.getByText('Approval limits saved')).toHaveCount(0);
  expect(saves).toHaveLength(0);

  // Editing the cell takes its error away; discarding leaves the table as it was.
  await cell.fill('500');
  await expect(cell).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  expect(saves).toHaveLength(0);
});
