// The product's modules, in registration order (authentication, when present, registers first
// so its middleware runs before every other module's routes).
import type { AppModule } from '../platform/module';
import { auditModule } from './audit/audit.routes';
import { customersModule } from './customers/customers.routes';
import { documentsModule } from './documents/documents.routes';
import { identityModule } from './identity/identity.routes';
import { ordersModule } from './orders/orders.routes';
import { policiesModule } from './policies/policies.routes';
import { productsModule } from './products/products.routes';
import { systemModule } from './system/system.routes';

export const productModules: AppModule[] = [identityModule, systemModule, auditModule, customersModule, productsModule, documentsModule, ordersModule, policiesModule];
