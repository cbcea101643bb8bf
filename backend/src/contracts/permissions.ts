// The one permission matrix, derived from what each module's contract grants (the module's
// `*_PERMISSIONS`): every route names one of these permissions (or is public / authenticated-only);
// a role has exactly the permissions granted to it — deny by default — and admins hold them all.
import { ROLES, type Role } from './auth';
import { ANALYTICS_PERMISSIONS } from './analytics';
import { AUDIT_PERMISSIONS } from './audit';
import { CLAIMS_PERMISSIONS } from './claims';
import { COLLECTIONS_PERMISSIONS } from './collections';
import { BILLING_PERMISSIONS, PAYMENTS_PERMISSIONS, REFUNDS_PERMISSIONS } from './billing';
import { CUSTOMERS_PERMISSIONS } from './customers';
import { DOCUMENTS_PERMISSIONS } from './documents';
import { FINANCE_PERMISSIONS } from './finance';
import { IDENTITY_PERMISSIONS } from './identity';
import { KNOWLEDGE_PERMISSIONS } from './knowledge';
import { NOTIFICATIONS_PERMISSIONS } from './notifications';
import { ORDERS_PERMISSIONS } from './orders';
import { POLICIES_PERMISSIONS } from './policies';
import { PRIVACY_PERMISSIONS } from './privacy';
import { PRODUCTS_PERMISSIONS } from './products';
import { RECONCILIATION_PERMISSIONS } from './reconciliation';
import { REPORTS_PERMISSIONS } from './reports';
import { SERVICE_PERMISSIONS } from './service';
import { SYSTEM_PERMISSIONS } from './system';
import { VOICE_PERMISSIONS } from './voice';

/** Each module's grants, in module order (a permission belongs to exactly one module). */
export const MODULE_PERMISSION_GRANTS = [
  IDENTITY_PERMISSIONS,
  SYSTEM_PERMISSIONS,
  AUDIT_PERMISSIONS,
  REPORTS_PERMISSIONS,
  ANALYTICS_PERMISSIONS,
  CUSTOMERS_PERMISSIONS,
  PRODUCTS_PERMISSIONS,
  DOCUMENTS_PERMISSIONS,
  NOTIFICATIONS_PERMISSIONS,
  ORDERS_PERMISSIONS,
  POLICIES_PERMISSIONS,
  BILLING_PERMISSIONS,
  PAYMENTS_PERMISSIONS,
  REFUNDS_PERMISSIONS,
  CLAIMS_PERMISSIONS,
  SERVICE_PERMISSIONS,
  FINANCE_PERMISSIONS,
  RECONCILIATION_PERMISSIONS,
  COLLECTIONS_PERMISSIONS,
  VOICE_PERMISSIONS,
  PRIVACY_PERMISSIONS,
  KNOWLEDGE_PERMISSIONS,
] as const;

type KeysOf<T> = T extends unknown ? keyof T : never;
export type Permission = KeysOf<(typeof MODULE_PERMISSION_GRANTS)[number]> & string;

const GRANTS = Object.assign({}, ...MODULE_PERMISSION_GRANTS) as Record<Permission, readonly Role[]>;

export const PERMISSIONS: readonly Permission[] = Object.keys(GRANTS) as Permission[];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = Object.fromEntries(
  ROLES.map((role) => [role, role === 'admin' ? PERMISSIONS : PERMISSIONS.filter((p) => GRANTS[p].includes(role))]),
) as Record<Role, readonly Permission[]>;

// The role names live beside the roles (auth.ts), so the login page can show them without loading
// every module's permissions; re-exported here where the rest of the code looks for them.
export { ROLE_LABELS } from './auth';
