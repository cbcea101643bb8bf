import { expect, test } from '@playwright/test';
import type { ConsoleMessage } from '@playwright/test';

// The one failure a visitor without a session may cause: the console asks whether a refresh cookie is
// still good and the server says no (401), or has no auth endpoints yet (404).
function isRejectedRefresh(message: ConsoleMessage): boolean {
  const { url } = message.location();
  return url.endsWith('/api/auth/refresh') && /status of 40[14]\b/.test(message.text());
}

test('opening / without a session shows a keyboard-ready login form and logs no errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !isRejectedRefresh(message)) errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));

  await page.goto('/');

  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();

  const email = page.getByRole('textbox', { name: 'Email' });
  const password = page.getByLabel('Password', { exact: true });
  const submit = page.getByRole('button', { name: 'Log in' });

  await expect(email).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(password).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(submit).toBeFocused();

  // Judge the console only after the page's own requests (system info) have settled.
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});
