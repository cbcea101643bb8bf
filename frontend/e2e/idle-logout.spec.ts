import { expect, test } from '@playwright/test';

// The console ends a session after 15 minutes without activity. The page's clock is faked so the
// test does not wait: only timers inside the page move, the server keeps real time.
test('an idle console logs out after 15 minutes and says why', async ({ page }) => {
  await page.clock.install();
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email' }).fill('senior@demo.test');
  await page.getByLabel('Password', { exact: true }).fill('Policydesk-demo-1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();

  await page.clock.fastForward('14:00');
  await expect(page).not.toHaveURL(/\/login/);

  await page.clock.fastForward('01:30');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText(/logged out after 15 minutes without activity/i).first()).toBeVisible();
});
