import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { draftApplication } from './support/orders';
import { apiSession, logIn } from './support/session';

const AGENT = 'agent@demo.test';
const ADMIN = 'admin@demo.test';

const mainNavigation = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
const discardDialog = (page: Page) => page.getByRole('dialog', { name: 'Discard unsaved changes?' });

async function logInAndWait(page: Page, email: string): Promise<void> {
  await logIn(page, email);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
}

/** Closing the tab asks through the browser's own dialog (beforeunload); the test answers "stay". */
async function expectCloseToAsk(page: Page): Promise<void> {
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  await asked.dismiss();
  expect(page.isClosed()).toBe(false);
}

test('customer details: a tab switch, a menu link and the back button ask first; Stay keeps the edit, Discard leaves; a save does not ask', async ({ page, request }) => {
  const lastName = uniqueSurname('Unsaved');
  const customer = await createCustomer(request, await apiSession(request, AGENT), { firstName: 'Ulla', lastName });
  await logInAndWait(page, AGENT);
  await page.goto(`/customers/${customer.id}`);
  await page.getByRole('tab', { name: 'Details' }).click();
  const form = page.getByRole('form', { name: `Edit Ulla ${lastName}` });
  const email = form.getByRole('textbox', { name: 'Email' });
  await email.fill('ulla.changed@example.net');

  // A tab of the customer page.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Stay' }).click();
  await expect(discardDialog(page)).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}/details$`));
  await expect(email).toHaveValue('ulla.changed@example.net');

  // The back button.
  await page.goBack();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}/details$`));
  await expect(email).toHaveValue('ulla.changed@example.net');

  // Closing the tab.
  await expectCloseToAsk(page);

  // A menu link, and Discard.
  await mainNavigation(page).getByRole('link', { name: 'Customers' }).click();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(/\/customers$/);

  // Saved changes are not unsaved: leaving after a save goes straight on.
  await page.goto(`/customers/${customer.id}/details`);
  await form.getByRole('textbox', { name: 'Email' }).fill('ulla.saved@example.net');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
  await expect(page.getByRole('region', { name: 'Contact and personal details' })).toContainText('ulla.saved@example.net');
  await expect(discardDialog(page)).toBeHidden();
});

test('a new customer: leaving the half-filled form asks; creating it goes to the customer without asking', async ({ page }) => {
  const lastName = uniqueSurname('Fresh');
  await logInAndWait(page, AGENT);
  await mainNavigation(page).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: 'New customer' }).click();
  const form = page.getByRole('form', { name: 'New customer' });
  await form.getByRole('textbox', { name: 'First name' }).fill('Nadia');
  await mainNavigation(page).getByRole('link', { name: 'Home' }).click();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Stay' }).click();

  await form.getByRole('textbox', { name: 'Last name' }).fill(lastName);
  await form.getByRole('textbox', { name: 'Date of birth' }).fill('1981-03-04');
  await form.getByRole('textbox', { name: 'Street and number' }).fill('12 Mill Road');
  await form.getByRole('textbox', { name: 'Postal code' }).fill('10115');
  await form.getByRole('textbox', { name: 'City' }).fill('Springfield');
  await form.getByRole('checkbox', { name: 'Agrees to the processing of their data' }).check();
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { name: `Nadia ${lastName}`, level: 1 })).toBeVisible();
  await expect(discardDialog(page)).toBeHidden();
});

