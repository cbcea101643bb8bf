// The service desk: an agent sees a task that is overdue at the top of My work and marks it done;
// logs a call with the customer on screen from Ctrl/Cmd+K, and sees it arrive on top of the customer's
// timeline (filtered by kind, linking to the records);
// logs another and opens a complaint case from it, sees its clocks, sets it pending; a senior agent
// sees it in the team view; the agent resolves it and the customer answers the survey through the
// link, without logging in.
import { expect, test } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn } from './support/session';

const AGENT = 'agent@demo.test';
const SENIOR = 'senior@demo.test';

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
  const question = await request.post('/api/cases', {
    headers: agent.headers,
    data: { type: 'question', subject: `Where is my policy pack, ${lastName}?`, customerId: customer.id },
  });
  expect(question.status()).toBe(201);
  const kase = await question.json();

  await logIn(page, AGENT);
  await expect(page).not.toHaveURL(/\/login$/);
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
  // The timeline on the overview: the case on top, then the task (done since).
  const timelinePanel = page.getByRole('region', { name: 'Timeline' });
  const entries = timelinePanel.getByRole('list', { name: 'Timeline' }).getByRole('listitem');
  await expect(entries.first()).toContainText(`${kase.caseNumber}: Where is my policy pack`);
  await expect(entries.filter({ hasText: title })).toContainText('Done');
  await expect(entries.filter({ hasText: title })).toContainText(/· \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/);

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

  // Back on the customer's page, the call is on top of the timeline, with the agent's name.
  await page.goBack();
  await expect(entries.first()).toContainText('Asked about the renewal');
  await expect(entries.first()).toContainText('Phone (inbound)');
  await expect(entries.first()).toContainText(agent.user.name);
  await expect(entries).toHaveCount(3);

  // A call logged from the timeline itself arrives on top without leaving or reloading the page.
  await timelinePanel.getByRole('button', { name: 'Log a call' }).click();
  const again = page.getByRole('dialog', { name: 'Log a call' });
  await again.getByRole('textbox', { name: 'Subject' }).fill('Promised to post the pack again');
  await again.getByRole('checkbox', { name: 'Resolved on first contact' }).check();
  await again.getByRole('button', { name: 'Log' }).click();
  await expect(again).toBeHidden();
  await expect(entries.first()).toContainText('Promised to post the pack again');
  await expect(entries).toHaveCount(4);

  // Filtered to cases: only the case; back to everything: the call on top again. (A chip's radio is
  // drawn by its label, which takes the click.)
  const show = (kind: string) => timelinePanel.getByRole('radiogroup', { name: 'Show on the timeline' }).getByText(kind, { exact: true }).click();
  await show('Cases');
  await expect(timelinePanel.getByRole('radio', { name: 'Cases' })).toBeChecked();
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText(kase.caseNumber);
  await expect(timelinePanel.getByText('Asked about the renewal')).toHaveCount(0);
  await show('Claims');
  await expect(timelinePanel.getByText('No claims on the timeline.')).toBeVisible();
  await show('All');
  await expect(entries.first()).toContainText('Promised to post the pack again');

  // The case's number opens its workspace.
  await timelinePanel.getByRole('link', { name: `${kase.caseNumber}: Where is my policy pack, ${lastName}?` }).click();
  await expect(page.getByRole('heading', { name: `Case ${kase.caseNumber}: Where is my policy pack, ${lastName}?` })).toBeVisible();
});

