// Liveness (process up) and readiness (database reachable, not shutting down).
import { Liveness, Readiness } from '../contracts/system';
import type { Db } from '../db';
import type { RouteRegistrar } from './http';

export interface HealthState {
  shuttingDown: boolean;
}

const READINESS_TIMEOUT_MS = 1_000;

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

export function registerHealthRoutes(root: RouteRegistrar, db: Db, state: HealthState) {
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
    summary: 'Readiness: the database answers within 1 s and the server is not shutting down',
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
      res.status(ready ? 200 : 503).json({
        status: ready ? 'ready' : 'not_ready',
        checks: { database, shuttingDown: state.shuttingDown },
      });
    },
  });
}
