// The one error middleware: everything leaves as application/problem+json (RFC 9457).
import type { ErrorRequestHandler, Response } from 'express';
import type { Problem } from '../contracts/common';
import { translateDbError } from './db-errors';
import { AppError, BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';
import type { Logger } from './logger';
import { currentRequestContext } from './request-context';

export const BODY_LIMIT = '1mb';

/** body-parser signals problems with `type`; map them to our codes (never a 500). */
function fromBodyParser(err: { type?: string; status?: number }): AppError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new BadRequestError('MALFORMED_JSON', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new PayloadTooLargeError('1 MB');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError('UTF-8 application/json');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new BadRequestError('BAD_REQUEST', 'The request body could not be read.');
    default:
      return undefined;
  }
}

export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  // Express's router cannot decode a path parameter with a malformed escape (`/customers/%E0%A4%A`).
  if (err instanceof URIError && (err as { status?: number }).status === 400) return new BadRequestError('BAD_REQUEST', 'The path has a malformed percent-escape.');
  if (err && typeof err === 'object' && 'type' in err) {
    const mapped = fromBodyParser(err as { type?: string });
    if (mapped) return mapped;
  }
  return translateDbError(err);
}

export function sendProblem(res: Response, err: AppError) {
  const body: Problem = {
    type: 'about:blank',
    title: err.title,
    status: err.status,
    code: err.code,
    detail: err.detail,
    requestId: currentRequestContext()?.requestId ?? String(res.getHeader('X-Request-Id') ?? ''),
    ...err.extras,
  };
  // Metrics count some codes (login failures, webhook signatures refused); the code is never personal.
  res.locals.problemCode = err.code;
  res.status(err.status).set(err.headers).type('application/problem+json').send(JSON.stringify(body));
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const appError = toAppError(err);
    if (appError) {
      if (appError.status >= 500) logger.warn({ err, code: appError.code }, appError.detail);
      return sendProblem(res, appError);
    }
    // Unknown: log with the stack, answer generically — no stack, no SQL, no internals.
    logger.error({ err, method: req.method, route: req.route?.path }, 'unhandled error');
    sendProblem(res, new AppError(500, 'INTERNAL_ERROR', 'Internal server error', 'Something went wrong on our side. Quote the request id when reporting it.'));
  };
}
