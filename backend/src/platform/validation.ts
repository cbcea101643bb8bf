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

/** Plainer default messages than zod's, applied once at start-up (the console does the same). */
export function configureZodMessages(zod: typeof z) {
  zod.config({
    customError: (issue) => {
      if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required';
      return undefined;
    },
  });
}
