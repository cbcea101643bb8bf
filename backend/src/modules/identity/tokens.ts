// Access tokens: HS256 JWTs signed and verified with a KeyObject (a string secret makes
// verification ~40× slower), an algorithm allow-list, and iss/aud/typ/exp/nbf all checked.
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../../platform/clock';
import { identityUnauthorized } from './identity.errors';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const VERIFIED_TOKENS_KEPT = 10_000;
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
const ISSUER = 'policydesk';
const AUDIENCE = 'policydesk-api';
const ALGORITHMS: jwt.Algorithm[] = ['HS256'];

export interface AccessClaims {
  sub: string;
  /** Login session (refresh-token family). */
  sid: string;
  /** The user's token version when issued; a bump invalidates the token at once. */
  tv: number;
  typ: 'access';
}

export class TokenService {
  private readonly key: crypto.KeyObject;

  constructor(
    signingKeyBase64: string,
    private readonly clock: Clock,
  ) {
    this.key = crypto.createSecretKey(Buffer.from(signingKeyBase64, 'base64'));
  }

  issueAccessToken(claims: Omit<AccessClaims, 'typ'>): string {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return jwt.sign({ ...claims, typ: 'access', iat: now, nbf: now, exp: now + ACCESS_TOKEN_TTL_SECONDS }, this.key, {
      algorithm: 'HS256',
      issuer: ISSUER,
      audience: AUDIENCE,
      jwtid: crypto.randomUUID(),
    });
  }

  /**
   * Tokens already verified, by their exact text (signature included), with their time window: a
   * repeat needs only the expiry and not-before checked against the clock. Bounded; emptied when full.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; nbf: number; exp: number }>();

  /** Verifies signature, algorithm, issuer, audience, expiry, not-before and token type. */
  verifyAccessToken(token: string): AccessClaims {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known && known.nbf <= now && now < known.exp) return known.claims;
    const claims = this.verifyFully(token);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.clear();
    const { nbf, exp } = jwt.decode(token) as jwt.JwtPayload;
    this.verified.set(token, { claims, nbf: nbf ?? 0, exp: exp! });
    return claims;
  }

  private verifyFully(token: string): AccessClaims {
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: ALGORITHMS,
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
        clockTolerance: 0,
      });
    } catch (err) {
      const expired = err instanceof jwt.TokenExpiredError;
      throw identityUnauthorized(expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', expired ? 'Your session token has expired.' : 'The access token is not valid.');
    }
    if (typeof payload === 'string' || payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.tv !== 'number') {
      throw identityUnauthorized('INVALID_TOKEN', 'The access token is not valid.');
    }
    // A token that never expires, or lives longer than we issue them, was not made by us as configured.
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const { exp, iat } = payload;
    if (typeof exp !== 'number' || typeof iat !== 'number' || exp - iat > ACCESS_TOKEN_TTL_SECONDS || exp - now > ACCESS_TOKEN_TTL_SECONDS) {
      throw identityUnauthorized('INVALID_TOKEN', 'The access token is not valid.');
    }
    return { sub: payload.sub, sid: payload.sid, tv: payload.tv, typ: 'access' };
  }
}

/** Refresh tokens are opaque random strings; only their SHA-256 is stored. */
export const newRefreshToken = () => crypto.randomBytes(32).toString('base64url');
export const hashRefreshToken = (token: string) => crypto.createHash('sha256').update(token).digest();
