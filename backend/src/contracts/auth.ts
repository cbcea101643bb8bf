// Authentication contract. The endpoints land with the Identity and audit module; the console's
// login page and API client are written against this contract.
import { z } from 'zod';

export const ROLES = ['admin', 'manager', 'senior_agent', 'agent', 'underwriter', 'claims_adjuster', 'finance', 'finance_manager', 'claims_automation'] as const;
/** Roles only system users hold (never offered for a person): they carry their own approval limits. */
export const SYSTEM_ROLES = ['claims_automation'] as const satisfies readonly (typeof ROLES)[number][];
export const Role = z.enum(ROLES).meta({ id: 'Role' });

/** How a role is named to people (the demo logins, the account menu, user lists). */
export const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  admin: 'Administrator',
  manager: 'Manager',
  senior_agent: 'Senior agent',
  agent: 'Agent',
  underwriter: 'Underwriter',
  claims_adjuster: 'Claims adjuster',
  finance: 'Finance',
  finance_manager: 'Finance manager',
  claims_automation: 'Claims automation (system)',
};
export type Role = z.infer<typeof Role>;

export const LoginBody = z
  .strictObject({
    email: z.email('Enter a valid email address').max(254),
    password: z.string().min(1, 'Enter your password').max(1024),
  })
  .meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: Role,
    branchId: z.uuid(),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof SessionUser>;

export const TokenResponse = z
  .object({
    accessToken: z.string(),
    expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires' }),
    user: SessionUser,
  })
  .meta({ id: 'TokenResponse' });
export type TokenResponse = z.infer<typeof TokenResponse>;

/** Login of a user with TOTP: no tokens yet, a challenge to answer with a code at /auth/login/mfa. */
export const MfaChallenge = z
  .object({
    mfaRequired: z.literal(true),
    challengeToken: z.string(),
    expiresIn: z.number().int().meta({ description: 'Seconds until the challenge expires' }),
  })
  .meta({ id: 'MfaChallenge' });
export type MfaChallenge = z.infer<typeof MfaChallenge>;

export const LoginResponse = z.union([TokenResponse, MfaChallenge]).meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** A 6-digit TOTP code, or one of the recovery codes (`xxxx-xxxx-xxxx`). */
export const MfaCode = z
  .string()
  .trim()
  .regex(/^(\d{6}|[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}-?[A-Za-z0-9]{4})$/, 'Enter the 6-digit code from your app or a recovery code');

export const MfaLoginBody = z
  .strictObject({
    challengeToken: z.string().min(16).max(200),
    code: MfaCode,
  })
  .meta({ id: 'MfaLoginBody' });
export type MfaLoginBody = z.infer<typeof MfaLoginBody>;

export const Me = z
  .object({
    user: SessionUser,
    /** Two-factor sign-in: enrolled, and whether enrolment is required before anything else. */
    mfa: z.object({ enabled: z.boolean(), enrollmentRequired: z.boolean() }),
    permissions: z.array(z.string()),
    /** The branches the user works in; null means every branch (underwriters, admins). */
    branchIds: z.array(z.uuid()).nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;
