// Privacy (issue 22): data subject rights over what the schema inventory (platform/data-inventory.ts)
// says is held. First: access and portability — a customer's data as a ZIP of JSON per area and a PDF
// summary, written by the report exports job and downloaded by the requester for 7 days.
import { z } from 'zod';
import type { PermissionGrants } from './grants';

export const PRIVACY_PERMISSIONS = {
  /** Export everything held about a customer (GDPR Art. 15 and 20): managers (and admins). */
  'privacy:export': ['manager'],
} as const satisfies PermissionGrants;

export const PRIVACY_AUDIT_ACTIONS = [] as const;
export const PRIVACY_ERROR_CODES = [] as const;

/** The hidden report behind a customer's data export (exported only as a ZIP). */
export const CUSTOMER_DATA_REPORT = 'privacy.customer-data';

export const CustomerDataParams = z.strictObject({ customerId: z.uuid('Not a valid id') }).meta({ id: 'CustomerDataParams' });

export const CustomerPathParams = z.strictObject({ id: z.uuid('Not a valid id') });
export type CustomerDataParams = z.infer<typeof CustomerDataParams>;
