// A motor claim from first notice to settlement, prepared through the API as the desk would work it
// (the agent records the notice, the adjuster investigates and assesses, the manager approves, the
// adjuster pays the repair shop in two parts), then read on the claim page: settled, with both
// payments, to whom and how, against the approved amount.
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { collisionPolicy, yesterday } from './support/claims';
import { apiSession, logIn, type ApiSession } from './support/session';

test('a collision claim paid to the repair shop in two parts shows settled, with its payments', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const adjuster = await apiSession(request, 'adjuster@demo.test');
  const manager = await apiSession(request, 'manager@demo.test');
  const lossDate = yesterday();
  const policyId = await collisionPolicy(request, agent, lossDate);

  const step = async (session: ApiSession, claim: { id: string; version: number }, action: string, data: object = {}) => {
    const res = await request.post(`/api/claims/${claim.id}/${action}`, { headers: { ...session.headers, 'If-Match': `"${claim.version}"` }, data });
    expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
    return res.json();
  };
  const created = await request.post('/api/claims', {
    headers: agent.headers,
    data: {
      policyId,
      lossDate,
      lossType: 'vehicle_collision',
      description: 'Rear-ended at a junction',
      location: 'Main St and 5th',
      reporter: { kind: 'agent_phone', name: 'Caller on the line', phone: '(555) 201-0000' },
      claimedAmount: 3_000_00,
    },
  });
  expect(created.status()).toBe(201);
  let claim = await created.json();
  claim = await step(agent, claim, 'submit');
  claim = await step(adjuster, claim, 'start-investigation');
  claim = await step(adjuster, claim, 'assess', { lines: [{ coverage: 'COLLISION', lossAmount: 3_000_00 }], decision: 'approve', reasonCode: 'APPROVED_IN_FULL' });
  claim = await step(manager, claim, 'approve');
  const approved = claim.approvedAmount as number; // the loss less the policy's collision deductible
  const pay = (amount: number, final: boolean) =>
    request.post(`/api/claims/${claim.id}/payments`, {
      headers: { ...adjuster.headers, 'Idempotency-Key': crypto.randomUUID() },
      data: { coverage: 'COLLISION', amount, final, payee: { kind: 'repair_shop', name: 'Northside Body Works', account: 'DE89370400440532013000' }, method: 'bank_transfer' },
    });
  expect((await pay(1_000_00, false)).status()).toBe(201);
  expect((await pay(approved - 1_000_00, true)).status()).toBe(201);

  await logIn(page, 'adjuster@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/claims/${claim.id}`);
  await expect(page.getByRole('heading', { name: `Claim ${claim.claimNumber}` })).toBeVisible();
  await expect(page.getByText('Paid', { exact: true }).first()).toBeVisible();
  const payments = page.getByRole('table', { name: 'Claim payments' });
  await expect(payments.getByRole('row')).toHaveCount(3);
  await expect(payments).toContainText('Northside Body Works');
  await expect(payments).toContainText('Repair shop');
  await expect(payments).toContainText('(final)');
  await expect(page.getByText(/^Paid [\d,.]+ USD of [\d,.]+ USD approved$/)).toBeVisible();

  // The policy's page lists its claims.
  await page.goto(`/policies/${policyId}`);
  const claims = page.getByRole('region', { name: 'Claims' });
  await expect(claims.getByRole('link', { name: claim.claimNumber })).toBeVisible();
  await expect(claims).toContainText('Paid');
  await expect(claims).toContainText('Vehicle collision');
});