test('the application: beneficiaries, declarations and the card each ask before they are lost', async ({ page, request }) => {
  const order = await draftApplication(request, await apiSession(request, AGENT));
  await logInAndWait(page, AGENT);
  await page.goto(`/orders/${order.id}`);
  const form = page.getByRole('form', { name: `Application ${order.orderNumber}` });

  // Beneficiaries, then a menu link.
  await form.getByRole('button', { name: 'Add a primary beneficiary' }).click();
  await form.getByRole('group', { name: 'Primary beneficiary 1' }).getByRole('textbox', { name: 'Full name' }).fill('Mara Doe');
  await mainNavigation(page).getByRole('link', { name: 'Applications' }).click();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(/\/orders$/);

  // Declarations, then the back button (inside the console: from the list to the application and back).
  await page.getByRole('link', { name: order.orderNumber }).click();
  await form
    .getByRole('radiogroup', { name: /tobacco/i })
    .getByRole('radio', { name: 'Yes' })
    .check();
  await page.goBack();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));

  // The card, then closing the tab.
  await form.getByRole('textbox', { name: 'Card number' }).fill('4111 1111 1111 1111');
  await expectCloseToAsk(page);

  // Saving: the page stays and leaving no longer asks.
  await form.getByRole('button', { name: 'Discard changes' }).click();
  await form
    .getByRole('radiogroup', { name: /tobacco/i })
    .getByRole('radio', { name: 'No' })
    .check();
  await form.getByRole('button', { name: 'Save application' }).click();
  await expect(form.getByRole('button', { name: 'Save application' })).toBeDisabled();
  await mainNavigation(page).getByRole('link', { name: 'Applications' }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(discardDialog(page)).toBeHidden();
});

test('admin forms: approval limits, a user and a branch ask before unsaved changes are lost', async ({ page }) => {
  await logInAndWait(page, ADMIN);

  await mainNavigation(page).getByRole('link', { name: 'Approval limits' }).click();
  const firstAmount = page.getByRole('textbox', { name: /limit in USD$/ }).first();
  await firstAmount.fill('123');
  await mainNavigation(page).getByRole('link', { name: 'Users' }).click();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(/\/users$/);

  await page.getByRole('table').getByRole('link').first().click();
  const name = page.getByRole('form', { name: /^Edit / }).getByRole('textbox', { name: 'Name' });
  await name.fill('Someone Else');
  await page.goBack();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(/\/users$/);

  await mainNavigation(page).getByRole('link', { name: 'Branches' }).click();
  await page.getByRole('button', { name: 'Rename North' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('North East');
  await page.goBack();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(/\/branches$/);
  await expect(page.getByRole('dialog', { name: /Rename branch/ }).getByRole('textbox', { name: 'Name' })).toHaveValue('North East');
});

test('a product draft and a new product ask the same question; publishing leaves without asking', async ({ page, request }) => {
  const { headers } = await apiSession(request, ADMIN);
  const catalog = await (await request.get('/api/products?category=life', { headers })).json();
  const termLife = catalog.items.find((product: { code: string }) => product.code === 'TERM_LIFE');
  const reference = await (await request.get(`/api/products/${termLife.id}`, { headers })).json();
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
  const created = await request.post('/api/products', {
    headers,
    data: {
      code: `E2E_UNSAVED_${stamp}`,
      name: `Unsaved Draft ${stamp}`,
      category: 'life',
      description: 'Made by the unsaved-changes browser test.',
      currency: 'USD',
      definition: reference.currentVersion.definition,
    },
  });
  expect(created.status()).toBe(201);
  const product = await created.json();

  await logInAndWait(page, ADMIN);
  await page.goto(`/products/${product.id}/draft`);
  const from = page.getByRole('region', { name: 'Factor table Entry age' }).getByRole('textbox', { name: 'Entry age row 3: from' });
  await from.fill('41');
  await mainNavigation(page).getByRole('link', { name: 'Products' }).click();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Stay' }).click();
  await expect(from).toHaveValue('41');
  await from.fill('40');

  // Publishing saves and moves on to the product page: no question.
  await page.getByRole('button', { name: 'Publish…' }).click();
  await page.getByRole('dialog', { name: 'Publish version 1' }).getByRole('button', { name: 'Publish version 1' }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${product.id}$`));
  await expect(discardDialog(page)).toBeHidden();

  await page.getByRole('link', { name: 'Products' }).first().click();
  await page.getByRole('link', { name: 'New product' }).click();
  await page.getByRole('form', { name: 'New product' }).getByRole('textbox', { name: 'Name' }).fill('Half-made product');
  await mainNavigation(page).getByRole('link', { name: 'Home' }).click();
  await expect(discardDialog(page)).toBeVisible();
  await discardDialog(page).getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
});
