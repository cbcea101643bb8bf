/// <reference types="node" />
import { expect, test } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn } from './support/session';

const AGENT = 'agent@demo.test';
const UNDERWRITER = 'underwriter@demo.test';

/** A business date `days` from today, YYYY-MM-DD (far enough ahead that the time zone cannot matter). */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const pdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

test('an agent quotes a trip, applies, the underwriter approves, and the policy reads as the trip with its single premium', async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const lastName = uniqueSurname('Trip');
  const agentApi = await apiSession(request, AGENT);
  const customer = await createCustomer(request, agentApi, { firstName: 'Tess', lastName });
  const departure = inDays(20);
  const returning = inDays(34); // 15 days, both counted

  // The quote builder asks a trip product for the trip, not for a term.
  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/customers/${customer.id}/quotes/new`);
  const options = page.getByRole('region', { name: 'New quote' });
  await page.getByRole('combobox', { name: 'Product' }).click();
  await page.getByRole('option', { name: 'Single-Trip Travel Insurance' }).click();
  const trip = options.getByRole('group', { name: 'The trip' });
  await expect(trip).toBeVisible();
  await expect(options.getByText(/\byears?\b/)).toHaveCount(0);
  await expect(options.getByLabel('How many days is the trip?')).toHaveCount(0);
  await trip.getByLabel('Departure date').fill(departure);
  await trip.getByLabel('Return date').fill(returning);
  await trip.getByRole('combobox', { name: 'Destination' }).click();
  await page.getByRole('option', { name: 'Europe', exact: true }).click();
  await expect(trip.getByTestId('trip-summary')).toContainText('(15 days)');

  // 21.00 medical × age 1.00 × Europe 1.00 × 15 days 2.40 × limit 1.00 = 50.40, paid once.
  const price = page.getByRole('region', { name: 'Price' });
  await expect(price.getByText('Up to date')).toBeVisible();
  await expect(price.getByText('Single premium', { exact: true })).toBeVisible();
  await expect(price.getByTestId('annual-premium')).toHaveText('50.40 USD');
  await expect(price.getByTestId('premium-payment')).toHaveText('single premium, paid once before the trip');
  await expect(page.getByRole('table', { name: 'Rating worksheet' }).getByRole('row', { name: /^Trip length \(days\) 15–31 days/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Rating worksheet' }).getByRole('row', { name: /^Single premium 50\.40 50\.40 USD$/ })).toBeVisible();
  await price.getByRole('button', { name: 'Save quote' }).click();
  const savedAlert = price.getByText(/^Saved as Q-\d{6}$/);
  await expect(savedAlert).toBeVisible();
  const quoteNumber = (await savedAlert.textContent())!.replace('Saved as ', '');

  // The saved quote: the trip and its destination, and the agent applies.
  await page.getByRole('link', { name: 'Saved quotes' }).click();
  const row = page.getByRole('region', { name: 'Saved quotes' }).getByRole('row', { name: new RegExp(quoteNumber) });
  await expect(row).toContainText('(15 days)');
  await expect(row).toContainText('50.40 USD single premium');
  await expect(row).not.toContainText('year');
  await row.getByRole('link', { name: quoteNumber }).click();
  await expect(page.getByRole('heading', { name: `Quote ${quoteNumber}` })).toBeVisible();
  await expect(page.getByText(/^Trip .+ \(15 days\)$/)).toBeVisible();
  await page.getByRole('button', { name: `Apply for ${quoteNumber}` }).click();
  const heading = page.getByRole('heading', { name: /^Application O-\d{6}$/, level: 1 });
  await expect(heading).toBeVisible();
  const orderNumber = (await heading.textContent())!.replace('Application ', '');
  const header = page.locator('header', { has: heading });
  await expect(header).toContainText(/Trip .+ \(15 days\) · Europe/);
  await expect(header).toContainText('single premium 50.40 USD');
  await expect(header).not.toContainText('year');

  // The application: declarations, the card, the itinerary; no start date to ask for.
  await page
    .getByRole('radiogroup', { name: /treated for a medical condition/ })
    .getByRole('radio', { name: 'No' })
    .check();
  await page
    .getByRole('radiogroup', { name: /against medical advice/ })
    .getByRole('radio', { name: 'No' })
    .check();
  await page.getByRole('textbox', { name: /travel insurance claims/ }).fill('0');
  const payment = page.getByRole('region', { name: 'Payment', exact: true });
  await expect(payment.getByText(/the policy starts on the departure day and ends on the return day/)).toBeVisible();
  await expect(payment.getByRole('textbox', { name: 'Requested start date' })).toHaveCount(0);
  await payment.getByRole('textbox', { name: 'Card number' }).fill('4111 1111 1111 1111');
  await payment.getByRole('combobox', { name: 'Expiry month' }).click();
  await page.getByRole('option', { name: '12', exact: true }).click();
  await payment.getByRole('combobox', { name: 'Expiry year' }).click();
  await page.getByRole('option', { name: String(new Date().getFullYear() + 3), exact: true }).click();
  await payment.getByRole('textbox', { name: 'Name on the card' }).fill(`Tess ${lastName}`);
  await page.getByRole('button', { name: 'Save application' }).click();
  await expect(payment.getByText(/^Visa •••• 1111, expires 12\/\d{4}$/)).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload Booking confirmation or itinerary' }).click();
  await (await chooser).setFiles({ name: 'itinerary.pdf', mimeType: 'application/pdf', buffer: pdf('itinerary') });
  const documents = page.getByRole('region', { name: 'Documents' });
  await expect(documents.getByText('Uploaded', { exact: true })).toBeVisible();
  await page.getByRole('region', { name: 'Submit for underwriting' }).getByRole('button', { name: 'Submit application' }).click();
  await expect(header.getByText('Submitted', { exact: true })).toBeVisible();

  // The underwriter reviews and approves at the single premium.
  const underwriterContext = await browser.newContext();
  const uw = await underwriterContext.newPage();
  await logIn(uw, UNDERWRITER);
  await expect(uw.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await uw.getByRole('link', { name: 'Underwriting' }).first().click();
  const queueRow = uw.getByRole('table', { name: 'Underwriting queue' }).getByRole('row', { name: new RegExp(orderNumber) });
  await queueRow.getByRole('button', { name: `Start review of ${orderNumber}` }).click();
  const uwHeader = uw.locator('header', { hasText: orderNumber });
  await expect(uwHeader.getByText('In underwriting', { exact: true })).toBeVisible();
  await expect(uwHeader).toContainText(/Trip .+ \(15 days\) · Europe/);
  await uw.getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Verify Booking confirmation or itinerary' }).click();
  const decision = uw.getByRole('region', { name: 'Decision' });
  await expect(decision.getByText('The policy is issued at 50.40 USD single premium, paid once before the trip.')).toBeVisible();
  await decision.getByRole('button', { name: 'Approve…' }).click();
  const confirm = uw.getByRole('dialog', { name: `Approve ${orderNumber} as quoted?` });
  await expect(confirm).toContainText('50.40 USD single premium');
  await confirm.getByRole('button', { name: 'Approve and issue the policy' }).click();
  await expect(uwHeader.getByText('Approved', { exact: true })).toBeVisible();
  await expect(uw.getByText(/^The policy is issued at single premium 50\.40 USD/)).toBeVisible();
  await underwriterContext.close();

  // The agent opens the policy from the customer's overview: the trip's dates, the single premium.
  await page.goto(`/customers/${customer.id}`);
  const policies = page.getByRole('list', { name: 'Policies' });
  await expect(policies).toContainText('50.40 USD single premium');
  await expect(page.getByRole('list', { name: 'Applications' })).toContainText('50.40 USD single premium');
  await policies.getByRole('link', { name: /^P-\d{6}$/ }).click();
  await expect(page.getByRole('heading', { name: /^Policy P-\d{6}$/, level: 1 })).toBeVisible();
  const premium = page.getByRole('region', { name: 'Premium' });
  await expect(premium.getByText('Single premium', { exact: true })).toBeVisible();
  await expect(page.getByTestId('policy-premium')).toHaveText('50.40 USD');
  await expect(page.getByTestId('premium-payment')).toHaveText('single premium, paid once before the trip');
  await expect(page.getByTestId('policy-period')).toHaveText(/^Trip .+ \(15 days\) · Europe$/);
  await expect(premium).not.toContainText('year');
});
