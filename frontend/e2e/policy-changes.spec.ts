// Policy servicing from the policy page: an agent raises a sum insured, reads the re-rating
// worksheet and the pro-rata amount, issues the change, and sees the new terms, the change in the
// timeline, its invoice in billing and the new schedule to download.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { apiSession, logIn, logOut } from './support/session';

test('an agent raises the death benefit from the policy page, reads the worksheet and issues the change', async ({ page, request }) => {
  const session = await apiSession(request, 'agent@demo.test');
  const policies = (await (await request.get('/api/policies?status=active&limit=100', { headers: session.headers })).json()).items as { id: string }[];
  let target: { id: string; death: number } | undefined;
  for (const p of policies) {
    const policy = await (await request.get(`/api/policies/${p.id}`, { headers: session.headers })).json();
    const death = policy.coverages.find((c: { code: string }) => c.code === 'DEATH');
    if (policy.product.category === 'life' && death && death.sumInsured <= 400_000_00 && policy.terms.latestVersion === 1) {
      target = { id: p.id, death: death.sumInsured };
      break;
    }
  }
  if (!target) throw new Error('The demo data has no active life policy with a death benefit of at most 400,000 in the agent’s branch');
  const raised = target.death + 10_000_00;

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${target.id}`);
  const changes = page.getByRole('region', { name: 'Changes' });
  await expect(changes).toContainText('No changes since issue.');
  await changes.getByRole('button', { name: 'Change policy' }).click();

  const dialog = page.getByRole('dialog', { name: /^Change P-/ });
  const death = dialog.getByLabel(/Sum insured of Death benefit/);
  await death.fill(String(raised / 100));
  await dialog.getByLabel('Reason').fill('Customer asked for more cover after buying a house');
  await dialog.getByRole('button', { name: 'Quote the change' }).click();

  const quoted = page.getByRole('dialog', { name: /^PT-\d+: the change, priced$/ });
  await expect(quoted.getByTestId('pro-rata')).toContainText(/to pay, on one invoice/);
  await expect(quoted.getByRole('table').first()).toBeVisible();
  const newPremium = (await quoted.getByTestId('new-annual-premium').textContent())!;
  await quoted.getByRole('button', { name: 'Issue the change' }).dblclick();
  await expect(quoted).toBeHidden();
  await expect(page.getByText(/PT-\d+ issued/)).toBeVisible();

  await expect(page.getByTestId('policy-premium')).toHaveText(newPremium);
  await expect(changes.getByRole('table', { name: 'Policy changes' })).toContainText('Issued');
  await expect(changes.getByLabel('Versions of the terms')).toContainText(/Version 2 from .* — current/);
  await expect(page.getByRole('region', { name: 'Billing' }).getByRole('table', { name: 'Invoices' })).toContainText(/PT-\d+: Endorsement of/);

  // The new schedule, made with the change: version 2, downloaded as a PDF.
  const schedule = page.getByRole('region', { name: 'Policy schedule' });
  await expect(schedule.getByRole('list', { name: 'Schedule versions' })).toContainText('Version 2 (current)');
  const download = page.waitForEvent('download');
  await schedule.getByRole('button', { name: 'Download schedule', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^P-\d+-schedule-v2\.pdf$/);
  expect(
    fs
      .readFileSync((await file.path())!)
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');

  const after = await (await request.get(`/api/policies/${target.id}`, { headers: session.headers })).json();
  expect(after.terms.latestVersion).toBe(2);
  expect(after.coverages.find((c: { code: string }) => c.code === 'DEATH').sumInsured).toBe(raised);
});

test('an agent cancels a policy at the customer’s request: the settlement first, then the policy is cancelled', async ({ page, request }) => {
  const session = await apiSession(request, 'agent@demo.test');
  const policies = (await (await request.get('/api/policies?status=active&limit=100', { headers: session.headers })).json()).items as { id: string }[];
  // From the end of the list (the other test takes the first that fits): one whose newest terms are
  // already in force (a renewal accepted ahead of its date cannot be cancelled from today).
  const today = new Date().toISOString().slice(0, 10);
  let policyId: string | undefined;
  for (const p of [...policies].reverse()) {
    const policy = await (await request.get(`/api/policies/${p.id}`, { headers: session.headers })).json();
    // A life policy: the renewal journey needs the demo's offered (home) renewal left alone.
    if (policy.product.category === 'life' && policy.terms.effectiveFrom <= today) {
      policyId = p.id;
      break;
    }
  }
  if (!policyId) throw new Error('The demo data has no active policy whose terms are in force today');

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${policyId}`);
  const changes = page.getByRole('region', { name: 'Changes' });
  await changes.getByRole('button', { name: 'Cancel policy' }).click();
  const dialog = page.getByRole('dialog', { name: /^Cancel P-/ });
  await dialog.getByLabel('Note').fill('Customer found cover through their employer');
  await dialog.getByRole('button', { name: 'Work out the settlement' }).click();

  const settle = page.getByRole('dialog', { name: /^PT-\d+: cancelling P-/ });
  await expect(settle.getByTestId('settlement')).toContainText(/customer's credit|to pay|Nothing to settle/);
  await settle.getByRole('button', { name: 'Cancel the policy' }).dblclick();
  await expect(settle).toBeHidden();
  await expect(page.getByText(/P-\d+ cancelled/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText(/Cancelled/i);
  await expect(changes.getByRole('button', { name: 'Cancel policy' })).toHaveCount(0);

  const after = await (await request.get(`/api/policies/${policyId}`, { headers: session.headers })).json();
  expect(after.status).toBe('cancelled');
});

test('a raise past the medical evidence limit is referred: the underwriter accepts it from the underwriting page, and it is ready to issue', async ({ page, request }) => {
  const session = await apiSession(request, 'agent@demo.test');
  const policies = (await (await request.get('/api/policies?status=active&limit=100', { headers: session.headers })).json()).items as { id: string }[];
  let target: { id: string; number: string } | undefined;
  // The oldest that fits (the first test raises the newest): below the 500,000 medical evidence limit today.
  for (const p of [...policies].reverse()) {
    const policy = await (await request.get(`/api/policies/${p.id}`, { headers: session.headers })).json();
    const death = policy.coverages.find((c: { code: string }) => c.code === 'DEATH');
    if (policy.product.category === 'life' && death && death.sumInsured < 500_000_00) {
      target = { id: p.id, number: policy.policyNumber };
      break;
    }
  }
  if (!target) throw new Error('The demo data has no active life policy below the medical evidence limit');

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${target.id}`);
  const changes = page.getByRole('region', { name: 'Changes' });
  await changes.getByRole('button', { name: 'Change policy' }).click();
  const dialog = page.getByRole('dialog', { name: /^Change P-/ });
  await dialog.getByLabel(/Sum insured of Death benefit/).fill('600000');
  await dialog.getByLabel('Reason').fill('Mortgage cover');
  await dialog.getByRole('button', { name: 'Quote the change' }).click();
  const quoted = page.getByRole('dialog', { name: /^PT-\d+: the change, priced$/ });
  await expect(quoted.getByTestId('referral')).toContainText('Paramedical');
  await expect(quoted.getByRole('button', { name: 'Issue the change' })).toHaveCount(0);
  await quoted.getByRole('button', { name: 'Done' }).click();
  await expect(changes.getByRole('table', { name: 'Policy changes' })).toContainText('Referred');

  // The underwriter decides it from the underwriting page.
  await logOut(page);
  await logIn(page, 'underwriter@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/underwriting');
  const referred = page.getByRole('region', { name: 'Policy changes referred to you' });
  const row = referred.getByRole('row').filter({ hasText: target.number });
  await row.getByRole('button', { name: /^Accept/ }).click();
  const decide = page.getByRole('dialog', { name: /^Accept PT-/ });
  await decide.getByLabel('Note').fill('Paramedical report on file, within guidelines');
  await decide.getByRole('button', { name: 'Accept the change' }).click();
  await expect(page.getByText(/PT-\d+ accepted/)).toBeVisible();
  await expect(referred.getByRole('row').filter({ hasText: target.number })).toHaveCount(0);

  const txs = (await (await request.get(`/api/policies/${target.id}/transactions`, { headers: session.headers })).json()).items;
  expect(txs[0]).toMatchObject({ status: 'quoted', referral: { status: 'accepted' } });
});

test('a whole-life policy shows its guaranteed cash value under the premium', async ({ page, request }) => {
  const session = await apiSession(request, 'agent@demo.test');
  const policies = (await (await request.get('/api/policies?status=active&limit=100', { headers: session.headers })).json()).items as { id: string }[];
  let target: { id: string; cashValue: number; currency: string } | undefined;
  for (const p of policies) {
    const res = await request.get(`/api/policies/${p.id}/cash-value`, { headers: session.headers });
    if (res.status() === 200) {
      const body = await res.json();
      target = { id: p.id, cashValue: body.cashValue, currency: body.currency };
      break;
    }
  }
  if (!target) throw new Error('The demo data has no active whole-life policy in the agent’s branch');

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${target.id}`);
  const premium = page.getByRole('region', { name: 'Premium' });
  await expect(premium.getByTestId('cash-value')).toContainText(target.currency);
  await expect(premium).toContainText(/per 1,000 insured after \d+ months? in force/);
});

test('an agent adds a second beneficiary: shares that do not add up are caught before sending; the change costs nothing and the policy shows the new split', async ({
  page,
  request,
}) => {
  const session = await apiSession(request, 'agent@demo.test');
  const policies = (await (await request.get('/api/policies?status=active&limit=100', { headers: session.headers })).json()).items as { id: string }[];
  const today = new Date().toISOString().slice(0, 10);
  // A life policy naming exactly one primary beneficiary, on terms in force today; from the middle of
  // the list (the other journeys take the first and the last that fit theirs).
  let target: { id: string; primary: string } | undefined;
  for (const p of policies.slice(Math.floor(policies.length / 3))) {
    const policy = await (await request.get(`/api/policies/${p.id}`, { headers: session.headers })).json();
    const primaries = policy.beneficiaries.filter((b: { tier: string }) => b.tier === 'primary');
    if (policy.product.category === 'life' && primaries.length === 1 && policy.terms.effectiveFrom <= today && policy.terms.version === policy.terms.latestVersion) {
      target = { id: p.id, primary: primaries[0].name };
      break;
    }
  }
  if (!target) throw new Error('The demo data has no active life policy with one primary beneficiary in the agent’s branch');

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${target.id}`);
  await page.getByRole('region', { name: 'Changes' }).getByRole('button', { name: 'Change policy' }).click();
  const dialog = page.getByRole('dialog', { name: /^Change P-/ });
  await dialog.getByRole('radiogroup', { name: 'What changes' }).getByText('Beneficiaries', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Add a primary beneficiary' }).click();
  const second = dialog.getByRole('group', { name: 'Primary beneficiary 2' });
  await second.getByLabel('Full name').fill('Jordan Example');
  await second.getByLabel('Relationship').click();
  await page.getByRole('option', { name: 'Child' }).click();
  await second.getByLabel('Share (%)').fill('40');
  await dialog.getByLabel('Reason').fill('A child born last month');
  // 100 % + 40 %: refused on the spot, nothing quoted.
  await dialog.getByRole('button', { name: 'Quote the change' }).click();
  await expect(dialog.getByRole('alert').first()).toContainText('The primary shares add up to 140 %, not 100 %');
  await expect(page.getByRole('dialog', { name: /: the change, priced$/ })).toHaveCount(0);

  await dialog.getByRole('group', { name: 'Primary beneficiary 1' }).getByLabel('Share (%)').fill('60');
  await dialog.getByRole('button', { name: 'Quote the change' }).click();
  const quoted = page.getByRole('dialog', { name: /^PT-\d+: the change, priced$/ });
  await expect(quoted.getByTestId('pro-rata')).toHaveText('No premium change for the rest of this policy year.');
  await expect(quoted.getByRole('table', { name: 'Beneficiaries' })).toContainText('Jordan Example');
  await quoted.getByRole('button', { name: 'Issue the change' }).click();
  await expect(quoted).toBeHidden();
  await expect(page.getByText(/PT-\d+ issued/)).toBeVisible();

  const people = page.getByRole('region', { name: 'People' }).getByRole('table', { name: 'Beneficiaries' });
  await expect(people).toContainText('Jordan Example');
  await expect(people.getByRole('row', { name: new RegExp(target.primary) })).toContainText('60');
  const after = await (await request.get(`/api/policies/${target.id}`, { headers: session.headers })).json();
  expect(after.beneficiaries.map((b: { name: string; share: number }) => [b.name, b.share]).sort()).toEqual(
    [
      ['Jordan Example', 40],
      [target.primary, 60],
    ].sort(),
  );
});
