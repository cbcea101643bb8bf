// The platform's authenticator, as identity provides it: a Bearer token becomes `req.actor` on every
// /api request, and every 403 is recorded in the audit trail.
import type { Db } from '../../db';
import type { Authenticator } from '../../platform/module';
import { currentRequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { AuthService } from './auth.service';
import { identityUnauthorized, networkNotAllowed } from './identity.errors';
import type { NetworkPolicy } from './network-policy';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

export function createAuthenticator(auth: AuthService, audit: AuditService, db: Db, networks: NetworkPolicy): Authenticator {
  return {
    // Sets req.actor, or remembers why the credentials failed (public routes ignore that; the
    // others answer 401 with it).
    authenticate: async (req, _res, next) => {
      const header = req.headers.authorization;
      if (header === undefined) return next();
      const match = BEARER.exec(header);
      if (!match) {
        req.authFailure = identityUnauthorized('INVALID_TOKEN', 'The Authorization header must be "Bearer <access token>".');
        return next();
      }
      try {
        req.actor = await auth.authenticate(match[1]!);
        const ctx = currentRequestContext();
        if (ctx) ctx.userId = req.actor.userId;
        // A role limited to some networks (ALLOWED_NETWORKS) is refused elsewhere: every route that
        // needs a caller answers 403, and the refusal is audited (recordDenial).
        if (!networks.allows(req.actor.role, req.ip)) req.authFailure = networkNotAllowed();
      } catch (err) {
        req.authFailure = err as Error;
      }
      next();
    },
    recordDenial: async (req, access, err) => {
      const code = (err as { code?: string }).code;
      await audit.record(db, {
        actor: req.actor,
        action: `auth.${code === 'NETWORK_NOT_ALLOWED' ? 'network_denied' : 'permission_denied'}` as const,
        outcome: 'denied',
        branchId: req.actor?.branchId,
        metadata: {
          method: req.method,
          route: `${req.baseUrl}${req.route?.path ?? req.path}`,
          required: typeof access === 'object' ? access.permission : access,
          code,
          ...(code === 'NETWORK_NOT_ALLOWED' ? { ip: req.ip ?? null } : {}),
        },
      });
    },
  };
}
