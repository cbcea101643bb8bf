// `npm run seed:volume -- --cases N --open-cases K --interactions M` writes the service desk's cases,
// clocks and interactions in bulk SQL rather than through the services: these tests prove that what
// it writes is what the app reads as its own — the cases, their clocks and the customer timeline read
// through the API (responses checked against the OpenAPI document), the clock log is one the clock
// engine accepts, the SLA job runs over the seeded open cases without error and finds nothing the
// seed did not already record at the same instant, and running the seed again adds nothing.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { loginAsVolumeUser, volumeReader } from '../../../../test/support/volume-logins';
import { seedVolumeCustomers } from '../../../cli/volume-customers';
import { seedVolumeService } from '../../../cli/volume-service';
import { zonedInstant } from '../../../platform/business-time';
import { CalendarsService } from '../calendars.service';
import { SLA_JOB } from '../sla-monitor.service';
import { SlaPoliciesService } from '../sla-policies.service';

const CASES = 300;
const OPEN = 200;
const INTERACTIONS = 1_500;
// A Wednesday, 11:00 in the business zone's office hours (the default calendar is Monday–Friday 09–17).
const DAY = '2027-03-17';
const adminUrl = () => process.env.POLICYDESK_TEST_ADMIN_URL!;

let url: string;
let t: TestApp;
let manager: Session;

const rows = async <T>(sql: string, bindings: (string | number)[] = []): Promise<T[]> => (await t.db.raw(sql, bindings)).rows as T[];
const seed = () =>
  seedVolumeService(t.db, {
    cases: CASES,
    openCases: OPEN,
    interactions: INTERACTIONS,
    clock: t.clock,
    calendars: new CalendarsService(t.db, t.clock, t.services.audit, t.config.businessTimeZone),
    policies: new SlaPoliciesService(t.db, t.clock, t.services.audit),
  });

let first: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl(), 'service_volume');
  t = createTestApp({ env: { DATABASE_URL: url } });
  t.clock.set(new Date(zonedInstant(DAY, 11 * 60, t.config.businessTimeZone)));
  await seedVolumeCustomers(t.db, { target: 400, config: t.config, clock: t.clock });
  first = await seed();
  const branchIds: string[] = await t.db('service_cases').distinct('branch_id').pluck('branch_id');
  manager = await volumeReader(t, branchIds, 'volume-service-reader@volume.test');
}, 240_000);

afterAll(async () => {
  await t?.close();
  if (url) await dropDatabase(adminUrl(), url);
});

