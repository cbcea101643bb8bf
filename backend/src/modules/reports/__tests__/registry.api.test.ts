// The report registry through the API: modules register reports into services.reports; a reader
// sees only the reports their role may run, with their parameters (JSON Schema) and columns; any
// other key is 404. The registry refuses malformed or duplicate definitions.
import request from 'supertest';
import { z } from 'zod';
import { sessionAs } from '../../../../test/support/factories';
import { appForFile } from '../../../../test/support/test-app';
import type { AppModule } from '../../../platform/module';
import { keysetBatches, ReportRegistry, type ReportDefinition } from '../report-registry';

const probe = (key: string, permission: ReportDefinition['permission'], personalData = false): ReportDefinition<{ from: string; limit: number }> => ({
  key,
  title: `Probe ${key}`,
  description: 'A report registered by a test module',
  permission,
  params: z.strictObject({ from: z.iso.date(), limit: z.number().int().min(1).max(10).default(5) }),
  columns: [
    { key: 'number', header: 'Number', type: 'string' },
    { key: 'amount', header: 'Amount', type: 'money' },
  ],
  personalData,
  // eslint-disable-next-line require-yield
  async *rows() {
    return;
  },
});

// A test module registers like a product module: through the shared service, in its setup.
const probeModule: AppModule = {
  name: 'probe-reports',
  register: ({ services }) => {
    services.reports.register(probe('probe.finance-only', 'finance:read'));
    services.reports.register(probe('probe.everyone-reads-policies', 'policies:read', true));
  },
};
const t = appForFile({ modules: [probeModule] });

const list = async (role: Parameters<typeof sessionAs>[1]) =>
  (
    await request(t.app)
      .get('/api/reports')
      .set((await sessionAs(t, role)).auth)
      .expect(200)
  ).body.items as { key: string; [k: string]: unknown }[];

describe('GET /api/reports', () => {
  it('lists only the reports the role may run, with params and columns', async () => {
    const agentKeys = (await list('agent')).map((r) => r.key);
    expect(agentKeys).toContain('probe.everyone-reads-policies');
    expect(agentKeys).not.toContain('probe.finance-only');

    const managers = await list('manager');
    const finance = managers.find((r) => r.key === 'probe.finance-only');
    expect(finance).toMatchObject({
      title: 'Probe probe.finance-only',
      permission: 'finance:read',
      personalData: false,
      columns: [
        { key: 'number', header: 'Number', type: 'string' },
        { key: 'amount', header: 'Amount', type: 'money' },
      ],
      params: {
        type: 'object',
        required: ['from'],
        additionalProperties: false,
        properties: { from: { type: 'string', format: 'date' }, limit: { type: 'integer', minimum: 1, maximum: 10, default: 5 } },
      },
    });
    expect(managers.find((r) => r.key === 'probe.everyone-reads-policies')?.personalData).toBe(true);
  });

  it('answers one report by key; another role’s report or an unknown key is 404', async () => {
    const agent = await sessionAs(t, 'agent');
    await request(t.app).get('/api/reports/probe.everyone-reads-policies').set(agent.auth).expect(200);
    await request(t.app).get('/api/reports/probe.finance-only').set(agent.auth).expect(404);
    await request(t.app).get('/api/reports/nothing.here').set(agent.auth).expect(404);
    await request(t.app)
      .get(`/api/reports/${'x'.repeat(101)}`)
      .set(agent.auth)
      .expect(400);
    await request(t.app)
      .get('/api/reports/a%00b')
      .set(agent.auth)
      .expect((r) => expect([400, 404]).toContain(r.status));
  });

  it('needs a login', async () => {
    await request(t.app).get('/api/reports').expect(401);
  });
});

describe('ReportRegistry', () => {
  it('refuses a malformed key, a duplicate, no columns or a repeated column', () => {
    const registry = new ReportRegistry();
    registry.register(probe('a.b', 'finance:read'));
    expect(() => registry.register(probe('a.b', 'finance:read'))).toThrow(/twice/);
    expect(() => registry.register(probe('Nope', 'finance:read'))).toThrow(/lower case/);
    expect(() => registry.register({ ...probe('a.c', 'finance:read'), columns: [] })).toThrow(/no columns/);
    const col = { key: 'x', header: 'X', type: 'string' } as const;
    expect(() => registry.register({ ...probe('a.d', 'finance:read'), columns: [col, col] })).toThrow(/column twice/);
  });

  it('keysetBatches pages after the last row until a short page', async () => {
    const data = Array.from({ length: 23 }, (_, i) => i + 1);
    const calls: (number | null)[] = [];
    const batches: number[][] = [];
    for await (const batch of keysetBatches<number, number>(
      async (after, size) => {
        calls.push(after);
        return data.filter((n) => after === null || n > after).slice(0, size);
      },
      (n) => n,
      10,
    ))
      batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([10, 10, 3]);
    expect(batches.flat()).toEqual(data);
    expect(calls).toEqual([null, 10, 20]);
  });
});
