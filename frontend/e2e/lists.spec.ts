/// <reference types="node" />
// The record lists as agents work them (issue 16): sort by a column header, the count above the
// list, customer names that open the customer, breadcrumbs on record pages, CSV export for managers.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Download, Page } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn } from './support/session';

const AGENT = 'agent@demo.test';
const MANAGER = 'manager@demo.test';

/** The text of one column of a table's rows. */
async function column(page: Page, table: string, index: number): Promise<string[]> {
  return page.getByRole('table', { name: table }).locator(`tbody tr td:nth-child(${index})`).allInnerTexts();
}

test('an agent sorts the customers by a column header, sees the count, and opens a customer from the list', async ({ page, request }) => {
  const agent = await apiSession(request, AGENT);
  const stem = uniqueSurname('Listing');
  // Created out of name order, so the list's order is the sort's doing (different people: no duplicate warning).
  // One date of birth no demo customer is likely to have: the search below is narrowed by it, since a
  // name search also finds similar names (earlier runs' customers).
  const dateOfBirth = `19${30 + Math.floor(Math.random() * 30)}-0${1 + Math.floor(Math.random() * 9)}-${10 + Math.floor(Math.random() * 18)}`;
  const people = { a: 'Robin', b: 'Casey', c: 'Jordan' } as const;
  const name = (suffix: keyof typeof people) => `${people[suffix]} ${stem}${suffix}`;
  for (const suffix of ['b', 'c', 'a'] as const) await createCustomer(request, agent, { firstName: people[suffix], lastName: `${stem}${suffix}`, dateOfBirth });

  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/customers?q=${stem}&dateOfBirth=${dateOfBirth}`);
  await expect(page.getByTestId('list-count')).toHaveText('3 customers');
  const nameHeader = page.getByRole('columnheader', { name: 'Name' });

  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/[?&]sort=name\b/);
  await expect.poll(() => column(page, 'Customers', 2)).toEqual([name('a'), name('b'), name('c')]);

  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/[?&]sort=-name\b/);
  await expect.poll(() => column(page, 'Customers', 2)).toEqual([name('c'), name('b'), name('a')]);
  await expect(page.getByRole('columnheader', { name: 'Number' })).toHaveAttribute('aria-sort', 'none');

  // The name opens the customer; the record page says where it sits.
  await page.getByRole('link', { name: name('b') }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(crumbs.getByText(name('b'))).toHaveAttribute('aria-current', 'page');
});

test('an agent sorts the applications by number both ways, sees the count, opens a customer from a row; no export button for agents', async ({ page, request }) => {
  const agent = await apiSession(request, AGENT);
  const lastName = uniqueSurname('Applist');
  const customer = await createCustomer(request, agent, { firstName: 'Dana', lastName });
  const products = await (await request.get('/api/products', { headers: agent.headers })).json();
  const termLife = products.items.find((p: { name: string }) => p.name === 'Level Term Life');
  const quote = await (
    await request.post('/api/quotes', {
      headers: agent.headers,
      data: { customerId: customer.id, productId: termLife.id, coverages: [{ code: 'DEATH', sumInsured: 25_000_000 }], termYears: 20, paymentFrequency: 'monthly', save: true },
    })
  ).json();
  const order = await request.post('/api/orders', { headers: agent.headers, data: { quoteId: quote.id } });
  expect(order.status()).toBe(201);

  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto('/orders');
  await expect(page.getByTestId('list-count')).toHaveText(/^(\d+ applications?|More than 100 applications)$/);
  await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
  const numberHeader = page.getByRole('columnheader', { name: 'Application' });
  await numberHeader.getByRole('button').click();
  await expect(numberHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/[?&]sort=orderNumber\b/);
  await expect
    .poll(async () => {
      const numbers = await column(page, 'Applications', 1);
      return numbers.length > 1 && numbers.join() === [...numbers].sort().join();
    })
    .toBe(true);
  await numberHeader.getByRole('button').click();
  await expect(numberHeader).toHaveAttribute('aria-sort', 'descending');
  await expect
    .poll(async () => {
      const numbers = await column(page, 'Applications', 1);
      return numbers.length > 1 && numbers.join() === [...numbers].sort().reverse().join();
    })
    .toBe(true);

  // The customer's name in a row opens the customer, not the application.
  await page.goto(`/orders?customerId=${customer.id}`);
  await expect(page.getByTestId('list-count')).toHaveText('1 application');
  await page
    .getByRole('table', { name: 'Applications' })
    .getByRole('link', { name: `Dana ${lastName}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
});