describe('seed:volume --cases --interactions', () => {
  it('adds the cases (the newest open) and tops the interactions up to the total', async () => {
    expect(first).toMatchObject({ cases: CASES, interactions: INTERACTIONS, existingCases: 0, existingInteractions: 0 });
    const byStatus = await rows<{ status: string; n: string }>('SELECT status, count(*) AS n FROM service_cases GROUP BY status');
    const count = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
    expect(count('new') + count('open') + count('pending')).toBe(OPEN);
    for (const s of ['new', 'open', 'pending', 'resolved', 'closed']) expect(count(s)).toBeGreaterThan(0);
    const [{ n }] = await rows<{ n: string }>('SELECT count(*) AS n FROM service_interactions');
    expect(Number(n)).toBe(INTERACTIONS);
    // Spread over branches, agents and channels; every case's contact and reply linked to it and its customer.
    const [spread] = await rows<{ branches: string; agents: string; channels: string; unlinked: string }>(
      `SELECT count(DISTINCT branch_id) AS branches, count(DISTINCT agent_id) AS agents, count(DISTINCT channel) AS channels,
              (SELECT count(*) FROM service_cases c WHERE NOT EXISTS (SELECT 1 FROM service_interactions i WHERE i.links @> jsonb_build_array(jsonb_build_object('kind', 'case', 'id', c.id::text)) AND i.customer_id = c.customer_id)) AS unlinked
         FROM service_interactions`,
    );
    expect(Number(spread!.branches)).toBe(2);
    expect(Number(spread!.agents)).toBeGreaterThan(2);
    expect(Number(spread!.channels)).toBe(7);
    expect(Number(spread!.unlinked)).toBe(0);
    // Each case's history starts at new and ends where the case is; its version counts its changes.
    const [mismatch] = await rows<{ last: string; first: string; version: string }>(
      `SELECT count(*) FILTER (WHERE l.to_status <> c.status) AS last, count(*) FILTER (WHERE f.from_status IS NOT NULL OR f.to_status <> 'new') AS first,
              count(*) FILTER (WHERE c.version <> (SELECT count(*) FROM service_case_status_history h WHERE h.case_id = c.id)) AS version
         FROM service_cases c
         JOIN LATERAL (SELECT * FROM service_case_status_history h WHERE h.case_id = c.id ORDER BY id DESC LIMIT 1) l ON true
         JOIN LATERAL (SELECT * FROM service_case_status_history h WHERE h.case_id = c.id ORDER BY id LIMIT 1) f ON true`,
    );
    expect(mismatch).toEqual({ last: 0, first: 0, version: 0 });
  });

  it('running it again adds nothing', async () => {
    const again = await seed();
    expect(again).toEqual({ cases: 0, interactions: 0, existingCases: CASES, existingInteractions: INTERACTIONS });
    const [{ n }] = await rows<{ n: string }>('SELECT count(*) AS n FROM service_cases');
    expect(Number(n)).toBe(CASES);
  });

  it('the API reads the seeded cases with their clocks, and the customer timeline', async () => {
    const cases = await rows<{ id: string; status: string; customer_id: string; type: string }>(
      `SELECT DISTINCT ON (status, type = 'complaint') id, status, customer_id, type FROM service_cases ORDER BY status, type = 'complaint', id`,
    );
    for (const c of cases) {
      const res = await request(t.app).get(`/api/cases/${c.id}`).set(manager.auth).expect(200);
      expect(res.body.status).toBe(c.status);
      const metrics = (res.body.clocks as { metric: string; status: string }[]).map((k) => k.metric).sort();
      expect(metrics).toEqual(c.type === 'complaint' ? ['acknowledgement', 'final_response', 'first_response', 'resolution'] : ['first_response', 'resolution']);
      const resolution = (res.body.clocks as { metric: string; status: string }[]).find((k) => k.metric === 'resolution')!;
      expect(resolution.status).toBe({ new: 'running', open: 'running', pending: 'paused', resolved: 'fulfilled', closed: 'fulfilled' }[c.status]);
      const interactions = await request(t.app).get(`/api/cases/${c.id}/interactions`).set(manager.auth).expect(200);
      expect(interactions.body.items.length).toBeGreaterThan(0);
      const timeline = await request(t.app).get(`/api/customers/${c.customer_id}/timeline`).set(manager.auth).expect(200);
      expect(timeline.body.items.some((i: { kind: string; id: string }) => i.kind === 'case' && i.id === c.id)).toBe(true);
    }
  });

  it("an agent's My work holds their open cases", async () => {
    const [agent] = await rows<{ email: string; open: string }>(
      `SELECT u.email, count(*) AS open FROM service_cases c JOIN users u ON u.id = c.assignee_id WHERE c.status IN ('new', 'open', 'pending') GROUP BY u.email ORDER BY 2 DESC, 1 LIMIT 1`,
    );
    const session = await loginAsVolumeUser(t, agent!.email);
    const res = await request(t.app).get('/api/my-work').set(session.auth).expect(200);
    expect(res.body.items.filter((i: { kind: string }) => i.kind === 'case')).toHaveLength(Number(agent!.open));
  });

  it('the SLA job runs over the seeded open cases and finds every warning and breach already recorded', async () => {
    const before = await rows<{ n: string }>(`SELECT count(*) AS n FROM service_clock_events WHERE type IN ('warning', 'breach')`);
    expect(Number(before[0]!.n)).toBeGreaterThan(0);
    await t.jobs.runNow(SLA_JOB, {});
    const after = await rows<{ n: string }>(`SELECT count(*) AS n FROM service_clock_events WHERE type IN ('warning', 'breach')`);
    expect(after[0]!.n).toBe(before[0]!.n);
    // An hour later some clocks cross their share or target: the job records them, once.
    t.clock.advance(3_600_000);
    await t.jobs.runNow(SLA_JOB, {});
    const later = await rows<{ n: string }>(`SELECT count(*) AS n FROM service_clock_events WHERE type IN ('warning', 'breach')`);
    expect(Number(later[0]!.n)).toBeGreaterThan(Number(before[0]!.n));
    await t.jobs.runNow(SLA_JOB, {});
    const again = await rows<{ n: string }>(`SELECT count(*) AS n FROM service_clock_events WHERE type IN ('warning', 'breach')`);
    expect(again[0]!.n).toBe(later[0]!.n);
  });
});
