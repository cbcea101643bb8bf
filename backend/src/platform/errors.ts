// One error family. Everything thrown with these reaches the client as application/problem+json with
// a stable `code`; anything else becomes a generic 500 (logged with its stack, never shown).
import type { FieldError } from '../contracts/common';

export interface ProblemExtras {
  errors?: FieldError[];
  /** Extra members merged into the problem document (e.g. currentVersion, missing documents). */
  [member: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string = title,
    readonly extras: ProblemExtras = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields.', code = 'VALIDATION_FAILED') {
    super(400, code, 'Invalid request', detail, { errors });
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, detail: string, extras?: ProblemExtras) {
    super(400, code, 'Bad request', detail, extras);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = 'UNAUTHENTICATED', detail = 'Authentication is required.') {
    super(401, code, 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer' });
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'FORBIDDEN', detail = 'You do not have permission to do this.', extras?: ProblemExtras) {
    super(403, code, 'Forbidden', detail, extras);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'resource', code = 'NOT_FOUND') {
    super(404, code, 'Not found', `The ${what} does not exist or is not visible to you.`);
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(method: string, allowed: string[]) {
    super(405, 'METHOD_NOT_ALLOWED', 'Method not allowed', `${method} is not supported here; use ${allowed.join(', ')}.`, {}, { Allow: allowed.join(', ') });
  }
}

export class ConflictError extends AppError {
  constructor(code: string, detail: string, extras?: ProblemExtras) {
    super(409, code, 'Conflict', detail, extras);
  }
}

/** 412: the If-Match version is not the current one. */
export class PreconditionFailedError extends AppError {
  constructor(currentVersion: number) {
    super(412, 'VERSION_MISMATCH', 'Precondition failed', 'The record was changed by someone else; reload it and try again.', { currentVersion }, { ETag: `"${currentVersion}"` });
  }
}

/** 428: this resource is only changed with an If-Match header carrying its ETag. */
export class PreconditionRequiredError extends AppError {
  constructor() {
    super(428, 'IF_MATCH_REQUIRED', 'Precondition required', 'Send the If-Match header with the ETag you last read.');
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limit: string) {
    super(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', `The request body is larger than ${limit}.`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(expected: string, code = 'UNSUPPORTED_MEDIA_TYPE', detail = `Send the body as ${expected}.`) {
    super(415, code, 'Unsupported media type', detail);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number, code = 'RATE_LIMITED') {
    super(
      429,
      code,
      'Too many requests',
      `Too many requests; try again in ${retryAfterSeconds} seconds.`,
      { retryAfter: retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail = 'The service is temporarily unavailable; try again shortly.') {
    super(503, 'SERVICE_UNAVAILABLE', 'Service unavailable', detail, {}, { 'Retry-After': '5' });
  }
}
