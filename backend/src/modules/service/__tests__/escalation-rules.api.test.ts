// The escalation rules as data: readable by agents, changed by admins only under If-Match, audited.
// The rules are company-wide and other test files' cases run on them at the same time, so this test
// saves a rule with the values it has (a change of what it does is proven by sla.api.test.ts's
// escalations, which read the same rows).
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeUser, sessionAs } from '../../../../test/support/factories';

const t = appForFile();

interface Rule {
  id: string;
  trigger: string;
  caseType: string | null;
  escalate: boolean;
  reassign: boolean;
  raisePriority: boolean;
  notify: boolean;
  active: boolean;
  version: number;
}

it('lists the escalation rules to agents and lets only admins change one, under If-Match, audited', async () => {
  const agent = await sessionAs(t, 'agent');
  const list = await request(t.app).get('/api/service/escalation-rules').set(agent.auth).expect(200);
  const rules = list.body.items as Rule[];
  expect(new Set(rules.map((r) => r.trigger))).toEqual(new Set(['warning', 'breach', 'complaint', 'third_contact']));
  const rule = rules.find((r) => r.trigger === 'third_contact')!;
  const body = { escalate: rule.escalate, reassign: rule.reassign, raisePriority: rule.raisePriority, notify: rule.notify, active: rule.active };
  const url = `/api/service/escalation-rules/${rule.id}`;

  await request(t.app).put(url).set(agent.auth).set('If-Match', `"${rule.version}"`).send(body).expect(403);
  const admin = await login(t.app, await makeUser(t.db, { role: 'admin' }));
  await request(t.app).put(url).set(admin.auth).send(body).expect(428);
  expect(
    (
      await request(t.app)
        .put(url)
        .set(admin.auth)
        .set('If-Match', `"${rule.version}"`)
        .send({ ...body, active: 'yes' })
        .expect(400)
    ).body.errors[0].path,
  ).toBe('active');
  expect(
    (
      await request(t.app)
        .put(url)
        .set(admin.auth)
        .set('If-Match', `"${rule.version + 1}"`)
        .send(body)
        .expect(412)
    ).body.code,
  ).toBe('VERSION_MISMATCH');
  await request(t.app).put('/api/service/escalation-rules/00000000-0000-4000-8000-000000000000').set(admin.auth).set('If-Match', '"1"').send(body).expect(404);

  const saved = await request(t.app).put(url).set(admin.auth).set('If-Match', `"${rule.version}"`).send(body).expect(200);
  expect(saved.headers.etag).toBe(`"${rule.version + 1}"`);
  expect(saved.body).toEqual({ ...rule, version: rule.version + 1 });
  const audit = await t.db('audit_log').where({ action: 'escalation_rule.update', entity_id: rule.id }).orderBy('id', 'desc').first('actor_role', 'entity_type');
  expect(audit).toEqual({ actor_role: 'admin', entity_type: 'escalation_rule' });
});
