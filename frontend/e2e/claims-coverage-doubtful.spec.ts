// A claim whose coverage check fails goes to an adjuster first: the agent records and submits it (the
// caller is on the phone), the branch's adjuster gets it at once and finds it in the worklist filtered
// to doubtful coverage, with the reasons on the claim page; the worklist also reads oldest first, by age.
import { expect, test } from '@playwright/test';
import { yesterday } from './support/claims';
import { apiSession, logIn } from './support/session';

test('a doubtful claim lands in the adjuster’s own worklist, found by the Coverage filter', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const adjuster = await apiSession(request, 'adjuster@demo.test');
  const lossDate = yesterday();
  // A policy of the agent's branch in force yesterday that is not a motor one (the collision tests need those) and holds no baggage cover.
  const policies = (await (await request.get('/api/policies?status=active&limit=100', { headers: agent.headers })).json()).items as { id: string }[];
  let policyId: string | undefined;
  for (const p of policies) {
    const check = async (lossType: string) => (await request.post('/api/claims/coverage-check', { headers: agent.headers, data: { policyId: p.id, lossDate, lossType } })).json();
    const collision = await check('vehicle_collision');
    const baggage = await check('baggage');
    const failed = (baggage.checks ?? []).filter((c: { passed: boolean }) => !c.passed).map((c: { code: string }) => c.code);
    if (collision.coverageDoubtful && JSON.stringify(failed) === JSON.stringify(['LOSS_TYPE_COVERED'])) {
      policyId = p.id;
      break;
    }
  }
  expect(policyId, 'a non-motor demo policy in force').toBeTruthy();

  const created = await request.post('/api/claims', {
    headers: agent.headers,
    data: {
      policyId,
      lossDate,
      lossType: 'baggage',
      description: 'Suitcase lost on the flight home',
      location: 'Springfield airport',
      reporter: { kind: 'agent_phone', name: 'Caller on the line', phone: '(555) 201-0001' },
    },
  });
  expect(created.status()).toBe(201);
  const draft = await created.json();
  expect(draft).toMatchObject({ coverageDoubtful: true, assignee: null });
  const submitted = await request.post(`/api/claims/${draft.id}/submit`, { headers: { ...agent.headers, 'If-Match': `"${draft.version}"` }, data: {} });
  expect(submitted.status()).toBe(200);
  expect(await submitted.json()).toMatchObject({ status: 'submitted', assignee: { id: adjuster.user.id } });

  await logIn(page, 'adjuster@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/claims?assignee=me');
  await page.getByRole('combobox', { name: 'Coverage' }).click();
  await page.getByRole('option', { name: 'Coverage doubtful' }).click();
  await expect(page).toHaveURL(/coverageDoubtful=true/);
  await page.getByRole('link', { name: draft.claimNumber, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Claim ${draft.claimNumber}` })).toBeVisible();
  const check = page.getByRole('region', { name: 'Coverage check' });
  await expect(check).toContainText('Coverage doubtful: the adjuster looks at it first');
  await expect(page.getByRole('region', { name: 'Handling' })).toContainText(adjuster.user.name);

  // The covered ones are filtered out of that view, and back with the other choice.
  await page.goto('/claims?coverageDoubtful=false');
  await expect(page.getByRole('combobox', { name: 'Coverage' })).toHaveValue('Coverage checked');
  await expect(page.getByRole('link', { name: draft.claimNumber, exact: true })).toHaveCount(0);

  // The worklist by age: the oldest open claims first.
  await page.goto('/claims?status=submitted');
  await page.getByRole('combobox', { name: 'Order' }).click();
  await page.getByRole('option', { name: 'Oldest first (by age)' }).click();
  await expect(page).toHaveURL(/sort=createdAt/);
  const ages = page.getByRole('table', { name: 'Claims' }).getByRole('cell', { name: /^\d+ d$/ });
  await expect(ages.first()).toBeVisible();
  const days = (await ages.allTextContents()).map((t) => Number.parseInt(t, 10));
  expect(days.length).toBeGreaterThan(1);
  expect(days).toEqual([...days].sort((a, b) => b - a));
});
