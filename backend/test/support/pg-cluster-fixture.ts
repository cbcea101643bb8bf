// A child process that runs PostgreSQL clusters for a test (jest's module sandbox cannot load the
// embedded server's ES modules): an embedded PostgreSQL 17 primary with a migrated database, and on
// request a streaming standby of it, a base backup, a point-in-time restore. Commands arrive as JSON
// lines on stdin and are answered as JSON lines on stdout; when stdin closes, every server stops
// and the folder is removed. Started by pg-cluster.ts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { archiveCurrentWal, backupEmbedded, restoreToInstant } from '../../src/platform/backup';
import { freePort, startEmbeddedPostgres } from '../../src/platform/embedded-postgres';
import { createLogger } from '../../src/platform/logger';
import type { RunningCluster } from '../../src/platform/postgres-cluster';
import { buildStandby, dropReplicationSlot } from '../../src/platform/replication';
import { createMigratedDatabase } from './test-database';

const options = JSON.parse(process.argv[2] ?? '{}') as { standby?: boolean; archiving?: boolean; prefix?: string };
const SLOT = 'policydesk_test_standby';

const reply = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-cluster-fixture-'));
  if (process.getuid?.() === 0) fs.chmodSync(dir, 0o755);
  const servers: { standby?: RunningCluster; restored?: RunningCluster } = {};
  const primary = await startEmbeddedPostgres({
    dir: path.join(dir, 'primary'),
    password: crypto.randomBytes(12).toString('hex'),
    database: 'postgres',
    logger: createLogger('warn'),
    persistent: false,
    throwaway: true,
    archiving: !!options.archiving,
  });
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await servers.restored?.stop().catch(() => undefined);
    await servers.standby?.stop().catch(() => undefined);
    await dropReplicationSlot(primary.adminUrl, SLOT).catch(() => undefined);
    await primary.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void close());
  try {
    const runtimeUrl = await createMigratedDatabase(primary.adminUrl, options.prefix ?? 'cluster_test');
    const ownerUrl = new URL(primary.adminUrl);
    ownerUrl.pathname = new URL(runtimeUrl).pathname;
    let standbyPort: number | undefined;
    if (options.standby) {
      standbyPort = await freePort();
      servers.standby = await buildStandby({
        adminUrl: primary.adminUrl,
        primaryDir: primary.dir,
        primaryPort: primary.port,
        replicationPassword: crypto.randomBytes(12).toString('hex'),
        standbyDir: path.join(dir, 'standby'),
        standbyPort,
        slot: SLOT,
      });
    }
    reply({ ready: true, dir, adminUrl: primary.adminUrl, runtimeUrl, ownerUrl: ownerUrl.toString(), primaryPort: primary.port, standbyPort });
  } catch (err) {
    reply({ error: String((err as Error).stack ?? err) });
    await close();
    return;
  }
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('close', () => void close());
  for await (const line of lines) {
    const command = JSON.parse(line) as { cmd: string; backupDir?: string; to?: string; targetDir?: string };
    try {
      if (command.cmd === 'stopStandby') {
        await servers.standby?.stop();
        servers.standby = undefined;
        reply({ ok: true });
      } else if (command.cmd === 'backup') {
        reply({ ok: true, manifest: await backupEmbedded({ adminUrl: primary.adminUrl, dataDir: primary.dir, backupDir: command.backupDir! }) });
      } else if (command.cmd === 'archive') {
        await archiveCurrentWal(primary.adminUrl);
        reply({ ok: true });
      } else if (command.cmd === 'restore') {
        const port = await freePort();
        const { server, backup } = await restoreToInstant({ backupDir: command.backupDir!, to: new Date(command.to!), targetDir: command.targetDir!, port });
        servers.restored = server;
        reply({ ok: true, port, backup });
      } else if (command.cmd === 'stopRestored') {
        await servers.restored?.stop();
        servers.restored = undefined;
        reply({ ok: true });
      } else {
        reply({ error: `unknown command ${command.cmd}` });
      }
    } catch (err) {
      reply({ error: String((err as Error).stack ?? err) });
    }
  }
}

void main();
