// The product's modules. Each declares itself in its index.ts; the app derives the permission
// check, the order in which shared services are built and the registration from this list. The
// order here is only the order routes are registered and 360° sections are shown in.
import type { AppModule } from '../platform/module';
import { analyticsModule } from './analytics';
import { auditModule } from './audit';
import { billingModule } from './billing';
import { claimsModule } from './claims';
import { collectionsModule } from './collections';
import { customersModule } from './customers';
import { documentsModule } from './documents';
import { financeModule } from './finance';
import { identityModule } from './identity';
import { knowledgeModule } from './knowledge';
import { notificationsModule } from './notifications';
import { ordersModule } from './orders';
import { policiesModule } from './policies';
import { privacyModule } from './privacy';
import { productsModule } from './products';
import { reportsModule } from './reports';
import { serviceModule } from './service';
import { systemModule } from './system';
import { voiceModule } from './voice';
import { portalModule } from './portal';

export const productModules: readonly AppModule[] = [
  identityModule,
  systemModule,
  auditModule,
  reportsModule,
  analyticsModule,
  customersModule,
  productsModule,
  documentsModule,
  notificationsModule,
  ordersModule,
  billingModule,
  policiesModule,
  claimsModule,
  serviceModule,
  financeModule,
  collectionsModule,
  voiceModule,
  privacyModule,
  knowledgeModule,
  portalModule,
];
