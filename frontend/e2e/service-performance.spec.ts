// Service performance in the console: an agent opens their figures from My work — the demo's relationship
// surveys about Alex Agent's policies were answered 10, 9, 7 and 4, so the NPS reads
// (2 promoters − 1 detractor) / 4 = +25 — and a senior agent sees every agent of the branch and the branch.
import { expect, test } from '@playwright/test';
import { logIn } from './support/session';

test('an agent sees their NPS and CSAT from My work; a senior agent sees the branch', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/my-work');
  await page.getByRole('link', { name: 'Your performance' }).click();
  await expect(page.getByRole('heading', { name: 'Service performance' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Service performance' });
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(2); // the header and Alex Agent's own row
  const own = rows.filter({ hasText: 'Alex Agent' });
  await expect(own).toContainText('+25 (4 answers)');
  await expect(own).toContainText(/satisfied \(\d+ answers?\)/);

  // A period before any answer: no NPS.
  await page.getByLabel('From').fill('2020-01-01');
  await page.getByLabel('To').fill('2020-01-31');
  await expect(own.getByRole('cell').last()).toHaveText('—');

  const seniorContext = await browser.newContext();
  const senior = await seniorContext.newPage();
  await logIn(senior, 'senior@demo.test');
  await expect(senior).not.toHaveURL(/\/login$/);
  await senior.goto('/team');
  await senior.getByRole('link', { name: 'Team performance' }).click();
  const teamTable = senior.getByRole('table', { name: 'Service performance' });
  await expect(teamTable.getByRole('row').filter({ hasText: 'Branch' }).first()).toBeVisible();
  await expect(teamTable.getByRole('row').filter({ hasText: 'Alex Agent' })).toContainText('+25 (4 answers)');
  await seniorContext.close();
});
