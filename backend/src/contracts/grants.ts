// What a module's contract declares about itself for the one permission matrix. Imports only types.
import type { Role } from './auth';

/**
 * The permissions a module adds, each with the roles holding it. Administrators hold every
 * permission, so they are never listed; a role not listed does not hold it (deny by default).
 */
export type PermissionGrants = { readonly [permission: string]: readonly Exclude<Role, 'admin'>[] };
