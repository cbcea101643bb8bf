// What a business module receives when it plugs into the app.
import type { Config } from '../config';
import type { Db } from '../db';
import type { Clock } from './clock';
import type { RouteRegistrar } from './http';
import type { JobRegistry } from './jobs';
import type { DbNotifications } from './db-notifications';
import type { Logger } from './logger';
import type { SharedServices } from '../modules/shared-services';

export interface ModuleContext {
  /** Routes under /api. */
  api: RouteRegistrar;
  config: Config;
  db: Db;
  clock: Clock;
  jobs: JobRegistry;
  logger: Logger;
  /** Services every module may call (audit trail, approval checks). */
  services: SharedServices;
  /** Change announcements from the database (LISTEN/NOTIFY), for caches; started with the app. */
  notifications: DbNotifications;
}

/** Work a module does when the server starts and stops (listeners, caches); not run in API tests. */
export interface ModuleLifecycle {
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export interface AppModule {
  name: string;
  register(ctx: ModuleContext): void | ModuleLifecycle;
}
