// The benchmark harness shared by `npm run bench:*`: the real server (built) and a bare Express
// hello-world started side by side, autocannon at a fixed concurrency, latency percentiles taken
// from every response, and a database user for the run.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config';
import { createDb, type Db } from '../src/db';
import { resolveDatabase } from '../src/platform/database-connection';
import { freePort } from '../src/platform/embedded-postgres';
import { createLogger } from '../src/platform/logger';
import { loadLocalSecrets } from '../src/platform/secrets';
import { hashPassword } from '../src/modules/identity/passwords';
import type { Role } from '../src/contracts/auth';

export const CONNECTIONS = 10;
export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const root = path.resolve(__dirname, '../..');

export interface Figures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors?: number;
  /** Responses ≥ 400 by status code (HTTP measurements). */
  errorStatuses?: Record<number, number>;
  /** Made requests' figures by their label (timed from setup to response). */
  byLabel?: Record<string, Figures>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
export const summarize = (latencies: number[], seconds: number, errors = 0): Figures => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), rps: latencies.length / seconds, errors };
};

export const fixed = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
export const verdict = (ok: boolean, text: string) => `${ok ? 'PASS' : 'FAIL'}  ${text}`;

export interface HttpRequest {
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Headers of this request alone, made afresh each time it is sent (e.g. a new Idempotency-Key). */
  headers?: () => Record<string, string>;
}

/**
 * A request written afresh each time it is sent, from a `context` that lives on after the response
 * (handed to a later request once this one is answered, so requests can play a sequence: e.g. a
 * phone call's webhooks, each signed over its own body; as many contexts as connections). `label` groups its latencies in `Figures.byLabel`; `onResponse`
 * gets its answer.
 */
export interface MadeRequest {
  label?: string;
  method?: 'GET' | 'POST';
  path: string;
  /** Sent as is (the caller encodes it, e.g. to sign it). */
  body?: string;
  headers?: Record<string, string>;
  onResponse?: (status: number, body: string) => void;
}
export type RequestMaker = (context: Record<string, unknown>) => MadeRequest;

export interface HttpOptions {
  /** Concurrent connections (default CONNECTIONS). */
  connections?: number;
}

/** autocannon against `url`, cycling through `requests`; latencies collected per response for p95. */
export function http(url: string, requests: (string | HttpRequest | RequestMaker)[], headers: Record<string, string> = {}, options: HttpOptions = {}): Promise<Figures> {
  const prepared = requests.map((r) =>
    typeof r === 'function'
      ? r
      : typeof r === 'string'
        ? { method: 'GET' as const, path: r }
        : { method: r.method ?? 'GET', path: r.path, body: r.body === undefined ? undefined : JSON.stringify(r.body), headers: r.headers },
  );
  // Made requests are timed here, per label (autocannon's own timings do not say which request they were).
  const made = prepared.some((r) => typeof r === 'function');
  const labelled: Record<string, number[]> = {};
  const idle: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let next = 0;
    const errorStatuses: Record<number, number> = {};
    const instance = autocannon(
      {
        url,
        connections: options.connections ?? CONNECTIONS,
        duration: DURATION_S,
        headers: { 'content-type': 'application/json', ...headers },
        requests: [
          {
            setupRequest: (req, connection) => {
              const item = prepared[next++ % prepared.length]!;
              if (typeof item === 'function') {
                // autocannon resets its context after each sequence (here: each request), so the
                // contexts are kept here, each handed back after its request's response.
                const context = idle.pop() ?? {};
                const { label, onResponse, headers, ...r } = item(context);
                (connection as Record<string, unknown>).sent = { context, label, onResponse, at: performance.now() };
                return { ...req, ...r, headers: { ...req.headers, ...headers } };
              }
              const { headers, ...r } = item as typeof item & { headers?: () => Record<string, string> };
              return { ...req, ...r, ...(headers ? { headers: { ...req.headers, ...headers() } } : {}) };
            },
            ...(made
              ? {
                  onResponse: (status: number, body: string, connection: object) => {
                    const sent = (connection as Record<string, unknown>).sent as
                      { context: Record<string, unknown>; label?: string; onResponse?: MadeRequest['onResponse']; at: number } | undefined;
                    if (!sent) return;
                    (connection as Record<string, unknown>).sent = undefined;
                    if (sent.label) (labelled[sent.label] ??= []).push(performance.now() - sent.at);
                    sent.onResponse?.(status, body);
                    idle.push(sent.context);
                  },
                }
              : {}),
          },
        ],
      },
      (err, result) =>
        err
          ? reject(err)
          : resolve({
              ...summarize(latencies, result.duration),
              errors: result.errors + result.non2xx,
              errorStatuses,
              ...(made ? { byLabel: Object.fromEntries(Object.entries(labelled).map(([label, ms]) => [label, summarize(ms, result.duration)])) } : {}),
            }),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 400) {
        errorStatuses[status] = (errorStatuses[status] ?? 0) + 1;
      }
      latencies.push(ms);
    });
  });
}

