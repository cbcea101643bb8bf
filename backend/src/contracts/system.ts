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

const Nullable = <T extends z.ZodType>(t: T) => t.nullable();

/** One alert rule of docker/prometheus/alerts.yml as the server evaluates it from the current figures. */
export const HealthAlert = z
  .object({
    name: z.string(),
    severity: z.enum(['warning', 'critical']),
    /** `server`: evaluated here from the same figures /metrics exposes; `prometheus`: needs rates over a window across instances, only Prometheus evaluates it. */
    evaluatedBy: z.enum(['server', 'prometheus']),
    /** Null when evaluated by Prometheus only, or when the figure could not be read. */
    firing: z.boolean().nullable(),
    summary: z.string(),
    threshold: z.string(),
    /** What is over the threshold now (e.g. the queues and their figures). */
    detail: z.string().nullable(),
    runbook: z.string(),
  })
  .meta({ id: 'HealthAlert' });
export type HealthAlert = z.infer<typeof HealthAlert>;

/** The admin health page: this instance's readiness, the job queues, the outbox, open SLA breaches and the alerts. Null figures could not be read. */
export const HealthOverview = z
  .object({
    checkedAt: z.iso.datetime(),
    instance: z.object({
      ready: z.boolean(),
      database: z.enum(['up', 'down']),
      shuttingDown: z.boolean(),
      version: z.string(),
      uptimeSeconds: z.number().int().min(0),
      /** Resident memory of this process, in bytes. */
      memoryBytes: z.number().int().min(0),
    }),
    queues: Nullable(
      z.array(
        z.object({
          queue: z.string(),
          waiting: z.number().int().min(0),
          active: z.number().int().min(0),
          scheduled: z.number().int().min(0),
          failedLastHour: z.number().int().min(0),
          lastCompletedAt: z.iso.datetime().nullable(),
          lastFailedAt: z.iso.datetime().nullable(),
        }),
      ),
    ),
    outbox: Nullable(z.object({ backlog: z.number().int().min(0), byChannel: z.record(z.string(), z.number().int().min(0)), oldestDueAgeSeconds: z.number().min(0) })),
    slaBreaches: Nullable(z.array(z.object({ queue: z.string(), metric: z.string(), open: z.number().int().min(0) }))),
    alerts: z.array(HealthAlert),
  })
  .meta({ id: 'HealthOverview' });
export type HealthOverview = z.infer<typeof HealthOverview>;

// --- What the system module declares: public facts, and the admin health page (admins only).
export const SYSTEM_PERMISSIONS = { 'system:health': [] } as const satisfies PermissionGrants;
export const SYSTEM_AUDIT_ACTIONS = [] as const;
export const SYSTEM_ERROR_CODES = [] as const;
