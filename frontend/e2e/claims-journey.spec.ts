// The claims desk's golden path, clicked through in the console: the agent records a collision on a
// demo policy from the policy's page, submits it and uploads the photos and the repair estimate; the
// adjuster starts the investigation, verifies the documents, sets the
// reserve and assesses it (approve in full); a manager approves; the adjuster pays the repair shop in
// two parts, the second final, and the claim reads paid (settled).
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './support/accessibility';
import { collisionPolicy, yesterday } from './support/claims';
import { apiSession, logIn, logOut } from './support/session';

const usd = (amount: string) => `${amount} USD`;

const pdf = (what: string) => Buffer.from(`%PDF-1.4\n% Policydesk browser test: ${what}\n%%EOF\n`);

async function upload(page: Page, document: string, filename: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: `Upload ${document}` }).click();
  await (await chooser).setFiles({ name: filename, mimeType: 'application/pdf', buffer: pdf(filename) });
}

async function openClaimAs(page: Page, email: string, claimUrl: string) {
  await logIn(page, email);
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(claimUrl);
  await expect(page.getByRole('heading', { name: /^Claim CL-\d+$/ })).toBeVisible();
}

test('a collision claim goes from the first notice on the policy page to paid, by clicking', async ({ page, request }) => {
  // Four people log in one after another and click through the whole claim: on a busy 2-core machine
  // this took over the 90-second default.
  test.setTimeout(180_000);
  const agent = await apiSession(request, 'agent@demo.test');
  const lossDate = yesterday();
  const policyId = await collisionPolicy(request, agent, lossDate);

  // The agent, on the phone: the policy's page → Report a claim.
  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${policyId}`);
  await page.getByRole('link', { name: 'Report a claim' }).click();
  await expect(page.getByRole('heading', { name: 'Report a claim' })).toBeVisible();
  const notice = page.getByRole('form', { name: 'Report a claim' });
  await notice.getByLabel('Loss date').fill(lossDate);
  await notice.getByLabel('Time (if known)').fill('08:15');
  await notice.getByRole('combobox', { name: 'Kind of loss' }).click();
  await page.getByRole('option', { name: 'Vehicle collision' }).click();
  await notice.getByLabel('What happened').fill('Rear-ended at a junction');
  await notice.getByLabel('Where').fill('Main St and 5th');
  await notice.getByLabel(/^Amount claimed/).fill('3000');
  await notice.getByRole('combobox', { name: 'Reporter' }).click();
  await page.getByRole('option', { name: 'Agent on the phone' }).click();
  await notice.getByLabel('Name').fill('Caller on the line');
  await notice.getByLabel('Phone').fill('(555) 201-0000');
  await notice.getByLabel('Relationship to the policyholder').fill('spouse');
  // The coverage check, made as the notice is typed.
  const check = page.getByRole('region', { name: 'Coverage check' });
  await expect(check.getByText('Every check passed')).toBeVisible();
  await expect(check.getByLabel('Passed', { exact: true })).toHaveCount(4);
  expect(await seriousViolations(page)).toEqual([]);
  await notice.getByRole('button', { name: 'Save and submit' }).click();
  await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  const claimUrl = new URL(page.url()).pathname;
  const claimNumber = (await page.getByRole('heading', { name: /^Claim CL-\d+$/ }).textContent())!.replace('Claim ', '');
  const status = page.getByTestId('claim-status');
  await expect(status).toHaveText('Submitted');
  await expect(page.getByRole('region', { name: 'Reserves' })).toContainText(usd('3,000.00'));
  // An agent does not investigate.
  await expect(page.getByRole('button', { name: 'Start investigation' })).toHaveCount(0);
  // The photos and the repair estimate the collision needs, uploaded while the caller is still on the line.
  const documents = page.getByRole('region', { name: 'Documents' });
  await expect(documents).toContainText('0 of 2 verified');
  await upload(page, 'Photos of the damage', 'photos.pdf');
  await upload(page, 'Repair estimate', 'estimate.pdf');
  await expect(documents.getByRole('group', { name: 'Photos of the damage' })).toContainText('Uploaded');
  await expect(documents.getByRole('group', { name: 'Repair estimate' })).toContainText('Uploaded');
  await expect(documents.getByRole('button', { name: 'Verify Repair estimate' })).toHaveCount(0);
  await logOut(page);

  // The adjuster finds it in the worklist (submitted, nobody's yet), investigates, raises the reserve and assesses.
  await logIn(page, 'adjuster@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Claims', exact: true }).click();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Submitted', exact: true }).click();
  await page.getByRole('combobox', { name: 'Adjuster' }).click();
  await page.getByRole('option', { name: 'Unassigned' }).click();
  await expect(page).toHaveURL(/status=submitted/);
  await expect(page).toHaveURL(/assignee=unassigned/);
  await page.getByRole('link', { name: claimNumber, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${claimUrl}$`));
  await page.getByRole('button', { name: 'Start investigation' }).click();
  await expect(status).toHaveText('Under investigation');
  // The adjuster checks the documents: the photos are fine, the estimate is verified too.
  const checklist = page.getByRole('region', { name: 'Documents' });
  await checklist.getByRole('button', { name: 'Verify Photos of the damage' }).click();
  await checklist.getByRole('button', { name: 'Verify Repair estimate' }).click();
  await expect(checklist).toContainText('2 of 2 verified');
  // Starting the investigation of an unassigned claim assigns it to whoever starts it.
  await expect(page.getByRole('region', { name: 'Handling' })).not.toContainText('Unassigned');
  const reserves = page.getByRole('region', { name: 'Reserves' });
  await reserves.getByRole('button', { name: 'Change reserve' }).click();
  const reserveDialog = page.getByRole('dialog');
  await reserveDialog.getByLabel(/^New reserve/).fill('3500');
  await reserveDialog.getByLabel('Reason').fill('Repair estimate from the body shop');
  await reserveDialog.getByRole('button', { name: 'Change reserve' }).click();
  await expect(reserveDialog).toBeHidden();
  await expect(reserves.getByRole('table', { name: 'Reserves held' })).toContainText(usd('3,500.00'));
  await expect(reserves.getByRole('table', { name: 'Reserve changes' })).toContainText('Repair estimate from the body shop');

  await page.getByRole('button', { name: 'Assess' }).click();
  const assess = page.getByRole('dialog');
  await expect(assess.getByRole('button', { name: 'Save assessment' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await assess.getByLabel(/^Collision \(own vehicle\) — loss/).fill('3000');
  await expect(assess.getByRole('combobox', { name: 'Reason code' })).toHaveValue('Approved in full');
  await assess.getByRole('button', { name: 'Save assessment' }).click();
  await expect(assess).toBeHidden();
  await expect(status).toHaveText('Assessed');
  const assessment = page.getByRole('region', { name: 'Assessment' });
  await expect(assessment).toContainText('Approve in full');
  const payable = (await assessment.getByText(/^Payable /).textContent())!.replace('Payable ', '');
  // Four eyes: whoever assessed it does not approve it.
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveAttribute('aria-disabled', 'true');
  // Now in the adjuster's own worklist.
  await page.goto('/claims?assignee=me&status=assessed');
  await expect(page.getByRole('link', { name: claimNumber, exact: true })).toBeVisible();
  await logOut(page);

  // The manager approves the assessed amount.
  await openClaimAs(page, 'manager@demo.test', claimUrl);
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  const approve = page.getByRole('dialog');
  await approve.getByRole('button', { name: `Approve ${payable}` }).click();
  await expect(approve).toBeHidden();
  await expect(status).toHaveText('Approved');
  await logOut(page);

  // The adjuster pays the repair shop: 1,000.00 first (a double click pays once), then the rest, final.
  await openClaimAs(page, 'adjuster@demo.test', claimUrl);
  const payments = page.getByRole('region', { name: 'Payments' });
  await expect(payments).toContainText('Nothing paid yet.');
  const pay = async (amount: string | null, final: boolean, double = false) => {
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    const dialog = page.getByRole('dialog');
    if (amount !== null) await dialog.getByLabel(/^Amount/).fill(amount);
    await dialog.getByRole('combobox', { name: 'Pay to' }).click();
    await page.getByRole('option', { name: 'Repair shop' }).click();
    await dialog.getByLabel('Payee’s name').fill('Northside Body Works');
    await dialog.getByLabel(/^Bank account/).fill('DE89370400440532013000');
    if (final) await dialog.getByLabel(/^Final payment/).check();
    const submit = dialog.getByRole('button', { name: /^Pay [\d,.]+ USD$/ });
    if (double) await submit.dblclick();
    else await submit.click();
    await expect(dialog).toBeHidden();
  };
  await pay('1000', false, true);
  const paymentRows = payments.getByRole('table', { name: 'Claim payments' }).getByRole('row');
  await expect(paymentRows).toHaveCount(2);
  await expect(payments).toContainText(usd('1,000.00'));
  await expect(status).toHaveText('Approved');
  // The form proposes what is left to pay.
  await pay(null, true);
  await expect(status).toHaveText('Paid');
  await expect(paymentRows).toHaveCount(3);
  expect(await seriousViolations(page)).toEqual([]);
  await expect(payments).toContainText('Northside Body Works');
  await expect(payments).toContainText('Repair shop');
  await expect(payments).toContainText('(final)');
  await expect(payments.getByText(`Paid ${payable} of ${payable} approved`)).toBeVisible();
  // Settled: nothing more to pay, and the reserves are released.
  await expect(page.getByRole('button', { name: 'Pay', exact: true })).toHaveCount(0);
  await expect(reserves).toContainText(`Outstanding ${usd('0.00')}`);
});

test('the report form says on its fields what is wrong: a loss date after today (from the server’s check), a reporter nobody can reach', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const policyId = await collisionPolicy(request, agent, yesterday());
  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/claims/new?policyId=${policyId}`);
  const notice = page.getByRole('form', { name: 'Report a claim' });
  await notice.getByRole('combobox', { name: 'Kind of loss' }).click();
  await page.getByRole('option', { name: 'Vehicle collision' }).click();
  const tomorrow = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await notice.getByLabel('Loss date').fill(tomorrow);
  await expect(notice.getByText('The loss date cannot be in the future')).toBeVisible();
  await notice.getByLabel('Loss date').fill(yesterday());
  await expect(notice.getByText('The loss date cannot be in the future')).toBeHidden();
  await notice.getByLabel('What happened').fill('Hit a deer');
  await notice.getByLabel('Where').fill('Route 9');
  await notice.getByRole('button', { name: 'Save and submit' }).click();
  await expect(notice.getByText('Give a phone number or an email address to reach the reporter')).toBeVisible();
  await expect(notice.getByLabel('Phone')).toBeFocused();
  await expect(page).toHaveURL(/\/claims\/new\?policyId=/);
});
