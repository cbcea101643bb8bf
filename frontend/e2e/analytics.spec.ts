// The KPIs (issue 18, first step): a manager opens Analytics from the menu, reads each figure with its
// formula and target, and narrows them to a branch and a product (a KPI that cannot be split says so);
// an agent sees only their own figures, without the ledger's loss ratio. A figure opens month by month.
import { expect, test } from '@playwright/test';
import { logIn, logOut } from './support/session';

test('a manager reads the KPIs with their formulas and narrows them; an agent sees their own', async ({ page }) => {
  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
  await expect(page.getByText('The figures of your branches')).toBeVisible();

  const figures = page.getByRole('region', { name: 'Key figures' });
  const card = (title: string) => figures.getByRole('article', { name: title });
  for (const title of [
    'Customer satisfaction (CSAT)',
    'First-contact resolution',
    'Claims processing time',
    'Application processing time',
    'Policy renewal rate',
    'Loss ratio',
    'Monthly recurring premium',
    'Persistency at 13 months (by count)',
    'Customer retention',
    'New business (policies)',
    'Sums insured in force',
  ])
    await expect(card(title)).toBeVisible();
  await expect(card('Customer satisfaction (CSAT)')).toContainText('Target: above 4.50 / 5');
  await expect(card('Loss ratio')).toContainText('Formula: Claims incurred (claims paid + change in claim reserves) ÷ premium earned');

  await page.getByLabel('Period').first().click();
  await page.getByRole('option', { name: 'Last 12 months' }).click();
  await expect(card('Application processing time')).toContainText(/\d+ decided/);

  // Month by month over the last 12 months: a row per month.
  await card('New business (policies)').getByRole('button', { name: 'New business (policies) by month' }).click();
  const trend = page.getByRole('dialog', { name: 'New business (policies) by month' });
  const months = trend.getByRole('table', { name: 'New business (policies) by month' });
  await expect(months.getByRole('row')).toHaveCount(12 + 1);
  await expect(months.getByRole('row').nth(1).getByRole('cell').first()).toHaveText(/^[A-Z][a-z]{2} \d{4}$/);
  await expect(months.getByRole('row').nth(12).getByRole('cell').nth(1)).toHaveText(/^\d+$/);
  await page.keyboard.press('Escape');
  await expect(trend).toBeHidden();

  // Against the 12 months before: each figure says what it was then.
  await page.getByLabel('Compare with').first().click();
  await page.getByRole('option', { name: 'The period before' }).click();
  await expect(page.getByText(/, compared with /)).toBeVisible();
  await expect(card('New business (policies)')).toContainText(/Before: \d+/);

  // One branch and one product: the service desk's figures cannot be split by product, and say so.
  await page.getByLabel('Branch').first().click();
  await page.getByRole('option').first().click();
  await page.getByLabel('Product').first().click();
  await page.getByRole('option').first().click();
  await expect(card('First-contact resolution')).toContainText('Not split by product');
  await expect(card('Loss ratio')).not.toContainText('Not split by');

  await logOut(page);
  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/analytics');
  await expect(page.getByText('Your own figures')).toBeVisible();
  await expect(card('First-contact resolution')).toBeVisible();
  await expect(card('Loss ratio')).toHaveCount(0);
});
