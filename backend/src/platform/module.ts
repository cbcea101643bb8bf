// How a business module declares itself and plugs into the app. `modules/<name>/index.ts` calls
// `defineModule` once; the app derives the permission matrix check, the order in which shared
// services are built (from what each module provides and requires) and the registration from the
// list in `modules/index.ts`.
import type { RequestHandler } from 'express';
import type { Config } from '../config';
import type { PermissionGrants } from '../contracts/grants';
import type { Db } from '../db';
import type { CustomerExtensionSet } from '../modules/customers/customer-extensions';
import type { PlatformServices, SharedServices } from '../modules/shared-services';
import type { Clock } from './clock';
import type { DbNotifications } from './db-notifications';
import type { HealthChecks, HealthState } from './health';
import type { DenialListener, RouteRegistrar } from './http';
import type { JobDefinition, JobRegistry } from './jobs';
import type { Logger } from './logger';
import type { AppMetrics } from './metrics';

/** The name of a service one module provides to the others (`ctx.services.<name>`). */
export type ServiceName = keyof SharedServices;

/**
 * What a module's service factories receive: the platform's parts and the shared services the
 * module requires (plus the platform's own, e.g. `fieldCrypto`).
 */
export interface ProvideContext<S extends ServiceName = ServiceName> {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Change announcements from the database (LISTEN/NOTIFY), for caches; started with the app. */
  notifications: DbNotifications;
  services: Pick<SharedServices, S | keyof PlatformServices>;
}

/** What a business module receives when it registers. */
export interface ModuleContext<S extends ServiceName = ServiceName> extends ProvideContext<S> {
  /** Routes under /api. */
  api: RouteRegistrar;
  jobs: JobRegistry;
  /** Where the module registers what GET /healthz reports. */
  health: HealthChecks;
  /** Where the module registers its Prometheus figures (scrape-time gauges, counted problem codes). */
  metrics: AppMetrics;
  /** This instance's state (shutting down), for the admin health page. */
  healthState: HealthState;
}

/** Work a module does when the server starts and stops (listeners, caches); not run in API tests. */
export interface ModuleLifecycle {
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** The server stops taking requests: end long-lived responses (event streams), so draining does not wait on them; clients reconnect elsewhere. */
  drain?(): void;
}

/**
 * How the platform learns who calls: installed on /api before any module's routes. One module
 * (identity) provides it as the `authenticator` service.
 */
export interface Authenticator {
  /** Sets `req.actor`, or `req.authFailure` when the presented credentials are refused. */
  authenticate: RequestHandler;
  /** Records a 403 (the audit trail keeps every denial). */
  recordDenial: DenialListener;
}

/**
 * The portal realm's authenticator (the portal module provides it as `portalAuthenticator`): a
 * portal access token becomes `req.customer`, anything else `req.customerAuthFailure`.
 */
export interface CustomerAuthenticator {
  authenticate: RequestHandler;
}

type ServiceFactories<P extends ServiceName, R extends ServiceName> = { [K in P]: (ctx: ProvideContext<NoInfer<R>>) => SharedServices[K] };

/**
 * A module as the app sees it. Test modules may be just `{ name, register }`; product modules are
 * made by `defineModule`, which fills in the rest.
 */
export interface AppModule {
  name: string;
  /** The permissions this module adds to the matrix, with the roles holding each. */
  permissions?: PermissionGrants;
  /** Every audit action this module records. */
  auditActions?: readonly string[];
  /** Every problem `code` this module answers (beyond the platform's). */
  errorCodes?: readonly string[];
  /** Shared services this module builds for the others, by name. */
  provides?: { readonly [K in ServiceName]?: (ctx: ProvideContext) => SharedServices[K] };
  /** Shared services this module (its factories, jobs, extensions or routes) uses from others. */
  requires?: readonly ServiceName[];
  register(ctx: ModuleContext): void | ModuleLifecycle;
}

export interface ModuleDefinition<P extends ServiceName, R extends ServiceName, Own> {
  name: string;
  permissions: PermissionGrants;
  auditActions: readonly string[];
  errorCodes: readonly string[];
  requires?: readonly R[];
  provides?: ServiceFactories<P, R>;
  /** The module's own services, built once when it registers and handed to jobs, extensions and routes. */
  setup?: (ctx: ModuleContext<NoInfer<R | P>>) => Own;
  /** Queued and scheduled jobs (`<module>.<what>`). */
  jobs?: (ctx: ModuleContext<NoInfer<R | P>>, own: NoInfer<Own>) => JobDefinition<never>[];
  /** What the module adds to customers: 360° sections, lifetime value, risk factors, merge moves. */
  customerExtensions?: (ctx: ModuleContext<NoInfer<R | P>>, own: NoInfer<Own>) => CustomerExtensionSet;
  /** Declares the module's routes (`ctx.api.route`). */
  register(ctx: ModuleContext<NoInfer<R | P>>, own: NoInfer<Own>): void | ModuleLifecycle;
}

/** Declares a module. `ctx.services` holds only what it requires or provides (and the platform's). */
export function defineModule<const R extends ServiceName = never, P extends ServiceName = never, Own = unknown>(definition: ModuleDefinition<P, R, Own>): AppModule {
  const { name, permissions, auditActions, errorCodes, provides, setup, jobs, customerExtensions } = definition;
  const requires: ServiceName[] = [...(definition.requires ?? [])];
  if (customerExtensions && !requires.includes('customerExtensions')) requires.push('customerExtensions');
  return {
    name,
    permissions,
    auditActions,
    errorCodes,
    provides: provides as AppModule['provides'],
    requires,
    register(ctx) {
      const own = setup ? setup(ctx) : (undefined as Own);
      for (const job of jobs?.(ctx, own) ?? []) ctx.jobs.define(job);
      if (customerExtensions) ctx.services.customerExtensions.install(name, customerExtensions(ctx, own));
      return definition.register(ctx, own);
    },
  };
}
