// The deployment topology without Docker (issue 23): docker-compose.yml describes two app instances
// behind HAProxy on a PostgreSQL primary and a streaming replica, and docker/haproxy/haproxy.cfg is
// what backend/src/cli/haproxy-config.ts makes for them. Where Docker is installed, `docker compose
// config` checks the file too. HAProxy itself (Debian's package; CI installs it) checks the
// configuration `npm run cluster` writes.
// and the committed compose file; the test fails where it is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { COMPOSE_HAPROXY, haproxyConfig } from '../haproxy-config';

const root = path.join(__dirname, '../../../..');
const composeText = fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
}
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;

describe('docker-compose.yml', () => {
  it('has two app instances, HAProxy, a PostgreSQL primary and a streaming replica, and Prometheus scraping both instances', () => {
    expect(Object.keys(services).sort()).toEqual(['app1', 'app2', 'db', 'db-replica', 'db-roles', 'haproxy', 'prometheus']);
    expect(services.prometheus!.depends_on).toEqual(['app1', 'app2']);
    expect(services.app1).toEqual(services.app2);
    expect(services.db!.image).toMatch(/^postgres:/);
    expect(services['db-replica']!.image).toBe(services.db!.image);
    expect(services.haproxy!.image).toMatch(/^haproxy:/);
  });

  it('publishes only HAProxy (and Prometheus on the host loopback); the instances are reached through it', () => {
    expect(services.prometheus!.ports).toEqual(['127.0.0.1:9090:9090']);
    expect(services.haproxy!.ports).toEqual(['${PORT:-3000}:3000']);
    for (const name of ['app1', 'app2', 'db', 'db-replica']) expect([name, services[name]!.ports]).toEqual([name, undefined]);
    expect(services.haproxy!.volumes).toContain('./docker/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    expect(services.haproxy!.depends_on).toEqual({ app1: { condition: 'service_started' }, app2: { condition: 'service_started' } });
  });

  it('gives every instance the same database roles, the replica, the proxy setting and a shared data volume', () => {
    for (const name of ['app1', 'app2']) {
      const app = services[name]!;
      const env = app.environment!;
      expect(env.APP_ENV).toBe('production');
      expect(env.DATABASE_URL).toBe('postgres://policydesk_app:${APP_DB_PASSWORD}@db:5432/policydesk');
      expect(env.MIGRATION_DATABASE_URL).toBe('postgres://policydesk:${POSTGRES_PASSWORD}@db:5432/policydesk');
      expect(env.DATABASE_REPLICA_URL).toBe('postgres://policydesk_app:${APP_DB_PASSWORD}@db-replica:5432/policydesk');
      expect(env.TRUST_PROXY).toBe('true');
      for (const secret of ['JWT_SIGNING_KEY', 'FIELD_ENCRYPTION_KEY', 'BLIND_INDEX_KEY']) expect(env[secret]).toMatch(new RegExp(`^\\$\\{${secret}:\\?`));
      expect(app.depends_on).toEqual({ db: { condition: 'service_healthy' }, 'db-roles': { condition: 'service_completed_successfully' } });
      expect(app.volumes).toEqual(['appdata:/data']);
      expect(app.healthcheck!.test.join(' ')).toContain('/readyz');
    }
    expect(Object.keys(compose.volumes).sort()).toEqual(['appdata', 'pgdata', 'pgreplica', 'promdata']);
  });

  it('makes the replica a streaming standby of the primary, checked to be in recovery', () => {
    const db = services.db!;
    const replica = services['db-replica']!;
    expect((db.command as string[]).join(' ')).toMatch(/wal_level=replica.*max_wal_senders=\d+.*hba_file=/);
    expect(db.volumes).toContain('./docker/pg_hba.conf:/etc/postgresql/pg_hba.conf:ro');
    expect(fs.readFileSync(path.join(root, 'docker/pg_hba.conf'), 'utf8')).toMatch(/^host\s+replication\s+replicator\s+all\s+scram-sha-256$/m);
    const script = (replica.command as string[]).join(' ');
    expect(script).toMatch(/pg_basebackup -h db -U replicator .*-R -C -S replica1/);
    expect(script).toContain('exec postgres');
    expect(replica.depends_on).toEqual({ db: { condition: 'service_healthy' }, 'db-roles': { condition: 'service_completed_successfully' } });
    expect(replica.healthcheck!.test.join(' ')).toContain('pg_is_in_recovery()');
    expect(replica.volumes).toEqual(['pgreplica:/var/lib/postgresql/data']);
    // db-roles creates the replication role that pg_hba lets in.
    expect((services['db-roles']!.command as string[]).join(' ')).toContain('-f /replication-role.sql');
    expect(fs.readFileSync(path.join(root, 'docker/replication-role.sql'), 'utf8')).toMatch(/CREATE ROLE replicator LOGIN REPLICATION/);
  });

  it('health-checks every service the others wait for', () => {
    for (const name of ['db', 'db-replica', 'app1', 'app2', 'haproxy']) expect([name, Array.isArray(services[name]!.healthcheck?.test)]).toEqual([name, true]);
  });

  it('passes `docker compose config` where Docker is installed', () => {
    const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (probe.status !== 0) return; // no Docker (or no compose plugin) here: the checks above stand in
    const env = {
      ...process.env,
      POSTGRES_PASSWORD: 'x',
      APP_DB_PASSWORD: 'x',
      REPLICATION_PASSWORD: 'x',
      JWT_SIGNING_KEY: 'x',
      FIELD_ENCRYPTION_KEY: 'k1:x',
      BLIND_INDEX_KEY: 'x',
      PUBLIC_URL: 'https://x.test',
    };
    const result = spawnSync('docker', ['compose', '-f', path.join(root, 'docker-compose.yml'), 'config', '--quiet'], { encoding: 'utf8', env });
    expect([result.status, result.stderr]).toEqual([0, '']);
  });
});

describe('HAProxy configuration', () => {
  it('docker/haproxy/haproxy.cfg is what the generator makes for compose (regenerate it when this fails)', () => {
    expect(fs.readFileSync(path.join(root, 'docker/haproxy/haproxy.cfg'), 'utf8')).toBe(haproxyConfig(COMPOSE_HAPROXY));
  });

  it('checks every server on /readyz, sets the client address itself and lists each instance', () => {
    const cfg = haproxyConfig({ bind: '127.0.0.1:3000', servers: [1, 2, 3].map((i) => ({ name: `app${i}`, address: `127.0.0.1:${4000 + i}` })) });
    expect(cfg).toContain('http-check send meth GET uri /readyz');
    expect(cfg).toContain('http-check expect status 200');
    expect(cfg).toContain('http-request set-header X-Forwarded-For %[src]');
    expect(cfg).toContain('bind 127.0.0.1:3000');
    expect(cfg.match(/^\s+server app\d 127\.0\.0\.1:400\d check$/gm)).toHaveLength(3);
    expect(cfg).not.toContain('resolvers');
    expect(() => haproxyConfig({ bind: ':3000', servers: [] })).toThrow(/at least one server/);
  });

  it('is accepted by HAProxy itself (haproxy -c), as npm run cluster writes it and as compose mounts it', () => {
    // Debian's haproxy: .ci/run installs it; on a developer's machine `sudo apt-get install haproxy`.
    if (spawnSync('haproxy', ['-v']).error) throw new Error('HAProxy is not installed: sudo apt-get install haproxy (npm run cluster needs it too)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-haproxy-'));
    try {
      const local = path.join(dir, 'local.cfg');
      fs.writeFileSync(
        local,
        haproxyConfig({
          bind: '127.0.0.1:3000',
          servers: [
            { name: 'app1', address: '127.0.0.1:4001' },
            { name: 'app2', address: '127.0.0.1:4002' },
          ],
        }),
      );
      for (const file of [local, path.join(root, 'docker/haproxy/haproxy.cfg')]) {
        const result = spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8' });
        expect([file, result.status, /ALERT/.test(result.stderr + result.stdout)]).toEqual([file, 0, false]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
