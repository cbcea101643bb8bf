// Demo data (issue 20): the daily earning job run as it would have run, once at the end of the demo
// history — it catches up day by day from the first day any invoice covers through today — so the
// finance pages show premium earned and the ended months can close. Run again, it earns nothing twice.
import type { Knex } from 'knex';
import type { Db } from '../../backend/src/db';
import { Clock } from '../../backend/src/platform/clock';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { EarningService } from '../../backend/src/modules/finance/earning.service';
import { createSharedServices } from '../../backend/src/modules/shared-services';

export async function seed(db: Knex, { config }: SeedContext): Promise<void> {
  const clock = new Clock(config.businessTimeZone);
  const services = createSharedServices(db as Db, clock, config);
  await new EarningService(db as Db, clock, services.ledger, services.billing).earnDue();
}
