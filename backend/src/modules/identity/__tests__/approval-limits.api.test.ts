// The approval-limit table is global: every test that changes it lives in this one file, in order.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { type Session, sessionAs } from '../../../../test/support/factories';
import type { Actor } from '../../../platform/actor';

const t = appForFile();
let admin: Session;
let senior: Session;
beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
  senior = await sessionAs(t, 'senior_agent');
});

const actor = (role: Actor['role'], userId = '11111111-1111-4111-8111-111111111111'): Actor => ({
  userId,
  role,
  branchId: '',
  branchIds: 'all',
  permissions: new Set(),
  mustChangePassword: false,
  sessionId: '',
});

describe('approval limits', () => {
  let revision: number;

  it('reads the whole table with its revision as ETag', async () => {
    const res = await request(t.app).get('/api/approval-limits').set(senior.auth).expect(200);
    revision = res.body.revision;
    expect(res.headers.etag).toBe(`"${revision}"`);
    expect(Array.isArray(res.body.items)).toBe(true);
  });

  it('lets an admin replace it (If-Match), auditing what changed; a stale revision answers 412', async () => {
    const items = [
      { role: 'senior_agent', kind: 'order_sum_insured', currency: 'XTS', maxAmount: 250_000_00 },
      { role: 'underwriter', kind: 'order_sum_insured', currency: 'XTS', maxAmount: 1_000_000_00 },
      { role: 'manager', kind: 'claim_amount', currency: 'XTS', maxAmount: 500_000_00 },
    ];
    await request(t.app).put('/api/approval-limits').set(admin.auth).send({ items }).expect(428);
    const res = await request(t.app).put('/api/approval-limits').set(admin.auth).set('If-Match', `"${revision}"`).send({ items }).expect(200);
    expect(res.body.revision).toBeGreaterThan(revision);
    expect(res.body.items).toHaveLength(3);
    const stale = await request(t.app).put('/api/approval-limits').set(admin.auth).set('If-Match', `"${revision}"`).send({ items }).expect(412);
    expect(stale.body.currentVersion).toBe(res.body.revision);
    const audit = await t.db('audit_log').where({ action: 'approval_limits.replace' }).orderBy('id', 'desc').first();
    expect(audit.changes['senior_agent/order_sum_insured/XTS']).toEqual({ after: 250_000_00, before: null });
    revision = res.body.revision;
  });

  it('rejects duplicates and bad values with field errors', async () => {
    const dup = { role: 'agent', kind: 'refund_amount', currency: 'XTS', maxAmount: 100 };
    const put = (items: object[]) => request(t.app).put('/api/approval-limits').set(admin.auth).set('If-Match', `"${revision}"`).send({ items }).expect(400);
    const bad = await put([dup, { ...dup, kind: 'bribes', maxAmount: -1 }]);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['items.1.kind', 'items.1.maxAmount']);
    const duplicate = await put([dup, dup]);
    expect(duplicate.body.errors).toEqual([{ path: 'items.1', message: 'Duplicate limit for agent/refund_amount/XTS' }]);
  });

  it('refuses a negative, zero or fractional limit on its field and saves nothing (the revision and the table stay)', async () => {
    const before = await request(t.app).get('/api/approval-limits').set(admin.auth).expect(200);
    const limit = (maxAmount: number) => ({ role: 'agent', kind: 'refund_amount', currency: 'XTS', maxAmount });
    const res = await request(t.app)
      .put('/api/approval-limits')
      .set(admin.auth)
      .set('If-Match', `"${revision}"`)
      .send({ items: [limit(-500_00), { ...limit(0), kind: 'claim_amount' }, { ...limit(10.5), kind: 'write_off_amount' }] })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['items.0.maxAmount', 'items.1.maxAmount', 'items.2.maxAmount']);
    expect(res.body.errors[0].message).toBe('Must be more than 0');
    const after = await request(t.app).get('/api/approval-limits').set(admin.auth).expect(200);
    expect(after.body).toEqual(before.body);
    expect(await t.db('approval_limits').where('max_amount', '<=', 0)).toEqual([]);
  });

  it('the limit helper allows amounts up to the role limit and refuses above it (403 APPROVAL_LIMIT_EXCEEDED)', async () => {
    const limits = t.services.approvalLimits;
    await expect(limits.assertWithinLimit(t.db, actor('senior_agent'), 'order_sum_insured', 250_000_00, 'XTS')).resolves.toBeUndefined();
    await expect(limits.assertWithinLimit(t.db, actor('senior_agent'), 'order_sum_insured', 250_000_01, 'XTS')).rejects.toMatchObject({
      status: 403,
      code: 'APPROVAL_LIMIT_EXCEEDED',
      extras: { limit: 250_000_00 },
    });
    await expect(limits.assertWithinLimit(t.db, actor('underwriter'), 'order_sum_insured', 999_999_00, 'XTS')).resolves.toBeUndefined();
    // No row for the role, kind or currency: nothing may be approved.
    await expect(limits.assertWithinLimit(t.db, actor('agent'), 'order_sum_insured', 1, 'XTS')).rejects.toMatchObject({ code: 'APPROVAL_LIMIT_EXCEEDED' });
    await expect(limits.assertWithinLimit(t.db, actor('underwriter'), 'order_sum_insured', 1, 'EUR')).rejects.toMatchObject({ code: 'APPROVAL_LIMIT_EXCEEDED' });
  });

  it('the four-eyes helper refuses the submitter as approver (409 FOUR_EYES)', () => {
    const limits = t.services.approvalLimits;
    const a = actor('manager');
    expect(() => limits.assertFourEyes(a, a.userId)).toThrow(expect.objectContaining({ status: 409, code: 'FOUR_EYES' }));
    expect(() => limits.assertFourEyes(a, '22222222-2222-4222-8222-222222222222')).not.toThrow();
  });
});
