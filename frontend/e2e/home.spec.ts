import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { draftApplication } from './support/orders';
import { apiSession, logIn } from './support/session';
import type { ApiSession } from './support/session';

/** What a home tile should read for a capped list the API answers: exact, or "more than 100". */
async function expectedCount(request: APIRequestContext, session: ApiSession, path: string): Promise<string> {
  const response = await request.get(path, { headers: session.headers });
  expect(response.ok()).toBe(true);
  const page = await response.json();
  return page.nextCursor ? `more than ${page.items.length}` : String(page.items.length);
}

const today = (page: Page) => page.getByRole('region', { name: 'Waiting for you today' });

test('an agent’s home counts their applications and overdue exams, and a count opens its list', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const order = await draftApplication(request, agent);
  const drafts = await expectedCount(request, agent, '/api/orders?status=draft&limit=100');
  const waiting = await expectedCount(request, agent, '/api/orders?status=info_requested&limit=100');
  const overdue = await expectedCount(request, agent, '/api/exams?overdue=true&limit=100');

  await logIn(page, 'agent@demo.test');
  await expect(today(page).getByRole('link', { name: `Applications waiting for information: ${waiting}`, exact: true })).toBeVisible();
  await expect(today(page).getByRole('link', { name: `Overdue medical exams: ${overdue}`, exact: true })).toBeVisible();
  // Underwriting is not an agent's work.
  await expect(today(page).getByRole('link', { name: /^Applications awaiting a decision/ })).toHaveCount(0);
  await expect(today(page).getByRole('link', { name: /this week/ })).toHaveCount(0);

  await today(page)
    .getByRole('link', { name: `Applications not yet submitted: ${drafts}`, exact: true })
    .click();
  await expect(page).toHaveURL(/\/orders\?status=draft$/);
  await expect(page.getByRole('link', { name: order.orderNumber })).toBeVisible();
});

test('an agent’s home counts renewals awaiting the customer and what is open and overdue in My work, each opening its list', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  // One overdue task of the agent's own, so the overdue count has something in it.
  const lastName = uniqueSurname('Hometask');
  const customer = await createCustomer(request, agent, { firstName: 'Orla', lastName });
  const task = await request.post('/api/tasks', {
    headers: agent.headers,
    data: { title: `Call Orla ${lastName} back`, dueAt: new Date(Date.now() - 3_600_000).toISOString(), assigneeId: agent.user.id, links: [{ kind: 'customer', id: customer.id }] },
  });
  expect(task.status()).toBe(201);
  const renewals = await expectedCount(request, agent, '/api/policies/renewals?status=offered&limit=100');
  const work = (await (await request.get('/api/my-work', { headers: agent.headers })).json()).counts as { open: number; overdue: number };
  expect(work.overdue).toBeGreaterThanOrEqual(1);

  await logIn(page, 'agent@demo.test');
  await expect(today(page).getByRole('link', { name: `Open items in My work: ${work.open}`, exact: true })).toBeVisible();
  await expect(today(page).getByRole('link', { name: `Overdue items in My work: ${work.overdue}`, exact: true })).toBeVisible();
  await today(page)
    .getByRole('link', { name: `Renewals awaiting the customer: ${renewals}`, exact: true })
    .click();
  await expect(page).toHaveURL(/\/policies\/renewals\?status=offered$/);
  await expect(page.getByRole('heading', { name: 'Renewals due', level: 1 })).toBeVisible();

  await page.goBack();
  await today(page)
    .getByRole('link', { name: /^Overdue items in My work: / })
    .click();
  await expect(page).toHaveURL(/\/my-work$/);
  await expect(
    page
      .getByRole('table', { name: 'My work' })
      .getByRole('row')
      .filter({ hasText: `Call Orla ${lastName} back` }),
  ).toBeVisible();
});

test('an underwriter’s home has no renewals or My work tiles: neither is their work', async ({ page }) => {
  await logIn(page, 'underwriter@demo.test');
  await expect(today(page).getByRole('link', { name: /^Applications awaiting a decision: / })).toBeVisible();
  await expect(today(page).getByRole('link', { name: /^Renewals awaiting the customer/ })).toHaveCount(0);
  await expect(today(page).getByRole('link', { name: /in My work: / })).toHaveCount(0);
});

