// Branch scoping: the one helper every module's queries and record checks go through.
// Agents, senior agents and claims adjusters see their own branch, managers the branches they manage, underwriters
// and admins every branch. Out-of-scope records answer 404 and never appear in lists or counts.
import type { Knex } from 'knex';
import type { Actor } from './actor';
import { NotFoundError } from './errors';

export function inScope(actor: Actor, branchId: string | null | undefined): boolean {
  if (actor.branchIds === 'all') return true;
  return !!branchId && actor.branchIds.includes(branchId);
}

/** Throws 404 (never 403: the record's existence is not disclosed) when outside the actor's branches. */
export function assertInScope(actor: Actor, branchId: string | null | undefined, what: string): void {
  if (!inScope(actor, branchId)) throw new NotFoundError(what);
}

/** The record when it exists and lies in the actor's branches; else 404, the same answer for both. */
export function visibleOr404<R extends { branch_id: string | null }>(actor: Actor, row: R | undefined, what: string): R {
  if (!row) throw new NotFoundError(what);
  assertInScope(actor, row.branch_id, what);
  return row;
}

/** `inScope` as SQL over `branchColumn`, for conditions a query must hold itself (e.g. an audited read). */
export function inScopeSql(db: Knex, actor: Actor, branchColumn: string): Knex.Raw {
  if (actor.branchIds === 'all') return db.raw('true');
  return db.raw('?? = ANY(?::uuid[])', [branchColumn, actor.branchIds]);
}

/** Restricts a query to the actor's branches: `scoped(qb, actor, 'c.branch_id')`. */
export function scoped<QB extends Knex.QueryBuilder>(query: QB, actor: Actor, branchColumn: string): QB {
  if (actor.branchIds === 'all') return query;
  if (actor.branchIds.length === 0) return query.whereRaw('false') as QB;
  return query.whereIn(branchColumn, actor.branchIds) as QB;
}

/** The branches a role works in, from the user's own branch and the branches they manage. */
export function branchScopeFor(role: Actor['role'], ownBranchId: string, managedBranchIds: string[]): Actor['branchIds'] {
  switch (role) {
    // Finance keeps the company's books: every branch's figures. The claims automation user (a
    // system user, never logged in) acts on any branch's claims.
    case 'admin':
    case 'underwriter':
    case 'finance':
    case 'finance_manager':
    case 'claims_automation':
      return 'all';
    case 'manager':
      return [...new Set([ownBranchId, ...managedBranchIds])];
    case 'senior_agent':
    case 'agent':
    case 'claims_adjuster':
      return [ownBranchId];
  }
}
