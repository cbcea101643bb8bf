// Scheduled reports through the API: a cron expression on a time zone's wall clock, at most hourly;
// recipients are active users of the owner's branches who may run the report. The minute job runs a
// schedule once per scheduled instant (two workers at once: once), gives each recipient their own
// export run as themselves, and the export's completion emails them a link (never the file). After
// downtime a schedule runs once, then follows its cron from now. Pause, resume, If-Match, delete,
// history and audit; another user's schedule is 404.
import request from 'supertest';
import { z } from 'zod';
import { login, makeBranch, makeUser, type TestUser } from '../../../../test/support/factories';
import { exportTestEnv, parseCsv, binary, withJobSender } from '../../../../test/support/report-exports';
import { appForFile } from '../../../../test/support/test-app';
import type { Actor } from '../../../platform/actor';
import type { AppModule } from '../../../platform/module';
import { RUN_REPORT_EXPORT_JOB } from '../report-exports.service';
import { RUN_REPORT_SCHEDULES_JOB } from '../report-schedules.service';

// A report whose one row says who ran it and which branches they saw: each recipient's copy must be theirs.
const probeModule: AppModule = {
  name: 'probe-schedules',
  register: ({ services }) => {
    const whoami = (key: string, permission: 'policies:read' | 'finance:read') => ({
      key,
      title: `Who ran ${key}`,
      description: 'The runner and their branches',
      permission,
      params: z.strictObject({ label: z.string().max(20).default('weekly') }),
      columns: [
        { key: 'user', header: 'User', type: 'string' as const },
        { key: 'branches', header: 'Branches', type: 'string' as const },
        { key: 'label', header: 'Label', type: 'string' as const },
      ],
      personalData: true,
      rows: (_db: unknown, actor: Actor, params: { label: string }) =>
        (async function* () {
          yield [{ user: actor.userId, branches: actor.branchIds === 'all' ? 'all' : actor.branchIds.join(' '), label: params.label }];
        })(),
    });
    services.reports.register(whoami('probe.whoami', 'policies:read'));
    // A report over a period (both dates required) whose one row repeats the dates it ran for.
    services.reports.register({
      key: 'probe.period',
      title: 'Dates run for',
      description: 'The period it was given',
      permission: 'policies:read',
      params: z.strictObject({ from: z.iso.date(), to: z.iso.date(), label: z.string().default('x') }),
      columns: [
        { key: 'from', header: 'From', type: 'date' },
        { key: 'to', header: 'To', type: 'date' },
      ],
      personalData: false,
      period: { from: 'from', to: 'to' },
      rows: (_db, _actor, params) =>
        (async function* () {
          yield [{ from: params.from, to: params.to }];
        })(),
    });
    services.reports.register(whoami('probe.ledger', 'finance:read'));
  },
};

const t = appForFile({ modules: [probeModule], env: exportTestEnv('schedules') });
withJobSender(t);
afterEach(() => t.clock.reset());

const as = async (user: TestUser) => (await login(t.app, user)).auth;
const schedule = async (user: TestUser, body: Record<string, unknown>, key = 'probe.whoami') =>
  request(t.app)
    .post(`/api/reports/${key}/schedules`)
    .set(await as(user))
    .send(body);
const runDue = () => t.jobs.runNow(RUN_REPORT_SCHEDULES_JOB, {});
const runsOf = (scheduleId: string) => t.ownerDb('report_schedule_runs').where({ schedule_id: scheduleId }).orderBy('scheduled_for');
const exportsOfRun = (runId: string) => t.ownerDb('report_exports').where({ schedule_run_id: runId }).orderBy('seq');

let branch: { id: string };
let manager: TestUser;
let agent: TestUser;
beforeAll(async () => {
  branch = await makeBranch(t.db);
  manager = await makeUser(t.db, { role: 'manager', branchId: branch.id });
  agent = await makeUser(t.db, { role: 'agent', branchId: branch.id });
});

