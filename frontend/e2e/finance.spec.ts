// The monthly close from the console: a finance manager closes the oldest open month, sees it closed
// and the books' first open day move, cannot reopen it themselves (four-eyes), and reads a balanced
// trial balance, a month's statement and the premium register, drilling into a figure. Only the oldest month is closed: the other journeys post today.
import { expect, test } from '@playwright/test';
import { apiSession, logIn } from './support/session';

test('a finance manager closes the oldest open month (reopening it takes another), reads the trial balance and a statement down to its entries, and exports the month for QuickBooks', async ({
  page,
  request,
}) => {
  await logIn(page, 'controller@demo.test');
  await page.getByRole('navigation').getByRole('link', { name: 'Finance' }).click();
  const periods = page.getByRole('table', { name: 'Accounting periods' });
  const closable = periods.getByRole('row').filter({ has: page.getByRole('button', { name: 'Close…' }) });
  await expect(closable).toHaveCount(1); // months close in order: only the oldest open one
  const month = (await closable.getByRole('cell').first().textContent())!;
  await closable.getByRole('button', { name: 'Close…' }).click();
  const dialog = page.getByRole('dialog', { name: `Close ${month}` });
  await dialog.getByLabel('Note (optional)').fill('Reconciled with the bank statements');
  await dialog.getByRole('button', { name: 'Close the month' }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${month} closed`)).toBeVisible();
  const row = periods.getByRole('row').filter({ hasText: month });
  await expect(row).toContainText('Closed');
  await expect(row).toContainText('Cody Controller');

  // Whoever closed it cannot reopen it.
  await row.getByRole('button', { name: 'Reopen…' }).click();
  const reopen = page.getByRole('dialog', { name: `Reopen ${month}` });
  await reopen.getByLabel('Why').fill('short');
  await expect(reopen.getByRole('button', { name: 'Reopen the month' })).toBeDisabled();
  await reopen.getByLabel('Why').fill('A payment was booked in the wrong month');
  await reopen.getByRole('button', { name: 'Reopen the month' }).click();
  await expect(reopen.getByRole('alert')).toContainText('another finance manager must reopen it');
  await page.keyboard.press('Escape');
  await expect(row).toContainText('Closed');

  const trial = page.getByRole('table', { name: 'Trial balance' });
  await expect(trial.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByText(/USD: debits .* balanced/)).toBeVisible();

  // Last month's statement: each figure opens the entries behind it.
  const income = page.getByRole('table', { name: 'Income in the month' });
  const figure = income.getByRole('button', { name: /^Entries behind Premium earned/ });
  await figure.click();
  const entries = page.getByRole('dialog', { name: /^Premium earned — / });
  // Mostly credits (premium earned); a debit where premium went back (a cancellation, a termination on death).
  await expect(
    entries
      .getByRole('table', { name: 'Entries behind the figure' })
      .getByRole('row')
      .filter({ hasText: /Cr .* USD/ })
      .first(),
  ).toBeVisible();
  await page.keyboard.press('Escape');

  // The premium register: written, earned and unearned per product and month; a month's earned premium opens its daily earning entries.
  const register = page.getByRole('table', { name: 'Premium register' });
  await register
    .getByRole('button', { name: /^Entries behind premium earned of .*: [^:]*[1-9][^:]*$/ })
    .first()
    .click();
  const earned = page.getByRole('dialog', { name: /^Premium earned — / });
  await expect(
    earned
      .getByRole('table', { name: 'Entries behind the figure' })
      .getByRole('row')
      .filter({ hasText: /Premium earned on \d{4}-\d{2}-\d{2}/ })
      .first(),
  ).toBeVisible();
  await page.keyboard.press('Escape');

  // The closed month's journal for QuickBooks, once every account has its GL code (set through the API here).
  const session = await apiSession(request, 'controller@demo.test');
  const mapping = await (await request.get('/api/finance/gl-mapping', { headers: session.headers })).json();
  const items = mapping.items.map((i: { kind: string }, n: number) => ({ kind: i.kind, glCode: String(4000 + n * 10), glName: `Policydesk ${i.kind}` }));
  expect((await request.put('/api/finance/gl-mapping', { headers: { ...session.headers, 'If-Match': `"${mapping.revision}"` }, data: { items } })).status()).toBe(200);
  await page.reload();
  const exports = page.getByRole('region', { name: 'Journal exports' });
  await expect(exports.getByLabel('GL code of premium_income')).toHaveValue(/^4\d+$/);
  await exports.getByLabel('Closed month').click();
  await page.getByRole('option', { name: month }).click();
  const download = page.waitForEvent('download');
  await exports.getByRole('button', { name: 'Export the journal' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^policydesk-journal-\d{4}-\d{2}-quickbooks\.csv$/);
  await expect(exports.getByRole('table', { name: 'Journal exports' })).toContainText('QuickBooks Online');
});

test('a finance user reads the receivables aging and exports the trial balance to CSV from Reports', async ({ page }) => {
  await logIn(page, 'finance@demo.test');
  await page.getByRole('navigation').getByRole('link', { name: 'Finance' }).click();
  const aging = page.getByRole('table', { name: 'Receivables aging' });
  const usd = aging.getByRole('row').filter({ hasText: 'USD' });
  await expect(usd).toContainText(/\d+ invoices?/);
  await expect(aging.getByRole('columnheader', { name: 'Over 90 days' })).toBeVisible();

  await page.getByRole('link', { name: 'Export to CSV or Excel' }).click();
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  const report = page.getByRole('form', { name: 'Export Trial balance' });
  await report.getByLabel('As of').fill(new Date().toISOString().slice(0, 10));
  await report.getByRole('combobox', { name: 'Format' }).click();
  await page.getByRole('option', { name: 'CSV' }).click();
  await report.getByRole('button', { name: 'Export' }).click();
  const row = page.getByRole('table', { name: 'Your exports' }).getByRole('row').filter({ hasText: 'Trial balance' }).first();
  await expect(row).toContainText('Ready', { timeout: 30_000 });
  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: /^Download / }).click();
  expect((await download).suggestedFilename()).toMatch(/^finance-trial-balance-\d{8}-\d{4}\.csv$/);
});
