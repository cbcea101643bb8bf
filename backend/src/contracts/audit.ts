// What the audit module declares (its request and response shapes live in identity.ts, where they
// were first written), and the names of every audited action, for the console's labels.
import type { PermissionGrants } from './grants';
import { BILLING_AUDIT_ACTIONS, PAYMENTS_AUDIT_ACTIONS, REFUNDS_AUDIT_ACTIONS } from './billing';
import { CLAIMS_AUDIT_ACTIONS } from './claims';
import { CUSTOMERS_AUDIT_ACTIONS } from './customers';
import { DOCUMENTS_AUDIT_ACTIONS } from './documents';
import { IDENTITY_AUDIT_ACTIONS } from './identity';
import { NOTIFICATIONS_AUDIT_ACTIONS } from './notifications';
import { ORDERS_AUDIT_ACTIONS } from './orders';
import { POLICIES_AUDIT_ACTIONS } from './policies';
import { PRODUCTS_AUDIT_ACTIONS } from './products';
import { SERVICE_AUDIT_ACTIONS } from './service';
import { FINANCE_AUDIT_ACTIONS } from './finance';
import { RECONCILIATION_AUDIT_ACTIONS } from './reconciliation';
import { COLLECTIONS_AUDIT_ACTIONS } from './collections';
import { VOICE_AUDIT_ACTIONS } from './voice';
import { REPORTS_AUDIT_ACTIONS } from './reports';
import { KNOWLEDGE_AUDIT_ACTIONS } from './knowledge';
import { PORTAL_AUDIT_ACTIONS } from './portal';

export const AUDIT_PERMISSIONS = {
  'audit:read': ['manager'],
} as const satisfies PermissionGrants;

export const AUDIT_MODULE_AUDIT_ACTIONS = ['audit.export'] as const;
export type AuditModuleAuditAction = (typeof AUDIT_MODULE_AUDIT_ACTIONS)[number];
export const AUDIT_ERROR_CODES = [] as const;

/** Every action any module records. */
export const AUDIT_ACTIONS = [
  ...IDENTITY_AUDIT_ACTIONS,
  ...AUDIT_MODULE_AUDIT_ACTIONS,
  ...CUSTOMERS_AUDIT_ACTIONS,
  ...PRODUCTS_AUDIT_ACTIONS,
  ...DOCUMENTS_AUDIT_ACTIONS,
  ...NOTIFICATIONS_AUDIT_ACTIONS,
  ...ORDERS_AUDIT_ACTIONS,
  ...POLICIES_AUDIT_ACTIONS,
  ...BILLING_AUDIT_ACTIONS,
  ...PAYMENTS_AUDIT_ACTIONS,
  ...REFUNDS_AUDIT_ACTIONS,
  ...CLAIMS_AUDIT_ACTIONS,
  ...SERVICE_AUDIT_ACTIONS,
  ...FINANCE_AUDIT_ACTIONS,
  ...RECONCILIATION_AUDIT_ACTIONS,
  ...COLLECTIONS_AUDIT_ACTIONS,
  ...VOICE_AUDIT_ACTIONS,
  ...REPORTS_AUDIT_ACTIONS,
  ...KNOWLEDGE_AUDIT_ACTIONS,
  ...PORTAL_AUDIT_ACTIONS,
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