test('an agent opens a complaint case from a call, sets it pending and resolves it; a senior agent sees it in the team view; the customer answers the survey', async ({
  page,
  request,
  browser,
}) => {
  const agent = await apiSession(request, AGENT);
  const lastName = uniqueSurname('Complainer');
  const customer = await createCustomer(request, agent, { firstName: 'Orla', lastName });

  await logIn(page, AGENT);
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole('heading', { name: new RegExp(lastName) })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByRole('textbox', { name: 'Search pages and records' }).fill('log a call');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /Log a call/ })
    .click();
  const form = page.getByRole('dialog', { name: 'Log a call' });
  await form.getByRole('textbox', { name: 'Subject' }).fill('Unhappy about the claim delay');
  await form.getByRole('combobox', { name: 'Open a case about it' }).click();
  await page.getByRole('option', { name: 'Complaint' }).click();
  await form.getByRole('button', { name: 'Log' }).click();

  // The case workspace: a complaint, its clocks counting down in business time.
  const heading = page.getByRole('heading', { name: /^Case CS-\d{6}: Unhappy about the claim delay$/ });
  await expect(heading).toBeVisible();
  const caseNumber = (await heading.textContent())!.match(/CS-\d{6}/)![0];
  const clocks = page.getByRole('list', { name: 'SLA clocks' });
  await expect(clocks.getByRole('listitem', { name: 'Acknowledgement (complaint)' })).toContainText('left');
  await expect(clocks.getByRole('listitem', { name: 'Resolution' })).toContainText(/left/);

  await page.getByRole('toolbar', { name: 'Case actions' }).getByRole('button', { name: 'Set pending' }).click();
  const pend = page.getByRole('dialog', { name: 'Set pending' });
  await pend.getByRole('textbox', { name: 'Waiting for' }).fill('The customer sends the claim letters');
  await pend.getByRole('button', { name: 'Set pending' }).click();
  await expect(clocks.getByRole('listitem', { name: 'Resolution' })).toContainText('Paused');

  // A senior agent of the branch sees it in the team queue (its first response is due within four business hours).
  const seniorContext = await browser.newContext();
  const senior = await seniorContext.newPage();
  await logIn(senior, SENIOR);
  await senior.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Team queue', exact: true }).click();
  await expect(senior.getByRole('table', { name: 'At risk and breached' }).getByRole('link', { name: new RegExp(caseNumber) })).toBeVisible();
  await seniorContext.close();

  await page.getByRole('toolbar', { name: 'Case actions' }).getByRole('button', { name: 'Resolve' }).click();
  const resolve = page.getByRole('dialog', { name: 'Resolve' });
  await resolve.getByRole('textbox', { name: 'Resolution' }).fill('Apologised; the claim was paid the same day');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(clocks.getByRole('listitem', { name: 'Resolution' })).toContainText('Met');
  // The survey's link went to the customer by email (through the outbox); the case still offers it.
  await expect(page.getByLabel('Satisfaction survey')).toContainText('sent to the customer by email; waiting for the answer');
  const link = (await page.getByLabel('Survey link').textContent())!;
  expect(link).toMatch(/\/survey\/[A-Za-z0-9_-]{43}$/);

  // The customer, not logged in, answers through the link once.
  const customerContext = await browser.newContext();
  const survey = await customerContext.newPage();
  await survey.goto(new URL(link).pathname);
  await expect(survey.getByText('How satisfied are you with how we handled your request?')).toBeVisible();
  await survey.getByRole('radio', { name: '4' }).click();
  await survey.getByRole('button', { name: 'Send' }).click();
  await expect(survey.getByText('Thank you for your answer.')).toBeVisible();
  await survey.reload();
  await expect(survey.getByText('This survey has been answered already. Thank you!')).toBeVisible();
  await customerContext.close();

  await page.reload();
  await expect(page.getByLabel('Satisfaction survey')).toContainText('answered 4/5 (through the link)');
});

test('an agent links an unknown caller’s contact on a case to the customer it turned out to be', async ({ page, request }) => {
  const agent = await apiSession(request, AGENT);
  const lastName = uniqueSurname('Linked');
  const customer = await createCustomer(request, agent, { firstName: 'Noor', lastName });
  // A case from an unknown number, with the call logged on it.
  const created = await request.post('/api/cases', { headers: agent.headers, data: { type: 'question', subject: `Caller asking about ${lastName}` } });
  expect(created.status()).toBe(201);
  const kase = await created.json();
  const call = await request.post('/api/interactions', {
    headers: agent.headers,
    data: { channel: 'phone_inbound', contactPhone: '+15125550199', subject: 'Asked about a policy', links: [{ kind: 'case', id: kase.id }] },
  });
  expect(call.status()).toBe(201);

  await logIn(page, AGENT);
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/cases/${kase.id}`);
  const row = page.getByRole('table', { name: 'Case interactions' }).getByRole('row').filter({ hasText: 'Asked about a policy' });
  await expect(row).toContainText('Unknown contact: +15125550199');
  await row.getByRole('button', { name: 'Link Asked about a policy to a customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link to a customer' });
  await dialog.getByLabel('Find the customer').fill(lastName);
  await dialog.getByRole('radio', { name: new RegExp(`Noor ${lastName}`) }).check();
  await dialog.getByRole('button', { name: 'Link' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`is now on Noor ${lastName}’s timeline`)).toBeVisible();
  await expect(row).not.toContainText('Unknown contact');
  await expect(row.getByRole('button', { name: /to a customer$/ })).toHaveCount(0);
  // On the customer's own timeline now.
  const timeline = await (await request.get(`/api/customers/${customer.id}/timeline?kind=interaction`, { headers: agent.headers })).json();
  expect(timeline.items.map((e: { title: string }) => e.title)).toContain('Asked about a policy');
});
