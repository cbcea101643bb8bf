// A death claim paid to the beneficiaries by their shares, as a manager does it: the demo's approved
// death claim on a term life policy names three primary beneficiaries (50, 30 and 20%); the youngest
// share's holder died before the insured, so the amount is split between the other two by their
// shares, to the cent — one payment each, the claim settled and its reserves released.
import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/accessibility';
import { apiSession, logIn } from './support/session';

const usd = (amount: string) => `${amount} USD`;

test('a manager pays a death claim to the surviving beneficiaries by their shares, to the cent, and the claim settles', async ({ page, request }) => {
  const manager = await apiSession(request, 'manager@demo.test');
  const approved = (await (await request.get('/api/claims?status=approved', { headers: manager.headers })).json()).items.find((c: { lossType: string }) => c.lossType === 'death');
  expect(approved, 'the demo’s approved death claim').toBeTruthy();
  const surname = (approved.customer.name as string).split(' ').at(-1);

  await logIn(page, 'manager@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/claims/${approved.id}`);
  await expect(page.getByRole('heading', { name: `Claim ${approved.claimNumber}` })).toBeVisible();
  const payments = page.getByRole('region', { name: 'Payments' });
  await expect(payments).toContainText('Nothing paid yet.');

  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  const dialog = page.getByRole('dialog');
  // A death claim opens on the split by shares, the whole amount left proposed, final.
  await expect(dialog.getByRole('radio', { name: 'Beneficiaries by share' })).toBeChecked();
  const beneficiaries = dialog.getByRole('table', { name: 'Beneficiaries' });
  await expect(beneficiaries.getByRole('row')).toHaveCount(4);
  await expect(beneficiaries).toContainText(`Morgan ${surname}`);
  await expect(beneficiaries).toContainText('50%');
  await expect(dialog.getByLabel(/^Final payment/)).toBeChecked();

  // Avery died before the insured: their 20% goes to the others in proportion (50:30).
  const avery = beneficiaries.getByRole('row').filter({ hasText: `Avery ${surname}` });
  await avery.getByLabel('Died before the insured').check();
  await expect(dialog.getByLabel(`Account of Avery ${surname}`)).toBeDisabled();
  await dialog.getByLabel(`Account of Morgan ${surname}`).fill('US-021000021-000777000111');
  await dialog.getByLabel(`Account of Riley ${surname}`).fill('US-021000021-000777000222');
  // More than the approved amount is refused on the field, before anything is paid.
  await dialog.getByLabel(/^Amount/).fill('100000.01');
  await dialog.getByRole('button', { name: /^Pay [\d,.]+ USD by shares$/ }).click();
  await expect(dialog.getByText(`At most what is left to pay, ${usd('100,000.00')}`)).toBeVisible();
  // An advance of 1,000.01 that does not split evenly: 625.00625 and 375.00375 → the cent left goes
  // to the larger remainder (62,500.625 against 37,500.375 cents): 625.01 and 375.00. A double click pays once.
  await dialog.getByLabel(/^Amount/).fill('1000.01');
  await dialog.getByLabel(/^Final payment/).uncheck();
  await dialog.getByRole('button', { name: `Pay ${usd('1,000.01')} by shares` }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Paid to Morgan ${surname} ${usd('625.01')}, Riley ${surname} ${usd('375.00')}`)).toBeVisible();
  await expect(page.getByTestId('claim-status')).toHaveText('Approved');

  // The rest, final: 98,999.99 → 61,874.99 and 37,125.00 (this time Riley's remainder is the larger),
  // so each has exactly their share of 100,000.00 in all: 62,500.00 and 37,500.00.
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await dialog
    .getByRole('table', { name: 'Beneficiaries' })
    .getByRole('row')
    .filter({ hasText: `Avery ${surname}` })
    .getByLabel('Died before the insured')
    .check();
  await expect(dialog.getByLabel(/^Amount/)).toHaveValue('98,999.99');
  await dialog.getByRole('button', { name: `Pay ${usd('98,999.99')} by shares` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Paid to Morgan ${surname} ${usd('61,874.99')}, Riley ${surname} ${usd('37,125.00')}`)).toBeVisible();

  // Four payments (two per split; the double click paid once), the claim settled, nothing left in reserve.
  const rows = payments.getByRole('table', { name: 'Claim payments' }).getByRole('row');
  await expect(rows).toHaveCount(5);
  await expect(payments).not.toContainText(`Avery ${surname}`);
  await expect(payments.getByText(`Paid ${usd('100,000.00')} of ${usd('100,000.00')} approved`)).toBeVisible();
  await expect(page.getByTestId('claim-status')).toHaveText('Paid');
  await expect(page.getByRole('region', { name: 'Reserves' })).toContainText(`Outstanding ${usd('0.00')}`);
  await expect(page.getByRole('button', { name: 'Pay', exact: true })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});
