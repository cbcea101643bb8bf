// Admin access only from configured networks (issue 22): ALLOWED_NETWORKS per role; X-Forwarded-For
// counts only from TRUSTED_PROXIES, so a client cannot claim an address; every refusal is audited.
import request from 'supertest';
import { ConfigError } from '../../../config';
import { appForFile, testConfig } from '../../../../test/support/test-app';
import { login, makeUser, type TestUser } from '../../../../test/support/factories';
import { NetworkPolicy } from '../network-policy';

const open = appForFile();
// Supertest connects from the loopback address, which is outside 10.20.0.0/16.
const direct = appForFile({ env: { ALLOWED_NETWORKS: 'admin=10.20.0.0/16,192.168.7.7' } });
const proxied = appForFile({ env: { ALLOWED_NETWORKS: 'admin=10.20.0.0/16', TRUSTED_PROXIES: '127.0.0.1,::1' } });

let admin: TestUser;
beforeAll(async () => {
  admin = await makeUser(open.db, { role: 'admin' });
});

const loginFrom = (app: typeof open.app, user: TestUser, forwardedFor?: string) => {
  const req = request(app).post('/api/auth/login');
  if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
  return req.send({ email: user.email, password: user.password });
};
const deniedRows = (userId: string) => open.db('audit_log').where({ action: 'auth.network_denied', entity_id: userId });

describe('without a trusted proxy', () => {
  it('refuses an admin signing in from another network (403 NETWORK_NOT_ALLOWED, audited), forged X-Forwarded-For or not', async () => {
    const res = await loginFrom(direct.app, admin).expect(403);
    expect(res.body.code).toBe('NETWORK_NOT_ALLOWED');
    expect(res.headers['set-cookie']).toBeUndefined();
    const forged = await loginFrom(direct.app, admin, '10.20.1.1').expect(403);
    expect(forged.body.code).toBe('NETWORK_NOT_ALLOWED');
    const rows = await deniedRows(admin.id);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]).toMatchObject({ outcome: 'denied', actor_user_id: admin.id });
    expect(rows.map((r) => r.metadata.ip)).not.toContain('10.20.1.1');
  });

  it('refuses the admin API to a token obtained elsewhere, on every request, and audits each refusal', async () => {
    const session = await login(open.app, admin);
    await request(open.app).get('/api/users').set(session.auth).expect(200);
    const before = (await open.db('audit_log').where({ action: 'auth.network_denied', actor_user_id: admin.id })).length;
    const res = await request(direct.app).get('/api/users').set(session.auth).set('X-Forwarded-For', '10.20.1.1').expect(403);
    expect(res.body.code).toBe('NETWORK_NOT_ALLOWED');
    expect((await request(direct.app).get('/api/auth/me').set(session.auth).expect(403)).body.code).toBe('NETWORK_NOT_ALLOWED');
    const rows = await open.db('audit_log').where({ action: 'auth.network_denied', actor_user_id: admin.id });
    expect(rows.length).toBe(before + 2);
    // And a refresh from there gets no new tokens.
    expect((await request(direct.app).post('/api/auth/refresh').set('Cookie', session.refreshCookie).expect(403)).body.code).toBe('NETWORK_NOT_ALLOWED');
  });

  it('leaves roles without a list alone', async () => {
    const agent = await makeUser(open.db, { role: 'agent' });
    const res = await loginFrom(direct.app, agent).expect(200);
    await request(direct.app).get('/api/branches').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
  });
});

describe('behind a trusted proxy', () => {
  it('believes the address the trusted proxy reports: inside the list → in, outside → 403', async () => {
    const res = await loginFrom(proxied.app, admin, '10.20.1.1').expect(200);
    const auth = { Authorization: `Bearer ${res.body.accessToken}` };
    await request(proxied.app).get('/api/users').set(auth).set('X-Forwarded-For', '10.20.1.1').expect(200);
    expect((await request(proxied.app).get('/api/users').set(auth).set('X-Forwarded-For', '8.8.8.8').expect(403)).body.code).toBe('NETWORK_NOT_ALLOWED');
    // The proxy's own address is not in the list either.
    await request(proxied.app).get('/api/users').set(auth).expect(403);
  });

  it('ignores what the client itself put in front of the proxy’s entry (a forged X-Forwarded-For)', async () => {
    // The client sent "X-Forwarded-For: 10.20.1.1"; the trusted proxy appended the address it saw.
    const res = await loginFrom(proxied.app, admin, '10.20.1.1, 203.0.113.9').expect(403);
    expect(res.body.code).toBe('NETWORK_NOT_ALLOWED');
    const rows = await deniedRows(admin.id);
    expect(rows.some((r) => r.metadata.ip === '203.0.113.9')).toBe(true);
  });
});

describe('configuration', () => {
  it.each([
    ['a malformed range', { ALLOWED_NETWORKS: 'admin=10.0.0.0/33' }],
    ['an unknown role', { ALLOWED_NETWORKS: 'root=10.0.0.0/8' }],
    ['a list with TRUST_PROXY=true (any client could claim an address)', { ALLOWED_NETWORKS: 'admin=10.0.0.0/8', TRUST_PROXY: 'true' }],
    ['a malformed proxy', { TRUSTED_PROXIES: 'proxy.local' }],
  ])('refuses %s at start', (_name, env) => {
    expect(() => testConfig(env)).toThrow(ConfigError);
  });

  it('parses lists per role; IPv4 seen through IPv6 sockets still matches', () => {
    const config = testConfig({ ALLOWED_NETWORKS: 'admin=10.0.0.0/8,2001:db8::/32; manager=192.168.1.10' });
    expect(config.allowedNetworks).toEqual({ admin: ['10.0.0.0/8', '2001:db8::/32'], manager: ['192.168.1.10'] });
    const policy = new NetworkPolicy(config.allowedNetworks);
    expect(policy.allows('admin', '::ffff:10.1.2.3')).toBe(true);
    expect(policy.allows('admin', '2001:db8::1')).toBe(true);
    expect(policy.allows('admin', '11.0.0.1')).toBe(false);
    expect(policy.allows('admin', undefined)).toBe(false);
    expect(policy.allows('manager', '192.168.1.10')).toBe(true);
    expect(policy.allows('manager', '192.168.1.11')).toBe(false);
    expect(policy.allows('agent', '8.8.8.8')).toBe(true);
  });
});
