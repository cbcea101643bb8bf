// The portal realm's access tokens: HS256 JWTs like staff's, but with their own issuer, audience and
// type, signed with a key derived from the JWT signing key for this realm alone — so a portal token
// is refused by staff verification (and a staff token here) at the signature already, and again at
// issuer, audience and type.
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../../platform/clock';
import { UnauthorizedError } from '../../platform/errors';
import type { PortalErrorCode } from '../../contracts/portal';

export const PORTAL_ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const PORTAL_SESSION_TTL_SECONDS = 12 * 60 * 60;
export const PORTAL_ISSUER = 'policydesk-portal';
export const PORTAL_AUDIENCE = 'policydesk-portal-api';
const TYPE = 'portal_access';

export interface PortalClaims {
  /** The portal account. */
  sub: string;
  /** The portal session. */
  sid: string;
  /** The account's token version when issued. */
  tv: number;
}

type TokenCode = 'PORTAL_TOKEN_INVALID' | 'PORTAL_TOKEN_EXPIRED';
const unauthorized = (code: TokenCode | PortalErrorCode, detail: string) => new UnauthorizedError(code, detail);

export class PortalTokens {
  private readonly key: crypto.KeyObject;

  constructor(
    jwtSigningKeyBase64: string,
    private readonly clock: Clock,
  ) {
    // A key of this realm's own: HMAC of the configured key with the realm's name.
    const derived = crypto.createHmac('sha256', Buffer.from(jwtSigningKeyBase64, 'base64')).update('policydesk-portal-access-token-v1').digest();
    this.key = crypto.createSecretKey(derived);
  }

  issue(claims: PortalClaims): string {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return jwt.sign({ ...claims, typ: TYPE, iat: now, nbf: now, exp: now + PORTAL_ACCESS_TOKEN_TTL_SECONDS }, this.key, {
      algorithm: 'HS256',
      issuer: PORTAL_ISSUER,
      audience: PORTAL_AUDIENCE,
      jwtid: crypto.randomUUID(),
    });
  }

  /** Whether the token claims this realm's audience (unverified: only to decide whose check to run). */
  static claimsPortalAudience(token: string): boolean {
    const decoded = jwt.decode(token);
    return typeof decoded === 'object' && decoded !== null && decoded.aud === PORTAL_AUDIENCE;
  }

  verify(token: string): PortalClaims {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: PORTAL_ISSUER, audience: PORTAL_AUDIENCE, clockTimestamp: now, clockTolerance: 0 });
    } catch (err) {
      const expired = err instanceof jwt.TokenExpiredError;
      throw unauthorized(expired ? 'PORTAL_TOKEN_EXPIRED' : 'PORTAL_TOKEN_INVALID', expired ? 'Your session token has expired.' : 'The access token is not a valid portal token.');
    }
    if (typeof payload === 'string' || payload.typ !== TYPE || typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.tv !== 'number') {
      throw unauthorized('PORTAL_TOKEN_INVALID', 'The access token is not a valid portal token.');
    }
    const { exp, iat } = payload;
    if (typeof exp !== 'number' || typeof iat !== 'number' || exp - iat > PORTAL_ACCESS_TOKEN_TTL_SECONDS || exp - now > PORTAL_ACCESS_TOKEN_TTL_SECONDS) {
      throw unauthorized('PORTAL_TOKEN_INVALID', 'The access token is not a valid portal token.');
    }
    return { sub: payload.sub, sid: payload.sid, tv: payload.tv };
  }
}
