import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeUser, type Session, sessionAs } from '../../../../test/support/factories';

const t = appForFile();
let admin: Session;
beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
});

const code = () => `T${Math.random().toString(36).slice(2, 10).toUpperCase()}`;

describe('branches', () => {
  it('opens, renames and lists a branch, auditing each change', async () => {
    const c = code();
    const created = await request(t.app)
      .post('/api/branches')
      .set(admin.auth)
      .send({ code: c, name: `East ${c}` })
      .expect(201);
    expect(created.body).toMatchObject({ code: c, name: `East ${c}`, active: true, version: 1 });
    const renamed = await request(t.app)
      .patch(`/api/branches/${created.body.id}`)
      .set(admin.auth)
      .set('If-Match', '"1"')
      .send({ name: `Eastern ${c}` })
      .expect(200);
    expect(renamed.body.version).toBe(2);
    const list = await request(t.app).get('/api/branches').set(admin.auth).expect(200);
    expect(list.body.items.map((b: { id: string }) => b.id)).toContain(created.body.id);
    const audit = await t.db('audit_log').where({ entity_type: 'branch', entity_id: created.body.id }).orderBy('id');
    expect(audit.map((a) => a.action)).toEqual(['branch.create', 'branch.update']);
    expect(audit[1].changes).toEqual({ name: { before: `East ${c}`, after: `Eastern ${c}` } });
  });

  it('refuses a duplicate code or name with 409 BRANCH_EXISTS', async () => {
    const existing = await makeBranch(t.db);
    const byCode = await request(t.app)
      .post('/api/branches')
      .set(admin.auth)
      .send({ code: existing.code, name: `Other ${code()}` })
      .expect(409);
    expect(byCode.body.errors).toEqual([{ path: 'code', message: 'Already in use' }]);
    const byName = await request(t.app).post('/api/branches').set(admin.auth).send({ code: code(), name: existing.name.toLowerCase() }).expect(409);
    expect(byName.body.errors).toEqual([{ path: 'name', message: 'Already in use' }]);
  });

  it('validates the code format', async () => {
    const res = await request(t.app).post('/api/branches').set(admin.auth).send({ code: 'north branch', name: 'North branch' }).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['code']);
  });

  it('refuses to deactivate a branch that still has active users (409 BRANCH_IN_USE)', async () => {
    const branch = await makeBranch(t.db);
    await makeUser(t.db, { branchId: branch.id });
    const res = await request(t.app).patch(`/api/branches/${branch.id}`).set(admin.auth).set('If-Match', '"1"').send({ active: false }).expect(409);
    expect(res.body.code).toBe('BRANCH_IN_USE');
  });
});

describe('assignable agents', () => {
  it('lists the active agents, senior agents and managers of a branch in your scope; 404 outside it', async () => {
    const branch = await makeBranch(t.db);
    const agent = await makeUser(t.db, { role: 'agent', branchId: branch.id });
    await makeUser(t.db, { role: 'underwriter', branchId: branch.id });
    await makeUser(t.db, { role: 'agent', branchId: branch.id, active: false });
    const colleague = await loggedIn(t.app, t.db, { role: 'senior_agent', branchId: branch.id });
    const res = await request(t.app).get(`/api/branches/${branch.id}/agents`).set(colleague.session.auth).expect(200);
    expect(res.body.items.map((a: { id: string }) => a.id).sort()).toEqual([agent.id, colleague.user.id].sort());
    const outsider = await loggedIn(t.app, t.db, { role: 'agent' });
    await request(t.app).get(`/api/branches/${branch.id}/agents`).set(outsider.session.auth).expect(404);
  });
});
