/// <reference types="node" />
import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn } from './support/session';

const AGENT = 'agent@demo.test';
const UNDERWRITER = 'underwriter@demo.test';

/** A tiny but real PDF: the server checks the type from the first bytes. */
function pdf(label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
}

/**
 * A 35-year-old Texan man, non-smoker, occupation class 1, and his saved quote for 20-year level term
 * life of 250,000 paid monthly: no medical exam, no referral, two documents to upload.
 */
async function customerWithSavedQuote(request: APIRequestContext, lastName: string): Promise<{ customerId: string; quoteId: string; quoteNumber: string }> {
  const agent = await apiSession(request, AGENT);
  const year = new Date().getFullYear();
  const customer = await createCustomer(request, agent, { firstName: 'Dale', lastName, dateOfBirth: `${year - 35}-02-10` });

  const products = await (await request.get('/api/products', { headers: agent.headers })).json();
  const termLife = products.items.find((p: { name: string }) => p.name === 'Level Term Life');
  const saved = await request.post('/api/quotes', {
    headers: agent.headers,
    data: { customerId: customer.id, productId: termLife.id, coverages: [{ code: 'DEATH', sumInsured: 25_000_000 }], termYears: 20, paymentFrequency: 'monthly', save: true },
  });
  expect(saved.status()).toBe(201);
  const quote = await saved.json();
  expect(quote.requirements.medicalExams).toEqual([]);
  return { customerId: customer.id, quoteId: quote.id, quoteNumber: quote.quoteNumber };
}

async function answer(page: Page, question: RegExp, choice: 'Yes' | 'No'): Promise<void> {
  await page.getByRole('radiogroup', { name: question }).getByRole('radio', { name: choice }).check();
}

async function upload(page: Page, document: string, filename: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: `Upload ${document}` }).click();
  await (await chooser).setFiles({ name: filename, mimeType: 'application/pdf', buffer: pdf(filename) });
}

