// The role dashboards (issue 18): a manager opens their dashboard from Home, narrows it to one branch
// and one product, drills into the loss ratio's rows (the claims' ledger entries behind it), exports
// them to Excel and downloads the file from Reports, then schedules that report weekly.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { logIn } from './support/session';

test('a manager filters the dashboard, drills into the loss ratio’s claims, exports them to Excel and schedules the report weekly', async ({ page }) => {
  // A dashboard of twelve figures, a breakdown, a drill-down and an export job on a busy 2-core machine.
  test.setTimeout(180_000);
  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.getByRole('region', { name: 'Dashboards' }).getByRole('link', { name: 'Manager dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Manager dashboard', level: 1 })).toBeVisible();

  await page.getByLabel('Period').first().click();
  await page.getByRole('option', { name: 'Last 12 months' }).click();
  await page.getByLabel('Branch').first().click();
  await page.getByRole('option', { name: 'North', exact: true }).click();
  await page.getByLabel('Product').first().click();
  await page.getByRole('option', { name: 'Level Term Life' }).click();

  const figures = page.getByRole('region', { name: 'Key figures' });
  const lossRatio = figures.getByRole('article', { name: 'Loss ratio' });
  await expect(lossRatio).toBeVisible();

  // Side by side by branch: North only (the filter), with its figure.
  await lossRatio.getByRole('button', { name: 'Loss ratio side by side' }).click();
  const sideBySide = page.getByRole('dialog', { name: 'Loss ratio side by side' });
  await expect(sideBySide.getByRole('table', { name: 'Loss ratio by branch' }).getByRole('row').filter({ hasText: 'North' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sideBySide).toBeHidden();

  // The rows behind the figure: ledger entries, the claims' named by their numbers.
  await lossRatio.getByRole('button', { name: 'Loss ratio: the rows behind it' }).click();
  const drill = page.getByRole('dialog', { name: 'Loss ratio: the rows behind it' });
  const rows = drill.getByRole('table', { name: 'Rows behind Loss ratio' });
  await expect(
    rows
      .getByRole('row')
      .filter({ hasText: /CL-\d+/ })
      .first(),
  ).toBeVisible();
  await drill.getByRole('button', { name: 'Export to Excel' }).click();
  await expect(drill.getByRole('status')).toContainText('Export queued');
  await drill.getByRole('link', { name: 'Reports' }).click();

  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  const exports = page.getByRole('table', { name: 'Your exports' });
  const row = exports.getByRole('row').filter({ hasText: 'Rows behind Loss ratio' }).first();
  await expect(row).toContainText('Excel');
  await expect(row).toContainText('Ready', { timeout: 30_000 });
  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: /^Download / }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^analytics-rows-billing-loss-ratio-\d{8}-\d{4}\.xlsx$/);
  const bytes = fs.readFileSync((await file.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // an xlsx is a zip

  // The same report every Monday, covering the week before.
  const report = page.getByRole('form', { name: 'Export Rows behind Loss ratio' });
  await report.getByRole('button', { name: 'Schedule…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule Rows behind Loss ratio' });
  await expect(dialog.getByRole('radio', { name: 'Weekly' })).toBeChecked();
  await dialog.getByRole('textbox', { name: 'Time', exact: true }).fill('08:00');
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(dialog).toBeHidden();
  const schedule = page.getByRole('table', { name: 'Your schedules' }).getByRole('row').filter({ hasText: 'Rows behind Loss ratio' }).first();
  await expect(schedule).toContainText('Every Monday at 08:00');
});
