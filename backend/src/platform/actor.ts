// Who is calling. Authentication (Identity module) sets `req.actor`; routes declare what they need.
import type { Role } from '../contracts/auth';
import type { Permission } from '../contracts/permissions';

export interface Actor {
  userId: string;
  role: Role;
  /** The branch the user belongs to. */
  branchId: string;
  /** Branches this actor may work in; `'all'` for roles that work across branches. */
  branchIds: string[] | 'all';
  permissions: ReadonlySet<string>;
  /** After a password reset: only the password change (and logout) is allowed. */
  mustChangePassword: boolean;
  /** TOTP is required for this user and not yet set up: only the enrolment (and own profile) answer. */
  mfaEnrollmentRequired?: boolean;
  /** The login session the access token belongs to. */
  sessionId: string;
  /** The primary's WAL position after this user's last write, when the client sent it back (read-your-writes on the replica; platform/read-router.ts). */
  readAfter?: string;
}

/**
 * A customer signed in to the portal: a realm of its own (portal accounts, tokens with the portal's
 * audience and issuer). Never an `Actor`: staff routes never see one, portal routes never see staff.
 */
export interface CustomerActor {
  /** The portal account (`portal_accounts.id`). */
  accountId: string;
  /** The customer record the account belongs to: every portal read is limited to it. */
  customerId: string;
  /** The customer's branch (where their audit entries are filed). */
  branchId: string;
  /** The portal session the access token belongs to. */
  sessionId: string;
}

/**
 * What a route requires. `public`: anyone (health, login, docs). `authenticated`: any logged-in user
 * (own profile). `{ permission }`: a permission from the matrix. `customer`: a customer signed in to
 * the portal (staff tokens are refused). There is no default: every route says.
 */
export type Access = 'public' | 'authenticated' | { permission: Permission } | 'customer';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
    /** Why the presented credentials were refused; reported only by routes that need a caller. */
    authFailure?: Error;
    /** The portal customer behind a portal access token (set only by the portal's authenticator). */
    customer?: CustomerActor;
    /** Why the presented credentials are not a valid portal token; reported only by customer routes. */
    customerAuthFailure?: Error;
  }
}
