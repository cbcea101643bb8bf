// An admin opens System health: readiness, the alert rules with their state, the job queues; a
// manager has no such entry and the page is refused.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { logIn, logOut } from './support/session';

test('an admin sees the system’s health at a glance; a manager may not open it', async ({ page }) => {
  await logIn(page, 'admin@demo.test');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'System health' }).click();
  await expect(page.getByRole('heading', { name: 'System health' })).toBeVisible();
  await expect(page.getByText('This instance')).toBeVisible();
  await expect(page.getByText('Ready', { exact: true })).toBeVisible();

  const alerts = page.getByRole('table', { name: 'Alert rules' });
  await expect(alerts.getByRole('row').filter({ hasText: 'Database unreachable' })).toContainText('OK');
  await expect(alerts.getByRole('row').filter({ hasText: 'High error rate' })).toContainText('In Prometheus');
  await expect(alerts.getByRole('row').filter({ hasText: 'Outbox stalled' })).toContainText('notifications.send');

  const queues = page.getByRole('table', { name: 'Job queues' });
  await expect(queues.getByRole('row').filter({ hasText: 'notifications.send' })).toBeVisible();

  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await logOut(page);

  await logIn(page, 'manager@demo.test');
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'System health' })).toHaveCount(0);
  await page.goto('/system/health');
  await expect(page.getByRole('heading', { name: 'System health' })).toHaveCount(0);
});
