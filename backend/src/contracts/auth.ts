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

export const Me = z
  .object({
    user: SessionUser,
    permissions: z.array(z.string()),
    /** The branches the user works in; null means every branch (underwriters, admins). */
    branchIds: z.array(z.uuid()).nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;