test('an underwriter’s home shows the queue by priority and age; a manager’s shows the approvals waiting', async ({ page, request }) => {
  const underwriter = await apiSession(request, 'underwriter@demo.test');
  const queue = (await (await request.get('/api/underwriting/queue?limit=100', { headers: underwriter.headers })).json()).items as { priority: string }[];
  const capped = (count: number) => (queue.length >= 100 ? `more than ${count}` : String(count));

  await logIn(page, 'underwriter@demo.test');
  await expect(today(page).getByRole('link', { name: `High priority (referrals, large sums): ${capped(queue.filter((i) => i.priority === 'high').length)}` })).toBeVisible();
  await expect(today(page).getByRole('link', { name: /^Waiting 5 business days or more: / })).toBeVisible();
  await today(page)
    .getByRole('link', { name: `Applications awaiting a decision: ${capped(queue.length)}` })
    .click();
  await expect(page).toHaveURL(/\/underwriting$/);
  await expect(page.getByRole('heading', { name: 'Underwriting', level: 1 })).toBeVisible();

  const manager = await apiSession(request, 'manager@demo.test');
  const week = await (await request.get('/api/orders/week-figures', { headers: manager.headers })).json();
  await page.context().clearCookies();
  await logIn(page, 'manager@demo.test');
  await expect(today(page).getByRole('link', { name: /^Applications awaiting a decision: \d+/ })).toBeVisible();
  await expect(today(page).getByRole('link', { name: `Submitted this week: ${week.submitted}`, exact: true })).toBeVisible();
  await expect(today(page).getByRole('link', { name: `Decided this week: ${week.decided}`, exact: true })).toBeVisible();
  await today(page)
    .getByRole('link', { name: `Policies issued this week: ${week.policiesIssued}`, exact: true })
    .click();
  await expect(page).toHaveURL(/\/policies$/);
});

test('a customer tab the role may not see says so instead of showing a blank panel', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const customer = await createCustomer(request, agent, { firstName: 'Tabitha', lastName: uniqueSurname('Tabs'), dateOfBirth: '1980-04-04' });

  await logIn(page, 'agent@demo.test');
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/customers/${customer.id}/history`);
  await expect(page.getByRole('heading', { name: 'Not available for your role' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'History' })).toHaveCount(0);
});

test('the customer overview shows policies and applications above the risk score', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const order = await draftApplication(request, agent);
  const detail = await (await request.get(`/api/orders/${order.id}`, { headers: agent.headers })).json();

  await logIn(page, 'agent@demo.test');
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/customers/${detail.customer.id}`);
  const records = page.getByRole('region', { name: 'Policies, claims and other records' });
  const risk = page.getByRole('region', { name: 'Risk score' });
  await expect(records.getByRole('link', { name: order.orderNumber })).toBeVisible();
  await expect(risk).toBeVisible();
  const recordsTop = (await records.boundingBox())!.y;
  const riskTop = (await risk.boundingBox())!.y;
  expect(recordsTop).toBeLessThan(riskTop);
});

test('the audit log names records by their business numbers and links to them', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const order = await draftApplication(request, agent);
  const detail = await (await request.get(`/api/orders/${order.id}`, { headers: agent.headers })).json();

  await logIn(page, 'manager@demo.test');
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`/audit?entityType=customer&entityId=${detail.customer.id}`);
  await expect(page.getByRole('link', { name: `Customer ${detail.customer.customerNumber}` }).first()).toBeVisible();
  await page.goto(`/audit?entityType=order&entityId=${order.id}`);
  await page
    .getByRole('link', { name: `Application ${order.orderNumber}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));

  // A quote (Q-) and a policy (P-) the same way.
  await page.goto(`/audit?entityType=quote&entityId=${detail.quoteId}`);
  await page
    .getByRole('link', { name: `Quote ${detail.quoteNumber}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/customers/${detail.customer.id}/quotes/${detail.quoteId}$`));
  const manager = await apiSession(request, 'manager@demo.test');
  const policy = (await (await request.get('/api/policies?limit=1', { headers: manager.headers })).json()).items[0] as { id: string; policyNumber: string };
  await page.goto(`/audit?entityType=policy&entityId=${policy.id}`);
  await page
    .getByRole('link', { name: `Policy ${policy.policyNumber}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/policies/${policy.id}$`));
});
