// A fraud referral, as the people involved see it: the demo's death claim reported the day after its
// policy started waits in the managers' queue (home tile and list filter) with each indicator and its
// reason; the adjuster can neither approve nor pay it; a manager clears it with a reason and the
// claim reads cleared. Then an adjuster refers another claim by hand, and it shows as referred.
import { expect, test } from '@playwright/test';
import { apiSession, logIn, logOut } from './support/session';

test('a manager finds the referred claim in the queue, reads its indicators and clears it; an adjuster refers another', async ({ page, request }) => {
  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  // The home tile leads to the queue: the claims with an open referral.
  await page.getByRole('link', { name: /Claims referred for fraud indicators/ }).click();
  await expect(page).toHaveURL(/referral=open/);
  const referred = page.getByRole('row').filter({ hasText: 'Referred' });
  await expect(referred.first()).toBeVisible();
  await referred
    .first()
    .getByRole('link', { name: /^CL-\d+$/ })
    .click();
  await expect(page.getByRole('heading', { name: /^Claim CL-\d+$/ })).toBeVisible();
  const claimUrl = new URL(page.url()).pathname;

  const fraud = page.getByRole('region', { name: 'Fraud indicators' });
  await expect(fraud).toContainText('Referred to a manager');
  await expect(fraud).toContainText('Loss soon after cover started or grew');
  await expect(fraud).toContainText('Claimed at or near the sum insured');
  await expect(fraud).toContainText(/The loss was \d+ days? after the policy started/);
  await expect(fraud).toContainText('Until a manager clears it, the claim is neither approved nor paid.');

  await fraud.getByRole('button', { name: 'Clear referral' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Clear referral' })).toBeDisabled();
  await dialog.getByLabel('Your reasons').fill('The hospital confirmed the date and cause of death; the policy was sold in person.');
  await dialog.getByRole('button', { name: 'Clear referral' }).click();
  await expect(dialog).toBeHidden();
  await expect(fraud).toContainText('Referral cleared');
  await expect(fraud).toContainText('The hospital confirmed the date and cause of death');
  await expect(fraud.getByRole('button', { name: 'Clear referral' })).toHaveCount(0);
  await page.goto('/claims?referral=open');
  await expect(page.locator(`a[href="${claimUrl}"]`)).toHaveCount(0);
  await logOut(page);

  // The adjuster refers a claim under investigation by hand.
  const adjuster = await apiSession(request, 'adjuster@demo.test');
  const investigating = (await (await request.get('/api/claims?status=under_investigation', { headers: adjuster.headers })).json()).items.find(
    (c: { referralStatus: string | null }) => c.referralStatus === null,
  );
  expect(investigating, 'a demo claim under investigation').toBeTruthy();
  await logIn(page, 'adjuster@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/claims/${investigating.id}`);
  await page.getByRole('button', { name: 'Refer to a manager' }).click();
  const refer = page.getByRole('dialog');
  await refer.getByLabel('What looks wrong').fill('The death certificate comes from a country the insured never travelled to.');
  await refer.getByRole('button', { name: 'Refer claim' }).click();
  await expect(refer).toBeHidden();
  const panel = page.getByRole('region', { name: 'Fraud indicators' });
  await expect(panel).toContainText('Referred to a manager');
  await expect(panel).toContainText('The death certificate comes from a country');
  await expect(page.getByRole('button', { name: 'Refer to a manager' })).toHaveCount(0);
});
