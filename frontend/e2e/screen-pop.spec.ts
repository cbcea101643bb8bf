// The screen pop: an agent says they take claims calls; a known customer calls the claims hotline
// (`npm run call:simulate`, signed webhooks as the provider sends them) and presses 1; the call pops
// up in the agent's console with the caller's card; the agent takes it and lands on the case the call
// opened, with the call logged on it.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { apiSession, logIn } from './support/session';

const HOTLINE = '+18002524669';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function simulateCall(baseURL: string, from: string, digits: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'backend/src/cli/call-simulate.ts'), '--url', baseURL, '--line', HOTLINE, '--from', from, '--digits', digits, '--wait'],
      { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH, DATA_DIR: process.env.E2E_DATA_DIR, LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) => (error ? reject(new Error(`call:simulate failed: ${stderr || error.message}`)) : resolve(stdout)),
    );
  });
}

test('a known customer’s call pops up for the available agent, who takes it and finds the case opened and the call logged', async ({ page, request, baseURL }) => {
  const agentApi = await apiSession(request, 'agent@demo.test');
  const admin = await apiSession(request, 'admin@demo.test');
  const phone = `+1212${crypto.randomInt(200, 1000)}${String(crypto.randomInt(0, 10000)).padStart(4, '0')}`;
  const lastName = `Caller${crypto.randomBytes(3).toString('hex')}`;
  const created = await request.post('/api/customers', {
    headers: admin.headers,
    data: {
      firstName: 'Robin',
      lastName,
      dateOfBirth: '1984-05-17',
      gender: 'female',
      email: `${lastName.toLowerCase()}@example.com`,
      phone,
      address: { line1: '12 High Street', city: 'Springfield', region: 'NY', postalCode: '10001', country: 'US' },
      nationalId: `${crypto.randomInt(100, 999)}-${crypto.randomInt(10, 99)}-${crypto.randomInt(1000, 9999)}`,
      occupation: 'Teacher',
      occupationClass: 1,
      smoker: false,
      preferredChannel: 'sms',
      consents: { marketing: false, dataProcessing: true },
      branchId: agentApi.user.branchId,
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  await logIn(page, 'agent@demo.test');
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  // Available in the claims queue, from the header's phone control.
  await page.getByRole('button', { name: /^Phone: / }).click();
  const claims = page.getByRole('checkbox', { name: 'Claims' });
  await claims.click(); // saved, then shown checked
  await expect(claims).toBeChecked();
  await expect(page.getByRole('button', { name: 'Phone: available in 1 queue' })).toBeVisible();
  await page.keyboard.press('Escape');

  await simulateCall(baseURL!, phone, '1');

  const pop = page.getByLabel(`Incoming call from Robin ${lastName}`);
  await expect(pop).toBeVisible();
  await expect(pop).toContainText(phone);
  await expect(pop).toContainText('Claims hotline');
  await expect(pop).toContainText('Open cases: 1');
  // The header's control and the pop pass axe (no serious or critical violation).
  const { violations } = await new AxeBuilder({ page }).include('header').include('.mantine-Drawer-root').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.html).join(', ')}`)).toEqual([]);
  await pop.getByRole('button', { name: 'Take call' }).click();

  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Call taken')).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Case CS-\d+: Claims hotline: Claims$/ })).toBeVisible();
  const interactions = page.getByRole('table', { name: 'Case interactions' });
  await expect(interactions.getByRole('row').filter({ hasText: 'Phone (inbound)' })).toContainText('Claims hotline: Claims');
  await expect(pop).toBeHidden();
});
