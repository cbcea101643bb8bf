// Business-hours calendars: a company-wide default made on first use, read by agents, changed by
// admins only (If-Match, audited), refused when not usable. The default is shared by every test on
// this database, so the change is put back at the end.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { sessionAs } from '../../../../test/support/factories';

const t = appForFile();

it('serves the default calendar and lets only admins change it, with If-Match and audit', async () => {
  const agent = await sessionAs(t, 'agent');
  const admin = await sessionAs(t, 'admin');
  const list = await request(t.app).get('/api/service/calendars').set(agent.auth).expect(200);
  const calendar = list.body.items.find((c: { isDefault: boolean }) => c.isDefault);
  expect(calendar).toMatchObject({ timeZone: t.config.businessTimeZone, branchId: null });
  expect(calendar.hours.mon).toEqual([{ from: '09:00', to: '17:00' }]);

  const body = {
    name: calendar.name,
    timeZone: 'Europe/Berlin',
    hours: {
      ...calendar.hours,
      mon: [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '17:00' },
      ],
    },
    holidays: [{ date: '2027-12-25', name: 'Christmas Day' }],
  };
  const url = `/api/service/calendars/${calendar.id}`;
  await request(t.app).put(url).set(agent.auth).set('If-Match', `"${calendar.version}"`).send(body).expect(403);
  await request(t.app).put(url).set(admin.auth).send(body).expect(428);
  const bad = await request(t.app)
    .put(url)
    .set(admin.auth)
    .set('If-Match', `"${calendar.version}"`)
    .send({ ...body, timeZone: 'Mars/Olympus', hours: { ...body.hours, tue: [{ from: '10:00', to: '09:00' }] }, holidays: [...body.holidays, ...body.holidays] })
    .expect(400);
  expect(bad.body.code).toBe('SERVICE_CALENDAR_INVALID');
  expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['timeZone', 'hours.tue.0', 'holidays.1.date']);

  const updated = await request(t.app).put(url).set(admin.auth).set('If-Match', `"${calendar.version}"`).send(body).expect(200);
  expect(updated.body).toMatchObject({ version: calendar.version + 1, holidays: body.holidays });
  expect(updated.headers.etag).toBe(`"${calendar.version + 1}"`);
  await request(t.app).put(url).set(admin.auth).set('If-Match', `"${calendar.version}"`).send(body).expect(412);
  const audit = await t.db('audit_log').where({ action: 'service_calendar.update', entity_id: calendar.id }).orderBy('id', 'desc').first();
  expect(audit.changes.holidays).toEqual({ before: calendar.holidays, after: body.holidays });

  const restore = { name: calendar.name, timeZone: calendar.timeZone, hours: calendar.hours, holidays: calendar.holidays };
  await request(t.app)
    .put(url)
    .set(admin.auth)
    .set('If-Match', `"${calendar.version + 1}"`)
    .send(restore)
    .expect(200);
});
