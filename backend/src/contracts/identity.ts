// Users, branches, approval limits and passwords. Request objects are strict: unknown fields → 400.
import { z } from 'zod';
import { MfaCode, Role, SessionUser, SYSTEM_ROLES } from './auth';
import { IsoDateTime, PageQuery, pageOf } from './common';
import type { PermissionGrants } from './grants';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const NewPassword = z.string().min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

export const ChangePasswordBody = z
  .strictObject({
    currentPassword: z.string().min(1, 'Enter your current password').max(1024),
    newPassword: NewPassword,
  })
  .meta({ id: 'ChangePasswordBody' });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

// --- Branches

export const Branch = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Branch' });
export type Branch = z.infer<typeof Branch>;

const branchName = z.string().trim().min(2, 'Use at least 2 characters').max(80);

export const CreateBranchBody = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9_]{1,19}$/, 'Use 2–20 capital letters, digits or _ (e.g. NORTH)'),
    name: branchName,
  })
  .meta({ id: 'CreateBranchBody' });
export type CreateBranchBody = z.infer<typeof CreateBranchBody>;

export const UpdateBranchBody = z
  .strictObject({ name: branchName.optional(), active: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, 'Change at least one field')
  .meta({ id: 'UpdateBranchBody', minProperties: 1 });
export type UpdateBranchBody = z.infer<typeof UpdateBranchBody>;

export const BranchList = z.object({ items: z.array(Branch) }).meta({ id: 'BranchList' });

export const AssignableAgentList = z
  .object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.enum(['agent', 'senior_agent', 'manager']) })) })
  .meta({ id: 'AssignableAgentList' });
export type AssignableAgentList = z.infer<typeof AssignableAgentList>;

// --- Users

/** What the session knows of a user, and what only user management sees. */
export const User = SessionUser.extend({
  managedBranchIds: z.array(z.uuid()),
  active: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
  lastLoginAt: z.iso.datetime().nullable(),
  /** TOTP enrolled (an admin can reset it). */
  mfaEnabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).meta({ id: 'User' });
export type User = z.infer<typeof User>;

const userName = z.string().trim().min(2, 'Use at least 2 characters').max(120);
/** A person's role: never a system role (those belong to system users only). */
const PersonRole = Role.refine((r) => !(SYSTEM_ROLES as readonly string[]).includes(r), 'A system role is not given to a person');

export const CreateUserBody = z
  .strictObject({
    email: z.email('Enter a valid email address').max(254),
    name: userName,
    role: PersonRole,
    branchId: z.uuid('Choose a branch'),
    managedBranchIds: z.array(z.uuid()).max(50).optional(),
  })
  .meta({ id: 'CreateUserBody' });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .strictObject({
    name: userName.optional(),
    role: PersonRole.optional(),
    branchId: z.uuid().optional(),
    managedBranchIds: z.array(z.uuid()).max(50).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Change at least one field')
  .meta({ id: 'UpdateUserBody', minProperties: 1 });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

/** The one time a temporary password is shown: to the admin who created or reset it. */
export const UserWithTemporaryPassword = z.object({ user: User, temporaryPassword: z.string() }).meta({ id: 'UserWithTemporaryPassword' });

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(100).optional(),
  role: Role.optional(),
  branchId: z.uuid().optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const UserPage = pageOf(User).meta({ id: 'UserPage' });

export const IdParam = z.strictObject({ id: z.uuid('Not a valid id') });

// --- Strong sign-in: TOTP and sessions

export const MfaStatus = z
  .object({
    enabled: z.boolean(),
    enrolledAt: z.iso.datetime().nullable(),
    /** Required for this user now (role not exempt, outside local demo mode). */
    required: z.boolean(),
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: 'MfaStatus' });
export type MfaStatus = z.infer<typeof MfaStatus>;

/** A started enrolment: shown once, confirmed with a code from the app. */
export const MfaEnrolment = z
  .object({
    secret: z.string().meta({ description: 'Base32 secret, for typing into an authenticator app' }),
    otpauthUrl: z.string(),
    qrCodeDataUrl: z.string().meta({ description: 'The otpauth:// URL as a QR code (data:image/svg+xml)' }),
  })
  .meta({ id: 'MfaEnrolment' });
export type MfaEnrolment = z.infer<typeof MfaEnrolment>;

export const ConfirmMfaBody = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Enter the 6-digit code from your app'),
  })
  .meta({ id: 'ConfirmMfaBody' });
export type ConfirmMfaBody = z.infer<typeof ConfirmMfaBody>;

export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()).meta({ description: 'Ten single-use codes, shown this once' }) }).meta({ id: 'RecoveryCodes' });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export { MfaCode };

export const AuthSession = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    /** The session of this request. */
    current: z.boolean(),
  })
  .meta({ id: 'AuthSession' });
export type AuthSession = z.infer<typeof AuthSession>;
export const AuthSessionList = z.object({ items: z.array(AuthSession) }).meta({ id: 'AuthSessionList' });
export type AuthSessionList = z.infer<typeof AuthSessionList>;

// --- Approval limits

