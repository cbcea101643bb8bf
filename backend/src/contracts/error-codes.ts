// Every `code` a problem response may carry: the platform's and each module's declared codes.
import { AUDIT_ERROR_CODES } from './audit';
import { BILLING_ERROR_CODES, PAYMENTS_ERROR_CODES, REFUNDS_ERROR_CODES } from './billing';
import { CLAIMS_ERROR_CODES } from './claims';
import { COLLECTIONS_ERROR_CODES } from './collections';
import { KNOWLEDGE_ERROR_CODES } from './knowledge';
import { PLATFORM_ERROR_CODES } from './common';
import { CUSTOMERS_ERROR_CODES } from './customers';
import { DOCUMENTS_ERROR_CODES } from './documents';
import { IDENTITY_ERROR_CODES } from './identity';
import { NOTIFICATIONS_ERROR_CODES } from './notifications';
import { ORDERS_ERROR_CODES } from './orders';
import { POLICIES_ERROR_CODES } from './policies';
import { PRIVACY_ERROR_CODES } from './privacy';
import { PRODUCTS_ERROR_CODES } from './products';
import { SERVICE_ERROR_CODES } from './service';
import { FINANCE_ERROR_CODES } from './finance';
import { RECONCILIATION_ERROR_CODES } from './reconciliation';
import { REPORTS_ERROR_CODES } from './reports';
import { SYSTEM_ERROR_CODES } from './system';
import { VOICE_ERROR_CODES } from './voice';
import { PORTAL_ERROR_CODES } from './portal';

export const ERROR_CODES = [
  ...PLATFORM_ERROR_CODES,
  ...IDENTITY_ERROR_CODES,
  ...SYSTEM_ERROR_CODES,
  ...AUDIT_ERROR_CODES,
  ...CUSTOMERS_ERROR_CODES,
  ...PRODUCTS_ERROR_CODES,
  ...DOCUMENTS_ERROR_CODES,
  ...NOTIFICATIONS_ERROR_CODES,
  ...ORDERS_ERROR_CODES,
  ...POLICIES_ERROR_CODES,
  ...BILLING_ERROR_CODES,
  ...PAYMENTS_ERROR_CODES,
  ...REFUNDS_ERROR_CODES,
  ...CLAIMS_ERROR_CODES,
  ...SERVICE_ERROR_CODES,
  ...FINANCE_ERROR_CODES,
  ...RECONCILIATION_ERROR_CODES,
  ...COLLECTIONS_ERROR_CODES,
  ...VOICE_ERROR_CODES,
  ...PRIVACY_ERROR_CODES,
  ...REPORTS_ERROR_CODES,
  ...KNOWLEDGE_ERROR_CODES,
  ...PORTAL_ERROR_CODES,
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
