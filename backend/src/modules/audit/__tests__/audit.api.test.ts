import crypto from 'node:crypto';
import request from 'supertest';
import { z } from 'zod';
import { withTransaction } from '../../../db';
import { diffForAudit } from '../audit.service';
import type { AppModule } from '../../../platform/module';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeUser, type Session, sessionAs } from '../../../../test/support/factories';

// A test-only module that writes a record and its audit row in one transaction, and can make
// either the audit write or the change fail.
const probe: AppModule = {
  name: 'audit-probe',
  register({ api, db, services }) {
    api.route({
      method: 'post',
      path: '/_probe/audited-branch',
      summary: 'Rename a branch with an audit row (test)',
      tags: ['Test'],
      access: 'authenticated',
      request: { body: z.strictObject({ branchId: z.uuid(), name: z.string(), failAudit: z.boolean(), failAfterAudit: z.boolean() }) },
      responses: { 204: { description: 'Done' } },
      handler: async ({ body, actor }, _req, res) => {
        await withTransaction(db, async (trx) => {
          await trx('branches').where({ id: body.branchId }).update({ name: body.name });
          // An outcome the table's CHECK refuses makes the audit insert itself fail.
          await services.audit.record(trx, {
            actor,
            action: 'branch.update',
            outcome: (body.failAudit ? 'bogus' : 'success') as 'success',
            entity: { type: 'branch', id: body.branchId },
            branchId: body.branchId,
            after: { name: body.name },
          });
          // An unexpected failure (P0001; a data exception such as 1/0 would be the caller's 400).
          if (body.failAfterAudit) await trx.raw(`DO $$ BEGIN RAISE EXCEPTION 'fails after the audit row'; END $$`);
        });
        res.status(204).end();
      },
    });
  },
};

const t = appForFile({ modules: [probe] });
let admin: Session;
beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
});

const rename = (branchId: string, name: string, failAudit = false, failAfterAudit = false) =>
  request(t.app).post('/api/_probe/audited-branch').set(admin.auth).send({ branchId, name, failAudit, failAfterAudit });

