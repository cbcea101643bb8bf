import { z } from 'zod';

export const Liveness = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });

export const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({ database: z.enum(['up', 'down', 'unchecked']), shuttingDown: z.boolean() }),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof Readiness>;

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
