// The custom report builder from the console: a manager opens it from Reports, builds customers by
// city with a count, previews it (the groups and the total over them), saves it shared with senior
// agents, exports it to Excel through the export jobs and sees the export become ready.
import { expect, test } from '@playwright/test';
import { logIn } from './support/session';

test('a manager builds customers by city, previews, saves it shared with senior agents and exports it', async ({ page }) => {
  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/reports');
  await page.getByRole('link', { name: 'Build a report' }).click();
  await expect(page.getByRole('heading', { name: 'Report builder', level: 1 })).toBeVisible();

  const form = page.getByRole('region', { name: 'Report' });
  await form.getByRole('combobox', { name: 'Dataset' }).click();
  await page.getByRole('option', { name: 'Customers', exact: true }).click();

  // A field that cannot be grouped with totals next to it is refused by the API, saying what to fix.
  await form.getByLabel('Columns').click();
  await page.getByRole('option', { name: 'Last name', exact: true }).click();
  await page.keyboard.press('Escape');
  await form.getByRole('button', { name: 'Add total' }).click();
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(form.getByRole('alert')).toContainText('The report cannot be built as defined.');

  // Group by city instead: a count per city.
  await form.getByLabel('Columns').press('Backspace');
  await page.keyboard.press('Escape');
  // Typed into (the sticky header can cover the field after the list scrolled).
  await form.getByLabel('Group by').focus();
  await page.keyboard.type('City');
  await page.getByRole('option', { name: 'City', exact: true }).click();
  await page.keyboard.press('Escape');
  await form.getByRole('button', { name: 'Preview' }).click();

  const table = page.getByRole('table', { name: 'Report preview' });
  await expect(table.getByRole('columnheader')).toHaveText(['City', 'Count']);
  await expect(table.getByRole('row').last()).toContainText('All');
  const groups = table.getByRole('row');
  expect(await groups.count()).toBeGreaterThan(2);

  const save = page.getByRole('region', { name: 'Save, share and export' });
  await save.getByRole('textbox', { name: 'Name' }).fill('Customers by city');
  await save.getByRole('combobox', { name: 'Share with' }).click();
  await page.getByRole('option', { name: 'Senior agents' }).click();
  await save.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(save.getByText('Shared with senior agents')).toBeVisible();

  await save.getByRole('combobox', { name: 'Format' }).click();
  await page.getByRole('option', { name: 'Excel' }).click();
  await save.getByRole('button', { name: 'Export' }).click();
  const row = page.getByRole('table', { name: 'Your exports' }).getByRole('row').filter({ hasText: 'Customers by city' }).first();
  await expect(row).toContainText('Excel');
  await expect(row).toContainText('Ready', { timeout: 30_000 });
});
