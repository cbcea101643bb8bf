import type { FieldError } from '@contracts/common';

interface ApiErrorInit {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
  requestId?: string;
  retryAfterSeconds?: number;
  extensions?: Record<string, unknown>;
}

/** A failed API call, shaped like the server's problem+json so screens can match on `code`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;
  /** From the Retry-After header of 429/503 answers. */
  readonly retryAfterSeconds: number | undefined;
  /** The problem's own members beyond the standard ones (e.g. the `candidates` of a CUSTOMER_DUPLICATE). */
  readonly extensions: Record<string, unknown>;

  constructor(init: ApiErrorInit) {
    super(`${init.title}: ${init.detail}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.extensions = init.extensions ?? {};
  }

  get isNetworkError(): boolean {
    return this.code === NETWORK_ERROR;
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';
export const INVALID_RESPONSE = 'INVALID_RESPONSE';

export interface ErrorDescription {
  title: string;
  detail: string;
  requestId: string | undefined;
}

/** Turns anything thrown into text a person can read; only ApiErrors carry a requestId. */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ApiError) {
    return { title: error.title, detail: error.detail, requestId: error.requestId };
  }
  const detail = error instanceof Error && error.message ? error.message : 'An unexpected error occurred.';
  return { title: 'Something went wrong', detail, requestId: undefined };
}
