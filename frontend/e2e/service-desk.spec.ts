// The service desk's first pages: an agent sees a task that is overdue at the top of My work and
// marks it done; logs a call with the customer on screen from Ctrl/Cmd+K; the call is on the
// customer's timeline.
import { expect, test } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn } from './support/session';

const AGENT = 'agent@demo.test';

test('an agent works My work and logs a call from Ctrl/Cmd+K with the customer on screen', async ({ page, request }) => {
  const agent = await apiSession(request, AGENT);
  const lastName = uniqueSurname('Caller');
  const customer = await createCustomer(request, agent, { firstName: 'Imogen', lastName });
  const title = `Call Imogen ${lastName} back`;
  const created = await request.post('/api/tasks', {
    headers: agent.headers,
    data: { title, dueAt: new Date(Date.now() - 3_600_000).toISOString(), assigneeId: agent.user.id, links: [{ kind: 'customer', id: customer.id }] },
  });
  expect(created.status()).toBe(201);

  await logIn(page, AGENT);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My work', exact: true }).click();
  const row = page.getByRole('table', { name: 'My work' }).getByRole('row').filter({ hasText: title });
  await expect(row.getByText('Overdue')).toBeVisible();
  await row.getByRole('button', { name: 'Mark done' }).click();
  const done = page.getByRole('dialog', { name: 'Mark done' });
  await done.getByRole('textbox', { name: 'Outcome' }).fill('Called back; all sorted');
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'My work' }).getByRole('row').filter({ hasText: title })).toHaveCount(0);

  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole('heading', { name: new RegExp(lastName) })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByRole('textbox', { name: 'Search pages and records' }).fill('log a call');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /Log a call/ })
    .click();
  const form = page.getByRole('dialog', { name: 'Log a call' });
  await expect(form.getByText(`Imogen ${lastName}`)).toBeVisible();
  await form.getByRole('textbox', { name: 'Subject' }).fill('Asked about the renewal');
  await form.getByRole('checkbox', { name: 'Resolved on first contact' }).check();
  await form.getByRole('button', { name: 'Log' }).click();
  await expect(page.getByText('Interaction logged')).toBeVisible();

  const timeline = await (await request.get(`/api/customers/${customer.id}/timeline`, { headers: agent.headers })).json();
  expect(timeline.items[0]).toMatchObject({ kind: 'interaction', title: 'Asked about the renewal', detail: 'phone_inbound' });
});
