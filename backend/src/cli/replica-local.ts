// `npm run replica:local [-- --port 5499]`
// A real streaming standby of the embedded PostgreSQL under DATA_DIR (the running one, or started
// here when Policydesk is not running), built with the low-level backup API into DATA_DIR/replica,
// started on a free port (or --port) and kept running until Ctrl-C. Prints the DATABASE_REPLICA_URL
// to give the app. With DATABASE_URL set (a server PostgreSQL), says how to build one with
// pg_basebackup of that server's major version instead.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { clientProgram } from '../platform/backup';
import { freePort } from '../platform/embedded-postgres';
import { localPrimary } from '../platform/local-primary';
import { createLogger } from '../platform/logger';
import { serverMajorVersion } from '../platform/postgres-cluster';
import { buildStandby, dropReplicationSlot, REPLICATION_ROLE } from '../platform/replication';

const SLOT = 'policydesk_local_replica';

async function againstServer(url: string) {
  const major = await serverMajorVersion(url);
  const program = clientProgram('pg_basebackup', major);
  const lines = [
    `DATABASE_URL points at a PostgreSQL ${major} server: build its standby with pg_basebackup ${major} on the replica's machine:`,
    `  ${program ?? `/usr/lib/postgresql/${major}/bin/pg_basebackup`} -d "host=<primary> user=<role with REPLICATION>" -D <new data directory> -R -X stream -C -S policydesk_replica`,
    '  (-R writes standby.signal and primary_conninfo; -C -S creates the replication slot.) Then start PostgreSQL on that directory and set',
    '  DATABASE_REPLICA_URL=postgres://<runtime role>:<password>@<replica host>:<port>/<database>',
  ];
  if (!program) lines.push(`pg_basebackup ${major} is not installed here: sudo apt-get install postgresql-client-${major} (apt.postgresql.org when your release lacks it).`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  const config = loadConfig();
  if (config.databaseUrl) return againstServer(config.migrationDatabaseUrl ?? config.databaseUrl);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const primary = await localPrimary(config, logger);
  const standbyDir = path.join(config.dataDir, 'replica');
  // A fresh copy every time: the embedded primary takes a new port at each start, and a copy is quick at this size.
  fs.rmSync(standbyDir, { recursive: true, force: true });
  const port = values.port ? Number(values.port) : await freePort();
  // The replication role's password: new each time (it is only in the standby's primary_conninfo).
  const password = crypto.randomBytes(18).toString('base64url');
  process.stdout.write(`Copying the primary on 127.0.0.1:${primary.port} (pg_backup_start … pg_backup_stop) into ${standbyDir} …\n`);
  const standby = await buildStandby({
    adminUrl: primary.adminUrl,
    primaryDir: primary.dir,
    primaryPort: primary.port,
    replicationPassword: password,
    standbyDir,
    standbyPort: port,
    slot: SLOT,
  });
  const replicaUrl = new URL(primary.appUrl);
  replicaUrl.port = String(port);
  process.stdout.write(
    [
      `Streaming standby of 127.0.0.1:${primary.port} running on 127.0.0.1:${port} (role ${REPLICATION_ROLE}, slot ${SLOT}).`,
      'Start Policydesk with:',
      `  DATABASE_REPLICA_URL=${replicaUrl.toString()}`,
      'Ctrl-C stops the standby and drops its slot.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await standby.stop();
    await dropReplicationSlot(primary.adminUrl, SLOT).catch(() => undefined);
    await primary.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
