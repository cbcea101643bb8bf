// The portal realm's authenticator, installed on /api beside identity's: a Bearer token that claims
// the portal's audience is verified here and becomes `req.customer`; any other credential is not a
// customer (`req.customerAuthFailure`), which only customer routes report (401).
import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../../platform/errors';
import type { CustomerAuthenticator } from '../../platform/module';
import type { PortalAuthService } from './portal-auth.service';
import { PortalTokens } from './portal-tokens';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

export function createPortalAuthenticator(auth: PortalAuthService): CustomerAuthenticator {
  const authenticate: RequestHandler = async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) return next();
    const match = BEARER.exec(header);
    if (!match || !PortalTokens.claimsPortalAudience(match[1]!)) {
      req.customerAuthFailure = new UnauthorizedError('PORTAL_TOKEN_INVALID', 'This is not a customer portal token: log in to the portal.');
      return next();
    }
    try {
      req.customer = await auth.authenticate(match[1]!);
    } catch (err) {
      req.customerAuthFailure = err as Error;
    }
    next();
  };
  return { authenticate };
}
