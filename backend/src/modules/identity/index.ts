// The identity module: who calls (login, tokens, sessions, passwords), users, branches and approval
// limits; it provides the platform's authenticator and the checks other modules make about people,
// branches and approvals.
import { IDENTITY_AUDIT_ACTIONS, IDENTITY_ERROR_CODES, IDENTITY_PERMISSIONS } from '../../contracts/identity';
import { registerIdentityMetrics } from './identity.metrics';
import type { Config } from '../../config';
import type { Clock } from '../../platform/clock';
import { defineModule, type Authenticator, type ProvideContext } from '../../platform/module';
import { ActorDirectory } from './actor-directory';
import { AgentDirectory } from './agent-directory';
import { registerApprovalLimitRoutes } from './approval-limits.routes';
import { ApprovalLimitsService } from './approval-limits.service';
import { registerAuthRoutes } from './auth.routes';
import { AuthService } from './auth.service';
import { createAuthenticator } from './authenticator';
import { BranchDirectory } from './branch-directory';
import { registerBranchRoutes } from './branches.routes';
import { BranchesService } from './branches.service';
import { NetworkPolicy } from './network-policy';
import { TokenService } from './tokens';
import { SystemUsers } from './system-users';
import { registerUserRoutes } from './users.routes';
import { UsersService } from './users.service';

export interface IdentityServices {
  /** Bearer token → `req.actor` on every /api request; 403s recorded. Installed by the platform. */
  authenticator: Authenticator;
  /** Approval limits and the four-eyes check, for modules that approve. */
  approvalLimits: ApprovalLimitsService;
  /** Who may be assigned customers in a branch. */
  agents: AgentDirectory;
  /** Whether a branch is open, for modules that file records under one. */
  branches: BranchDirectory;
  /** The users automatic sources act as (a phone provider's webhook): `actorFor(db, 'telephony', branchId)`. */
  systemUsers: SystemUsers;
  /** A user as an Actor now (role, permissions, branches), for jobs that act on their behalf. */
  actors: ActorDirectory;
}

function tokenService(config: Config, clock: Clock): TokenService {
  if (!config.secrets.jwtSigningKey) throw new Error('The JWT signing key is missing from the configuration');
  return new TokenService(config.secrets.jwtSigningKey, clock);
}

function authService({ db, clock, config, services }: Pick<ProvideContext<'audit'>, 'db' | 'clock' | 'config' | 'services'>): AuthService {
  return new AuthService(
    db,
    clock,
    tokenService(config, clock),
    services.audit,
    config.passwordHashCost,
    services.fieldCrypto,
    config.mfa,
    new NetworkPolicy(config.allowedNetworks),
  );
}

export const identityModule = defineModule({
  name: 'identity',
  permissions: IDENTITY_PERMISSIONS,
  auditActions: IDENTITY_AUDIT_ACTIONS,
  errorCodes: IDENTITY_ERROR_CODES,
  requires: ['audit'],
  provides: {
    authenticator: (ctx) => createAuthenticator(authService(ctx), ctx.services.audit, ctx.db, new NetworkPolicy(ctx.config.allowedNetworks)),
    approvalLimits: ({ db, clock, services }) => new ApprovalLimitsService(db, clock, services.audit),
    agents: () => new AgentDirectory(),
    branches: () => new BranchDirectory(),
    systemUsers: ({ clock }) => new SystemUsers(clock),
    actors: () => new ActorDirectory(),
  },
  setup: (ctx) => {
    const { db, clock, config, services } = ctx;
    return {
      auth: authService(ctx),
      users: new UsersService(db, clock, services.audit, config.passwordHashCost),
      branches: new BranchesService(db, clock, services.audit),
    };
  },
  register(ctx, { auth, users, branches }) {
    registerAuthRoutes(ctx, auth);
    registerUserRoutes(ctx, users);
    registerBranchRoutes(ctx, branches);
    registerApprovalLimitRoutes(ctx);
    registerIdentityMetrics(ctx.metrics);
  },
});
