// Onboarding progress where the agent looks: a recently issued demo policy's page shows its playbook
// with each milestone (due, overdue or done, and whose it is); when a milestone's task is done the
// progress moves on; the customer's 360° view shows the playbook's progress and leads to the policy.
import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/accessibility';
import { apiSession, logIn } from './support/session';

interface Playbook {
  name: string;
  customerId: string;
  policyId: string;
  progress: { done: number; total: number };
  milestones: { title: string; taskId: string; status: string }[];
}

test('the policy page and the customer’s 360° view show the onboarding playbook’s progress, and it moves when a milestone is done', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const policies = (await (await request.get('/api/policies?status=active&limit=100', { headers: agent.headers })).json()).items as { id: string }[];
  let playbook: Playbook | undefined;
  for (const p of policies) {
    const list = (await (await request.get(`/api/service/playbooks?policyId=${p.id}`, { headers: agent.headers })).json()).items as Playbook[];
    playbook = list.find((x) => x.milestones.some((m) => m.status === 'open'));
    if (playbook) break;
  }
  expect(playbook, 'a demo policy with an onboarding playbook still under way').toBeTruthy();
  const { name, policyId, customerId, progress, milestones } = playbook!;
  const wording = (done: number) => (done === progress.total ? `All ${progress.total} done` : `${done} of ${progress.total} done`);

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${policyId}`);
  const onboarding = page.getByRole('region', { name: 'Onboarding' });
  await expect(onboarding).toContainText(name);
  await expect(onboarding).toContainText(wording(progress.done));
  const items = onboarding.getByRole('listitem');
  await expect(items).toHaveCount(milestones.length);
  for (const m of milestones) await expect(onboarding).toContainText(m.title);
  expect(await seriousViolations(page)).toEqual([]);

  // The first open milestone's task is done (as from My work): the panel counts it.
  const open = milestones.find((m) => m.status === 'open')!;
  const task = await (await request.get(`/api/tasks/${open.taskId}`, { headers: agent.headers })).json();
  const done = await request.post(`/api/tasks/${open.taskId}/complete`, {
    headers: { ...agent.headers, 'if-match': `"${task.version}"` },
    data: { outcome: 'Welcomed the customer; explained the policy pack' },
  });
  expect(done.status()).toBe(200);
  await page.reload();
  await expect(onboarding).toContainText(wording(progress.done + 1));
  await expect(items.filter({ hasText: open.title })).toContainText(/Done/);

  // The customer's 360° view: the playbook's progress, leading to the policy.
  await page.goto(`/customers/${customerId}`);
  const section = page.getByRole('list', { name: 'Onboarding' });
  await expect(section).toContainText(wording(progress.done + 1));
  await section.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/policies/${policyId}$`));
  await expect(page.getByRole('region', { name: 'Onboarding' })).toBeVisible();
});
