// The case workspace's other actions: an agent escalates a case (with a reason; it goes to a senior
// agent), creates a follow-up task on it, and merges a second case of the same customer into it —
// the surviving case then lists both cases' interactions and tasks, and each case keeps its own
// status history.
import { expect, test } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn, type ApiSession } from './support/session';

const AGENT = 'agent@demo.test';

/** `YYYY-MM-DDTHH:mm` in the browser's zone (what a datetime-local input takes), `days` from now. */
function localInput(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

test('an agent escalates a case, creates a task on it, and merges another case of the customer into it', async ({ page, request }) => {
  test.setTimeout(150_000);
  const agent = await apiSession(request, AGENT);
  const lastName = uniqueSurname('Merger');
  const customer = await createCustomer(request, agent, { firstName: 'Tamsin', lastName });
  const open = async (session: ApiSession, subject: string) => {
    const res = await request.post('/api/cases', { headers: session.headers, data: { type: 'billing_question', subject, customerId: customer.id, assigneeId: session.user.id } });
    expect(res.status()).toBe(201);
    return (await res.json()) as { id: string; caseNumber: string };
  };
  const keep = await open(agent, `Premium doubled, ${lastName}`);
  const dupe = await open(agent, `Why is my premium higher, ${lastName}?`);
  const logCall = async (caseId: string, subject: string) => {
    const res = await request.post('/api/interactions', {
      headers: agent.headers,
      data: { channel: 'phone_inbound', customerId: customer.id, subject, links: [{ kind: 'case', id: caseId }] },
    });
    expect(res.status()).toBe(201);
  };
  await logCall(keep.id, 'First call about the premium');
  await logCall(dupe.id, 'Second call, same premium question');
  const dupeTask = `Send the premium breakdown to ${lastName}`;
  const task = await request.post('/api/tasks', {
    headers: agent.headers,
    data: {
      title: dupeTask,
      dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      assigneeId: agent.user.id,
      links: [
        { kind: 'case', id: dupe.id },
        { kind: 'customer', id: customer.id },
      ],
    },
  });
  expect(task.status()).toBe(201);

  await logIn(page, AGENT);
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/cases/${keep.id}`);
  await expect(page.getByRole('heading', { name: `Case ${keep.caseNumber}: Premium doubled, ${lastName}` })).toBeVisible();
  const actions = page.getByRole('toolbar', { name: 'Case actions' });

  // Escalate: a reason is required; the case goes up a level to a senior agent of the branch.
  await actions.getByRole('button', { name: 'Escalate' }).click();
  const escalate = page.getByRole('dialog', { name: 'Escalate' });
  await escalate.getByRole('button', { name: 'Escalate' }).click();
  await expect(escalate.getByText('Required')).toBeVisible();
  await escalate.getByRole('textbox', { name: 'Reason' }).fill('Customer threatens to cancel');
  await escalate.getByRole('button', { name: 'Escalate' }).click();
  await expect(escalate).toBeHidden();
  await expect(page.getByText('Level: Senior agent')).toBeVisible();
  await expect(page.getByText('Assigned to Sam Senior')).toBeVisible();
  await expect(page.getByLabel('Escalations')).toContainText('Agent → Senior agent (manual) — Customer threatens to cancel · by Alex Agent');

  // Create a task on the case: it is listed among the case's tasks.
  await actions.getByRole('button', { name: 'Create a task' }).click();
  const create = page.getByRole('dialog', { name: 'Create a task' });
  const ownTask = `Check the rating factors for ${lastName}`;
  await create.getByRole('textbox', { name: 'Title' }).fill(ownTask);
  await create.getByLabel('Due').fill(localInput(1));
  await create.getByRole('button', { name: 'Create a task' }).click();
  await expect(create).toBeHidden();
  const tasks = page.getByRole('table', { name: 'Case tasks' });
  await expect(tasks.getByRole('row').filter({ hasText: ownTask })).toContainText('Open');

  // Merge the duplicate into this case, from the duplicate's workspace.
  await page.goto(`/cases/${dupe.id}`);
  await expect(page.getByRole('heading', { name: new RegExp(`^Case ${dupe.caseNumber}:`) })).toBeVisible();
  await actions.getByRole('button', { name: 'Merge into…' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge into…' });
  await merge.getByRole('combobox', { name: 'Merge into' }).click();
  await page.getByRole('option', { name: new RegExp(keep.caseNumber) }).click();
  await merge.getByRole('textbox', { name: 'Why' }).fill('Same question twice');
  await merge.getByRole('button', { name: 'Merge into' }).click();
  await expect(merge).toBeHidden();
  await expect(page.getByText(`Merged into ${keep.caseNumber}.`)).toBeVisible();
  await expect(page.getByText('Closed', { exact: true }).first()).toBeVisible();
  // The merged case offers no more actions and keeps its own history (new → closed).
  await expect(actions.getByRole('button')).toHaveCount(0);
  const dupeHistory = page.getByRole('list', { name: 'Status history' });
  await expect(dupeHistory.getByRole('listitem').first()).toContainText('New by Alex Agent');
  await expect(dupeHistory).toContainText(`New → Closed by Alex Agent — Merged into ${keep.caseNumber}`);

  // The surviving case: both cases' interactions and tasks, and its own history.
  await page.getByRole('link', { name: keep.caseNumber }).click();
  await expect(page.getByRole('heading', { name: `Case ${keep.caseNumber}: Premium doubled, ${lastName}` })).toBeVisible();
  const interactions = page.getByRole('table', { name: 'Case interactions' });
  await expect(interactions.getByRole('row').filter({ hasText: 'First call about the premium' })).toHaveCount(1);
  await expect(interactions.getByRole('row').filter({ hasText: 'Second call, same premium question' })).toHaveCount(1);
  await expect(tasks.getByRole('row').filter({ hasText: ownTask })).toHaveCount(1);
  await expect(tasks.getByRole('row').filter({ hasText: dupeTask })).toHaveCount(1);
  const keepHistory = page.getByRole('list', { name: 'Status history' });
  await expect(keepHistory.getByRole('listitem').first()).toContainText('New by Alex Agent');
  await expect(keepHistory).not.toContainText('Merged into');
  // Nothing left to merge into: the merge action is offered but disabled.
  await expect(actions.getByRole('button', { name: 'Merge into…' })).toBeDisabled();
});