/**
 * How long a server may take to become ready: its first start on a volume database loads the demo
 * data in local mode, whose standing review puts every volume policy with unpaid premiums in grace
 * or lapse through the services (about 4.5 minutes for 100,000 policies).
 */
const READY_TIMEOUT_MS = Number(process.env.BENCH_READY_TIMEOUT_S ?? 900) * 1000;

function waitForReady(child: ChildProcess, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    const tick = async () => {
      if (child.exitCode !== null) return reject(new Error(`server exited with ${child.exitCode}`));
      try {
        if ((await fetch(url)).ok) return resolve();
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${url}`));
      setTimeout(tick, 250);
    };
    void tick();
  });
}

export interface Servers {
  appUrl: string;
  helloUrl: string;
  stop(): void;
}

/**
 * Starts the built server on `databaseUrl` (it migrates and seeds as at any start) and the hello-world
 * baseline; the server's pool fits `connections` concurrent requests. `env` adds to the server's
 * environment (e.g. METRICS_ENABLED=false for a baseline server).
 */
export async function startServers(databaseUrl: string, appEnv: string, connections = CONNECTIONS, env: Record<string, string> = {}): Promise<Servers> {
  const [appPort, helloPort] = [await freePort(), await freePort()];
  const children: ChildProcess[] = [];
  const stop = () => children.forEach((child) => child.kill('SIGTERM'));
  try {
    children.push(
      spawn(process.execPath, [path.join(root, 'backend/dist/backend/src/server.js')], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          MIGRATION_DATABASE_URL: ownerUrls.get(databaseUrl) ?? process.env.MIGRATION_DATABASE_URL ?? databaseUrl,
          PORT: String(appPort),
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_MINUTE: '0',
          JOBS_ENABLED: 'false',
          APP_ENV: appEnv,
          DB_POOL_MAX: String(connections + 2),
          ...env,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
    children.push(fork(path.join(__dirname, 'bench-hello.mjs'), { env: { ...process.env, PORT: String(helloPort) }, stdio: 'ignore' }));
    const appUrl = `http://127.0.0.1:${appPort}`;
    const helloUrl = `http://127.0.0.1:${helloPort}`;
    await waitForReady(children[0]!, `${appUrl}/readyz`);
    await waitForReady(children[1]!, `${helloUrl}/hello`);
    return { appUrl, helloUrl, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/** A manager of the given branches for the run (created once), logged in; returns the bearer header. */
export function benchManager(db: Db, appUrl: string, branchIds: string[]): Promise<{ userId: string; auth: { authorization: string } }> {
  return benchUser(db, appUrl, { role: 'manager', email: 'bench-manager@bench.test', name: 'Bench Manager', branchIds });
}

/**
 * A user of `role` for the run (created once), working in the first of `branchIds` and managing them
 * all, logged in; returns the bearer header.
 */
export async function benchUser(
  db: Db,
  appUrl: string,
  { role, email, name, branchIds }: { role: Role; email: string; name: string; branchIds: string[] },
): Promise<{ userId: string; auth: { authorization: string } }> {
  const credentials = { email, password: 'Bench-manager-passphrase' };
  const now = new Date();
  await db('users')
    .insert({
      email: credentials.email,
      name,
      role,
      branch_id: branchIds[0],
      password_hash: await hashPassword(credentials.password, 4),
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .onConflict('email')
    .ignore();
  const user = await db('users').where({ email: credentials.email }).first();
  await db('user_managed_branches')
    .insert(branchIds.map((b) => ({ user_id: user.id, branch_id: b })))
    .onConflict(['user_id', 'branch_id'])
    .ignore();
  const login = await fetch(`${appUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  if (!login.ok) throw new Error(`bench login of ${email} failed: ${login.status}`);
  return { userId: user.id, auth: { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` } };
}

/** Logs in as an existing user (one of the volume data's), giving them a bench password first. */
export async function loginAs(db: Db, appUrl: string, userId: string, email: string): Promise<{ authorization: string }> {
  const password = 'Bench-user-passphrase';
  await db('users')
    .where({ id: userId })
    .update({ password_hash: await hashPassword(password, 4), must_change_password: false, failed_login_count: 0, locked_until: null });
  const login = await fetch(`${appUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!login.ok) throw new Error(`bench login of ${email} failed: ${login.status}`);
  return { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
}

/** The owner role's URL of each database opened by openBenchDatabase (the server started on it migrates as the owner). */
const ownerUrls = new Map<string, string>();

/** DATABASE_URL, or the embedded database under DATA_DIR (the one `npm start` uses), as the runtime role the app uses. */
export async function openBenchDatabase() {
  const baseConfig = loadConfig();
  const config = baseConfig.isProduction ? baseConfig : { ...baseConfig, secrets: loadLocalSecrets(baseConfig) };
  const { url: databaseUrl, ownerUrl, embedded } = await resolveDatabase(config, createLogger('warn'));
  ownerUrls.set(databaseUrl, ownerUrl);
  const db = createDb({ url: databaseUrl, poolMax: CONNECTIONS });
  return {
    config,
    databaseUrl,
    db,
    close: async () => {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
