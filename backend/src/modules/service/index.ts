// The service module (issue 14): business-hours calendars (the business-time engine itself is
// platform/business-time.ts), SLA clocks, follow-up tasks, interactions, the customer timeline and
// "My work".
import { SERVICE_AUDIT_ACTIONS, SERVICE_ERROR_CODES, SERVICE_PERMISSIONS } from '../../contracts/service';
import { defineModule } from '../../platform/module';
import { registerCalendarRoutes } from './calendars.routes';
import { CalendarsService } from './calendars.service';
import { ClocksService } from './clocks.service';

export const serviceModule = defineModule({
  name: 'service',
  permissions: SERVICE_PERMISSIONS,
  auditActions: SERVICE_AUDIT_ACTIONS,
  errorCodes: SERVICE_ERROR_CODES,
  requires: ['audit'],
  setup: ({ db, clock, config, services }) => {
    const calendars = new CalendarsService(db, clock, services.audit, config.businessTimeZone);
    return { calendars, clocks: new ClocksService(clock, calendars) };
  },
  register: (ctx, { calendars }) => {
    registerCalendarRoutes(ctx, calendars);
  },
});
