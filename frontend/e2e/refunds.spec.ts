// Refunds from the policy page: an agent requests a refund of part of a payment, and a manager (another
// person, as the four-eyes rule wants) approves it from the home page's "Refunds to approve". The
// four-eyes refusal itself is covered by the API tests.
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { apiSession, logIn, logOut, type ApiSession } from './support/session';

const AMOUNT = 5_00;

/** A policy of the agent's branch with a succeeded non-card payment that still has AMOUNT to refund (demo data). */
async function refundablePayment(request: APIRequestContext, session: ApiSession): Promise<{ policyId: string; paymentId: string; paymentNumber: string }> {
  const policies = (await (await request.get('/api/policies?limit=100', { headers: session.headers })).json()).items as { id: string }[];
  for (const p of policies) {
    const payments = (await (await request.get(`/api/policies/${p.id}/payments?limit=50`, { headers: session.headers })).json()).items as {
      id: string;
      paymentNumber: string;
      method: string;
      status: string;
      amount: number;
    }[];
    const refunds = (await (await request.get(`/api/policies/${p.id}/refunds?limit=50`, { headers: session.headers })).json()).items as {
      paymentId: string | null;
      status: string;
      amount: number;
    }[];
    for (const payment of payments) {
      if (payment.status !== 'succeeded' || payment.method === 'card') continue;
      const held = refunds.filter((r) => r.paymentId === payment.id && ['requested', 'approved', 'paid'].includes(r.status)).reduce((s, r) => s + r.amount, 0);
      if (payment.amount - held >= AMOUNT) return { policyId: p.id, paymentId: payment.id, paymentNumber: payment.paymentNumber };
    }
  }
  throw new Error('The demo data has no refundable payment in the agent’s branch');
}

test('an agent requests a refund of a payment and a manager approves it', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const target = await refundablePayment(request, agent);
  const reason = `Paid twice by mistake (${Date.now()})`;

  await logIn(page, 'agent@demo.test');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto(`/policies/${target.policyId}`);
  const billing = page.getByRole('region', { name: 'Billing' });
  await billing.getByRole('button', { name: `Refund ${target.paymentNumber}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Request a refund' });
  await dialog.getByRole('textbox', { name: /^Amount/ }).fill('5.00');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await dialog.getByRole('button', { name: 'Request refund' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Refund RF-\d+ requested/)).toBeVisible();
  const requestedRow = billing.getByRole('table', { name: 'Refunds' }).getByTestId('refund-row').filter({ hasText: reason });
  await expect(requestedRow).toContainText('Awaiting approval');
  // An agent may ask, not approve.
  await expect(requestedRow.getByRole('button', { name: /^Approve/ })).toHaveCount(0);

  const refunds = (await (await request.get(`/api/policies/${target.policyId}/refunds`, { headers: agent.headers })).json()).items as {
    id: string;
    refundNumber: string;
    reason: string;
  }[];
  const refund = refunds.find((r) => r.reason === reason)!;
  expect(refund).toBeDefined();

  await logOut(page);
  await logIn(page, 'manager@demo.test');
  await page
    .getByRole('region', { name: 'Waiting for you today' })
    .getByRole('link', { name: /^Refunds to approve: / })
    .click();
  await expect(page.getByRole('heading', { name: 'Refunds to approve', level: 1 })).toBeVisible();
  const row = page.getByRole('table', { name: 'Refunds to approve' }).getByTestId('refund-row').filter({ hasText: refund.refundNumber });
  await expect(row).toContainText('5.00');
  await row.getByRole('button', { name: `Approve ${refund.refundNumber}` }).click();
  const approve = page.getByRole('dialog', { name: 'Approve refund' });
  await approve.getByRole('textbox', { name: 'Note (optional)' }).fill('Both payments are on the statement');
  await approve.getByRole('button', { name: 'Approve refund' }).click();
  await expect(approve).toBeHidden();
  await expect(page.getByText(`Refund ${refund.refundNumber} approved`)).toBeVisible();
  await expect(row).toHaveCount(0);

  const manager = await apiSession(request, 'manager@demo.test');
  const approved = await (await request.get(`/api/refunds/${refund.id}`, { headers: manager.headers })).json();
  expect(approved).toMatchObject({ status: 'approved', requestedBy: agent.user.id, decidedBy: manager.user.id, amount: AMOUNT });

  // The policy's billing shows it approved, with the payout still to record.
  await page.goto(`/policies/${target.policyId}`);
  const approvedRow = page.getByRole('region', { name: 'Billing' }).getByRole('table', { name: 'Refunds' }).getByTestId('refund-row').filter({ hasText: refund.refundNumber });
  await expect(approvedRow).toContainText('Approved');
  await expect(approvedRow.getByRole('button', { name: `Record payout ${refund.refundNumber}` })).toBeVisible();
});
