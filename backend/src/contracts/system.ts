import { z } from 'zod';
import type { PermissionGrants } from './grants';

export const Liveness = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });

export const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({
      database: z.enum(['up', 'down', 'unchecked']),
      shuttingDown: z.boolean(),
      /** The read replica, when DATABASE_REPLICA_URL is set: `down`, `lagging` or `not_standby` mean reads go to the primary (still ready). */
      replica: z.enum(['none', 'up', 'down', 'lagging', 'not_standby']).optional(),
      /** How far behind the replica was at its last check (ms). */
      replicaLagMs: z.number().int().optional(),
    }),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof Readiness>;

/** One module's health check: pass, fail, or unknown (not run yet / could not run), with its facts. */
export const HealthCheckResult = z
  .object({ status: z.enum(['pass', 'fail', 'unknown']), detail: z.string().optional() })
  .catchall(z.unknown())
  .meta({ id: 'HealthCheckResult' });
export type HealthCheckResult = z.infer<typeof HealthCheckResult>;

export const Health = z.object({ status: z.enum(['pass', 'fail']), checks: z.record(z.string(), HealthCheckResult) }).meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;

/** What the console needs to know about the server before anyone logs in. */
export const SystemInfo = z
  .object({
    name: z.literal('Policydesk'),
    version: z.string(),
    environment: z.enum(['local', 'production']),
    businessDate: z.iso.date(),
    now: z.iso.datetime(),
  })
  .meta({ id: 'SystemInfo' });
export type SystemInfo = z.infer<typeof SystemInfo>;

// --- What the system module declares: public facts only, nothing audited, no codes of its own.
export const SYSTEM_PERMISSIONS = {} as const satisfies PermissionGrants;
export const SYSTEM_AUDIT_ACTIONS = [] as const;
export const SYSTEM_ERROR_CODES = [] as const;
