import { expect } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Policydesk-demo-1';

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
}

export interface ApiSession {
  headers: { Authorization: string };
  user: { id: string; branchId: string; name: string };
}

/** Logs a demo user in through the API, for tests that prepare their data without the console. */
export async function apiSession(request: APIRequestContext, email: string): Promise<ApiSession> {
  const login = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(login.ok()).toBe(true);
  const { accessToken, user } = await login.json();
  return { headers: { Authorization: `Bearer ${accessToken}` }, user };
}
