// SLA policies as data and the every-minute SLA job: targets per case type and priority; warnings at
// the policy's share and breaches recorded once per case and metric however often the job runs;
// nothing outside business hours; escalation rules (breach, warning, complaint, third contact) and
// manual escalation; replies and customer contacts driving the response clocks; pending pausing the
// resolution clock only; resolving stopping them all. On the default calendar (Monday–Friday
// 09:00–17:00 in the business zone). The job runs for this file's branches only (the database is
// shared with other test files).
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeBranch, makeCustomer, makeUser, sessionAs, type TestUser } from '../../../../test/support/factories';
import { zonedInstant } from '../../../platform/business-time';
import { SLA_JOB } from '../sla-monitor.service';

const t = appForFile();
afterAll(() => t.clock.reset());

const on = (day: string, hour: number, minute = 0) => new Date(zonedInstant(day, hour * 60 + minute, t.config.businessTimeZone));
const MONDAY = '2027-03-01';
const TUESDAY = '2027-03-02';

interface Clock {
  metric: string;
  status: string;
  targetMinutes: number | null;
  usedMinutes: number;
  warned: boolean;
  breachRecorded: boolean;
  breached: boolean;
}
const clockOf = (body: { clocks: Clock[] }, metric: string) => body.clocks.find((c) => c.metric === metric);

async function team() {
  const branch = await makeBranch(t.db);
  const agent = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const senior = await makeUser(t.db, { role: 'senior_agent', branchId: branch.id });
  const manager = await makeUser(t.db, { role: 'manager', branchId: branch.id });
  const as = async (user: TestUser) => (await login(t.app, user)).auth;
  const runSla = async (times = 1) => {
    for (let i = 0; i < times; i++) await t.jobs.runNow(SLA_JOB, { branchIds: [branch.id] });
  };
  return { branch, agent, senior, manager, as, runSla };
}

const caseTasks = (caseId: string) =>
  t
    .db('service_tasks')
    .whereRaw('links @> ?::jsonb', [JSON.stringify([{ kind: 'case', id: caseId }])])
    .orderBy('created_at')
    .select('title', 'assignee_id', 'source');

it('warns at 75% and breaches once per case and metric however often the job runs, escalating on each breach', async () => {
  t.clock.set(on(MONDAY, 10));
  const { agent, senior, manager, as, runSla } = await team();
  // High: first response 60, resolution 480 business minutes.
  const created = await request(t.app)
    .post('/api/cases')
    .set(await as(agent))
    .send({ type: 'question', priority: 'high', subject: 'Where is my green card?', assigneeId: agent.id })
    .expect(201);
  const id = created.body.id as string;
  expect(clockOf(created.body, 'first_response')).toMatchObject({ targetMinutes: 60, warned: false });
  const get = async () =>
    (
      await request(t.app)
        .get(`/api/cases/${id}`)
        .set(await as(agent))
        .expect(200)
    ).body;

  t.clock.set(on(MONDAY, 10, 44)); // 73% of the first response
  await runSla(2);
  expect(clockOf(await get(), 'first_response')).toMatchObject({ warned: false, breachRecorded: false });

  t.clock.set(on(MONDAY, 10, 45)); // 75%
  await runSla(2);
  const warned = await get();
  expect(clockOf(warned, 'first_response')).toMatchObject({ warned: true, breachRecorded: false });
  // The warning rule only notifies: a task for the assignee; no escalation.
  expect(warned).toMatchObject({ escalationLevel: 'agent', priority: 'high', escalations: [] });
  expect(await caseTasks(id)).toEqual([expect.objectContaining({ title: expect.stringMatching(/^SLA warning \(first response\)/), assignee_id: agent.id, source: 'service' })]);

  t.clock.set(on(MONDAY, 11, 1));
  await runSla(2);
  const breached = await get();
  // The breach rule escalates one level, hands the case to the senior agent, raises the priority and notifies.
  expect(breached).toMatchObject({ escalationLevel: 'senior_agent', priority: 'urgent', assignee: { id: senior.id } });
  expect(breached.escalations).toEqual([
    expect.objectContaining({
      trigger: 'breach',
      metric: 'first_response',
      fromLevel: 'agent',
      toLevel: 'senior_agent',
      priorityFrom: 'high',
      priorityTo: 'urgent',
      escalatedBy: null,
    }),
  ]);
  // Urgent: the resolution clock takes 240 minutes and keeps the 61 used.
  expect(clockOf(breached, 'resolution')).toMatchObject({ targetMinutes: 240, usedMinutes: 61, warned: false });
  expect(clockOf(breached, 'first_response')).toMatchObject({ warned: true, breachRecorded: true, breached: true });

  // 14:02: the resolution clock has used 242 of 240 — warning and breach in one run, then the manager.
  t.clock.set(on(MONDAY, 14, 2));
  await runSla(3);
  const again = await get();
  expect(again).toMatchObject({ escalationLevel: 'manager', assignee: { id: manager.id } });
  expect(again.escalations.map((e: { trigger: string; metric: string }) => `${e.trigger}:${e.metric}`)).toEqual(['breach:first_response', 'breach:resolution']);
  const events = await t.db('service_clock_events').where({ subject_id: id }).whereIn('type', ['warning', 'breach']).select('metric', 'type');
  expect(events.map((e) => `${e.metric}:${e.type}`).sort()).toEqual(['first_response:breach', 'first_response:warning', 'resolution:breach', 'resolution:warning']);
  const tasks = await caseTasks(id);
  // The resolution warning went to the senior agent who had the case by then (two tasks made in one run: compare as sets).
  expect(tasks.map((x) => x.assignee_id).sort()).toEqual([agent.id, senior.id, senior.id, manager.id].sort());
  const audits = await t.db('audit_log').where({ entity_id: id, action: 'case.escalate' }).count<{ count: string }[]>('* as count');
  expect(Number(audits[0]!.count)).toBe(2);
});