test('an agent applies from a saved quote and submits; the underwriter reviews and approves; the agent opens the issued policy', async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const lastName = uniqueSurname('Apply');
  const { customerId, quoteId, quoteNumber } = await customerWithSavedQuote(request, lastName);

  // The agent opens the saved quote and applies.
  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/customers/${customerId}/quotes/${quoteId}`);
  await expect(page.getByRole('heading', { name: `Quote ${quoteNumber}` })).toBeVisible();
  await page.getByRole('button', { name: `Apply for ${quoteNumber}` }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const heading = page.getByRole('heading', { name: /^Application O-\d{6}$/, level: 1 });
  await expect(heading).toBeVisible();
  const orderNumber = (await heading.textContent())!.replace('Application ', '');
  const header = page.locator('header', { has: heading });
  await expect(header.getByText('Draft', { exact: true })).toBeVisible();
  await expect(header.getByRole('link', { name: `Dale ${lastName}` })).toBeVisible();
  await expect(header.getByText('250,000 USD')).toBeVisible();
  await expect(header.getByText('313.75 USD')).toBeVisible();

  // Submitting an empty draft: the server's reasons, next to the fields they are about.
  const submitPanel = page.getByRole('region', { name: 'Submit for underwriting' });
  await submitPanel.getByRole('button', { name: 'Submit application' }).click();
  await expect(submitPanel.getByRole('alert').filter({ hasText: 'The application is not complete yet' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Beneficiaries' }).getByText('A life policy needs at least one primary beneficiary')).toBeVisible();

  // Beneficiaries: two primary, 60 + 40; the running total follows.
  const beneficiaries = page.getByRole('region', { name: 'Beneficiaries' });
  await beneficiaries.getByRole('button', { name: 'Add a primary beneficiary' }).click();
  const first = beneficiaries.getByRole('group', { name: 'Primary beneficiary 1' });
  await first.getByRole('textbox', { name: 'Full name' }).fill('Rosa ' + lastName);
  await first.getByRole('combobox', { name: 'Relationship' }).click();
  await page.getByRole('option', { name: 'Spouse' }).click();
  await expect(beneficiaries.getByText('Total 100 % of 100 %')).toBeVisible();
  await beneficiaries.getByRole('button', { name: 'Add a primary beneficiary' }).click();
  const second = beneficiaries.getByRole('group', { name: 'Primary beneficiary 2' });
  await second.getByRole('textbox', { name: 'Full name' }).fill('Eli ' + lastName);
  await second.getByRole('combobox', { name: 'Relationship' }).click();
  await page.getByRole('option', { name: 'Child' }).click();
  await second.getByRole('textbox', { name: 'Date of birth' }).fill('2012-06-01');
  await second.getByRole('textbox', { name: 'Share (%)' }).fill('40');
  await expect(beneficiaries.getByText('Total 140 % of 100 %')).toBeVisible();
  await first.getByRole('textbox', { name: 'Share (%)' }).fill('60');
  await expect(beneficiaries.getByText('Total 100 % of 100 %')).toBeVisible();

  // Declarations, as the product version asks them.
  await answer(page, /diagnosed with or treated for heart disease/, 'No');
  await answer(page, /prescribed medication/, 'No');
  await page.getByRole('textbox', { name: 'Height (cm)' }).fill('182');
  await page.getByRole('textbox', { name: 'Weight (kg)' }).fill('84');
  await answer(page, /tobacco or nicotine/, 'No');
  await page.getByRole('textbox', { name: /alcoholic drinks/ }).fill('3');
  await answer(page, /hazardous activities/, 'No');
  await answer(page, /ever been declined, postponed/, 'No');

  // The payment card; only its masked form comes back.
  const payment = page.getByRole('region', { name: 'Payment and start date' });
  await payment.getByRole('textbox', { name: 'Card number' }).fill('4111 1111 1111 1111');
  await payment.getByRole('combobox', { name: 'Expiry month' }).click();
  await page.getByRole('option', { name: '12', exact: true }).click();
  await payment.getByRole('combobox', { name: 'Expiry year' }).click();
  await page.getByRole('option', { name: String(new Date().getFullYear() + 3), exact: true }).click();
  await payment.getByRole('textbox', { name: 'Name on the card' }).fill(`Dale ${lastName}`);

  await page.getByRole('button', { name: 'Save application' }).click();
  await expect(payment.getByText(/^Visa •••• 1111, expires 12\/\d{4}$/)).toBeVisible();
  await expect(submitPanel.getByText('2 primary')).toBeVisible();
  await expect(submitPanel.getByText('8 of 8 answered')).toBeVisible();

  // Still no documents: the server lists them, and the checklist marks them.
  await submitPanel.getByRole('button', { name: 'Submit application' }).click();
  const missing = submitPanel.getByRole('alert').filter({ hasText: 'Documents are missing' });
  await expect(missing).toBeVisible();
  await expect(missing).toContainText('Proof of identity');
  await expect(missing).toContainText('Signed application and declaration');
  const documents = page.getByRole('region', { name: 'Documents' });
  await expect(documents.getByText('Needed before the application can be submitted')).toHaveCount(2);

  await upload(page, 'Proof of identity (passport, driving licence or national ID card)', 'passport.pdf');
  await expect(documents.getByRole('group', { name: /^Proof of identity/ }).getByText('Uploaded', { exact: true })).toBeVisible();
  await upload(page, 'Signed application and declaration', 'signed-application.pdf');
  await expect(documents.getByRole('group', { name: 'Signed application and declaration' }).getByText('Uploaded', { exact: true })).toBeVisible();
  await expect(documents.getByText(/signed-application\.pdf/)).toBeVisible();
  // The file comes back through the API client (the download needs the bearer token).
  const download = page.waitForEvent('download');
  await documents.getByRole('button', { name: 'Download Signed application and declaration' }).click();
  expect((await download).suggestedFilename()).toBe('signed-application.pdf');

  await submitPanel.getByRole('button', { name: 'Submit application' }).click();
  await expect(header.getByText('Submitted', { exact: true })).toBeVisible();
  const timeline = page.getByLabel('Status timeline');
  await expect(timeline.getByText('Submitted')).toBeVisible();
  await expect(timeline.getByText(`From quote ${quoteNumber}`)).toBeVisible();

  // The underwriter takes it from the queue and approves it as quoted.
  const underwriterContext = await browser.newContext();
  const uw = await underwriterContext.newPage();
  await logIn(uw, UNDERWRITER);
  await expect(uw.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await uw.getByRole('link', { name: 'Underwriting' }).first().click();
  await expect(uw.getByRole('heading', { name: 'Underwriting', level: 1 })).toBeVisible();
  const row = uw.getByRole('table', { name: 'Underwriting queue' }).getByRole('row', { name: new RegExp(orderNumber) });
  await expect(row).toContainText(`Dale ${lastName}`);
  await expect(row).toContainText('250,000 USD');
  await expect(row).toContainText('Not taken yet');
  await row.getByRole('button', { name: `Start review of ${orderNumber}` }).click();
  await expect(uw).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(uw.locator('header', { hasText: orderNumber }).getByText('In underwriting', { exact: true })).toBeVisible();
  await expect(uw.getByText("No referral reasons: the product's rules did not flag this application.")).toBeVisible();
  await expect(uw.getByRole('region', { name: 'Risk score' })).toBeVisible();
  await expect(uw.getByRole('table', { name: 'Rating worksheet' }).getByRole('row', { name: /^Annual premium 313\.75 313\.75 USD$/ })).toBeVisible();
  await expect(uw.getByRole('region', { name: 'Declarations' }).getByText('No "yes" answers.')).toBeVisible();

  const decision = uw.getByRole('region', { name: 'Decision' });
  // A rating is previewed before anything is decided: +50 % on the risk premium (275.00), then the
  // monthly loading and the fee: 275 × 1.5 × 1.05 + 25 = 458.125 → 458.12 (half-even).
  await decision.getByRole('radio', { name: /Approve with rating/ }).check();
  await decision.getByRole('textbox', { name: 'Extra premium (%)' }).fill('50');
  await expect(decision.getByTestId('rated-premium')).toHaveText('458.12 USD');
  await decision.getByRole('radio', { name: /Approve as quoted/ }).check();
  // Both documents are merely uploaded: the panel says so before any click, and Approve waits.
  await expect(decision.getByText('2 documents are not verified')).toBeVisible();
  await expect(decision.getByRole('button', { name: 'Approve…' })).toBeDisabled();
  const uwDocuments = uw.getByRole('region', { name: 'Documents' });
  await uwDocuments.getByRole('button', { name: 'Verify Proof of identity (passport, driving licence or national ID card)' }).click();
  await expect(decision.getByText('1 document is not verified')).toBeVisible();
  // The other one is waived, with the reason.
  await uwDocuments.getByRole('button', { name: 'Waive Signed application and declaration' }).click();
  const waiveDialog = uw.getByRole('dialog', { name: 'Waive “Signed application and declaration”' });
  await waiveDialog.getByRole('textbox', { name: 'Why it is not needed' }).fill('Signed in person at the North branch; original on file');
  await waiveDialog.getByRole('button', { name: 'Waive document' }).click();
  await expect(uwDocuments.getByText(/Signed in person at the North branch; original on file/)).toBeVisible();
  await expect(decision.getByText(/not verified/)).toHaveCount(0);
  await decision.getByRole('button', { name: 'Approve…' }).click();
  const confirm = uw.getByRole('dialog', { name: `Approve ${orderNumber} as quoted?` });
  await expect(confirm).toContainText('313.75 USD');
  await confirm.getByRole('button', { name: 'Approve and issue the policy' }).click();
  await expect(uw.locator('header', { hasText: orderNumber }).getByText('Approved', { exact: true })).toBeVisible();
  await expect(uw.getByRole('link', { name: 'Open the policy' })).toBeVisible();
  // Submitted and decided on the same business date: said in words, not "0 business days".
  await expect(uw.getByText('The policy is issued at 313.75 USD a year, paid monthly (26.14 a month); decided the same business day.')).toBeVisible();
  await underwriterContext.close();

  // The agent finds the policy on the customer's overview and opens it.
  await page.goto(`/customers/${customerId}`);
  const policies = page.getByRole('list', { name: 'Policies' });
  const policyLink = policies.getByRole('link', { name: /^P-\d{6}$/ });
  await expect(policyLink).toBeVisible();
  await expect(policies).toContainText('Active');
  await expect(page.getByRole('list', { name: 'Applications' }).getByRole('link', { name: orderNumber })).toBeVisible();
  const policyNumber = (await policyLink.textContent())!;
  await policyLink.click();
  await expect(page.getByRole('heading', { name: `Policy ${policyNumber}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('policy-premium')).toHaveText('313.75 USD');
  await expect(page.getByTestId('premium-payment')).toHaveText('a year, paid monthly (26.14 a month)');
  await expect(page.getByRole('table', { name: 'Beneficiaries' }).getByRole('row', { name: new RegExp(`Rosa ${lastName} Spouse .* Primary 60 %`) })).toBeVisible();
  await expect(page.getByText(/^Visa •••• 1111, expires 12\/\d{4}$/)).toBeVisible();
  await expect(page.getByRole('link', { name: orderNumber })).toBeVisible();
});

