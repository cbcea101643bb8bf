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
  /** The login session the access token belongs to. */
  sessionId: string;
  /** The primary's WAL position after this user's last write, when the client sent it back (read-your-writes on the replica; platform/read-router.ts). */
  readAfter?: string;
}

/**
 * What a route requires. `public`: anyone (health, login, docs). `authenticated`: any logged-in user
 * (own profile). `{ permission }`: a permission from the matrix. There is no default: every route says.
 */
export type Access = 'public' | 'authenticated' | { permission: Permission };

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
    /** Why the presented credentials were refused; reported only by routes that need a caller. */
    authFailure?: Error;
  }
}
