import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { apiSession, logIn, logOut } from './support/session';

const ADMIN = 'admin@demo.test';
const AGENT = 'agent@demo.test';

const mainNavigation = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });

interface PublishedProduct {
  id: string;
  name: string;
}

/**
 * A product of this test's own, published (version 1, in force today) with a copy of the reference
 * Level Term Life definition: drafts of the reference products are shared by the whole suite.
 */
async function publishCopyOfTermLife(request: APIRequestContext): Promise<PublishedProduct> {
  const { headers } = await apiSession(request, ADMIN);
  const catalog = await (await request.get('/api/products?category=life', { headers })).json();
  const termLife = catalog.items.find((product: { code: string }) => product.code === 'TERM_LIFE');
  const reference = await (await request.get(`/api/products/${termLife.id}`, { headers })).json();

  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
  const name = `Browser Test Term ${stamp}`;
  const created = await request.post('/api/products', {
    headers,
    data: {
      code: `E2E_TERM_${stamp}`,
      name,
      category: 'life',
      description: 'A copy of Level Term Life made by the browser test of the product editor.',
      currency: 'USD',
      definition: reference.currentVersion.definition,
    },
  });
  expect(created.status()).toBe(201);
  const product = await created.json();

  const { businessDate } = await (await request.get('/api/system/info')).json();
  const published = await request.post(`/api/product-versions/${product.draftVersion.id}/publish`, {
    headers: { ...headers, 'If-Match': `"${product.draftVersion.version}"` },
    data: { effectiveFrom: businessDate },
  });
  expect(published.status()).toBe(200);
  return { id: product.id, name };
}

test('an agent opens the catalog and reads who can buy Level Term Life and what it covers', async ({ page }) => {
  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await mainNavigation(page).getByRole('link', { name: 'Products' }).click();

  await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Category' }).getByText('Life', { exact: true }).click();
  await expect(page).toHaveURL(/category=life/);
  await expect(page.getByRole('link', { name: 'Homeowners Insurance' })).toBeHidden();
  await page.getByRole('link', { name: 'Level Term Life' }).click();

  await expect(page.getByRole('heading', { name: 'Level Term Life', level: 1 })).toBeVisible();
  await expect(page.locator('main header')).toContainText(/Version\s*\d+\s*· in force since/);
  const eligibility = page.getByRole('region', { name: 'Who can buy it' });
  await expect(eligibility).toContainText('Entry age18 to 65');
  await expect(eligibility).toContainText('Age at end of termAt most 85');
  // A 30-year term must end by 85, so it is open up to 55.
  await expect(eligibility).toContainText('30 years: 18–55');
  await expect(eligibility).toContainText('Where they liveAnywhere');
  await expect(eligibility).toContainText('SmokersAccepted');
  await expect(eligibility).toContainText('Identity (KYC)Not required');

  const coverages = page.getByRole('region', { name: 'What it covers' });
  await expect(coverages).toContainText('Death benefitAlways included');
  await expect(coverages).toContainText('50,000 to 2,000,000 USD, in steps of 10,000');
  const application = page.getByRole('region', { name: 'What an application needs' });
  await expect(application.getByRole('region', { name: 'Medical exams' })).toContainText('Age ≥ 50paramedicalblood panelurinalysis');

  // Agents read the catalog; they do not change it.
  await expect(page.getByRole('button', { name: 'Start new version' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Retire' })).toHaveCount(0);
});

test('an admin starts a new version, sees the gap in an age band next to its cell, fixes it, publishes, and agents see version 2', async ({ page, request }) => {
  // The longest golden path of the suite: two logins, an editor of some 200 inputs, two publishes.
  test.setTimeout(60_000);
  const product = await publishCopyOfTermLife(request);

  await logIn(page, ADMIN);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/products/${product.id}`);
  await expect(page.getByRole('heading', { name: product.name, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Start new version' }).click();

  await expect(page).toHaveURL(new RegExp(`/products/${product.id}/draft$`));
  await expect(page.getByRole('heading', { name: `${product.name}: draft version 2`, level: 1 })).toBeVisible();
  const ageTable = page.getByRole('region', { name: 'Factor table Entry age' });
  const thirdBandFrom = ageTable.getByRole('textbox', { name: 'Entry age row 3: from' });
  await expect(thirdBandFrom).toHaveValue('40');
  await thirdBandFrom.fill('42'); // now nothing prices ages 40 and 41

  const publishDialog = page.getByRole('dialog', { name: 'Publish version 2' });
  await page.getByRole('button', { name: 'Publish…' }).click();
  await publishDialog.getByRole('button', { name: 'Publish version 2' }).click();

  const problems = page.getByRole('alert').filter({ hasText: 'Version 2 cannot be published yet' });
  await expect(problems).toBeFocused();
  await expect(problems).toContainText('Factor table AGE · row 3 · From: Gap: nothing prices 40–41');
  await expect(thirdBandFrom).toHaveAccessibleDescription('Gap: nothing prices 40–41');
  await expect(thirdBandFrom).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('region', { name: 'Factor tables' })).toContainText('1 problem');

  await problems.getByRole('button', { name: 'Factor table AGE · row 3 · From' }).click();
  await expect(thirdBandFrom).toBeFocused();
  await thirdBandFrom.fill('40');
  // The corrected cell's message goes, and with it the last problem of the list.
  await expect(thirdBandFrom).not.toHaveAttribute('aria-invalid', 'true');
  await expect(problems).toBeHidden();

  await page.getByRole('button', { name: 'Publish…' }).click();
  await publishDialog.getByRole('button', { name: 'Publish version 2' }).click();

  await expect(page).toHaveURL(new RegExp(`/products/${product.id}$`));
  await expect(page.locator('main header')).toContainText(/Version\s*2\s*· in force since/);
  await expect(page.getByRole('button', { name: 'Start new version' })).toBeVisible();

  // What agents see in the catalog is the new version.
  await logOut(page);
  await logIn(page, AGENT);
  await mainNavigation(page).getByRole('link', { name: 'Products' }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill(product.name);
  await page.getByRole('link', { name: product.name }).click();
  await expect(page.getByRole('heading', { name: product.name, level: 1 })).toBeVisible();
  await expect(page.locator('main header')).toContainText(/Version\s*2\s*· in force since/);
  await expect(page.getByRole('region', { name: 'Rating factors' }).getByRole('region', { name: 'Factor table Entry age' })).toContainText('40–49');
});
