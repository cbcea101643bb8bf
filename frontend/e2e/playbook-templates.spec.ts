// Onboarding playbook templates: an admin changes the health category's milestones (the welcome call
// sooner, one milestone more) on the templates page; a playbook an agent starts afterwards from the
// customer's header (by hand, as the issue allows besides the policy issuance) makes those milestones —
// tasks due so many hours after the start, in the agent's My work.
import { expect, test } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn } from './support/session';

const ADMIN = 'admin@demo.test';
const AGENT = 'agent@demo.test';
const HOUR = 3_600_000;

interface Template {
  id: string;
  name: string;
  productCategory: string;
  milestones: { key: string; title: string; dueInHours: number }[];
}

test('an admin edits a category’s milestones; a playbook started afterwards has them', async ({ page, browser, request }) => {
  test.setTimeout(150_000);
  const stem = uniqueSurname('Questionnaire');
  const newTitle = `Health questionnaire reviewed ${stem}`;

  await logIn(page, ADMIN);
  await expect(page).not.toHaveURL(/\/login$/);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Onboarding playbooks', exact: true }).click();
  const health = page.getByRole('form', { name: 'Playbook health' });
  await expect(health.getByRole('heading', { name: 'Health' })).toBeVisible();
  const before = await health.getByRole('group', { name: /^Milestone \d+$/ }).count();

  // The welcome call within 12 hours instead of 24, and a new milestone due in 36.
  const welcome = health.getByRole('group', { name: 'Milestone 1' });
  await expect(welcome.getByRole('textbox', { name: 'Milestone' })).toHaveValue('Welcome call');
  await welcome.getByRole('textbox', { name: 'Due in hours' }).fill('12');
  await health.getByRole('button', { name: 'Add a milestone' }).click();
  const added = health.getByRole('group', { name: `Milestone ${before + 1}` });
  await added.getByRole('textbox', { name: 'Milestone' }).fill(newTitle);
  await added.getByRole('textbox', { name: 'Key' }).fill(`questionnaire_${before + 1}`);
  await added.getByRole('textbox', { name: 'Due in hours' }).fill('36');
  // A bad value is refused next to its field, and nothing is saved.
  await added.getByRole('textbox', { name: 'Key' }).fill('Not a key');
  await health.getByRole('button', { name: 'Save' }).click();
  await expect(added.getByText('Use lower-case letters, digits and _ (2–40)')).toBeVisible();
  await added.getByRole('textbox', { name: 'Key' }).fill(`questionnaire_${before + 1}`);
  await health.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Playbook saved')).toBeVisible();

  // Saved: a reload shows it.
  await page.reload();
  await expect(health.getByRole('group', { name: `Milestone ${before + 1}` }).getByRole('textbox', { name: 'Milestone' })).toHaveValue(newTitle);
  await expect(health.getByRole('group', { name: 'Milestone 1' }).getByRole('textbox', { name: 'Due in hours' })).toHaveValue('12');

  // An agent starts the health playbook by hand from the customer's header: its milestones are the edited ones.
  const agent = await apiSession(request, AGENT);
  const customer = await createCustomer(request, agent, { firstName: 'Hana', lastName: stem });
  const templates = (await (await request.get('/api/service/playbook-templates', { headers: agent.headers })).json()).items as Template[];
  const template = templates.find((t) => t.productCategory === 'health')!;
  expect(template.milestones.map((m) => [m.title, m.dueInHours])).toContainEqual(['Welcome call', 12]);
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await logIn(agentPage, AGENT);
  await expect(agentPage).not.toHaveURL(/\/login$/);
  await agentPage.goto(`/customers/${customer.id}`);
  await agentPage.getByRole('button', { name: 'Start a playbook…' }).click();
  const form = agentPage.getByRole('form', { name: 'Start a playbook' });
  // Starting without a choice says what is missing.
  await form.getByRole('button', { name: 'Start' }).click();
  await expect(form.getByText('Choose the playbook')).toBeVisible();
  await form.getByLabel('Playbook').first().click();
  await agentPage.getByRole('option', { name: `${template.name} (${template.milestones.length} milestones)` }).click();
  const startedAt = Date.now();
  await form.getByRole('button', { name: 'Start' }).click();
  await expect(agentPage.getByText('Playbook started')).toBeVisible();
  await expect(form).toBeHidden();
  const playbooks = (await (await request.get(`/api/service/playbooks?customerId=${customer.id}`, { headers: agent.headers })).json()).items as {
    trigger: string;
    milestones: { title: string; dueAt: string }[];
  }[];
  expect(playbooks).toHaveLength(1);
  const [playbook] = playbooks;
  expect(playbook!.trigger).toBe('manual');
  expect(playbook!.milestones.map((m) => m.title)).toEqual(template.milestones.map((m) => m.title));
  const dueIn = (title: string) => (Date.parse(playbook!.milestones.find((m) => m.title === title)!.dueAt) - startedAt) / HOUR;
  expect(dueIn('Welcome call')).toBeGreaterThan(11.9);
  expect(dueIn('Welcome call')).toBeLessThan(12.1);
  expect(dueIn(newTitle)).toBeGreaterThan(35.9);
  expect(dueIn(newTitle)).toBeLessThan(36.1);

  // The customer's overview counts the playbook, and the agent finds the new milestone in My work.
  await expect(agentPage.getByRole('list', { name: 'Onboarding' })).toContainText(`0 of ${template.milestones.length} done`);
  await agentPage.goto('/my-work');
  await expect(agentPage.getByRole('table', { name: 'My work' }).getByRole('row').filter({ hasText: newTitle })).toBeVisible();
  await agentContext.close();
});