it('raises nothing while the calendar is closed: a clock that reaches its marks at the close warns and breaches the next business minute', async () => {
  t.clock.set(on(MONDAY, 16, 30));
  const { agent, as, runSla } = await team();
  const created = await request(t.app)
    .post('/api/cases')
    .set(await as(agent))
    .send({ type: 'question', priority: 'urgent', subject: 'Cover for tomorrow morning', assigneeId: agent.id })
    .expect(201);
  const id = created.body.id as string;
  // At 17:00 the first response (30 minutes) has used 30: past the warning share, not yet breached.
  for (const at of [on(MONDAY, 20), on(TUESDAY, 8, 59)]) {
    t.clock.set(at);
    await runSla();
  }
  expect(await t.db('service_clock_events').where({ subject_id: id }).whereIn('type', ['warning', 'breach']).count<{ count: number }[]>('* as count')).toEqual([{ count: 0 }]);
  expect(await caseTasks(id)).toEqual([]);
  t.clock.set(on(TUESDAY, 9, 1));
  // Two runs at once (two instances): still once each.
  await Promise.all([runSla(), runSla()]);
  const events = await t.db('service_clock_events').where({ subject_id: id }).whereIn('type', ['warning', 'breach']).orderBy('id').select('type', 'at');
  expect(events.map((e) => [e.type, e.at.toISOString()])).toEqual([
    ['warning', on(TUESDAY, 9, 1).toISOString()],
    ['breach', on(TUESDAY, 9, 1).toISOString()],
  ]);
});

