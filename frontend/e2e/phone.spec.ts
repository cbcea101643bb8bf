import { expect, test } from '@playwright/test';
import { logIn } from './support/session';

// At 390 × 844 (a phone) the header keeps what an agent needs: the menu, a readable demo badge,
// search, and the account menu with log out and change password — nothing pushed off the screen.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test('on a phone the header fits: navigation, demo badge, search and the account menu are all on screen', async ({ page }) => {
  await logIn(page, 'agent@demo.test');
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();

  const onScreen = async (name: string, locator: ReturnType<typeof page.getByRole>) => {
    await expect(locator, name).toBeVisible();
    const box = (await locator.boundingBox())!;
    expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} ends on screen`).toBeLessThanOrEqual(390);
  };
  await onScreen('navigation', page.getByRole('button', { name: 'Open navigation' }));
  await onScreen('demo badge', page.getByRole('banner').getByText('Demo', { exact: true }));
  await onScreen('search', page.getByRole('button', { name: 'Search' }));
  await onScreen('account menu', page.getByRole('button', { name: /^Account menu for / }));

  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByPlaceholder(/search/i)).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Account menu for / }).click();
  await expect(page.getByRole('menuitem', { name: 'Change password' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
});
