import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { generate } from 'otplib';
import { apiSession, logIn, logOut } from './support/session';

const PASSWORD = 'Copper kettles sing at dawn 7';

/** A fresh administrator with their own password (the demo admin stays password-only for the other specs). */
async function newAdmin(request: APIRequestContext) {
  const demoAdmin = await apiSession(request, 'admin@demo.test');
  const email = `totp.admin.${Date.now()}@demo.test`;
  const created = await request.post('/api/users', {
    headers: demoAdmin.headers,
    data: { email, name: 'Tessa Twofactor', role: 'admin', branchId: demoAdmin.user.branchId },
  });
  expect(created.status()).toBe(201);
  const { user, temporaryPassword } = await created.json();
  const first = await request.post('/api/auth/login', { data: { email, password: temporaryPassword } });
  const changed = await request.post('/api/auth/password', {
    headers: { Authorization: `Bearer ${(await first.json()).accessToken}` },
    data: { currentPassword: temporaryPassword, newPassword: PASSWORD },
  });
  expect(changed.ok()).toBe(true);
  return { id: user.id as string, email, name: user.name as string };
}

/**
 * The code an authenticator app would show 30 seconds from now: the server accepts one step either
 * side, and the enrolment's own code (this step) cannot be used a second time.
 */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

test('an admin sets up two-factor sign-in from the secret, logs out, logs in with a code, and sees their sessions; another admin resets it', async ({ page, request }) => {
  const admin = await newAdmin(request);
  await logIn(page, admin.email, PASSWORD);
  await expect(page.getByRole('heading', { name: `Welcome, ${admin.name}` })).toBeVisible();

  // Enrolment: the QR code and the secret, confirmed with a code computed here as an app would.
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('menuitem', { name: 'Two-factor sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByRole('textbox', { name: 'Code from your app' }).fill('000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('The code is not correct')).toBeVisible();
  await page.getByRole('textbox', { name: 'Code from your app' }).fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Confirm' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${admin.name}` })).toBeVisible();
  await logOut(page);

  // The password alone is no longer enough: a code step follows.
  await logIn(page, admin.email, PASSWORD);
  const codeInput = page.getByRole('textbox', { name: 'Code' });
  await expect(codeInput).toBeVisible();
  await codeInput.fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('The code is not correct')).toBeVisible();
  await codeInput.fill(await nextCode(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${admin.name}` })).toBeVisible();

  // My sessions: this device is listed.
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('menuitem', { name: 'My sessions' }).click();
  const sessions = page.getByRole('table', { name: 'My sessions' });
  await expect(sessions.getByText('This device')).toBeVisible();
  await logOut(page);

  // The demo admin resets the enrolment (a lost phone); the password alone works again.
  await logIn(page, 'admin@demo.test');
  await expect(page.getByRole('button', { name: /^Account menu for / })).toBeVisible();
  await page.goto(`/users/${admin.id}`);
  await page.getByRole('button', { name: 'Reset two-factor' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset two-factor' }).click();
  await expect(page.getByRole('button', { name: 'Reset two-factor' })).toHaveCount(0);
  await logOut(page);
  await logIn(page, admin.email, PASSWORD);
  await expect(page.getByRole('heading', { name: `Welcome, ${admin.name}` })).toBeVisible();
});