it('meets the first response with a reply, owes a next response after each customer contact, pauses only the resolution while pending, escalates on the third contact and stops every clock on resolve', async () => {
  t.clock.set(on(MONDAY, 10));
  const { branch, agent, senior, as } = await team();
  const { customer } = await makeCustomer(t.app, await login(t.app, agent), branch.id);
  const created = await request(t.app)
    .post('/api/cases')
    .set(await as(agent))
    .send({ type: 'billing_question', subject: 'Why did my premium go up?', customerId: customer.id, assigneeId: agent.id })
    .expect(201);
  const id = created.body.id as string;
  let version = created.body.version as number;
  const act = async (path: string, body: Record<string, unknown>) => {
    const res = await request(t.app)
      .post(`/api/cases/${id}/${path}`)
      .set(await as(agent))
      .set('If-Match', `"${version}"`)
      .send(body);
    if (res.status === 200) version = res.body.version;
    return res;
  };
  const contact = async (subject: string) =>
    request(t.app)
      .post('/api/interactions')
      .set(await as(agent))
      .send({ channel: 'phone_inbound', customerId: customer.id, subject, links: [{ kind: 'case', id }] })
      .expect(201);

  t.clock.set(on(MONDAY, 10, 30));
  expect((await act('reply', { channel: 'email' })).body.code).toBe('VALIDATION_FAILED');
  const replied = await act('reply', { channel: 'email', notes: 'The renewal added the new driver' });
  expect(replied.status).toBe(200);
  expect(clockOf(replied.body, 'first_response')).toMatchObject({ status: 'fulfilled', usedMinutes: 30 });
  expect(clockOf(replied.body, 'next_response')).toBeUndefined();
  const reply = await t
    .db('service_interactions')
    .whereRaw('links @> ?::jsonb', [JSON.stringify([{ kind: 'case', id }])])
    .first();
  expect(reply).toMatchObject({ direction: 'outbound', channel: 'email', customer_id: customer.id, agent_id: agent.id });

  t.clock.set(on(MONDAY, 11));
  await contact('Still unclear');
  expect((await act('pend', { reason: 'Waiting for the old schedule' })).status).toBe(200);
  t.clock.set(on(MONDAY, 12));
  let view = (
    await request(t.app)
      .get(`/api/cases/${id}`)
      .set(await as(agent))
  ).body;
  // Normal: next response 480. Pending stops the resolution only.
  expect(clockOf(view, 'next_response')).toMatchObject({ status: 'running', targetMinutes: 480, usedMinutes: 60 });
  expect(clockOf(view, 'resolution')).toMatchObject({ status: 'paused', usedMinutes: 60 });
  expect(clockOf((await act('reply', { channel: 'phone_outbound', notes: 'Explained the driver surcharge' })).body, 'next_response')).toMatchObject({
    status: 'fulfilled',
    usedMinutes: 60,
  });

  t.clock.set(on(MONDAY, 13));
  await contact('One more question');
  view = (
    await request(t.app)
      .get(`/api/cases/${id}`)
      .set(await as(agent))
  ).body;
  // A new round: the earlier hour no longer counts.
  expect(clockOf(view, 'next_response')).toMatchObject({ status: 'running', usedMinutes: 0 });
  expect(view.escalations).toEqual([]);

  t.clock.set(on(MONDAY, 13, 30));
  await contact('Third call');
  view = (
    await request(t.app)
      .get(`/api/cases/${id}`)
      .set(await as(agent))
  ).body;
  // The third contact: a level up and a higher priority (the clocks keep their time), the senior agent notified.
  expect(view).toMatchObject({ escalationLevel: 'senior_agent', priority: 'high', assignee: { id: agent.id } });
  expect(view.escalations).toEqual([expect.objectContaining({ trigger: 'third_contact', fromLevel: 'agent', toLevel: 'senior_agent', priorityTo: 'high' })]);
  expect(clockOf(view, 'resolution')).toMatchObject({ status: 'paused', targetMinutes: 480, usedMinutes: 60 });
  expect(clockOf(view, 'next_response')).toMatchObject({ status: 'running', targetMinutes: 240, usedMinutes: 30 });
  expect((await caseTasks(id)).map((x) => x.assignee_id)).toEqual([senior.id]);
  version = view.version;
  // A fourth contact escalates nothing more.
  await contact('Fourth call');
  expect(
    (
      await request(t.app)
        .get(`/api/cases/${id}`)
        .set(await as(agent))
    ).body.escalations,
  ).toHaveLength(1);

  const resolved = await act('resolve', { resolution: 'Explained; no change' });
  expect(resolved.status).toBe(200);
  expect(resolved.body.clocks.map((c: Clock) => `${c.metric}:${c.status}`)).toEqual(['first_response:fulfilled', 'next_response:fulfilled', 'resolution:fulfilled']);
  // Contacts about a resolved case start nothing.
  await contact('Thanks');
  expect(
    (
      await request(t.app)
        .get(`/api/cases/${id}`)
        .set(await as(agent))
    ).body.clocks.every((c: Clock) => c.status === 'fulfilled'),
  ).toBe(true);
});

