// The process: config → database (embedded when DATABASE_URL is unset) → under the start-up lock:
// migrations, job tables and grants as the owner role, seeds as the runtime role → jobs → HTTP.
// SIGTERM / Ctrl-C: readiness turns 503, in-flight requests finish, jobs and the pool stop, the
// embedded database stops, exit — within SHUTDOWN_TIMEOUT_MS (10 s).
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../seeds/demo/001_branches_and_users';
import { createApp } from './app';
import { ROLE_LABELS } from './contracts/permissions';
import { ConfigError, loadConfig, type Config } from './config';
import { createDb, type Db } from './db';
import { createFieldCrypto } from './modules/shared-services';
import { Clock } from './platform/clock';
import { resolveDatabase } from './platform/database-connection';
import { prepareDatabase } from './platform/database-setup';
import { JobRegistry } from './platform/jobs';
import { createLogger, type Logger } from './platform/logger';
import type { AppModule } from './platform/module';
import { loadLocalSecrets, withLocalVoiceKeys } from './platform/secrets';
import { runSeeds } from './platform/seeds';
import { branchScopeFor } from './platform/scope';
import { StartupError } from './platform/startup-error';

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  clock: Clock;
  /** Graceful stop; resolves when everything is closed. Safe to call twice. */
  shutdown(reason?: string): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  /** Defaults to every product module (tests add their own). */
  modules?: AppModule[];
  clock?: Clock;
}

export async function startServer(givenConfig: Config, { logger, modules, clock = new Clock(givenConfig.businessTimeZone) }: StartOptions): Promise<RunningServer> {
  const local = givenConfig.isProduction ? undefined : loadLocalSecrets(givenConfig);
  const secrets = local ?? givenConfig.secrets;
  const config: Config = { ...givenConfig, secrets, voice: local ? withLocalVoiceKeys(givenConfig.voice, local) : givenConfig.voice };
  const { url: databaseUrl, ownerUrl, embedded } = await resolveDatabase(config, logger);
  if (embedded) logger.info('embedded PostgreSQL started');

  const db = createDb({ url: databaseUrl, poolMax: config.dbPoolMax, logger });
  // The read replica: a short connect timeout, so a replica that went away costs a read little before it falls back.
  const replicaDb = config.replica
    ? createDb({ url: config.replica.url, poolMax: config.dbPoolMax, logger, applicationName: 'policydesk-replica-reads', connectTimeoutMs: 1_000 })
    : undefined;
  const jobs = new JobRegistry(logger, config.businessTimeZone);
  let server: http.Server | undefined;
  try {
    // Building the app defines the modules' jobs, whose queues are created with the job tables.
    const built = createApp({ config, db, logger, clock, jobs, modules, replicaDb });
    const { app, health } = built;
    // One instance at a time: as the owner, migrations, pg-boss's tables and queues, the runtime role's
    // grants; then the seeds as the runtime role. Production refuses a runtime role that could
    // rewrite the audit trail.
    const applied = await prepareDatabase({
      db,
      ownerUrl,
      logger,
      strict: config.isProduction,
      installJobs: (url) => jobs.install(url),
      seed: async () => {
        const seeded = await runSeeds(db, { clock, logger, config, fieldCrypto: createFieldCrypto(config) }, { demo: config.loadDemoData });
        if (seeded.length) logger.info({ seeds: seeded }, 'reference data loaded');
      },
    });
    if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
    await built.start();
    await jobs.start(databaseUrl, { runWorkers: config.jobsEnabled });

    // The drain tracker listens before the app: while draining every response says
    // `Connection: close`, including those already in flight whose headers are not sent yet.
    const drain = drainTracker();
    server = http.createServer();
    server.on('request', drain.onRequest);
    server.on('request', app);
    server.keepAliveTimeout = 65_000; // longer than typical load balancer idle timeouts
    await new Promise<void>((resolve, reject) => {
      server!.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new Error(`Port ${config.port} is already in use; set PORT to a free port.`) : err));
      server!.listen(config.port, config.host, resolve);
    });
    const { port } = server.address() as { port: number };
    const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;

    let stopping: Promise<void> | undefined;
    const shutdown = (reason = 'shutdown') =>
      (stopping ??= (async () => {
        logger.info({ reason }, 'shutting down');
        health.shuttingDown = true;
        drain.start();
        built.drain(); // event streams end now: their clients reconnect to another instance
        // Stop listening only: http.Server#close would also close idle keep-alive connections at
        // once (Node ≥ 19), resetting a request that has just reached one.
        const httpClosed = new Promise<void>((resolve) => net.Server.prototype.close.call(server!, () => resolve()));
        // A request that reached an idle keep-alive connection just before the listener closed may
        // still sit unread in the socket: give those a moment to be read (they are then served,
        // with `Connection: close`) before idle connections are closed, so none is reset. After
        // that, keep-alive connections are closed as their last request finishes.
        await new Promise((r) => setTimeout(r, IDLE_CLOSE_GRACE_MS));
        await new Promise((r) => setImmediate(r)); // and at least one poll of the sockets after a busy loop
        server!.closeIdleConnections();
        const closeIdle = setInterval(() => server!.closeIdleConnections(), 100);
        const drainMs = Math.max(1_000, config.shutdownTimeoutMs - 3_000);
        const drained = await Promise.race([httpClosed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), drainMs).unref())]);
        if (!drained) {
          logger.warn('in-flight requests did not finish in time; closing their connections');
          server!.closeAllConnections();
        }
        clearInterval(closeIdle);
        await jobs.stop(2_000).catch((err) => logger.error({ err }, 'stopping jobs failed'));
        await built.stop().catch((err) => logger.error({ err }, 'stopping modules failed'));
        await db.destroy().catch((err) => logger.error({ err }, 'closing the database pool failed'));
        await replicaDb?.destroy().catch(() => undefined);
        await embedded?.stop().catch((err) => logger.error({ err }, 'stopping the embedded database failed'));
        logger.info('stopped');
      })());

    return { url: `http://${shownHost}:${port}`, port, db, clock, shutdown };
  } catch (err) {
    server?.close();
    await jobs.stop(1_000).catch(() => undefined);
    await db.destroy().catch(() => undefined);
    await replicaDb?.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
}

