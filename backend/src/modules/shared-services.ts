// Services modules hand to each other, built once per app in the order their providers' declared
// requirements dictate (computed: see platform/module-graph.ts). The type is assembled from what
// each module says it provides.
import type { Config } from '../config';
import type { Db } from '../db';
import type { Clock } from '../platform/clock';
import { DbNotifications } from '../platform/db-notifications';
import { FieldCrypto } from '../platform/field-crypto';
import { IdempotencyStore } from '../platform/idempotency';
import { createLogger, type Logger } from '../platform/logger';
import { ReadRouter } from '../platform/read-router';
import type { AppModule } from '../platform/module';
import { inDependencyOrder } from '../platform/module-graph';
import type { AnalyticsServices } from './analytics';
import type { AuditServices } from './audit';
import type { BillingServices } from './billing';
import type { ClaimsServices } from './claims';
import type { PortalServices } from './portal';
import type { CustomersServices } from './customers';
import type { DocumentsServices } from './documents';
import type { IdentityServices } from './identity';
import type { KnowledgeServices } from './knowledge';
import { productModules } from './index';
import type { NotificationsServices } from './notifications';
import type { PoliciesServices } from './policies';
import type { ProductsServices } from './products';
import type { ReportsServices } from './reports';
import type { ServiceServices } from './service';

/** Services that exist before any module: every module may use them without requiring them. */
export interface PlatformServices {
  /** Encryption and blind indexes for protected personal data. */
  fieldCrypto: FieldCrypto;
  /** Idempotency-Key records for money POSTs: `run(request, effect)` (platform/idempotency.ts). */
  idempotency: IdempotencyStore;
  /** Where read-only work runs (the replica when it may serve, else the primary): `reads.run(actor, (db) => …)` (platform/read-router.ts). */
  reads: ReadRouter;
}

export interface SharedServices
  extends
    PlatformServices,
    IdentityServices,
    AuditServices,
    CustomersServices,
    ProductsServices,
    DocumentsServices,
    NotificationsServices,
    PoliciesServices,
    BillingServices,
    ServiceServices,
    ClaimsServices,
    PortalServices,
    ReportsServices,
    AnalyticsServices,
    KnowledgeServices {}

export function createFieldCrypto(config: Config): FieldCrypto {
  const { fieldEncryptionKey, blindIndexKey } = config.secrets;
  if (!fieldEncryptionKey || !blindIndexKey) throw new Error('The field encryption and blind index keys are missing from the configuration');
  return new FieldCrypto({ current: fieldEncryptionKey, previous: config.previousFieldEncryptionKeys, blindIndexKey });
}

export interface SharedServicesOptions {
  /** Defaults to every product module. */
  modules?: readonly AppModule[];
  logger?: Logger;
  /** The app's LISTEN connection; scripts that build services alone get one that is never started. */
  notifications?: DbNotifications;
  /** Read routing; without one every read runs on `db`. */
  reads?: ReadRouter;
}

/**
 * Builds every service the modules provide, each provider after the providers of what it requires.
 * Throws when a required service has no provider, a service is provided twice, or modules require
 * each other in a cycle.
 */
export function createSharedServices(db: Db, clock: Clock, config: Config, options: SharedServicesOptions = {}): SharedServices {
  const logger = options.logger ?? createLogger('silent');
  const notifications = options.notifications ?? new DbNotifications(db, logger);
  const platform: PlatformServices = { fieldCrypto: createFieldCrypto(config), idempotency: new IdempotencyStore(db, clock), reads: options.reads ?? new ReadRouter(db) };
  const services: Record<string, unknown> = { ...platform };
  for (const mod of inDependencyOrder(options.modules ?? productModules, Object.keys(platform))) {
    for (const [name, factory] of Object.entries(mod.provides ?? {})) {
      services[name] = factory!({ config, db, clock, logger, notifications, services: services as unknown as SharedServices });
    }
  }
  return services as unknown as SharedServices;
}
