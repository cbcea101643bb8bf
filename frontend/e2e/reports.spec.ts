// Reports from the console: a manager opens Reports from the menu, exports the claims register to
// Excel, follows the export's progress until it is ready and downloads the file — named after the
// report and the time it was written, a non-empty xlsx (a zip) — and sees the personal-data export
// in the audit trail.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { logIn } from './support/session';

test('a manager exports the claims register to Excel and downloads it', async ({ page }) => {
  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();

  const report = page.getByRole('form', { name: 'Export Claims register' });
  await expect(report.getByText('Personal data: exports are audited')).toBeVisible();
  // A period that ends before it starts is refused by the API, next to the field.
  await report.getByLabel('Loss from').fill('2026-12-01');
  await report.getByLabel('Loss to').fill('2026-11-01');
  await report.getByRole('button', { name: 'Export' }).click();
  await expect(report.getByText('Must be on or after the start date')).toBeVisible();
  await report.getByLabel('Loss from').fill('');
  await report.getByLabel('Loss to').fill('');

  await report.getByRole('combobox', { name: 'Format' }).click();
  await page.getByRole('option', { name: 'Excel' }).click();
  await report.getByRole('button', { name: 'Export' }).click();

  const exports = page.getByRole('table', { name: 'Your exports' });
  const row = exports.getByRole('row').filter({ hasText: 'Claims register' }).first();
  await expect(row).toContainText('Excel');
  // The job writes it in the background; the list follows it until the file is ready.
  await expect(row).toContainText('Ready', { timeout: 30_000 });
  await expect(row).toContainText(/\d+ rows?, [\d.]+ (B|kB|MB)/);

  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: /^Download / }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^claims-register-\d{8}-\d{4}\.xlsx$/);
  const bytes = fs.readFileSync((await file.path())!);
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // an xlsx is a zip
});

// A schedule: the new business report every Monday at 08:00 covering the week before, to the manager
// and a colleague — the dates left empty on the card, since each run fills them. Then paused.
test('a manager schedules the new business report weekly for the week before, and pauses it', async ({ page }) => {
  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/reports');
  const report = page.getByRole('form', { name: 'Export New business' });
  // Exporting needs the dates; scheduling does not.
  await report.getByRole('button', { name: 'Export' }).click();
  await expect(report.getByText('Required').first()).toBeVisible();
  await report.getByRole('button', { name: 'Schedule…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Schedule New business' });
  await expect(dialog.getByRole('radio', { name: 'Weekly' })).toBeChecked();
  await expect(dialog.getByRole('combobox', { name: 'Dates' })).toHaveValue('The week before each run (Monday to Sunday)');
  await dialog.getByRole('textbox', { name: 'Time', exact: true }).fill('08:00');
  await dialog.getByRole('combobox', { name: 'Time zone' }).fill('Europe/London');
  await page.getByRole('option', { name: 'Europe/London', exact: true }).click();
  await expect(dialog.getByText('Every Monday at 08:00 (Europe/London)')).toBeVisible();
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(dialog).toBeHidden();

  const schedules = page.getByRole('table', { name: 'Your schedules' });
  const row = schedules.getByRole('row').filter({ hasText: 'New business' }).first();
  await expect(row).toContainText('Every Monday at 08:00');
  await expect(row).toContainText('Europe/London · covering the week before (Monday to Sunday)');
  await row.getByRole('button', { name: 'Pause New business' }).click();
  await expect(row).toContainText('Paused');
});
