import { expect, test, type Page } from '@playwright/test';
import { apiSession, logIn } from './support/session';

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

  // Side by side, none covering the next: the demo badge used to run under the phone control.
  const row = [
    ['navigation', page.getByRole('button', { name: 'Open navigation' })],
    ['demo badge', page.getByRole('banner').getByText('Demo', { exact: true })],
    ['phone control', page.getByRole('banner').getByRole('button', { name: /^Phone: / })],
    ['search', page.getByRole('button', { name: 'Search' })],
    ['account menu', page.getByRole('button', { name: /^Account menu for / })],
  ] as const;
  for (let i = 1; i < row.length; i += 1) {
    const [beforeName, before] = row[i - 1]!;
    const [name, locator] = row[i]!;
    const left = (await before.boundingBox())!;
    const right = (await locator.boundingBox())!;
    expect(right.x, `${name} starts after ${beforeName} ends`).toBeGreaterThanOrEqual(left.x + left.width);
  }

  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByPlaceholder(/search/i)).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Account menu for / }).click();
  await expect(page.getByRole('menuitem', { name: 'Change password' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
});

/** The page does not scroll sideways: nothing is wider than the phone's screen. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `${what}: the page is no wider than the screen`).toBeLessThanOrEqual(clientWidth);
}

/** Every list page, the table it shows and its key columns (number, name, status, amount). */
const LISTS: { path: string; table: string; keys: string[] }[] = [
  { path: '/customers', table: 'Customers', keys: ['Number', 'Name', 'Status'] },
  { path: '/orders', table: 'Applications', keys: ['Application', 'Customer', 'Status', 'Premium'] },
  { path: '/underwriting', table: 'Underwriting queue', keys: ['Priority', 'Application', 'Customer and product', 'Next step'] },
  { path: '/exams', table: 'Medical exams', keys: ['Exam', 'Status', 'Customer'] },
  { path: '/policies', table: 'Policies', keys: ['Policy', 'Customer', 'Status', 'Premium'] },
  { path: '/billing/overdue', table: 'Overdue policies', keys: ['Policy', 'Customer', 'Overdue'] },
  { path: '/users', table: 'Users', keys: ['Name', 'Role', 'Status'] },
  { path: '/branches', table: 'Branches', keys: ['Code', 'Name', 'Status'] },
  { path: '/audit', table: 'Audit log', keys: ['When', 'Action', 'Record'] },
];

test('on a phone every list keeps its key columns on screen, the rest one tap away, and no page scrolls sideways', async ({ page, request }) => {
  test.setTimeout(240_000);
  await logIn(page, 'admin@demo.test');
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await expectNoSidewaysScroll(page, 'home');

  for (const list of LISTS) {
    await page.goto(list.path);
    // On a phone a list is a column of cards, one per record.
    const cards = page.getByRole('list', { name: list.table, exact: true });
    await expect(cards, `${list.path} shows its list`).toBeVisible();
    const first = cards.getByRole('listitem').first();
    await expect(first).toBeVisible();
    await expectNoSidewaysScroll(page, list.path);

    // The card shows the key columns, and only those, all on screen.
    const keyLabels = first.locator('dl[data-fields="key"] > dt');
    await expect(keyLabels, `${list.path}: key columns`).toHaveText(list.keys);
    for (const [index, key] of list.keys.entries()) {
      const value = first.locator('dl[data-fields="key"] > dd').nth(index);
      await expect(value, `${list.path}: ${key}`).toBeVisible();
      const box = (await value.boundingBox())!;
      expect(box.x, `${list.path}: ${key} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${list.path}: ${key} ends on screen`).toBeLessThanOrEqual(390);
    }

    // The rest is one tap away, beneath the key columns, and taps back closed.
    const show = first.getByRole('button', { name: /^Show details of / });
    const toggleBox = (await show.boundingBox())!;
    expect(toggleBox.x + toggleBox.width, `${list.path}: the details button is on screen`).toBeLessThanOrEqual(390);
    await show.tap();
    const details = first.locator('[data-details-of]');
    await expect(details, `${list.path}: details open`).toBeVisible();
    await expect(details.locator('dt').first()).toBeVisible();
    expect(page.url(), `${list.path}: the tap opened the details, not the record`).toContain(list.path);
    await expectNoSidewaysScroll(page, `${list.path} with a record's details open`);
    await page.screenshot({ path: `/tmp/phone-390${list.path.replace(/\//g, '-')}.png` });
    await first.getByRole('button', { name: /^Hide details of / }).tap();
    await expect(details).toHaveCount(0);
  }

  // A policy's billing: its invoices and payments are cards too, the page no wider than the phone.
  // (One that has invoices: the newest may be a trip not invoiced yet.)
  const admin = await apiSession(request, 'admin@demo.test');
  const policies = (await (await request.get('/api/policies?limit=50', { headers: admin.headers })).json()).items as { id: string }[];
  let invoiced: string | undefined;
  for (const p of policies) {
    const billing = await (await request.get(`/api/policies/${p.id}/billing`, { headers: admin.headers })).json();
    if (billing.invoices?.length) {
      invoiced = p.id;
      break;
    }
  }
  if (!invoiced) throw new Error('The demo data has no invoiced policy');
  await page.goto(`/policies/${invoiced}`);
  const invoices = page.getByRole('list', { name: 'Invoices', exact: true });
  await expect(invoices.getByRole('listitem').first()).toBeVisible();
  await expect(invoices.getByRole('listitem').first().locator('dl[data-fields="key"] > dt')).toHaveText(['Invoice', 'Total', 'Open', 'Status']);
  await expectNoSidewaysScroll(page, 'a policy page');
  await page.screenshot({ path: '/tmp/phone-390-policy.png', fullPage: true });

  // A customer's page and its quotes tab fit the phone too.
  await page.goto('/customers');
  await page.getByRole('list', { name: 'Customers', exact: true }).getByRole('listitem').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Policies, claims and other records')).toBeVisible();
  await expectNoSidewaysScroll(page, 'a customer page');
  await page.getByRole('tab', { name: 'Quotes' }).click();
  await expect(page.getByRole('region', { name: 'Saved quotes' })).toBeVisible();
  await expectNoSidewaysScroll(page, "a customer's quotes");
});
