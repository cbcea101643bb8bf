// The portal's own API client: the customer's access token lives in memory only (its refresh token is
// an httpOnly cookie scoped to /api/portal/auth), a 401 renews it once through that cookie, and every
// answer is checked against its contract schema. Staff's client and session are never used here:
// the two realms never share a token.
import { Problem } from '@contracts/common';
import { PortalTokenResponse } from '@contracts/portal';
import { z } from 'zod';
import { ApiError, INVALID_RESPONSE, NETWORK_ERROR } from '@/lib/api-error';
import { parseRetryAfter } from '@/lib/retry-after';

type Method = 'GET' | 'POST';
type Listener = () => void;

let accessToken: string | null = null;
let customer: PortalTokenResponse['customer'] | null = null;
const listeners = new Set<Listener>();
const emit = () => listeners.forEach((l) => l());

/** The signed-in customer (null when signed out), as an external store for useSyncExternalStore. */
export const portalSession = {
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot: () => customer,
  start(tokens: PortalTokenResponse) {
    accessToken = tokens.accessToken;
    customer = tokens.customer;
    emit();
  },
  end() {
    accessToken = null;
    customer = null;
    emit();
  },
};

const NO_RENEWAL = new Set([
  '/portal/auth/login',
  '/portal/auth/refresh',
  '/portal/auth/logout',
  '/portal/registration',
  '/portal/registration/verify',
  '/portal/registration/complete',
]);

async function send(method: Method, path: string, body: unknown, accept = 'application/json'): Promise<Response> {
  const headers = new Headers({ Accept: accept });
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
  try {
    return await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR, title: 'Cannot reach us', detail: 'Check your connection and try again.' });
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  const problem = Problem.safeParse(await response.json().catch(() => undefined));
  if (problem.success) {
    const { code, title, detail, errors, requestId } = problem.data;
    return new ApiError({ status: response.status, code, title, detail, errors, requestId, retryAfterSeconds });
  }
  return new ApiError({ status: response.status, code: `HTTP_${response.status}`, title: 'Request failed', detail: `The server answered ${response.status}.`, retryAfterSeconds });
}

let refreshing: Promise<boolean> | null = null;

/** Renews the session from the refresh cookie; false when there is none (the customer signs in again). */
export function restorePortalSession(): Promise<boolean> {
  refreshing ??= send('POST', '/portal/auth/refresh', undefined)
    .then(async (response) => {
      if (!response.ok) return false;
      const parsed = PortalTokenResponse.safeParse(await response.json());
      if (!parsed.success) return false;
      portalSession.start(parsed.data);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function authorized(method: Method, path: string, body: unknown, accept?: string): Promise<Response> {
  let response = await send(method, path, body, accept);
  if (response.status === 401 && !NO_RENEWAL.has(path)) {
    if (await restorePortalSession()) response = await send(method, path, body, accept);
    else portalSession.end();
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

async function call<S extends z.ZodType>(method: Method, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
  const response = await authorized(method, path, body);
  const text = await response.text();
  const parsed = schema.safeParse(text === '' ? undefined : JSON.parse(text));
  if (!parsed.success) throw new ApiError({ status: response.status, code: INVALID_RESPONSE, title: 'Unexpected answer', detail: z.prettifyError(parsed.error) });
  return parsed.data;
}

export const portalApi = {
  get: <S extends z.ZodType>(path: string, schema: S) => call('GET', path, schema),
  post: <S extends z.ZodType>(path: string, body: unknown, schema: S) => call('POST', path, schema, body),
  /** A file (the schedule PDF) with the customer's token. */
  download: async (path: string) => {
    const response = await authorized('GET', path, undefined, '*/*');
    const match = /filename="?([^";]+)"?/i.exec(response.headers.get('Content-Disposition') ?? '');
    return { blob: await response.blob(), filename: match?.[1] ?? 'document.pdf' };
  },
  logout: async () => {
    await send('POST', '/portal/auth/logout', undefined).catch(() => undefined);
    portalSession.end();
  },
};
