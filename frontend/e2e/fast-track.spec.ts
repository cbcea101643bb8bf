// Fast-track claims (issue 21) in the console: a claim on a product with no fast-track rule is not
// fast-tracked and the claim page says why; a manager switches fast-track off for the product from
// the version's claims settings, with a reason, and back on.
import { expect, test } from '@playwright/test';
import { yesterday } from './support/claims';
import { apiSession, logIn } from './support/session';

test('the claim page shows why a claim was not fast-tracked; a manager switches a product’s fast-track off and on', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const lossDate = yesterday();
  const policies = (await (await request.get('/api/policies?status=active&limit=20', { headers: agent.headers })).json()).items as { id: string }[];
  const policy = (await (await request.get(`/api/policies/${policies[0]!.id}`, { headers: agent.headers })).json()) as { id: string; product: { id: string; name: string } };
  const draft = await (
    await request.post('/api/claims', {
      headers: agent.headers,
      data: {
        policyId: policy.id,
        lossDate,
        lossType: 'baggage',
        description: 'Suitcase lost on the flight home',
        location: 'Springfield airport',
        reporter: { kind: 'agent_phone', name: 'Caller on the line', phone: '(555) 201-0001' },
        claimedAmount: 200_00,
      },
    })
  ).json();
  const submitted = await request.post(`/api/claims/${draft.id}/submit`, { headers: { ...agent.headers, 'If-Match': `"${draft.version}"` }, data: {} });
  expect(submitted.status()).toBe(200);
  expect((await submitted.json()).fastTrack).toMatchObject({ status: 'refused', reasons: [{ code: 'NOT_CONFIGURED' }] });

  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/claims/${draft.id}`);
  const panel = page.getByRole('region', { name: 'Fast-track' });
  await expect(panel).toContainText('Not fast-tracked: in the adjusters’ queue');
  await expect(panel).toContainText('No fast-track rule');

  await page.goto(`/products/${policy.product.id}`);
  const settings = page.getByRole('region', { name: 'Claims settings' });
  await expect(settings).toContainText('Fast-track: Off (no rule)');
  await settings.getByRole('button', { name: 'Switch fast-track off…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('A fraud ring targets small claims this month');
  await dialog.getByRole('button', { name: 'Switch off' }).click();
  await expect(settings).toContainText('Fast-track: Switched off');
  await expect(settings).toContainText('Switched off by a manager');
  await settings.getByRole('button', { name: 'Switch fast-track back on…' }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('The ring was stopped');
  await page.getByRole('dialog').getByRole('button', { name: 'Switch on' }).click();
  await expect(settings).toContainText('Fast-track: Off (no rule)');
  await expect(settings).toContainText('As each version’s rule says.');
});
