// The "access to protected personal data" report (`audit.personal-data-access`) exported through the
// reports module's API: who read a customer's full record or unmasked national id, and when, from the
// trail's sensitive reads on the days asked for, scoped as the trail is — a South manager's export
// holds nothing of North; agents (no audit:read) may not run it.
import request from 'supertest';
import { loggedIn, login, makeBranch, makeCustomer, sessionAs } from '../../../../test/support/factories';
import { exportReport, exportTestEnv, parseCsv, withJobSender } from '../../../../test/support/report-exports';
import { appForFile } from '../../../../test/support/test-app';

const t = appForFile({ env: exportTestEnv('personal-data-access') });
withJobSender(t);

describe('access to protected personal data', () => {
  it('lists each read of protected data in the period with who, the record and what was read, scoped to the reader’s branches', async () => {
    const north = (await makeBranch(t.db, { name: 'North access test' })).id;
    const south = (await makeBranch(t.db)).id;
    t.clock.set('2033-05-10T12:00:00Z');
    try {
      const agent = await sessionAs(t, 'agent', north);
      const { user: senior } = await loggedIn(t.app, t.db, { role: 'senior_agent', branchId: north });
      // A national id of its own (the factory's random one): a fixed one would match another test's customer in the shared database as a duplicate.
      const { customer } = await makeCustomer(t.app, agent, north);
      const { customer: southern } = await makeCustomer(t.app, await sessionAs(t, 'agent', south), south);
      await request(t.app).get(`/api/customers/${customer.id}`).set(agent.auth).expect(200); // the full record
      t.clock.set('2033-05-11T12:00:00Z');
      const seniorSession = await login(t.app, senior); // a day later: a fresh session
      await request(t.app).get(`/api/customers/${customer.id}/national-id`).set(seniorSession.auth).expect(200); // unmasked
      await request(t.app)
        .get(`/api/customers/${southern.id}`)
        .set((await sessionAs(t, 'agent', south)).auth)
        .expect(200);

      const manager = await sessionAs(t, 'manager', north);
      const { file } = await exportReport(t, manager.auth, 'audit.personal-data-access', { format: 'csv', params: { from: '2033-05-10', to: '2033-05-11' } });
      const rows = parseCsv(file.toString('utf8'));
      expect(rows[0]).toEqual(['When', 'Who', 'Role', 'Record type', 'Record', 'What was read', 'Branch', 'Request']);
      const reads = rows.slice(1).filter((r) => r[4] === customer.customerNumber);
      expect(reads.map((r) => [r[0]!.slice(0, 10), r[2], r[3], r[5], r[6]])).toEqual([
        ['2033-05-10', 'agent', 'customer', 'record', 'North access test'],
        ['2033-05-11', 'senior_agent', 'customer', 'national_id', 'North access test'],
      ]);
      expect(reads[1]![1]).toBe(senior.name);
      // Nothing of South.
      expect(rows.slice(1).some((r) => r[4] === southern.customerNumber)).toBe(false);
      // One day only.
      const first = parseCsv(
        (await exportReport(t, manager.auth, 'audit.personal-data-access', { format: 'csv', params: { from: '2033-05-11', to: '2033-05-11' } })).file.toString('utf8'),
      );
      expect(
        first
          .slice(1)
          .filter((r) => r[4] === customer.customerNumber)
          .map((r) => r[5]),
      ).toEqual(['national_id']);

      // Agents do not read the trail: not theirs to run.
      await request(t.app)
        .post('/api/reports/audit.personal-data-access/exports')
        .set((await sessionAs(t, 'agent', north)).auth)
        .send({ format: 'csv', params: { from: '2033-05-10', to: '2033-05-11' } })
        .expect(404);
    } finally {
      t.clock.reset();
    }
  });
});