test('a manager exports the applications as CSV with the list filter; the application page has breadcrumbs', async ({ page, request }) => {
  const agent = await apiSession(request, AGENT);
  const lastName = uniqueSurname('Export');
  const customer = await createCustomer(request, agent, { firstName: 'Eli', lastName });
  const products = await (await request.get('/api/products', { headers: agent.headers })).json();
  const termLife = products.items.find((p: { name: string }) => p.name === 'Level Term Life');
  const quote = await (
    await request.post('/api/quotes', {
      headers: agent.headers,
      data: { customerId: customer.id, productId: termLife.id, coverages: [{ code: 'DEATH', sumInsured: 25_000_000 }], termYears: 20, paymentFrequency: 'monthly', save: true },
    })
  ).json();
  const order = await (await request.post('/api/orders', { headers: agent.headers, data: { quoteId: quote.id } })).json();

  await logIn(page, MANAGER);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/orders?customerId=${customer.id}`);
  await expect(page.getByTestId('list-count')).toHaveText('1 application');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^policydesk-applications-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs
    .readFileSync((await file.path())!, 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toMatch(/^orderNumber,status,customerNumber,customerName,/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`${order.orderNumber},draft,${customer.customerNumber},Eli ${lastName},`);
  await expect(page.getByText('1 row exported.')).toBeVisible();

  await page.getByRole('link', { name: order.orderNumber }).click();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link', { name: 'Applications' })).toHaveAttribute('href', '/orders');
  await expect(crumbs.getByText(order.orderNumber)).toHaveAttribute('aria-current', 'page');
});

test('the exam worklist: a manager sees the count, hides finished exams by default, and may export', async ({ page }) => {
  await logIn(page, MANAGER);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto('/exams');
  await expect(page.getByRole('heading', { name: 'Medical exams' })).toBeVisible();
  await expect(page.getByTestId('list-count')).toHaveText(/^(No exams|\d+ exams?|More than 100 exams)$/);
  const showFinished = page.getByRole('switch', { name: 'Show finished' });
  await expect(showFinished).not.toBeChecked();
  await showFinished.click();
  await expect(showFinished).toBeChecked();
  await expect(page).toHaveURL(/showFinished=true/);
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  const dueHeader = page.getByRole('columnheader', { name: 'Due' });
  if (await dueHeader.count()) {
    await dueHeader.getByRole('button').click();
    await expect(dueHeader).toHaveAttribute('aria-sort', 'ascending');
    await page.getByRole('button', { name: 'Most urgent first' }).click();
    await expect(dueHeader).toHaveAttribute('aria-sort', 'none');
  }
});

test('the product, user and case pages say where they sit, with breadcrumbs that lead back', async ({ page, request }) => {
  const admin = await apiSession(request, 'admin@demo.test');
  const products = (await (await request.get('/api/products', { headers: admin.headers })).json()).items as { id: string; name: string }[];
  const product = products[0]!;
  const users = (await (await request.get('/api/users?limit=5', { headers: admin.headers })).json()).items as { id: string; name: string }[];
  const user = users[0]!;

  await logIn(page, 'admin@demo.test');
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });

  await page.goto(`/products/${product.id}`);
  await expect(crumbs.getByText(product.name)).toHaveAttribute('aria-current', 'page');
  await expect(crumbs.getByRole('link', { name: 'Products' })).toHaveAttribute('href', '/products');

  await page.goto(`/users/${user.id}`);
  await expect(crumbs.getByText(user.name)).toHaveAttribute('aria-current', 'page');
  await crumbs.getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/users$/);

  // A case sits under its customer; the agent who opened it follows the crumb to the customer.
  const agent = await apiSession(request, AGENT);
  const lastName = uniqueSurname('Crumbs');
  const customer = await createCustomer(request, agent, { firstName: 'Cora', lastName });
  const created = await request.post('/api/cases', { headers: agent.headers, data: { type: 'question', subject: `Crumbs for ${lastName}`, customerId: customer.id } });
  expect(created.status()).toBe(201);
  const kase = await created.json();
  await page.context().clearCookies();
  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/cases/${kase.id}`);
  await expect(crumbs.getByText(`Case ${kase.caseNumber}`)).toHaveAttribute('aria-current', 'page');
  await expect(crumbs.getByRole('link', { name: 'Customers' })).toHaveAttribute('href', '/customers');
  await crumbs.getByRole('link', { name: `Cora ${lastName}` }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
});

/** The lines of a downloaded CSV (the export ends each with CRLF). */
async function csvLines(download: Download): Promise<string[]> {
  return fs
    .readFileSync((await download.path())!, 'utf8')
    .trimEnd()
    .split('\r\n');
}

test('a manager exports the policies of one customer and the exam worklist as CSV; agents get no export button', async ({ page, request }) => {
  const manager = await apiSession(request, MANAGER);
  const policies = (await (await request.get('/api/policies?limit=100', { headers: manager.headers })).json()).items as {
    policyNumber: string;
    customer: { id: string };
  }[];
  expect(policies.length).toBeGreaterThan(0);
  const customerId = policies[0]!.customer.id;
  const theirs = (await (await request.get(`/api/policies?customerId=${customerId}&limit=100`, { headers: manager.headers })).json()).items as { policyNumber: string }[];

  await logIn(page, MANAGER);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/policies?customerId=${customerId}`);
  await expect(page.getByTestId('list-count')).toHaveText(theirs.length === 1 ? '1 policy' : `${theirs.length} policies`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^policydesk-policies-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = await csvLines(file);
  expect(lines[0]).toMatch(/^policyNumber,status,customerNumber,customerName,/);
  // The list's filter went with it: the customer's policies, no others.
  expect(
    lines
      .slice(1)
      .map((line) => line.split(',')[0])
      .sort(),
  ).toEqual(theirs.map((p) => p.policyNumber).sort());

  await page.goto('/exams');
  await expect(page.getByTestId('list-count')).toBeVisible();
  const examDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const exams = await examDownload;
  expect(exams.suggestedFilename()).toMatch(/^policydesk-exams-\d{4}-\d{2}-\d{2}\.csv$/);
  expect((await csvLines(exams))[0]).toContain('status');

  await page.context().clearCookies();
  await logIn(page, AGENT);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto('/policies');
  await expect(page.getByTestId('list-count')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
});
