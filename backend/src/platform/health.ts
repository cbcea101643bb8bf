// Liveness (process up), readiness (database reachable, not shutting down) and health (what the
// modules' registered checks report, e.g. whether the ledger balanced at its last verification).
import { Health, Liveness, Readiness, type HealthCheckResult } from '../contracts/system';
import type { Db } from '../db';
import type { RouteRegistrar } from './http';
import type { ReadRouter } from './read-router';

export interface HealthState {
  shuttingDown: boolean;
}

const READINESS_TIMEOUT_MS = 1_000;

/** A module's health check: cheap (it runs on every GET /healthz), never throwing for a finding. */
export type HealthCheck = () => Promise<HealthCheckResult>;

/** Where modules register their health checks (`ctx.health.register`), so the platform never imports a module. */
export class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    if (this.checks.has(name)) throw new Error(`Health check ${name} is registered twice`);
    this.checks.set(name, check);
  }

  async run(): Promise<Record<string, HealthCheckResult>> {
    const results: Record<string, HealthCheckResult> = {};
    for (const [name, check] of this.checks) {
      try {
        results[name] = await check();
      } catch {
        results[name] = { status: 'unknown', detail: 'The check could not run' };
      }
    }
    return results;
  }
}

async function databaseUp(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READINESS_TIMEOUT_MS);
  });
  const probe = db
    .raw('SELECT 1')
    .then(() => true)
    .catch(() => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerHealthRoutes(root: RouteRegistrar, db: Db, state: HealthState, checks: HealthChecks = new HealthChecks(), reads?: ReadRouter) {
  root.route({
    method: 'get',
    path: '/livez',
    summary: 'Liveness: the process is up (does not touch the database)',
    tags: ['System'],
    access: 'public',
    responses: { 200: { description: 'Alive', schema: Liveness } },
    handler: (_input, _req, res) => res.json({ status: 'ok' }),
  });

  root.route({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: the database answers within 1 s and the server is not shutting down; also reports the read replica (never a reason to be unready)',
    tags: ['System'],
    access: 'public',
    responses: {
      200: { description: 'Ready', schema: Readiness },
      503: { description: 'Not ready', schema: Readiness },
    },
    handler: async (_input, _req, res) => {
      // While shutting down the pool is closing: answer 503 without touching it.
      const database = state.shuttingDown ? 'unchecked' : (await databaseUp(db)) ? 'up' : 'down';
      const ready = database === 'up';
      // A replica that is down or behind is skipped by reads, not a reason to take this instance out of rotation.
      const replica = reads?.enabled && !state.shuttingDown ? await reads.status() : undefined;
      res.status(ready ? 200 : 503).json({
        status: ready ? 'ready' : 'not_ready',
        checks: {
          database,
          shuttingDown: state.shuttingDown,
          // Reported only when a replica is configured.
          ...(replica ? { replica: replica.state } : {}),
          ...(replica?.lagMs !== undefined ? { replicaLagMs: Math.round(replica.lagMs) } : {}),
        },
      });
    },
  });

  root.route({
    method: 'get',
    path: '/healthz',
    summary: "Health: what the modules' checks report (e.g. ledger balanced at its last verification); 503 when one fails",
    tags: ['System'],
    access: 'public',
    responses: {
      200: { description: 'Every check passes (or has not run yet)', schema: Health },
      503: { description: 'A check fails', schema: Health },
    },
    handler: async (_input, _req, res) => {
      const results = await checks.run();
      const failing = Object.values(results).some((r) => r.status === 'fail');
      res.status(failing ? 503 : 200).json({ status: failing ? 'fail' : 'pass', checks: results });
    },
  });
}
