// Request id (echoed as X-Request-Id), request context and one access-log line per request.
// The line names the route template ('unmatched' when no declared route answered), never the
// concrete path, the query string or the body.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from './logger';
import { routeLabel } from './metrics';
import { runWithRequestContext } from './request-context';

/**
 * A client's X-Request-Id is kept (it ties our logs and audit rows to the caller's trace) only when it
 * looks like an id: a UUID, or 8 to 64 letters, digits, dots, dashes and underscores. Anything else
 * (sentences, quotes, control characters, long text) is replaced by our own UUID, so nobody can plant
 * text in the audit trail through a header.
 */
export const SAFE_REQUEST_ID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9._-]{8,64})$/;

export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const inbound = req.headers['x-request-id'];
    const requestId = typeof inbound === 'string' && SAFE_REQUEST_ID.test(inbound) ? inbound : crypto.randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const ctx = { requestId, ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 512) };
    const started = process.hrtime.bigint();
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      if (!logger.isLevelEnabled('info')) return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      // The template that answered (set by RouteRegistrar), never the concrete path: a path may
      // carry what a client should not have put there (an id number typed into a URL).
      runWithRequestContext(ctx, () =>
        logger.info(
          {
            method: req.method,
            route: routeLabel(res),
            status: res.statusCode,
            durationMs: Math.round(durationMs * 10) / 10,
            aborted: !res.writableFinished || undefined,
          },
          'request',
        ),
      );
    };
    res.on('finish', log);
    res.on('close', log);
    runWithRequestContext(ctx, () => next());
  };
}
