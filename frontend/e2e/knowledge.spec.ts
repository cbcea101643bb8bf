// The knowledge base on a case, at desktop size: a senior agent writes a public article and a
// manager publishes it; an agent working a case about that question finds it among the case's
// suggestions, opens it, links it to the case and sends it to the customer, who gets it through the
// outbox. The help button opens the agent's manual at the section for the case page.
import { expect, test } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn } from './support/session';

test('an agent on a case opens a suggested article, links it to the case and sends it to the customer', async ({ page, request }) => {
  test.setTimeout(150_000);
  const writer = await apiSession(request, 'senior@demo.test');
  const reviewer = await apiSession(request, 'manager@demo.test');
  const agent = await apiSession(request, 'agent@demo.test');
  const lastName = uniqueSurname('Reader');
  const word = `zq${lastName.toLowerCase().replace(/[^a-z]/g, '')}`;

  const categories = await (await request.get('/api/knowledge/categories', { headers: writer.headers })).json();
  const billing = categories.items.find((c: { key: string }) => c.key === 'billing');
  const created = await request.post('/api/knowledge/articles', {
    headers: writer.headers,
    data: {
      slug: `direct-debit-${word}`,
      title: `Changing the direct debit date ${word}`,
      body: `## New date\n\nCall us or write to us; the new **debit date** applies from the next invoice.\n\n<script>alert("x")</script>`,
      categoryId: billing.id,
      audience: 'customers',
      tags: ['direct debit'],
    },
  });
  expect(created.status()).toBe(201);
  const article = await created.json();
  const submitted = await request.post(`/api/knowledge/articles/${article.id}/submit`, { headers: { ...writer.headers, 'If-Match': `"${article.version}"` }, data: {} });
  expect(submitted.status()).toBe(200);
  const publish = await request.post(`/api/knowledge/articles/${article.id}/publish`, {
    headers: { ...reviewer.headers, 'If-Match': `"${(await submitted.json()).version}"` },
    data: {},
  });
  expect(publish.status()).toBe(200);

  const customer = await createCustomer(request, agent, { firstName: 'Odile', lastName });
  const opened = await request.post('/api/cases', {
    headers: agent.headers,
    data: { type: 'billing_question', subject: `Move the direct debit date ${word}`, customerId: customer.id, assigneeId: agent.user.id },
  });
  expect(opened.status()).toBe(201);
  const kase = await opened.json();

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/cases/${kase.id}`);
  const panel = page.getByRole('region', { name: 'Knowledge' });
  const suggestion = panel.getByRole('listitem', { name: article.title });
  await expect(suggestion).toBeVisible();

  // Open it: the article reads as written, with the script shown as text, never run.
  await suggestion.getByRole('link', { name: article.title }).click();
  await expect(page.getByRole('heading', { name: article.title, level: 1 })).toBeVisible();
  const body = page.getByLabel('Article', { exact: true });
  await expect(body.getByRole('heading', { name: 'New date' })).toBeVisible();
  await expect(body).toContainText('<script>alert("x")</script>');
  await expect(body.locator('script')).toHaveCount(0);
  await page.getByRole('button', { name: 'Helpful', exact: true }).click();
  await expect(page.getByLabel('Figures')).toContainText('Helpful: 1');
  await page.goBack();

  // Link it, then send it.
  await expect(suggestion).toBeVisible();
  await suggestion.getByRole('button', { name: `Link ${article.title} to the case` }).click();
  const linked = panel.getByLabel('Linked articles');
  await expect(linked.getByRole('link', { name: article.title })).toBeVisible();
  await linked.getByRole('button', { name: `Send ${article.title} to the customer` }).click();
  const dialog = page.getByRole('dialog', { name: 'Send the article to the customer' });
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByLabel('Articles sent to the customer')).toContainText(article.title);

  // The message waits in the outbox for the customer, and the article counts its link and send.
  const sent = await (await request.get(`/api/cases/${kase.id}/knowledge`, { headers: agent.headers })).json();
  expect(sent.sent).toHaveLength(1);
  const figures = (await (await request.get(`/api/knowledge/articles/${article.id}`, { headers: agent.headers })).json()).figures;
  expect(figures).toMatchObject({ caseLinks: 1, sends: 1, helpful: 1 });

  // Help opens the agent's manual at the case page's section.
  await page.getByRole('link', { name: 'Help for this page' }).click();
  await expect(page).toHaveURL(/\/knowledge\/articles\/manual-agent#section-working-a-case$/);
  await expect(page.getByRole('heading', { name: 'Working a case' })).toBeVisible();
});
