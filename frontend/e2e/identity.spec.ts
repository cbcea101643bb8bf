import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { apiSession, DEMO_PASSWORD, logIn, logOut } from './support/session';

// Written out rather than derived from ROLE_PERMISSIONS: a change to the permission matrix should
// make this test fail and be looked at, not silently follow along.
const NAVIGATION_BY_LOGIN: { email: string; entries: string[] }[] = [
  {
    email: 'admin@demo.test',
    entries: [
      'Home',
      'Customers',
      'My work',
      'Team queue',
      'Onboarding playbooks',
      'Knowledge base',
      'Products',
      'Applications',
      'Underwriting',
      'Exams',
      'Policies',
      'Grace and lapse',
      'Renewals due',
      'Claims',
      'Overdue',
      'Finance',
      'Reconciliation',
      'Collections',
      'Analytics',
      'Reports',
      'Users',
      'Branches',
      'Approval limits',
      'Audit',
      'Outbox',
      'Phone lines',
      'System health',
    ],
  },
  {
    email: 'manager@demo.test',
    entries: [
      'Home',
      'Customers',
      'My work',
      'Team queue',
      'Knowledge base',
      'Products',
      'Applications',
      'Underwriting',
      'Exams',
      'Policies',
      'Grace and lapse',
      'Renewals due',
      'Claims',
      'Overdue',
      'Finance',
      'Collections',
      'Analytics',
      'Reports',
      'Users',
      'Branches',
      'Approval limits',
      'Audit',
      'Phone lines',
    ],
  },
  {
    email: 'senior@demo.test',
    entries: [
      'Home',
      'Customers',
      'My work',
      'Team queue',
      'Knowledge base',
      'Products',
      'Applications',
      'Underwriting',
      'Exams',
      'Policies',
      'Grace and lapse',
      'Renewals due',
      'Claims',
      'Overdue',
      'Collections',
      'Analytics',
      'Reports',
      'Branches',
      'Approval limits',
    ],
  },
  {
    email: 'agent@demo.test',
    entries: [
      'Home',
      'Customers',
      'My work',
      'Knowledge base',
      'Products',
      'Applications',
      'Exams',
      'Policies',
      'Grace and lapse',
      'Renewals due',
      'Claims',
      'Overdue',
      'Collections',
      'Analytics',
      'Reports',
      'Branches',
    ],
  },
  {
    email: 'agent2@demo.test',
    entries: [
      'Home',
      'Customers',
      'My work',
      'Knowledge base',
      'Products',
      'Applications',
      'Exams',
      'Policies',
      'Grace and lapse',
      'Renewals due',
      'Claims',
      'Overdue',
      'Collections',
      'Analytics',
      'Reports',
      'Branches',
    ],
  },
  {
    email: 'finance@demo.test',
    entries: [
      'Home',
      'Customers',
      'Knowledge base',
      'Policies',
      'Grace and lapse',
      'Renewals due',
      'Overdue',
      'Finance',
      'Reconciliation',
      'Collections',
      'Analytics',
      'Reports',
      'Branches',
    ],
  },
  {
    email: 'controller@demo.test',
    entries: [
      'Home',
      'Customers',
      'Knowledge base',
      'Policies',
      'Grace and lapse',
      'Renewals due',
      'Overdue',
      'Finance',
      'Reconciliation',
      'Collections',
      'Analytics',
      'Reports',
      'Branches',
      'Approval limits',
    ],
  },
  {
    email: 'underwriter@demo.test',
    entries: [
      'Home',
      'Customers',
      'Knowledge base',
      'Products',
      'Applications',
      'Underwriting',
      'Exams',
      'Policies',
      'Grace and lapse',
      'Renewals due',
      'Analytics',
      'Reports',
      'Branches',
      'Approval limits',
    ],
  },
];

/** Unique per run and per call: the database is shared by the whole suite. */
function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@demo.test`;
}

const mainNavigation = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });

/** Creates a user through the API as the demo admin; answers the new user's id. */
async function createUserViaApi(request: APIRequestContext, name: string): Promise<string> {
  const { headers } = await apiSession(request, 'admin@demo.test');
  const branches = await request.get('/api/branches', { headers });
  const north = (await branches.json()).items.find((branch: { code: string }) => branch.code === 'NORTH');
  const created = await request.post('/api/users', {
    headers,
    data: { email: uniqueEmail('edit.me'), name, role: 'agent', branchId: north.id },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).user.id;
}

for (const { email, entries } of NAVIGATION_BY_LOGIN) {
  test(`${email} sees exactly the sections of their role, then logs out`, async ({ page }) => {
    await logIn(page, email, DEMO_PASSWORD);

    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
    await expect(mainNavigation(page).getByRole('link')).toHaveText(entries);

    await logOut(page);
  });
}

test('a wrong password is refused with a clear message and the login page stays', async ({ page }) => {
  // An email without an account: wrong passwords must not count towards locking a demo account.
  await logIn(page, 'nobody@demo.test', 'Not-the-right-password-1');

  await expect(page.getByRole('alert')).toContainText('Email or password is incorrect');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
});

test('a new user logs in with the temporary password and must choose their own before anything else', async ({ page }) => {
  const email = uniqueEmail('new.agent');
  const name = 'Nora Newcomer';

  await logIn(page, 'admin@demo.test', DEMO_PASSWORD);
  await mainNavigation(page).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('dialog', { name: 'New user' });
  await form.getByRole('textbox', { name: 'Email' }).fill(email);
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('combobox', { name: 'Branch', exact: true }).click();
  await page.getByRole('option', { name: 'North' }).click();
  await form.getByRole('button', { name: 'Create user' }).click();

  const issued = page.getByRole('dialog', { name: 'User created' });
  const temporaryPassword = await issued.getByRole('textbox', { name: 'Temporary password' }).inputValue();
  expect(temporaryPassword).not.toBe('');
  await issued.getByRole('button', { name: 'Done' }).click();
  await logOut(page);

  await logIn(page, email, temporaryPassword);
  await expect(page).toHaveURL(/\/change-password/);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();

  // Every other page sends the user back until the password is changed.
  for (const path of ['/', '/branches']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/change-password/);
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  }

  await page.goto('/change-password');
  const newPassword = 'Quiet harbour lanterns 42';
  await page.getByLabel('Current password', { exact: true }).fill(temporaryPassword);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat new password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: `Welcome, ${name}` })).toBeVisible();
});

test("an admin renames a user and sees the change in the user's history and in the audit log", async ({ page, request }) => {
  const oldName = `Rita Rename ${Date.now()}`;
  const newName = `${oldName} Jr`;
  const userId = await createUserViaApi(request, oldName);

  await logIn(page, 'admin@demo.test', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/users/${userId}`);
  await expect(page.getByRole('heading', { name: oldName, level: 1 })).toBeVisible();

  const details = page.getByRole('form', { name: `Edit ${oldName}` });
  await details.getByRole('textbox', { name: 'Name' }).fill(newName);
  await details.getByRole('button', { name: 'Save changes' }).click();

  await expect(page.getByRole('heading', { name: newName, level: 1 })).toBeVisible();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByText('User changed')).toBeVisible();
  await expect(history.getByText(newName)).toBeVisible();

  await history.getByRole('link', { name: 'Open in audit log' }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?.*entityId=${userId}`));
  await page.getByRole('button', { name: /^Show details of User changed/ }).click();
  const changes = page.getByRole('table').getByRole('table');
  await expect(changes.getByRole('row', { name: /Name/ })).toContainText(oldName);
  await expect(changes.getByRole('row', { name: /Name/ })).toContainText(newName);
});
