// createApp(deps): builds the Express app without listening — the server and the tests both use it.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import type { Config } from './config';
import type { Db } from './db';
import { productModules } from './modules';
import { PAYMENT_WEBHOOK_PATH } from './modules/billing/payments.routes';
import { VOICE_WEBHOOK_PATH } from './modules/voice/voice.routes';
import { createSharedServices, type SharedServices } from './modules/shared-services';
import type { Clock } from './platform/clock';
import { DbNotifications } from './platform/db-notifications';
import { MethodNotAllowedError, NotFoundError } from './platform/errors';
import { HealthChecks, registerHealthRoutes, type HealthState } from './platform/health';
import { RouteRegistrar, type RegisteredRoute } from './platform/http';
import type { JobRegistry } from './platform/jobs';
import type { Logger } from './platform/logger';
import type { AppModule } from './platform/module';
import { createOpenApiRegistry, generateOpenApiDocument } from './platform/openapi';
import { CONSOLE_DIST_DIR } from './platform/paths';
import { BODY_LIMIT, problemHandler } from './platform/problem';
import { PostgresRateLimitStore, perIpLimit } from './platform/rate-limit';
import { ReadRouter, readYourWrites } from './platform/read-router';
import { requestContext } from './platform/request-logging';
import { configureZodMessages } from './platform/validation';
import { AppMetrics } from './platform/metrics';
import { registerMetricsRoute } from './platform/metrics-route';
import { databaseCollector, jobsCollector } from './platform/platform-metrics';
import { APP_VERSION } from './platform/version';

configureZodMessages(z);

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  jobs: JobRegistry;
  health?: HealthState;
  /** Defaults to every product module; tests may add their own. */
  modules?: readonly AppModule[];
  /** Folder of the built console; `null` to serve none. */
  consoleDir?: string | null;
  /** Middleware run before everything else, seeing every request and response (the API tests check each response against the OpenAPI document). */
  observers?: readonly RequestHandler[];
  /** The read replica's pool (DATABASE_REPLICA_URL); read-only work goes there when it may (platform/read-router.ts). */
  replicaDb?: Db;
}

export interface PolicydeskApp {
  app: Express;
  health: HealthState;
  /** Every declared route (for the OpenAPI and permission tests). */
  routes: RegisteredRoute[];
  services: SharedServices;
  /** Prometheus metrics (GET /metrics and the admin health page read them). */
  metrics: AppMetrics;
  /** Starts and stops the modules' background parts (the server calls these around listen/close). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Shutdown began: the modules end their long-lived responses (event streams). */
  drain(): void;
  openApiDocument: () => ReturnType<typeof generateOpenApiDocument>;
}

/** Every route's permission is one some module declares (its `permissions`); otherwise start-up fails. */
export function assertPermissionsDeclared(routes: readonly RegisteredRoute[], modules: readonly AppModule[]) {
  const declared = new Map<string, string>();
  for (const mod of modules) {
    for (const permission of Object.keys(mod.permissions ?? {})) {
      const other = declared.get(permission);
      if (other) throw new Error(`The permission ${permission} is declared by both module "${other}" and module "${mod.name}"`);
      declared.set(permission, mod.name);
    }
  }
  const undeclared = routes.filter((r) => typeof r.access === 'object' && !declared.has(r.access.permission));
  if (undeclared.length)
    throw new Error(
      `Routes need permissions no module declares: ${undeclared.map((r) => `${r.method.toUpperCase()} ${r.path} (${(r.access as { permission: string }).permission})`).join(', ')}`,
    );
}