it('runs a weekly schedule once per Monday 08:00 London time, each recipient getting their own copy and an email with a link', async () => {
  t.clock.set('2027-07-01T12:00:00Z'); // a Thursday, British Summer Time
  const created = await schedule(manager, { format: 'csv', params: { label: 'team' }, cron: '0 8 * * 1', timeZone: 'Europe/London', recipientIds: [manager.id, agent.id] });
  expect(created.status).toBe(201);
  expect(created.headers.etag).toBe('"1"');
  expect(created.body).toMatchObject({
    reportKey: 'probe.whoami',
    status: 'active',
    params: { label: 'team' },
    nextRunAt: '2027-07-05T07:00:00.000Z', // Monday 08:00 BST
    lastRunAt: null,
    recipients: expect.arrayContaining([
      { id: manager.id, name: manager.name },
      { id: agent.id, name: agent.name },
    ]),
  });
  const id = created.body.id as string;

  // Not yet due: nothing runs.
  await runDue();
  expect(await runsOf(id)).toHaveLength(0);

  // Monday 08:01: two workers at once make one run, with one export per recipient, each run as that recipient.
  t.clock.set('2027-07-05T07:01:00Z');
  await Promise.all([runDue(), runDue()]);
  const runs = await runsOf(id);
  expect(runs).toHaveLength(1);
  expect(runs[0].scheduled_for).toEqual(new Date('2027-07-05T07:00:00Z'));
  const exports = await exportsOfRun(runs[0].id);
  expect(exports.map((e: { requested_by: string }) => e.requested_by).sort()).toEqual([manager.id, agent.id].sort());
  for (const e of exports) await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: e.id });

  for (const user of [manager, agent]) {
    const mine = exports.find((e: { requested_by: string }) => e.requested_by === user.id)!;
    const file = await request(t.app)
      .get(`/api/reports/exports/${mine.id}/file`)
      .set(await as(user))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(parseCsv((file.body as Buffer).toString('utf8'))[1]).toEqual([user.id, branch.id, 'team']);
    // Only the recipient downloads their copy.
    const other = user === manager ? agent : manager;
    await request(t.app)
      .get(`/api/reports/exports/${mine.id}/file`)
      .set(await as(other))
      .expect(404);
    // The email: a link to the export in the console, and when the file goes; never the file.
    const mail = await t
      .ownerDb('notification_outbox')
      .where({ idempotency_key: `report-ready:${mine.id}` })
      .first();
    expect(mail).toMatchObject({ channel: 'email', template_key: 'report-ready', recipient: user.email, purpose: 'service' });
    expect(mail.data).toEqual({ recipientName: user.name, reportTitle: 'Who ran probe.whoami', link: `${t.config.publicUrl}/reports?export=${mine.id}`, expiresOn: '2027-07-12' });
  }
  // Personal data: each copy's request is audited as its recipient's.
  const audits = await t
    .ownerDb('audit_log')
    .whereIn(
      'entity_id',
      exports.map((e: { id: string }) => e.id),
    )
    .where({ action: 'report_export.request' });
  expect(audits.map((a: { actor_user_id: string }) => a.actor_user_id).sort()).toEqual([manager.id, agent.id].sort());

  // Run again in the same minute: nothing new. The next run is the next Monday.
  await runDue();
  expect(await runsOf(id)).toHaveLength(1);
  const after = (
    await request(t.app)
      .get(`/api/reports/schedules/${id}`)
      .set(await as(manager))
      .expect(200)
  ).body;
  expect(after).toMatchObject({ nextRunAt: '2027-07-12T07:00:00.000Z', lastRunAt: '2027-07-05T07:01:00.000Z' });

  // Down for three weeks: one run for the Monday it missed first, then from now (Thu 5 Aug) the next Monday.
  t.clock.set('2027-08-05T10:00:00Z');
  await runDue();
  await runDue();
  expect((await runsOf(id)).map((r: { scheduled_for: Date }) => r.scheduled_for.toISOString())).toEqual(['2027-07-05T07:00:00.000Z', '2027-07-12T07:00:00.000Z']);
  expect(
    (
      await request(t.app)
        .get(`/api/reports/schedules/${id}`)
        .set(await as(manager))
        .expect(200)
    ).body.nextRunAt,
  ).toBe('2027-08-09T07:00:00.000Z');

  // A recipient disabled since gets nothing.
  await t.ownerDb('users').where({ id: agent.id }).update({ active: false });
  t.clock.set('2027-08-09T07:00:30Z');
  await runDue();
  const last = (await runsOf(id)).at(-1);
  expect((await exportsOfRun(last.id)).map((e: { requested_by: string }) => e.requested_by)).toEqual([manager.id]);
  await t.ownerDb('users').where({ id: agent.id }).update({ active: true });
});

