import { TokenResponse } from '@contracts/auth';
import { Problem } from '@contracts/common';
import { z } from 'zod';
import { ApiError, INVALID_RESPONSE, NETWORK_ERROR } from './api-error';
import { sessionStore } from './auth/session-store';
import { parseRetryAfter } from './retry-after';

const API_BASE = '/api';

// A 401 from these means "wrong credentials" or "no session", never "renew the token and retry";
// logging out with an expired token simply ends the session.
const NO_RENEWAL_PATHS = new Set(['/auth/login', '/auth/refresh', '/auth/logout']);

// RFC 9457 members every problem has; whatever else a problem carries is specific to its code.
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail', 'requestId', 'instance', 'errors']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** The entity's ETag, for optimistic concurrency on writes. */
  ifMatch?: string;
  /** For money POSTs: one key per intended operation, reused on every retry of it. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** Response schema of calls that answer 204 without a body. */
export const NoContent = z.undefined();

async function send(method: Method, path: string, body: unknown, options: RequestOptions, accessToken: string | null, accept: string): Promise<Response> {
  const headers = new Headers({ Accept: accept });
  // A form (file upload) sets its own multipart Content-Type with the boundary.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers.set('Content-Type', 'application/json');
  if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
  if (options.ifMatch) headers.set('If-Match', options.ifMatch);
  if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
  try {
    return await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    // React Query cancels stale queries through the signal; that is not a network failure.
    if (options.signal?.aborted) throw error;
    throw new ApiError({
      status: 0,
      code: NETWORK_ERROR,
      title: 'Cannot reach the server',
      detail: 'Check your network connection and try again.',
    });
  }
}

async function toApiError(response: Response, method: Method, path: string): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  if (response.headers.get('Content-Type')?.includes('application/problem+json')) {
    const problem = Problem.safeParse(await response.json().catch(() => undefined));
    if (problem.success) {
      const { code, title, detail, errors, requestId } = problem.data;
      const extensions = Object.fromEntries(Object.entries(problem.data).filter(([key]) => !STANDARD_MEMBERS.has(key)));
      const { status } = response;
      return new ApiError({ status, code, title, detail, errors, requestId, retryAfterSeconds, extensions });
    }
  }
  // Not from our error middleware (a proxy, or an endpoint that does not exist yet).
  const statusText = response.statusText || 'Request failed';
  return new ApiError({
    status: response.status,
    code: `HTTP_${response.status}`,
    title: statusText,
    detail: `${method} ${API_BASE}${path} answered ${response.status} ${statusText}.`,
    retryAfterSeconds,
  });
}

async function readBody<S extends z.ZodType>(response: Response, schema: S, method: Method, path: string): Promise<z.output<S>> {
  const invalid = (detail: string) =>
    new ApiError({
      status: response.status,
      code: INVALID_RESPONSE,
      title: 'Unexpected answer from the server',
      detail: `${method} ${API_BASE}${path}: ${detail}`,
    });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw invalid('the body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalid(z.prettifyError(parsed.error));
  return parsed.data;
}

let refreshing: Promise<TokenResponse> | null = null;

/** Exchanges the httpOnly refresh cookie for a new access token; concurrent callers share one call. */
export function refreshSession(): Promise<TokenResponse> {
  refreshing ??= request('POST', '/auth/refresh', TokenResponse, undefined, {})
    .then((tokens) => {
      sessionStore.setAccessToken(tokens.accessToken);
      return tokens;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function renewAccessToken(rejectedToken: string | null): Promise<string | null> {
  const current = sessionStore.getSnapshot().accessToken;
  // Another call renewed the token while this one was in flight: just use the new one.
  if (current !== null && current !== rejectedToken) return current;
  try {
    return (await refreshSession()).accessToken;
  } catch {
    return null;
  }
}

/** Sends the call, renewing the access token once on a 401, and answers the successful response. */
async function sendAuthorized(method: Method, path: string, body: unknown, options: RequestOptions, accept = 'application/json'): Promise<Response> {
  const token = sessionStore.getSnapshot().accessToken;
  let response = await send(method, path, body, options, token, accept);
  if (response.status === 401 && !NO_RENEWAL_PATHS.has(path)) {
    const renewed = await renewAccessToken(token);
    if (renewed === null) {
      // The route guard sees the ended session and sends the user to /login?next=<this page>.
      sessionStore.end('expired');
      throw await toApiError(response, method, path);
    }
    response = await send(method, path, body, options, renewed, accept);
  }
  if (!response.ok) throw await toApiError(response, method, path);
  return response;
}

async function request<S extends z.ZodType>(method: Method, path: string, schema: S, body: unknown, options: RequestOptions): Promise<z.output<S>> {
  const response = await sendAuthorized(method, path, body, options);
  return readBody(response, schema, method, path);
}

export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition, when the server names the file. */
  filename: string | null;
  /** The answer's headers (an export says there whether it was cut: X-Export-Truncated). */
  headers: Headers;
}

function attachmentName(disposition: string | null): string | null {
  const match = disposition && /filename="?([^";]+)"?/i.exec(disposition);
  return match ? (match[1] ?? null) : null;
}

async function download(path: string, options: RequestOptions): Promise<DownloadedFile> {
  const response = await sendAuthorized('GET', path, undefined, options, '*/*');
  return { blob: await response.blob(), filename: attachmentName(response.headers.get('Content-Disposition')), headers: response.headers };
}

/** Typed access to the Policydesk API; every answer is checked against its contract schema. */
export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}) => request('GET', path, schema, undefined, options),
  post: <S extends z.ZodType>(path: string, body: unknown, schema: S, options: RequestOptions = {}) => request('POST', path, schema, body, options),
  put: <S extends z.ZodType>(path: string, body: unknown, schema: S, options: RequestOptions = {}) => request('PUT', path, schema, body, options),
  patch: <S extends z.ZodType>(path: string, body: unknown, schema: S, options: RequestOptions = {}) => request('PATCH', path, schema, body, options),
  delete: <S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}) => request('DELETE', path, schema, undefined, options),
  /** multipart/form-data (a file and its fields); the answer is checked like any other. */
  upload: <S extends z.ZodType>(path: string, form: FormData, schema: S, options: RequestOptions = {}) => request('POST', path, schema, form, options),
  /** A file (e.g. a CSV export) with the same authentication as every other call. */
  download: (path: string, options: RequestOptions = {}) => download(path, options),
  /** A server-sent-event stream, authenticated like every other call (EventSource cannot send the token): the open response, read its body. */
  stream: (path: string, options: RequestOptions = {}) => sendAuthorized('GET', path, undefined, options, 'text/event-stream'),
};
