// A streaming standby of a running PostgreSQL whose cluster directory we can read (the embedded
// server): a replication role and its pg_hba entry on the primary, a physical replication slot (so
// the primary keeps the WAL the standby has not received), a copy taken with the low-level backup
// API, standby.signal and primary_conninfo, then the standby started on its own port.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { copyRunningCluster, runCluster, type RunningCluster } from './postgres-cluster';

export const REPLICATION_ROLE = 'policydesk_replicator';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'policydesk-replication' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * On the primary (`adminUrl`, a superuser): the login role `REPLICATION_ROLE` with REPLICATION and
 * `password`, and a pg_hba.conf line letting it open replication connections from 127.0.0.1 with
 * scram-sha-256 (added once, then the configuration is reloaded). The hba file must be writable by
 * us: the embedded server's own.
 */
export async function ensureReplicationAccess(adminUrl: string, password: string): Promise<void> {
  await withClient(adminUrl, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [REPLICATION_ROLE]);
    await c.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${ident(REPLICATION_ROLE)} ${rowCount ? 'WITH ' : ''}LOGIN REPLICATION NOSUPERUSER PASSWORD ${c.escapeLiteral(password)}`);
    const { rows } = await c.query<{ hba: string }>("SELECT current_setting('hba_file') AS hba");
    const hbaFile = rows[0]!.hba;
    const line = `host    replication     ${REPLICATION_ROLE}     127.0.0.1/32    scram-sha-256`;
    const current = fs.readFileSync(hbaFile, 'utf8');
    if (!current.split('\n').some((l) => l.trim().replace(/\s+/g, ' ') === line.replace(/\s+/g, ' '))) {
      // First match wins in pg_hba.conf: our line goes before any broader one.
      fs.writeFileSync(hbaFile, `# Policydesk streaming replica (npm run replica:local)\n${line}\n${current}`);
      await c.query('SELECT pg_reload_conf()');
    }
  });
}

export interface StandbyOptions {
  /** The primary as a superuser (takes the backup, creates the slot). */
  adminUrl: string;
  /** The primary's cluster directory and port. */
  primaryDir: string;
  primaryPort: number;
  /** The replication role's password (ensureReplicationAccess). */
  replicationPassword: string;
  /** Where the standby's cluster goes (must not exist or be empty) and the port it listens on. */
  standbyDir: string;
  standbyPort: number;
  /** The physical replication slot on the primary (created if missing). */
  slot: string;
  /** Shown in pg_stat_replication on the primary. */
  applicationName?: string;
}

/** Builds the standby (see the file's header) and starts it; resolves once it accepts read-only connections. */
export async function buildStandby(o: StandbyOptions): Promise<RunningCluster> {
  await ensureReplicationAccess(o.adminUrl, o.replicationPassword);
  await withClient(o.adminUrl, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [o.slot]);
    if (rowCount) await c.query('SELECT pg_drop_replication_slot($1)', [o.slot]);
    // Reserved at once: the WAL from here on stays until the standby has received it.
    await c.query('SELECT pg_create_physical_replication_slot($1, true)', [o.slot]);
  });
  await copyRunningCluster(o.adminUrl, o.primaryDir, o.standbyDir, { label: `policydesk standby ${o.slot}`, waitForArchive: false });
  const conninfo = [
    'host=127.0.0.1',
    `port=${o.primaryPort}`,
    `user=${REPLICATION_ROLE}`,
    `password=${o.replicationPassword.replace(/(['\\])/g, '\\$1')}`,
    `application_name=${o.applicationName ?? 'policydesk_replica'}`,
  ].join(' ');
  const auto = path.join(o.standbyDir, 'postgresql.auto.conf');
  // The copy carries the primary's ALTER SYSTEM settings; a standby does not archive (archive_mode=on archives only on a primary).
  fs.appendFileSync(
    auto,
    `\n# Standby of 127.0.0.1:${o.primaryPort} (npm run replica:local)\nprimary_conninfo = '${conninfo.replace(/'/g, "''")}'\nprimary_slot_name = '${o.slot}'\nhot_standby = on\nhot_standby_feedback = on\n`,
  );
  fs.writeFileSync(path.join(o.standbyDir, 'standby.signal'), '');
  const owner = fs.statSync(o.standbyDir);
  fs.chownSync(auto, owner.uid, owner.gid);
  fs.chownSync(path.join(o.standbyDir, 'standby.signal'), owner.uid, owner.gid);
  return runCluster(o.standbyDir, o.standbyPort);
}

/** Drops the standby's slot on the primary (after the standby is gone for good), so WAL is no longer kept for it. */
export async function dropReplicationSlot(adminUrl: string, slot: string): Promise<void> {
  await withClient(adminUrl, async (c) => {
    await c.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [slot]);
  });
}

/** Waits until the standby at `standbyUrl` has replayed the primary's current WAL position (or `timeoutMs` passes). */
export async function waitForReplay(primaryUrl: string, standbyUrl: string, timeoutMs = 30_000): Promise<void> {
  const target = await withClient(primaryUrl, async (c) => (await c.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]!.lsn);
  await withClient(standbyUrl, async (c) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await c.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [target]);
      if (rows[0]?.done) return;
      if (Date.now() > deadline) throw new Error(`The standby did not replay up to ${target} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
}
