// A phone line's page: an admin edits its menu (a key twice is refused by the server at the key's
// field; # and a new choice are accepted), its urgent key and a monitoring threshold; the page then
// shows the new menu and the threshold against the line's figures. A line of its own, made through
// the API, so the demo lines other tests call stay as they are.
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { apiSession, logIn } from './support/session';

test('an admin edits a line’s menu, urgent key and a threshold on its page', async ({ page, request }) => {
  const admin = await apiSession(request, 'admin@demo.test');
  const lines = (await (await request.get('/api/phone-lines', { headers: admin.headers })).json()) as { items: { calendarId: string; branchId: string }[] };
  const { calendarId, branchId } = lines.items[0]!;
  const name = `Menu test ${crypto.randomBytes(3).toString('hex')}`;
  const number = `+1888${crypto.randomInt(200, 999)}${String(crypto.randomInt(0, 10000)).padStart(4, '0')}`;
  const created = await request.post('/api/phone-lines', {
    headers: admin.headers,
    data: {
      number,
      name,
      greeting: 'Welcome to the menu test line.',
      calendarId,
      branchId,
      menu: [
        { digit: '1', queue: 'claims', label: 'For a claim' },
        { digit: '0', queue: 'agent', label: 'To speak to an agent' },
      ],
      urgent: null,
      afterHours: 'voicemail',
      voicemailPrompt: 'Please leave a message.',
      active: true,
    },
  });
  expect(created.status()).toBe(201);
  const line = (await created.json()) as { id: string };

  await logIn(page, 'admin@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/phone-lines');
  await page.getByRole('table', { name: 'Phone lines' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Line figures' })).toContainText('Not watched');

  await page.getByRole('button', { name: 'Edit line' }).click();
  const form = page.getByRole('form', { name: `Edit ${name}` });
  // The first choice on key 0 too: the server refuses, at the key's field.
  await form.getByLabel('Key of choice 2').click();
  await page.getByRole('option', { name: '1', exact: true }).click();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Each key once')).toBeVisible();

  await form.getByLabel('Key of choice 2').click();
  await page.getByRole('option', { name: '#', exact: true }).click();
  await form.getByRole('button', { name: 'Add a choice' }).click();
  await form.getByLabel('Queue of choice 3').click();
  await page.getByRole('option', { name: 'Payments' }).click();
  await form.getByLabel('Words of choice 3').fill('For payments');
  await form.getByLabel('Urgent key (an urgent case and the first free agent)').check();
  await form.getByLabel('What the menu says for it').fill('If an accident is happening now');
  await form.getByLabel('At most calls in the window').fill('100');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Phone line saved')).toBeVisible();
  await expect(form).toBeHidden();

  const menu = page.getByRole('table', { name: 'Menu keys' });
  await expect(menu.getByRole('row').filter({ hasText: 'To speak to an agent' })).toContainText('#');
  await expect(menu.getByRole('row').filter({ hasText: 'For payments' })).toContainText('Payments');
  await expect(menu.getByRole('row').filter({ hasText: 'If an accident is happening now' })).toContainText('Urgent');
  await expect(page.getByRole('table', { name: 'Line figures' }).getByRole('row').filter({ hasText: 'Calls' }).first()).toContainText('At most 100');

  const saved = (await (await request.get(`/api/phone-lines/${line.id}`, { headers: admin.headers })).json()) as Record<string, unknown>;
  expect(saved).toMatchObject({
    version: 2,
    menu: [
      { digit: '1', queue: 'claims' },
      { digit: '#', queue: 'agent' },
      { queue: 'payments', label: 'For payments' },
    ],
    urgent: { label: 'If an accident is happening now' },
    thresholds: { maxCalls: 100 },
  });
});