it('refuses a timing more often than hourly, an unknown zone, recipients outside the branches or without the report, and bad parameters — each by its field', async () => {
  t.clock.set('2027-07-01T12:00:00Z');
  const outsider = await makeUser(t.db, { role: 'agent' });
  const bad = await schedule(manager, { format: 'xlsx', cron: '*/5 * * * *', timeZone: 'Mars/Olympus', recipientIds: [manager.id, outsider.id] });
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({
    code: 'REPORT_SCHEDULE_INVALID',
    errors: [
      { path: 'timeZone', message: expect.stringMatching(/Unknown time zone/) },
      { path: 'cron', message: expect.stringMatching(/one run an hour/) },
      { path: 'recipientIds.1', message: expect.stringMatching(/in your branches/) },
    ],
  });
  // The agent may not run the finance report the controller schedules.
  const controller = await makeUser(t.db, { role: 'finance_manager', branchId: branch.id });
  const noRight = await schedule(controller, { format: 'csv', cron: '0 7 1 * *', timeZone: 'UTC', recipientIds: [controller.id, agent.id] }, 'probe.ledger');
  expect(noRight.body).toMatchObject({ code: 'REPORT_SCHEDULE_INVALID', errors: [{ path: 'recipientIds.1', message: 'This user may not run this report' }] });
  // The report's own parameter rules, a twice-listed recipient, an unknown report, a report not yours.
  const params = await schedule(manager, { format: 'csv', params: { label: 'x'.repeat(21), extra: 1 }, cron: '0 7 * * *', timeZone: 'UTC', recipientIds: [manager.id] });
  expect(params.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['params.extra', 'params.label']);
  const twice = await schedule(manager, { format: 'csv', cron: '0 7 * * *', timeZone: 'UTC', recipientIds: [manager.id, manager.id] });
  expect(twice.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'recipientIds', message: 'A recipient is listed twice' }] });
  expect((await schedule(manager, { format: 'csv', cron: '0 7 * * *', timeZone: 'UTC', recipientIds: [manager.id] }, 'probe.nothing')).status).toBe(404);
  expect((await schedule(agent, { format: 'csv', cron: '0 7 * * *', timeZone: 'UTC', recipientIds: [agent.id] }, 'probe.ledger')).status).toBe(404);
  expect(await t.ownerDb('report_schedules').where({ owner_id: controller.id })).toHaveLength(0);
});

it('fills a report’s dates with a rolling period at each run: the week before the run’s week on the schedule’s calendar', async () => {
  t.clock.set('2027-07-01T12:00:00Z'); // Thursday
  // Without the dates the report requires: the period fills them; they are not stored.
  const created = await schedule(
    manager,
    { format: 'csv', params: { from: '2020-01-01', label: 'ops' }, cron: '0 8 * * 1', timeZone: 'Europe/London', period: 'previous-week', recipientIds: [manager.id] },
    'probe.period',
  );
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ period: 'previous-week', params: { label: 'ops' } });
  expect(created.body.params).not.toHaveProperty('from');

  for (const [now, from, to] of [
    ['2027-07-05T07:00:10Z', '2027-06-28', '2027-07-04'],
    ['2027-07-12T07:00:10Z', '2027-07-05', '2027-07-11'],
  ] as const) {
    t.clock.set(now);
    await runDue();
    const run = (await runsOf(created.body.id)).at(-1);
    const [copy] = await exportsOfRun(run.id);
    expect(copy.params).toEqual({ label: 'ops', from, to });
    await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: copy.id });
    const file = await request(t.app)
      .get(`/api/reports/exports/${copy.id}/file`)
      .set(await as(manager))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(parseCsv((file.body as Buffer).toString('utf8'))[1]).toEqual([from, to]);
  }

  // Dropping the period needs the dates again: the report's own rule, by its field.
  t.clock.set('2027-07-13T09:00:00Z');
  const me = await as(manager);
  const noDates = await request(t.app).patch(`/api/reports/schedules/${created.body.id}`).set(me).set('If-Match', '"1"').send({ period: null });
  expect(noDates.status).toBe(400);
  expect(noDates.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['params.from', 'params.to']);
  const fixed = await request(t.app)
    .patch(`/api/reports/schedules/${created.body.id}`)
    .set(me)
    .set('If-Match', '"1"')
    .send({ period: null, params: { from: '2027-01-01', to: '2027-06-30' } });
  expect(fixed.status).toBe(200);
  expect(fixed.body).toMatchObject({ period: null, params: { from: '2027-01-01', to: '2027-06-30', label: 'x' } });

  // A report without dates has no period to fill.
  const noPeriod = await schedule(manager, { format: 'csv', cron: '0 8 * * 1', timeZone: 'UTC', period: 'previous-month', recipientIds: [manager.id] });
  expect(noPeriod.body).toMatchObject({ code: 'REPORT_SCHEDULE_INVALID', errors: [{ path: 'period', message: 'This report has no dates for a period to fill' }] });
  expect((await schedule(manager, { format: 'csv', cron: '0 8 * * 1', timeZone: 'UTC', period: 'fortnight', recipientIds: [manager.id] })).status).toBe(400);
});