it('escalates a complaint when opened, and by hand only upwards with a reason; checks version and branch', async () => {
  t.clock.set(on(MONDAY, 10));
  const { branch, agent, senior, manager, as } = await team();
  const { customer } = await makeCustomer(t.app, await login(t.app, agent), branch.id);
  const created = await request(t.app)
    .post('/api/cases')
    .set(await as(agent))
    .send({ type: 'complaint', subject: 'Rude call handler', customerId: customer.id, assigneeId: agent.id })
    .expect(201);
  const id = created.body.id as string;
  expect(created.body).toMatchObject({ escalationLevel: 'senior_agent', assignee: { id: agent.id }, version: 2 });
  expect(created.body.escalations).toEqual([expect.objectContaining({ trigger: 'complaint', fromLevel: 'agent', toLevel: 'senior_agent', reassignedTo: null })]);
  // The regulatory clocks: acknowledgement in 5 business days, final response in 40.
  expect(created.body.clocks.map((c: Clock) => [c.metric, c.targetMinutes])).toEqual([
    ['first_response', 240],
    ['resolution', 2880],
    ['acknowledgement', 2400],
    ['final_response', 19200],
  ]);
  expect((await caseTasks(id)).map((x) => x.assignee_id)).toEqual([senior.id]);

  const escalate = async (version: number, body: Record<string, unknown>, user: TestUser = agent) =>
    request(t.app)
      .post(`/api/cases/${id}/escalate`)
      .set(await as(user))
      .set('If-Match', `"${version}"`)
      .send(body);
  expect((await escalate(2, {})).status).toBe(400);
  expect((await escalate(2, { reason: 'x\u0000' })).status).toBe(400);
  expect((await escalate(1, { reason: 'Customer threatens the ombudsman' })).status).toBe(412);
  const down = await escalate(2, { reason: 'Back to the agent', toLevel: 'agent' });
  expect([down.status, down.body.code]).toEqual([409, 'CASE_ESCALATION_NOT_ALLOWED']);
  const outsider = await sessionAs(t, 'senior_agent');
  await request(t.app).post(`/api/cases/${id}/escalate`).set(outsider.auth).set('If-Match', '"2"').send({ reason: 'Not mine' }).expect(404);

  const up = await escalate(2, { reason: 'Customer threatens the ombudsman', raisePriority: true });
  expect(up.status).toBe(200);
  expect(up.body).toMatchObject({ escalationLevel: 'manager', assignee: { id: manager.id }, priority: 'high', version: 3 });
  expect(up.body.escalations[1]).toMatchObject({ trigger: 'manual', reason: 'Customer threatens the ombudsman', escalatedBy: { id: agent.id }, reassignedTo: { id: manager.id } });
  const top = await escalate(3, { reason: 'Even higher' });
  expect([top.status, top.body.code]).toEqual([409, 'CASE_ESCALATION_NOT_ALLOWED']);
  expect((await caseTasks(id)).map((x) => x.assignee_id)).toEqual([senior.id, manager.id]);
});

it('keeps SLA targets as data: readable by agents, changed by admins only, "no SLA" never warns', async () => {
  t.clock.set(on(MONDAY, 10));
  const { agent, as, runSla } = await team();
  const list = await request(t.app)
    .get('/api/service/sla-policies')
    .set(await as(agent))
    .expect(200);
  expect(list.body.items).toHaveLength(28);
  // Onboarding at low priority: a type and priority no other test uses.
  const policy = list.body.items.find((p: { caseType: string; priority: string }) => p.caseType === 'onboarding' && p.priority === 'low');
  const noSla = { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null, acknowledgementMinutes: null, finalResponseMinutes: null, warningPercent: 75 };
  await request(t.app)
    .put(`/api/service/sla-policies/${policy.id}`)
    .set(await as(agent))
    .set('If-Match', `"${policy.version}"`)
    .send(noSla)
    .expect(403);
  const adminUser = await makeUser(t.db, { role: 'admin' });
  const admin = await login(t.app, adminUser);
  await request(t.app)
    .put(`/api/service/sla-policies/${policy.id}`)
    .set(admin.auth)
    .set('If-Match', `"${policy.version}"`)
    .send({ ...noSla, warningPercent: 100 })
    .expect(400);
  const changed = await request(t.app).put(`/api/service/sla-policies/${policy.id}`).set(admin.auth).set('If-Match', `"${policy.version}"`).send(noSla).expect(200);
  try {
    const created = await request(t.app)
      .post('/api/cases')
      .set(await as(agent))
      .send({ type: 'onboarding', priority: 'low', subject: 'Welcome pack', assigneeId: agent.id })
      .expect(201);
    expect(created.body.clocks.map((c: Clock) => [c.metric, c.targetMinutes])).toEqual([
      ['first_response', null],
      ['resolution', null],
    ]);
    t.clock.set(on('2027-04-01', 10));
    await runSla();
    const later = (
      await request(t.app)
        .get(`/api/cases/${created.body.id}`)
        .set(await as(agent))
    ).body;
    expect(later.clocks.every((c: Clock) => !c.warned && !c.breached)).toBe(true);
  } finally {
    await request(t.app)
      .put(`/api/service/sla-policies/${policy.id}`)
      .set(await as(adminUser))
      .set('If-Match', `"${changed.body.version}"`)
      .send({
        firstResponseMinutes: policy.firstResponseMinutes,
        nextResponseMinutes: policy.nextResponseMinutes,
        resolutionMinutes: policy.resolutionMinutes,
        acknowledgementMinutes: null,
        finalResponseMinutes: null,
        warningPercent: 75,
      })
      .expect(200);
  }
  expect(await t.db('audit_log').where({ entity_id: policy.id, action: 'sla_policy.update' }).count<{ count: number }[]>('* as count')).toEqual([{ count: 2 }]);
});
