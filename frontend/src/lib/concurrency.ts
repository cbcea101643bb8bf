import { ApiError } from './api-error';

/** The If-Match value for a record read at `version` (the server's ETag is the quoted version). */
export function etag(version: number): string {
  return `"${version}"`;
}

/** 412: someone saved the record after this screen read it. */
export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'VERSION_MISMATCH';
}
