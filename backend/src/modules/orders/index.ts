// The orders module: applications from saved quotes, the status machine, documents and medical
// exams, and underwriting decisions (approval issues the policy in the same transaction).
import { ORDERS_AUDIT_ACTIONS, ORDERS_ERROR_CODES, ORDERS_PERMISSIONS } from '../../contracts/orders';
import { defineModule } from '../../platform/module';
import { ORDERS_KPIS } from './orders-kpis';
import { ordersCustomerExtensions } from './customer-extensions';
import { ExamsService } from './exams.service';
import { registerOrderRoutes } from './orders.routes';
import { numbersOf } from './orders.repository';
import { OrdersService } from './orders.service';
import { UnderwritingService } from './underwriting.service';
import { applicationsDataset } from './application-dataset';

export const ordersModule = defineModule({
  name: 'orders',
  permissions: ORDERS_PERMISSIONS,
  auditActions: ORDERS_AUDIT_ACTIONS,
  errorCodes: ORDERS_ERROR_CODES,
  requires: ['audit', 'quotes', 'approvalLimits', 'policies', 'documents', 'kpis', 'reports'],
  setup: ({ db, clock, config, services }) => {
    for (const kpi of ORDERS_KPIS) services.kpis.register(kpi);
    services.reports.datasets.register(applicationsDataset(config.businessTimeZone));
    const exams = new ExamsService(db, clock, services.audit, config.labPartners, services.documents, services.reads);
    const orders = new OrdersService(db, clock, services.audit, services.quotes, services.documents, exams, services.reads);
    const underwriting = new UnderwritingService(db, clock, orders, services.quotes, services.approvalLimits, services.policies, exams);
    services.documents.registerOwner('order', { readPermission: 'orders:read' });
    services.audit.registerRecordNumbers('order', numbersOf);
    return { orders, exams, underwriting };
  },
  customerExtensions: (_ctx, own) => ordersCustomerExtensions(own),
  register: registerOrderRoutes,
});
