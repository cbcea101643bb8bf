// The SLA clock log on PostgreSQL: events append under a lock, those that do not apply are refused
// (409), warnings are recorded once, and the log itself cannot be rewritten.
import crypto from 'node:crypto';
import { appForFile } from '../../../../test/support/test-app';
import { makeBranch } from '../../../../test/support/factories';
import { AuditService } from '../../audit/audit.service';
import { CalendarsService } from '../calendars.service';
import { ClocksService } from '../clocks.service';

const t = appForFile();

it('appends clock events, refuses those that do not apply, and keeps the log append-only', async () => {
  const clocks = new ClocksService(t.clock, new CalendarsService(t.db, t.clock, new AuditService(t.clock), t.config.businessTimeZone));
  const branch = await makeBranch(t.db);
  const subject = { type: 'case' as const, id: crypto.randomUUID() };
  const at = (iso: string) => new Date(iso);
  t.clock.set('2027-01-04T12:30:00Z');
  // Monday 2027-01-04, in the default calendar's hours wherever its zone is within a few hours of UTC.
  await t.db.transaction((trx) => clocks.record(trx, null, subject, 'resolution', { type: 'start', targetMinutes: 120, at: at('2027-01-04T12:00:00Z'), branchId: branch.id }));
  const paused = await t.db.transaction((trx) => clocks.record(trx, null, subject, 'resolution', { type: 'pause', at: at('2027-01-04T12:30:00Z') }));
  expect(paused).toMatchObject({ status: 'paused', usedMs: 30 * 60_000, targetMs: 120 * 60_000 });
  await expect(t.db.transaction((trx) => clocks.record(trx, null, subject, 'resolution', { type: 'pause', at: at('2027-01-04T13:00:00Z') }))).rejects.toMatchObject({
    code: 'CLOCK_EVENT_REJECTED',
  });
  await t.db.transaction((trx) => clocks.record(trx, null, subject, 'resolution', { type: 'warning', at: at('2027-01-04T13:00:00Z') }));
  await expect(t.db.transaction((trx) => clocks.record(trx, null, subject, 'resolution', { type: 'warning', at: at('2027-01-04T13:05:00Z') }))).rejects.toMatchObject({
    code: '23505',
  });
  const state = await clocks.state(t.db, subject, 'resolution', at('2027-01-05T12:00:00Z'));
  expect(state).toMatchObject({ status: 'paused', usedMs: 30 * 60_000, warningRecorded: true, dueAt: null });
  t.clock.reset();
  await expect(t.db('service_clock_events').where({ subject_id: subject.id }).del()).rejects.toThrow(/permission denied/);
  await expect(t.ownerDb('service_clock_events').where({ subject_id: subject.id }).update({ at: new Date() })).rejects.toThrow(/append-only/);
});
