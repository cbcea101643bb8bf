// Payout reconciliation from the console: a finance manager uploads the bank's statement (the columns
// mapped from the header, previewed), one line is matched to its payment on upload, the other waits
// in the worklist and is matched by hand to the payment it stands for. The payments are recorded
// through the API first, with references of their own, so the file is new on every run.
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { apiSession, logIn } from './support/session';

test('a finance manager reconciles a payout with one unmatched line', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const policies = (await (await request.get('/api/policies?limit=20', { headers: agent.headers })).json()).items as { id: string }[];
  const policy = policies[0]!;
  const billing = await (await request.get(`/api/policies/${policy.id}/billing`, { headers: agent.headers })).json();
  const tag = crypto.randomUUID().slice(0, 8).toUpperCase();
  // Odd amounts, so the demo data's payments are not candidates too.
  const cents = (n: number) => 1_000_00 + Number.parseInt(tag.slice(0, 4), 16) + n;
  const pay = async (reference: string, amount: number) => {
    const res = await request.post('/api/payments', {
      headers: { ...agent.headers, 'Idempotency-Key': crypto.randomUUID() },
      data: { policyId: policy.id, method: 'bank_transfer', reference, amount, currency: billing.currency },
    });
    expect(res.status()).toBe(201);
    return (await res.json()) as { paymentNumber: string; receivedOn: string; amount: number };
  };
  const known = await pay(`BT-${tag}-1`, cents(1));
  const loose = await pay(`BT-${tag}-2`, cents(2));
  const major = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
  const csv = [
    'Date,Amount,Reference,Description',
    `${known.receivedOn},${major(known.amount)},BT-${tag}-1,Transfer with our reference`,
    `${loose.receivedOn},${major(loose.amount)},UNKNOWN-${tag},Transfer without our reference`,
  ].join('\n');

  await logIn(page, 'controller@demo.test');
  await page.getByRole('navigation').getByRole('link', { name: 'Reconciliation' }).click();
  const upload = page.getByRole('region', { name: 'Upload a statement' });
  await upload.getByLabel('Currency').fill(billing.currency);
  await page.locator('input[type="file"]').setInputFiles({ name: `statement-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  // The header's names are mapped by themselves; the preview shows the lines as read.
  await expect(upload.getByLabel('Reference column')).toHaveValue('Reference');
  const preview = upload.getByRole('table', { name: 'Statement preview' });
  await expect(preview.getByRole('row')).toHaveCount(3);
  await expect(preview).toContainText(`UNKNOWN-${tag}`);
  await upload.getByRole('button', { name: 'Upload the statement' }).click();
  await expect(upload.getByRole('status')).toContainText('1 matched');
  await expect(upload.getByRole('status')).toContainText('1 to reconcile');

  const worklist = page.getByRole('table', { name: 'Lines to reconcile' });
  const row = worklist.getByRole('row').filter({ hasText: `UNKNOWN-${tag}` });
  await expect(row).toHaveCount(1);
  await expect(worklist.getByRole('row').filter({ hasText: `BT-${tag}-1` })).toHaveCount(0);
  await row.getByRole('button', { name: 'Match…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Match line 3$/ });
  await expect(dialog.getByRole('button', { name: 'Match' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: new RegExp(`^${loose.paymentNumber} `) }).check();
  await dialog.getByRole('button', { name: 'Match' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Line 3 matched')).toBeVisible();
  await expect(row).toHaveCount(0);

  const statements = page.getByRole('table', { name: 'Bank statements' });
  await expect(statements.getByRole('row').filter({ hasText: `statement-${tag}.csv` })).toContainText(/2\s*0\s*0$/);
});