export const APPROVAL_KINDS = ['order_sum_insured', 'claim_amount', 'refund_amount', 'write_off_amount', 'surrender_amount'] as const;
export const ApprovalKind = z.enum(APPROVAL_KINDS).meta({ id: 'ApprovalKind' });
export type ApprovalKind = z.infer<typeof ApprovalKind>;

export const ApprovalLimit = z
  .strictObject({
    role: Role,
    kind: ApprovalKind,
    currency: z.string().regex(/^[A-Z]{3}$/, 'Use an ISO 4217 code such as EUR'),
    /** Largest amount this role may approve, in minor units (cents). */
    maxAmount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .meta({ id: 'ApprovalLimit' });
export type ApprovalLimit = z.infer<typeof ApprovalLimit>;

export const ApprovalLimitSet = z.object({ revision: z.number().int(), items: z.array(ApprovalLimit) }).meta({ id: 'ApprovalLimitSet' });
export type ApprovalLimitSet = z.infer<typeof ApprovalLimitSet>;

/**
 * A limit as it is set: more than zero. No row for a role, kind and currency already means the role
 * may not approve such amounts, so a limit of 0 (or less) is refused rather than stored.
 */
export const ApprovalLimitInput = ApprovalLimit.extend({
  maxAmount: z.number().int('Give the amount in whole minor units (cents)').positive('Must be more than 0').max(Number.MAX_SAFE_INTEGER),
}).meta({ id: 'ApprovalLimitInput' });

export const ReplaceApprovalLimitsBody = z
  .strictObject({ items: z.array(ApprovalLimitInput).max(200) })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.items.forEach((l, i) => {
      const key = `${l.role}/${l.kind}/${l.currency}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['items', i], message: `Duplicate limit for ${key}` });
      seen.add(key);
    });
  })
  .meta({ id: 'ReplaceApprovalLimitsBody' });
export type ReplaceApprovalLimitsBody = z.infer<typeof ReplaceApprovalLimitsBody>;

// --- Audit trail

export const AuditEntry = z
  .object({
    id: z.string(),
    occurredAt: z.iso.datetime(),
    actorUserId: z.uuid().nullable(),
    actorRole: z.string().nullable(),
    /** The customer who acted in the portal (actorRole `customer`); null for staff and system entries. */
    actorCustomerId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    outcome: z.enum(['success', 'failure', 'denied']),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    /** The record's business number (C-, Q-, O-, P-…), where its module names its records; null otherwise. */
    entityNumber: z.string().nullable(),
    branchId: z.uuid().nullable(),
    changes: z.record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() })).nullable(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z.strictObject({
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  actorUserId: z.uuid().optional(),
  action: z.string().max(80).optional(),
  from: IsoDateTime({ offset: true }).optional(),
  to: IsoDateTime({ offset: true }).optional(),
});
export const AuditQuery = PageQuery.extend(AuditFilter.shape);
export const AuditPage = pageOf(AuditEntry).meta({ id: 'AuditPage' });

// --- What the identity module declares (the console uses these too).
export const IDENTITY_PERMISSIONS = {
  // Managers read users, approval limits and the audit trail of the branches they manage.
  'users:read': ['manager'],
  'users:manage': [],
  'branches:read': ['manager', 'senior_agent', 'agent', 'underwriter', 'claims_adjuster', 'finance', 'finance_manager'],
  'branches:manage': [],
  'approval-limits:read': ['manager', 'senior_agent', 'underwriter', 'claims_adjuster', 'finance_manager'],
  'approval-limits:manage': [],
} as const satisfies PermissionGrants;

export const IDENTITY_AUDIT_ACTIONS = [
  'auth.login',
  'auth.lockout',
  'auth.refresh_reuse',
  'auth.logout',
  'auth.password_change',
  'auth.permission_denied',
  'auth.network_denied',
  'auth.mfa_challenge',
  'auth.mfa_enrol',
  'auth.session_end',
  'user.reset_mfa',
  'user.create',
  'user.update',
  'user.reset_password',
  'user.unlock',
  'branch.create',
  'branch.update',
  'approval_limits.replace',
] as const;
export type IdentityAuditAction = (typeof IDENTITY_AUDIT_ACTIONS)[number];

export const IDENTITY_ERROR_CODES = [
  'INVALID_CREDENTIALS',
  'LOGIN_RATE_LIMITED',
  'INVALID_TOKEN',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'REFRESH_TOKEN_MISSING',
  'INVALID_REFRESH_TOKEN',
  'REFRESH_TOKEN_REUSED',
  'SESSION_EXPIRED',
  'PASSWORD_CHANGE_REQUIRED',
  'PASSWORD_REJECTED',
  'EMAIL_TAKEN',
  'LAST_ADMIN',
  'BRANCH_EXISTS',
  'BRANCH_IN_USE',
  'APPROVAL_LIMIT_EXCEEDED',
  'FOUR_EYES',
  'MFA_CHALLENGE_INVALID',
  'MFA_CODE_INVALID',
  'MFA_CODE_REUSED',
  'RECOVERY_CODE_USED',
  'MFA_ALREADY_ENABLED',
  'MFA_ENROLMENT_NOT_STARTED',
  'MFA_ENROLLMENT_REQUIRED',
  'MFA_NOT_ENABLED',
  'NETWORK_NOT_ALLOWED',
  'SESSION_NOT_FOUND',
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];
