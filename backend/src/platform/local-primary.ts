// The embedded PostgreSQL under DATA_DIR as the command-line tools (replica:local, backup) reach it:
// the running one (its port from postmaster.pid), or started for the command when nothing runs.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { EMBEDDED_RUNTIME_ROLE, withCredentials } from './database-roles';
import { startEmbeddedPostgres } from './embedded-postgres';
import type { Logger } from './logger';
import { loadLocalSecrets } from './secrets';

export interface LocalPrimary {
  /** The superuser on the `postgres` database; the app's database as the runtime role. */
  adminUrl: string;
  appUrl: string;
  dir: string;
  port: number;
  /** True when this command started it (then `stop` stops it). */
  startedHere: boolean;
  stop(): Promise<void>;
}

/** The port of the server running on `dir`, from its postmaster.pid (undefined when none runs). */
export function runningPort(dir: string): number | undefined {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

export async function localPrimary(config: Config, logger: Logger): Promise<LocalPrimary> {
  const secrets = loadLocalSecrets(config);
  const dir = path.join(config.dataDir, 'postgres');
  const urlAt = (port: number, database: string) => `postgres://postgres:${encodeURIComponent(secrets.embeddedPostgresPassword)}@127.0.0.1:${port}/${database}`;
  const port = runningPort(dir);
  if (port) {
    return {
      adminUrl: urlAt(port, 'postgres'),
      appUrl: withCredentials(urlAt(port, 'policydesk'), EMBEDDED_RUNTIME_ROLE, secrets.embeddedAppPassword),
      dir,
      port,
      startedHere: false,
      stop: async () => undefined,
    };
  }
  const embedded = await startEmbeddedPostgres({
    dir,
    password: secrets.embeddedPostgresPassword,
    database: 'policydesk',
    logger,
    runtimeRole: { name: EMBEDDED_RUNTIME_ROLE, password: secrets.embeddedAppPassword },
  });
  return { adminUrl: embedded.adminUrl, appUrl: embedded.url, dir, port: embedded.port, startedHere: true, stop: () => embedded.stop() };
}