it('pauses, resumes and deletes under If-Match, with history and audit; only the owner sees it', async () => {
  t.clock.set('2027-07-01T12:00:00Z');
  const created = (await schedule(manager, { format: 'pdf', cron: '30 6 1 * *', timeZone: 'America/New_York', recipientIds: [manager.id] })).body;
  expect(created.nextRunAt).toBe('2027-08-01T10:30:00.000Z'); // 1 Aug 06:30 EDT
  // A fresh session each time: the clock moves by months.
  const patch = async (version: number, body: Record<string, unknown>, status: number) =>
    request(t.app)
      .patch(`/api/reports/schedules/${created.id}`)
      .set(await as(manager))
      .set('If-Match', `"${version}"`)
      .send(body)
      .expect(status);

  const paused = await patch(1, { status: 'paused' }, 200);
  expect(paused.body).toMatchObject({ status: 'paused', nextRunAt: null, version: 2 });
  await patch(1, { status: 'active' }, 412);
  t.clock.set('2027-08-01T10:31:00Z');
  await runDue();
  expect(await runsOf(created.id)).toHaveLength(0);
  // Resumed after its time: the next one from now (1 Sep), the missed one not made up.
  const resumed = await patch(2, { status: 'active', cron: '30 6 1 * *' }, 200);
  expect(resumed.body).toMatchObject({ status: 'active', nextRunAt: '2027-09-01T10:30:00.000Z', version: 3 });
  await patch(3, { cron: '* * * * *' }, 400);
  const auth = await as(manager);

  // Another user, even the agent of the branch, does not see it.
  const agentAuth = await as(agent);
  await request(t.app).get(`/api/reports/schedules/${created.id}`).set(agentAuth).expect(404);
  await request(t.app).patch(`/api/reports/schedules/${created.id}`).set(agentAuth).set('If-Match', '"3"').send({ status: 'paused' }).expect(404);
  expect((await request(t.app).get('/api/reports/schedules').set(agentAuth).expect(200)).body.items.some((s: { id: string }) => s.id === created.id)).toBe(false);
  expect((await request(t.app).get('/api/reports/schedules').set(auth).expect(200)).body.items.map((s: { id: string }) => s.id)).toContain(created.id);

  await request(t.app).delete(`/api/reports/schedules/${created.id}`).set(auth).set('If-Match', '"3"').expect(204);
  await request(t.app).get(`/api/reports/schedules/${created.id}`).set(auth).expect(404);
  t.clock.set('2027-09-01T10:31:00Z');
  await runDue();
  expect(await runsOf(created.id)).toHaveLength(0);
  expect(await t.ownerDb('report_schedules').where({ id: created.id }).first()).toMatchObject({ status: 'deleted', next_run_at: null });

  const history = await t.ownerDb('report_schedule_history').where({ schedule_id: created.id }).orderBy('version');
  expect(history.map((h: { change: string; version: number }) => [h.version, h.change])).toEqual([
    [1, 'create'],
    [2, 'pause'],
    [3, 'resume'],
    [4, 'delete'],
  ]);
  const audit = await t.ownerDb('audit_log').where({ entity_id: created.id }).orderBy('id');
  expect(audit.map((a: { action: string }) => a.action)).toEqual(['report_schedule.create', 'report_schedule.update', 'report_schedule.update', 'report_schedule.delete']);
  await expect(t.ownerDb('report_schedule_history').where({ schedule_id: created.id }).delete()).rejects.toThrow();
});