export function createApp(deps: AppDeps): PolicydeskApp {
  const { config, db, logger, clock, jobs } = deps;
  const health = deps.health ?? { shuttingDown: false };
  const registry = createOpenApiRegistry();
  const root = new RouteRegistrar('', registry);
  const api = new RouteRegistrar('/api', registry);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  // Express would hash every response body for a weak ETag; API answers are no-store (versioned
  // resources set their own ETag) and the console's files get theirs from express.static.
  app.set('etag', false);

  for (const observer of deps.observers ?? []) app.use(observer);
  const metrics = new AppMetrics(config.metricsEnabled, db, logger);
  app.use(requestContext(logger));
  if (metrics.enabled) app.use(metrics.middleware());
  // HTTPS-only rules (HSTS, upgrade-insecure-requests) belong to production, which runs behind
  // TLS; on a local http:// server they would send browsers to an https:// that does not exist.
  app.use(
    helmet({
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: config.isProduction,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: config.isProduction ? [] : null } },
    }),
  );

  // --- API: no caching, rate limit, JSON bodies up to 1 MB.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Counted in PostgreSQL (`rate_limit_hits`), so N instances behind a load balancer allow the limit
  // once, not N times.
  if (config.rateLimitPerMinute > 0) app.use('/api', perIpLimit(config.rateLimitPerMinute, 'RATE_LIMITED', { store: new PostgresRateLimitStore(db, 'api') }));
  // The payment webhook's signature covers the exact bytes: its body stays raw (a Buffer), and
  // express.json then skips the already-read request.
  app.use(PAYMENT_WEBHOOK_PATH, express.raw({ type: () => true, limit: '256kb' }));
  // The phone providers' webhooks likewise (their signatures cover the raw form or JSON body).
  app.use(VOICE_WEBHOOK_PATH, express.raw({ type: () => true, limit: '64kb' }));
  app.use('/api', express.json({ limit: BODY_LIMIT, strict: true }));

  const healthChecks = new HealthChecks();
  const reads = new ReadRouter(db, deps.replicaDb, { maxLagMs: config.replica?.maxLagMs, readWaitMs: config.replica?.readWaitMs, logger });
  registerHealthRoutes(root, db, health, healthChecks, reads);
  // The collectors also feed the admin health page, metrics served or not.
  metrics.registerCollector(databaseCollector());
  metrics.registerCollector(jobsCollector(() => jobs.names));
  if (metrics.enabled) registerMetricsRoute(root, metrics, config);
  const modules = deps.modules ?? productModules;
  const notifications = new DbNotifications(db, logger);
  // Built in the order the modules' provides/requires dictate; a missing provider or a cycle stops here.
  const services = createSharedServices(db, clock, config, { modules, logger, notifications, reads });

  // Authentication runs before every module's routes, whatever the modules' order. Without a module
  // providing it (a test app of probe modules only), no caller is ever known: non-public routes answer 401.
  const authenticator = (services as Partial<SharedServices>).authenticator;
  if (authenticator) {
    api.router.use(authenticator.authenticate);
    // Read-your-writes on the replica: a write's answer carries the WAL position, later reads bring it back.
    api.router.use(readYourWrites(reads, { secureCookie: config.isProduction }));
    api.onDenied(authenticator.recordDenial);
  }
  // The customer portal's realm beside it: only its own tokens make a customer (req.customer).
  const portalAuthenticator = (services as Partial<SharedServices>).portalAuthenticator;
  if (portalAuthenticator) api.router.use(portalAuthenticator.authenticate);

  const lifecycles = modules
    .map((mod) => mod.register({ api, config, db, clock, jobs, logger, services, notifications, health: healthChecks, metrics, healthState: health }))
    .filter((l) => !!l);
  assertPermissionsDeclared(api.routes, modules);

  let cachedDocument: ReturnType<typeof generateOpenApiDocument> | undefined;
  const openApiDocument = () => (cachedDocument ??= generateOpenApiDocument(registry, APP_VERSION));
  root.route({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    tags: ['System'],
    access: 'public',
    responses: {
      200: {
        description: 'OpenAPI document',
        schema: z.looseObject({
          openapi: z.string().regex(/^3\.1\.\d+$/),
          info: z.looseObject({ title: z.string(), version: z.string() }),
          paths: z.record(z.string(), z.unknown()),
        }),
      },
    },
    handler: (_input, _req, res) => res.json(openApiDocument()),
  });
  app.use(root.router);
  app.use(
    '/api/docs',
    swaggerUi.serveFiles(undefined, { swaggerUrl: '/api/openapi.json', customSiteTitle: 'Policydesk API' }),
    swaggerUi.setup(undefined, { swaggerUrl: '/api/openapi.json', customSiteTitle: 'Policydesk API' }),
  );
  app.use('/api', api.router);

  // --- Unknown API paths: 405 when the path exists with other methods, else 404.
  app.use('/api', (req, _res, next) => {
    const allowed = api.allowedMethods(`/api${req.path}`);
    next(allowed.length ? new MethodNotAllowedError(req.method, allowed) : new NotFoundError('endpoint', 'ROUTE_NOT_FOUND'));
  });

  // --- The console: hashed assets cached for a year, index.html for every client-side route.
  const consoleDir = deps.consoleDir === undefined ? CONSOLE_DIST_DIR : deps.consoleDir;
  if (consoleDir && fs.existsSync(path.join(consoleDir, 'index.html'))) {
    // Precompressed at build (frontend/vite.config.ts): brotli or gzip as the browser accepts.
    app.use(
      '/assets',
      expressStaticGzip(path.join(consoleDir, 'assets'), {
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        index: false,
        serveStatic: { immutable: true, maxAge: '1y' },
      }),
      // An asset that is not there (an old tab asking for a previous build's file) is a plain 404.
      (_req: express.Request, _res: express.Response, next: express.NextFunction) => next(new NotFoundError('file', 'ROUTE_NOT_FOUND')),
    );
    app.use(express.static(consoleDir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|api$).*/, (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(consoleDir, 'index.html'));
    });
  }

  app.use((req, _res, next) => {
    const allowed = root.allowedMethods(req.path);
    next(allowed.length ? new MethodNotAllowedError(req.method, allowed) : new NotFoundError('page', 'ROUTE_NOT_FOUND'));
  });
  app.use(problemHandler(logger));

  return {
    app,
    health,
    routes: [...root.routes, ...api.routes],
    openApiDocument,
    services,
    metrics,
    start: async () => {
      await notifications.start();
      for (const l of lifecycles) await l.start?.();
    },
    drain: () => {
      for (const l of lifecycles) l.drain?.();
    },
    stop: async () => {
      for (const l of [...lifecycles].reverse()) await l.stop?.();
      await notifications.stop();
    },
  };
}