test('an underwriter asks for information; the agent finds it in the work list, meets a stale save, answers and resubmits', async ({ page, request }) => {
  test.setTimeout(60_000);
  const lastName = uniqueSurname('Info');
  const { quoteId } = await customerWithSavedQuote(request, lastName);
  const agent = await apiSession(request, AGENT);
  const underwriter = await apiSession(request, UNDERWRITER);
  const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

  // Prepared through the API: filled in, documents uploaded, submitted, taken and sent back.
  let order = await (await request.post('/api/orders', { headers: agent.headers, data: { quoteId } })).json();
  const declarations = Object.fromEntries(['MEDICAL_HISTORY', 'MEDICATION', 'TOBACCO', 'HAZARDOUS_PURSUITS', 'PRIOR_DECLINE'].map((code) => [code, { answer: false }]));
  Object.assign(declarations, { HEIGHT_CM: { answer: 175 }, WEIGHT_KG: { answer: 70 }, ALCOHOL_UNITS: { answer: 0 } });
  const filled = await request.patch(`/api/orders/${order.id}`, {
    headers: { ...agent.headers, ...ifMatch(order.version) },
    data: {
      beneficiaries: [{ name: `June ${lastName}`, relationship: 'spouse', share: 100, tier: 'primary' }],
      declarations,
      paymentMethod: { type: 'card', cardNumber: '4111111111111111', expiryMonth: 6, expiryYear: new Date().getFullYear() + 2, holderName: `Dale ${lastName}` },
    },
  });
  expect(filled.status()).toBe(200);
  order = await filled.json();
  for (const code of ['PROOF_OF_IDENTITY', 'SIGNED_APPLICATION']) {
    const uploaded = await request.post(`/api/orders/${order.id}/documents`, {
      headers: agent.headers,
      multipart: { code, file: { name: `${code.toLowerCase()}.pdf`, mimeType: 'application/pdf', buffer: pdf(code) } },
    });
    expect(uploaded.status()).toBe(201);
  }
  order = await (await request.post(`/api/orders/${order.id}/submit`, { headers: { ...agent.headers, ...ifMatch(order.version) }, data: {} })).json();
  order = await (await request.post(`/api/orders/${order.id}/start-review`, { headers: { ...underwriter.headers, ...ifMatch(order.version) }, data: {} })).json();
  const question = 'Is the beneficiary the same June who co-signed the application?';
  const sentBack = await request.post(`/api/orders/${order.id}/request-info`, { headers: { ...underwriter.headers, ...ifMatch(order.version) }, data: { reason: question } });
  expect(sentBack.status()).toBe(200);
  order = await sentBack.json();

  // The agent's work list: "Waiting for information".
  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Applications' }).click();
  await page.getByRole('group', { name: 'Quick filters' }).getByText('Waiting for information').click();
  await expect(page.getByRole('checkbox', { name: 'Waiting for information' })).toBeChecked();
  await expect(page).toHaveURL(/status=info_requested/);
  await page.getByRole('table', { name: 'Applications' }).getByRole('link', { name: order.orderNumber }).click();
  const banner = page.getByRole('region', { name: 'The underwriter needs more information' });
  await expect(banner).toContainText(question);

  // Someone saves the application meanwhile: the console says so and shows their version.
  const elsewhere = await request.patch(`/api/orders/${order.id}`, {
    headers: { ...agent.headers, ...ifMatch(order.version) },
    data: { beneficiaries: [{ name: `June Q. ${lastName}`, relationship: 'spouse', share: 100, tier: 'primary' }] },
  });
  expect(elsewhere.status()).toBe(200);
  const beneficiary = page.getByRole('region', { name: 'Beneficiaries' }).getByRole('group', { name: 'Primary beneficiary 1' });
  await beneficiary.getByRole('textbox', { name: 'Full name' }).fill(`June R. ${lastName}`);
  await page.getByRole('button', { name: 'Save application' }).click();
  await expect(page.getByText('This record was changed by someone else')).toBeVisible();
  await expect(beneficiary.getByRole('textbox', { name: 'Full name' })).toHaveValue(`June Q. ${lastName}`);

  await banner.getByRole('textbox', { name: 'Your answer' }).fill('Yes: June Q. is his wife and co-signed on page 2.');
  await banner.getByRole('button', { name: 'Answer and resubmit' }).click();
  await expect(page.locator('header', { hasText: order.orderNumber }).getByText('Submitted', { exact: true })).toBeVisible();
  const timeline = page.getByLabel('Status timeline');
  await expect(timeline.getByText(question)).toBeVisible();
  await expect(timeline.getByText('Answer: Yes: June Q. is his wife and co-signed on page 2.')).toBeVisible();
});
