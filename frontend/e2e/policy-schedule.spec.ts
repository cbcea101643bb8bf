// The policy schedule from the policy page: an agent sees the schedule's versions of a demo policy
// (version 1, made at issue) and downloads the current one as a PDF.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { apiSession, logIn } from './support/session';

test('an agent downloads the policy schedule (PDF) from the policy page', async ({ page, request }) => {
  const session = await apiSession(request, 'agent@demo.test');
  const [policy] = (await (await request.get('/api/policies?limit=1', { headers: session.headers })).json()).items as { id: string; policyNumber: string }[];
  expect(policy, 'the demo data has a policy in the agent’s branch').toBeDefined();
  const versions = (await (await request.get(`/api/policies/${policy!.id}/schedules`, { headers: session.headers })).json()).items as { version: number }[];
  const current = versions[0]!.version;

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${policy!.id}`);
  const panel = page.getByRole('region', { name: 'Policy schedule' });
  await expect(panel.getByRole('list', { name: 'Schedule versions' })).toContainText(`Version ${current} (current)`);
  await expect(panel.getByRole('listitem')).toHaveCount(versions.length);

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download schedule', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${policy!.policyNumber}-schedule-v${current}.pdf`);
  const bytes = fs.readFileSync((await file.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
