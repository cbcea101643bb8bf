// Per-request facts (request id, caller, client) carried through async calls with AsyncLocalStorage,
// so logs and the audit trail can name them without passing `req` into services.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  ip?: string;
  userAgent?: string;
  /** Set by authentication once the caller is known. */
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const runWithRequestContext = <T>(ctx: RequestContext, fn: () => T): T => storage.run(ctx, fn);
export const currentRequestContext = (): RequestContext | undefined => storage.getStore();