describe('audit trail', () => {
  it('is written in the same transaction as the change, with actor, request id, IP and user agent', async () => {
    const branch = await makeBranch(t.db);
    const res = await rename(branch.id, 'Renamed with audit').set('User-Agent', 'audit-test/1.0').expect(204);
    const row = await t.db('audit_log').where({ action: 'branch.update', entity_id: branch.id }).first();
    expect(row).toMatchObject({
      actor_role: 'admin',
      outcome: 'success',
      request_id: res.headers['x-request-id'],
      user_agent: 'audit-test/1.0',
      changes: { name: { after: 'Renamed with audit' } },
    });
    expect(row.ip).toBeTruthy();
    expect(row.occurred_at).toBeInstanceOf(Date);
  });

  it("keeps a client's X-Request-Id only when it is a well-formed id; any other text never reaches the audit trail", async () => {
    const branch = await makeBranch(t.db);
    const auditedRequestId = async (requestId: string) => {
      const res = await rename(branch.id, `Renamed ${requestId.length}`).set('X-Request-Id', requestId).expect(204);
      const row = await t.db('audit_log').where({ action: 'branch.update', entity_id: branch.id }).orderBy('id', 'desc').first();
      expect(row.request_id).toBe(res.headers['x-request-id']);
      return row.request_id as string;
    };
    const uuid = crypto.randomUUID();
    expect(await auditedRequestId(uuid)).toBe(uuid);
    expect(await auditedRequestId('trace-0af7651916cd43dd')).toBe('trace-0af7651916cd43dd');
    for (const planted of [
      'Approved-by-the-CFO-on-the-phone-no-four-eyes-needed-see-ticket-4711',
      'x'.repeat(65),
      'approved by the CFO',
      "1'; DROP TABLE audit_log; --",
      'tab\there',
    ]) {
      const recorded = await auditedRequestId(planted);
      expect(recorded).not.toBe(planted);
      expect(recorded).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('rolls the change back when the audit write fails', async () => {
    const branch = await makeBranch(t.db);
    await rename(branch.id, 'Should not stick', true).expect(500);
    expect((await t.db('branches').where({ id: branch.id }).first()).name).toBe(branch.name);
  });

  it('rolls the audit row back with a change that fails', async () => {
    const branch = await makeBranch(t.db);
    await rename(branch.id, 'Fails after audit', false, true).expect(500);
    expect(await t.db('audit_log').where({ entity_id: branch.id, action: 'branch.update' })).toHaveLength(0);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit_log: to the app by its grants, to anyone by triggers', async () => {
    const branch = await makeBranch(t.db);
    await rename(branch.id, 'Immutable').expect(204);
    await expect(t.db('audit_log').where({ entity_id: branch.id }).update({ action: 'tampered' })).rejects.toThrow(/permission denied for table audit_log/);
    await expect(t.db('audit_log').where({ entity_id: branch.id }).delete()).rejects.toThrow(/permission denied for table audit_log/);
    await expect(t.db.raw('TRUNCATE audit_log')).rejects.toThrow(/permission denied for table audit_log/);
    await expect(t.db.raw('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
    await expect(t.ownerDb('audit_log').where({ entity_id: branch.id }).update({ action: 'tampered' })).rejects.toThrow(/append-only/);
    await expect(t.ownerDb('audit_log').where({ entity_id: branch.id }).delete()).rejects.toThrow(/append-only/);
    await expect(t.ownerDb.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await t.db('audit_log').where({ entity_id: branch.id })).toHaveLength(1);
  });

  it('records login success and failure, never the password', async () => {
    const user = await makeUser(t.db);
    await request(t.app).post('/api/auth/login').send({ email: user.email, password: 'Wrong-secret-value' }).expect(401);
    await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    const rows = await t.db('audit_log').where({ action: 'auth.login', entity_id: user.id }).orderBy('id');
    expect(rows.map((r) => r.outcome)).toEqual(['failure', 'success']);
    expect(JSON.stringify(rows)).not.toMatch(/Wrong-secret-value|Unit-test-passphrase/);
  });

  it('records user changes field by field, with secrets redacted and no password hash', async () => {
    const branch = await makeBranch(t.db);
    const created = await request(t.app)
      .post('/api/users')
      .set(admin.auth)
      .send({ email: `audited-${Date.now()}@test.example`, name: 'Audit Me', role: 'agent', branchId: branch.id })
      .expect(201);
    await request(t.app).patch(`/api/users/${created.body.user.id}`).set(admin.auth).set('If-Match', '"1"').send({ name: 'Audited Person' }).expect(200);
    const rows = await t.db('audit_log').where({ entity_type: 'user', entity_id: created.body.user.id }).orderBy('id');
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'user.update']);
    expect(rows[1].changes).toEqual({ name: { before: 'Audit Me', after: 'Audited Person' } });
    expect(JSON.stringify(rows)).not.toContain(created.body.temporaryPassword);
    expect(JSON.stringify(rows)).not.toMatch(/\$2b\$/);
  });
});

describe('GET /api/audit', () => {
  it('filters by entity, action and date range, newest first, keyset-paged', async () => {
    const branch = await makeBranch(t.db);
    for (const name of ['One', 'Two', 'Three']) await rename(branch.id, name).expect(204);
    const page1 = await request(t.app).get('/api/audit').query({ entityType: 'branch', entityId: branch.id, limit: 2 }).set(admin.auth).expect(200);
    expect(page1.body.items.map((e: { changes: { name: { after: string } } }) => e.changes.name.after)).toEqual(['Three', 'Two']);
    const page2 = await request(t.app).get('/api/audit').query({ entityType: 'branch', entityId: branch.id, limit: 2, cursor: page1.body.nextCursor }).set(admin.auth).expect(200);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    expect(page1.body.items[0]).toMatchObject({ action: 'branch.update', actorRole: 'admin', actorName: expect.any(String), entityType: 'branch' });

    const future = await request(t.app)
      .get('/api/audit')
      .query({ entityId: branch.id, from: new Date(Date.now() + 3600_000).toISOString() })
      .set(admin.auth)
      .expect(200);
    expect(future.body.items).toEqual([]);
    const byAction = await request(t.app).get('/api/audit').query({ entityId: branch.id, action: 'branch.create' }).set(admin.auth).expect(200);
    expect(byAction.body.items).toEqual([]);
  });

  it('shows managers only the trail of the branches they manage', async () => {
    const mine = await makeBranch(t.db);
    const theirs = await makeBranch(t.db);
    await rename(mine.id, 'Mine renamed').expect(204);
    await rename(theirs.id, 'Theirs renamed').expect(204);
    const { session } = await loggedIn(t.app, t.db, { role: 'manager', branchId: mine.id, managedBranchIds: [mine.id] });
    const res = await request(t.app).get('/api/audit').query({ limit: 100 }).set(session.auth).expect(200);
    const entities = res.body.items.map((e: { entityId: string }) => e.entityId);
    expect(entities).toContain(mine.id);
    expect(entities).not.toContain(theirs.id);
    expect(res.body.items.every((e: { branchId: string }) => e.branchId === mine.id)).toBe(true);
  });

  it('exports CSV with the same filters (and records the export)', async () => {
    const branch = await makeBranch(t.db);
    await rename(branch.id, '=HYPERLINK("evil")').expect(204);
    const res = await request(t.app).get('/api/audit/export').query({ entityId: branch.id }).set(admin.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?policydesk-audit-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('occurredAt,actorName,actorRole,actorUserId,action,outcome,entityType,entityId,branchId,changes,metadata,requestId,ip');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('branch.update');
    expect(
      await t
        .db('audit_log')
        .where({ action: 'audit.export' })
        .count('* as c')
        .then((r) => Number(r[0]!.c)),
    ).toBeGreaterThan(0);
  });

  it('filters by actor', async () => {
    const branch = await makeBranch(t.db);
    const other = await loggedIn(t.app, t.db, { role: 'admin' });
    await rename(branch.id, 'By the first admin').expect(204);
    await request(t.app)
      .post('/api/_probe/audited-branch')
      .set(other.session.auth)
      .send({ branchId: branch.id, name: 'By the second admin', failAudit: false, failAfterAudit: false })
      .expect(204);
    const res = await request(t.app).get('/api/audit').query({ entityId: branch.id, actorUserId: other.user.id }).set(admin.auth).expect(200);
    expect(res.body.items.map((e: { changes: { name: { after: string } } }) => e.changes.name.after)).toEqual(['By the second admin']);
  });

  it('records sensitive reads through the shared helper', async () => {
    const { user } = await loggedIn(t.app, t.db, { role: 'senior_agent' });
    const branch = await makeBranch(t.db);
    const actor = { userId: user.id, role: user.role, branchId: branch.id, branchIds: [branch.id], permissions: new Set<string>(), mustChangePassword: false, sessionId: '' };
    await t.services.audit.sensitiveRead(t.db, actor, { type: 'customer', id: 'C-000001' }, branch.id, 'national_id');
    const row = await t.db('audit_log').where({ actor_user_id: user.id, action: 'customer.sensitive_read' }).first();
    expect(row).toMatchObject({ entity_id: 'C-000001', branch_id: branch.id, metadata: { what: 'national_id' } });
  });

  it('rejects unknown filters', async () => {
    const res = await request(t.app).get('/api/audit').query({ colour: 'red' }).set(admin.auth).expect(400);
    expect(res.body.errors).toEqual([{ path: 'query.colour', message: 'Unknown field' }]);
  });
});

describe('diffForAudit', () => {
  it('redacts secrets by field name but keeps flags that merely mention them', () => {
    expect(diffForAudit({ passwordHash: 'a', mustChangePassword: false, name: 'x' }, { passwordHash: 'b', mustChangePassword: true, name: 'x' })).toEqual({
      passwordHash: { before: '[redacted]', after: '[redacted]' },
      mustChangePassword: { before: false, after: true },
    });
    expect(diffForAudit(null, { nationalId: '123-45-6789', refreshToken: 'abc' })).toEqual({ nationalId: { after: '[redacted]' }, refreshToken: { after: '[redacted]' } });
  });
});
