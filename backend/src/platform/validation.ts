// zod issues → the problem document's `errors: [{ path, message }]`.
import type { z } from 'zod';
import type { FieldError } from '../contracts/common';

const joinPath = (path: PropertyKey[]) => path.map(String).join('.');

/** `location` is 'body', 'query' or 'path'; body paths are bare (`address.country`) so forms map them to fields. */
export function zodIssuesToFieldErrors(issues: z.core.$ZodIssue[], location: string): FieldError[] {
  const prefix = location === 'body' ? [] : [location];
  return issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: joinPath([...prefix, ...issue.path, key]), message: 'Unknown field' }));
    }
    const path = joinPath([...prefix, ...issue.path]);
    return [{ path: path || location, message: issue.message }];
  });
}

/**
 * Every string (and object key) holding a NUL character, as field errors. PostgreSQL cannot store
 * NUL in text or jsonb, so such input is refused before any schema or query sees it.
 */
export function nulCharacterErrors(value: unknown, location: string): FieldError[] {
  const errors: FieldError[] = [];
  const prefix = location === 'body' ? [] : [location];
  const walk = (v: unknown, path: PropertyKey[], depth: number) => {
    if (typeof v === 'string') {
      if (v.includes('\u0000')) errors.push({ path: joinPath(path) || location, message: 'Must not contain a NUL character' });
    } else if (v && typeof v === 'object' && depth < 64) {
      for (const [key, inner] of Object.entries(v)) {
        if (key.includes('\u0000')) errors.push({ path: joinPath(path) || location, message: 'Field names must not contain a NUL character' });
        else walk(inner, [...path, key], depth + 1);
      }
    }
  };
  walk(value, prefix, 0);
  return errors;
}

/** Plainer default messages than zod's, applied once at start-up (the console does the same). */
export function configureZodMessages(zod: typeof z) {
  zod.config({
    customError: (issue) => {
      if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required';
      return undefined;
    },
  });
}
