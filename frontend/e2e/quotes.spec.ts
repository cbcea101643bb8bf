import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { createCustomer, uniqueSurname, type CreatedCustomer } from './support/customers';
import { apiSession, logIn } from './support/session';

const AGENT = 'agent@demo.test';
const SENIOR = 'senior@demo.test';

/**
 * A 35-year-old Texan man, non-smoker, occupation class 1 (every factor of term life is 1.00 for him),
 * with a verified identity, which whole life asks for: the agent records his passport and a senior
 * agent checks it (four eyes).
 */
async function createQuotableCustomer(request: APIRequestContext, lastName: string): Promise<CreatedCustomer> {
  const agent = await apiSession(request, AGENT);
  const year = new Date().getFullYear();
  const customer = await createCustomer(request, agent, { firstName: 'Travis', lastName });

  const recorded = await request.post(`/api/customers/${customer.id}/kyc/verifications`, {
    headers: { ...agent.headers, 'If-Match': `"${customer.version}"` },
    data: { documentType: 'passport', documentNumber: 'P7734120', issuingCountry: 'US', expiryDate: `${year + 5}-01-31` },
  });
  expect(recorded.status()).toBe(201);
  const verification = await recorded.json();
  const senior = await apiSession(request, SENIOR);
  const verified = await request.post(`/api/customers/${customer.id}/kyc/verifications/${verification.id}/verify`, {
    headers: { ...senior.headers, 'If-Match': `"${verification.version}"` },
    data: {},
  });
  expect(verified.ok()).toBe(true);
  return customer;
}

async function chooseProduct(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Product' }).click();
  await page.getByRole('option', { name }).click();
}

test('an agent quotes a 20-year term life policy for a customer, reads the worksheet, saves the quote, and compares two products', async ({ page, request }) => {
  const lastName = uniqueSurname('Quote');
  const customer = await createQuotableCustomer(request, lastName);

  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole('heading', { name: `Travis ${lastName}`, level: 1 })).toBeVisible();

  await page.getByRole('tab', { name: 'Quotes' }).click();
  const savedQuotes = page.getByRole('region', { name: 'Saved quotes' });
  await expect(savedQuotes.getByText('No saved quotes')).toBeVisible();
  await savedQuotes.getByRole('link', { name: 'New quote' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}/quotes/new$`));

  // Level Term Life, 20 years, 250,000 of death benefit, paid monthly (the default).
  const options = page.getByRole('region', { name: 'New quote' });
  await chooseProduct(page, 'Level Term Life');
  await options.getByRole('group', { name: 'Death benefit' }).getByRole('textbox', { name: 'Sum insured (USD)' }).fill('250000');
  await options.getByText('20 years', { exact: true }).click();

  // 1.10 per 1,000 × 250 = 275.00; every factor 1.00; +5 % for paying monthly; 25.00 policy fee.
  const price = page.getByRole('region', { name: 'Price' });
  await expect(price.getByText('Up to date')).toBeVisible();
  await expect(price.getByTestId('annual-premium')).toHaveText('313.75 USD');
  await expect(price.getByTestId('premium-payment')).toHaveText('a year, paid monthly (26.14 a month)');
  await expect(price.getByText('The first installment is 26.21 USD', { exact: false })).toBeVisible();
  await expect(price.getByText('Proof of identity', { exact: false })).toBeVisible();

  const worksheet = page.getByRole('table', { name: 'Rating worksheet' });
  await expect(worksheet.getByRole('row', { name: /sum insured 250,000 USD/ })).toBeVisible();
  await expect(worksheet.getByRole('row', { name: /Base premium .* 1\.10 × 250 275\.00 275\.00/ })).toBeVisible();
  await expect(worksheet.getByRole('row', { name: /^Entry age 30–39 × 1\.00 0\.00 275\.00$/ })).toBeVisible();
  await expect(worksheet.getByRole('row', { name: /^Term 20 years × 1\.00/ })).toBeVisible();
  await expect(worksheet.getByRole('row', { name: /^Payment monthly .* \+ 5 % 13\.75 288\.75$/ })).toBeVisible();
  await expect(worksheet.getByRole('row', { name: /^Policy fee 25\.00 313\.75$/ })).toBeVisible();
  await expect(worksheet.getByRole('row', { name: /^Annual premium 313\.75 313\.75 USD$/ })).toBeVisible();

  // Saved: a Q- number, valid for 30 days; the same options cannot be saved twice by accident.
  await price.getByRole('button', { name: 'Save quote' }).click();
  const savedAlert = price.getByText(/^Saved as Q-\d{6}$/);
  await expect(savedAlert).toBeVisible();
  const quoteNumber = (await savedAlert.textContent())!.replace('Saved as ', '');
  await expect(price.getByText(/^Valid until \d{1,2} \w{3} \d{4}\./)).toBeVisible();
  await expect(price.getByRole('button', { name: 'Saved' })).toBeDisabled();

  // Compare with whole life: the same death benefit and 20-year paying period carry over.
  await price.getByRole('button', { name: 'Add to comparison' }).click();
  await expect(price.getByRole('link', { name: 'Compare 1 of 4 options' })).toBeVisible();
  await chooseProduct(page, 'Whole Life with Cash Value');
  await expect(options.getByRole('group', { name: 'Death benefit' }).getByRole('textbox', { name: 'Sum insured (USD)' })).toHaveValue('250,000');
  // 14.20 × 250 = 3,550.00; entry age × 0.75; paying 20 years × 1.20; +5 % monthly; 40.00 fee.
  await expect(price.getByTestId('annual-premium')).toHaveText('3,394.75 USD');
  await expect(price.getByText('Up to date')).toBeVisible();
  await price.getByRole('button', { name: 'Add to comparison' }).click();
  await price.getByRole('link', { name: 'Compare 2 of 4 options' }).click();

  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}/quotes/compare$`));
  const comparison = page.getByRole('table', { name: 'Quote comparison' });
  await expect(comparison.getByRole('columnheader', { name: /Option 1\s*Level Term Life/ })).toBeVisible();
  await expect(comparison.getByRole('columnheader', { name: /Option 2\s*Whole Life with Cash Value/ })).toBeVisible();
  const productRow = comparison.getByRole('row', { name: /^Product/ });
  await expect(productRow).toHaveAttribute('data-differs', 'true');
  await expect(productRow.getByText('Differs')).toBeVisible();
  await expect(comparison.getByRole('row', { name: /^Term/ })).not.toHaveAttribute('data-differs');
  await expect(comparison.getByRole('row', { name: /^Monthly 313\.75 USD .* 3,394\.75 USD/ })).toBeVisible();
  await expect(comparison.getByRole('row', { name: /^Annual 300\.00 USD .* 3,235\.00 USD/ })).toBeVisible();
  await expect(comparison.getByRole('row', { name: /^Eligibility Eligible Eligible$/ })).toBeVisible();

  // The saved quote is in the customer's list, and opens as it was priced.
  await page.getByRole('link', { name: 'Saved quotes' }).click();
  const row = savedQuotes.getByRole('row', { name: new RegExp(quoteNumber) });
  await expect(row).toContainText('Level Term Life');
  await expect(row).toContainText('313.75 USD');
  await expect(row).toContainText('26.14 a month');
  await row.getByRole('link', { name: quoteNumber }).click();
  await expect(page.getByRole('heading', { name: `Quote ${quoteNumber}` })).toBeVisible();
  await expect(page.getByTestId('annual-premium')).toHaveText('313.75 USD');
  await expect(page.getByRole('table', { name: 'Rating worksheet' }).getByRole('row', { name: /^Entry age 30–39/ })).toBeVisible();
});