/** How long a draining server still reads requests from idle keep-alive connections. */
const IDLE_CLOSE_GRACE_MS = 250;

/** Marks every response `Connection: close` once draining starts, in flight ones included. */
function drainTracker() {
  let draining = false;
  const open = new Set<http.ServerResponse>();
  const closeAfter = (res: http.ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  return {
    onRequest(_req: http.IncomingMessage, res: http.ServerResponse) {
      if (draining) return closeAfter(res);
      open.add(res);
      res.once('close', () => open.delete(res));
    },
    start() {
      draining = true;
      for (const res of open) closeAfter(res);
      open.clear();
    },
  };
}

/** What a demo user sees, worded as the README's table words it: the scope rule decides. */
export function demoScope(u: (typeof DEMO_LOGINS)[number]): string {
  const scope = branchScopeFor(u.role, u.branch, u.manages ?? []);
  const name = (code: string) => code.charAt(0) + code.slice(1).toLowerCase();
  if (scope === 'all') return `home branch ${name(u.branch)}, sees every branch`;
  return scope.map(name).join(' and ');
}

function banner(config: Config, url: string) {
  const lines = [
    '',
    `  Policydesk is running at ${url}`,
    `  API docs: ${url}/api/docs   ·   environment: ${config.appEnv}   ·   data: ${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}`,
  ];
  if (config.loadDemoData) {
    lines.push(`  Demo logins (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_LOGINS) lines.push(`    ${u.email.padEnd(24)} ${ROLE_LABELS[u.role]} (${demoScope(u)})`);
  }
  lines.push('  Stop with Ctrl-C.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

async function main() {
  const envFile = path.resolve('.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let running: RunningServer;
  try {
    running = await startServer(config, { logger });
  } catch (err) {
    // A StartupError says what to do; anything else is logged with its stack.
    if (err instanceof StartupError) logger.fatal({ reason: err.message }, 'start-up failed');
    else logger.fatal({ err }, 'start-up failed');
    process.stderr.write(`Policydesk could not start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  banner(config, running.url);

  const stop = (reason: string) => {
    // A second Ctrl-C, or a shutdown that hangs, ends the process anyway.
    setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    running.shutdown(reason).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err }, 'unhandled promise rejection');
    stop('unhandledRejection');
  });
}

if (require.main === module) void main();
