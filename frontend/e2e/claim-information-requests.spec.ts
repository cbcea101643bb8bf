// An adjuster asks the claimant for information from the claim's page, finds the request (and the
// claim) in My work, and marks it received when the answer comes in.
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './support/accessibility';
import { collisionPolicy, yesterday } from './support/claims';
import { apiSession, logIn } from './support/session';

const SHOTS = process.env.E2E_SCREENSHOTS_DIR;
async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('the adjuster requests information, sees it in My work and marks it received', async ({ page, request }) => {
  // A collision claim, submitted by the desk and taken by the adjuster (through the API).
  const agent = await apiSession(request, 'agent@demo.test');
  const adjuster = await apiSession(request, 'adjuster@demo.test');
  const lossDate = yesterday();
  const policyId = await collisionPolicy(request, agent, lossDate);
  const created = await request.post('/api/claims', {
    headers: agent.headers,
    data: {
      policyId,
      lossDate,
      lossType: 'vehicle_collision',
      description: 'Side-swiped in a car park',
      location: 'Mall car park',
      reporter: { kind: 'policyholder', name: 'Caller on the line', phone: '(555) 201-0001' },
    },
  });
  expect(created.status()).toBe(201);
  let claim = await created.json();
  const act = async (headers: { Authorization: string }, action: string, data: object = {}) => {
    const res = await request.post(`/api/claims/${claim.id}/${action}`, { headers: { ...headers, 'If-Match': `"${claim.version}"` }, data });
    expect(res.status(), await res.text()).toBe(200);
    claim = await res.json();
  };
  await act(agent.headers, 'submit');
  if (claim.referral?.status === 'open')
    await act((await apiSession(request, 'manager@demo.test')).headers, 'referral/decision', { decision: 'clear', note: 'Browser test claim' });
  await act(adjuster.headers, 'start-investigation');

  await logIn(page, 'adjuster@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/claims/${claim.id}`);
  await expect(page.getByRole('heading', { name: `Claim ${claim.claimNumber}` })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Information requests' });
  await expect(panel).toContainText('Nothing asked of the claimant yet.');

  // The request: validated with the API's own rules before it goes.
  await panel.getByRole('button', { name: 'Request information' }).click();
  const form = page.getByRole('form', { name: 'Request information' });
  await form.getByLabel('Answer by').fill('2001-01-01');
  await form.getByRole('button', { name: 'Send request' }).click();
  await expect(form.getByText('Say what the claimant should send or answer')).toBeVisible();
  await expect(form.getByText('The due date cannot be in the past')).toBeVisible();
  await form.getByLabel('What do you need from the claimant?').fill('Photos of both cars, showing the damage up close');
  await form.getByRole('combobox', { name: 'About a required document (optional)' }).click();
  await page.getByRole('option', { name: 'Photos of the damage' }).click();
  const dueOn = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await form.getByLabel('Answer by').fill(dueOn);
  await form.getByRole('button', { name: 'Send request' }).click();
  await expect(form).toHaveCount(0);
  const row = panel.getByRole('listitem', { name: /Photos of both cars/ });
  await expect(row).toContainText('Open');
  await expect(row).toContainText(/Emailed|Texted|Not sent/);
  await expect(page.getByRole('region', { name: 'Handling' })).toContainText('The claimant: 1 request');
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'claim-information-requests');

  // My work: the request and the claim, each leading to the claim.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My work' }).click();
  const work = page.getByRole('table', { name: 'My work' });
  const requestRow = work.getByRole('row', { name: new RegExp(`Info request ${claim.claimNumber}`) });
  await expect(requestRow).toContainText('Photos of both cars');
  await expect(work.getByRole('row', { name: new RegExp(`Claim ${claim.claimNumber}`) })).toContainText('Under investigation');
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'my-work');
  await requestRow.getByRole('link', { name: /Photos of both cars/ }).click();
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}$`));

  // The answer came: marked received, with what came in.
  await panel
    .getByRole('listitem', { name: /Photos of both cars/ })
    .getByRole('button', { name: 'Mark received' })
    .click();
  const received = page.getByRole('form', { name: 'Mark the request received' });
  await received.getByLabel('What came in (optional)').fill('Six photos by email');
  await received.getByRole('button', { name: 'Mark received' }).click();
  await expect(received).toHaveCount(0);
  await expect(panel.getByRole('listitem', { name: /Photos of both cars/ })).toContainText('Received');
  await expect(panel.getByRole('listitem', { name: /Photos of both cars/ })).toContainText('Six photos by email');
  await expect(panel).toContainText('None open');
  await expect(panel.getByRole('button', { name: 'Mark received' })).toHaveCount(0);
});
