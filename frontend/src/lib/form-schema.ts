// Forms check what they would send with the API's own zod schema (from @contracts), and say every
// problem at once, next to its field, before any round trip.
import { z } from 'zod';

/** The messages of a failed parse by dotted path (`address.postalCode`, `items.0.maxAmount`): the first one per field. */
export function issuesByPath(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    // A value left out: the API says "Required" too (platform/validation.ts configureZodMessages).
    const message = issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'Required' : issue.message;
    errors[path] ??= message;
  }
  return errors;
}

/** Every field error of `value` under `schema`; empty when it would be accepted. */
export function schemaFieldErrors(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  return result.success ? {} : issuesByPath(result.error.issues);
}

/** The object schema inside refinements and pipes (`z.preprocess(…, Body)`), or undefined. */
function objectOf(schema: z.ZodType): z.ZodObject | undefined {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodPipe) return objectOf(schema.out as z.ZodType);
  return undefined;
}

/**
 * The dotted paths of the fields a person must fill in, as the schema says: those it refuses when
 * left out (nested objects are walked: `address.line1`). Forms mark these with an asterisk.
 */
export function requiredFields(schema: z.ZodType, prefix = ''): Set<string> {
  const required = new Set<string>();
  const object = objectOf(schema);
  if (!object) return required;
  for (const [key, field] of Object.entries(object.shape as Record<string, z.ZodType>)) {
    if (field.safeParse(undefined).success) continue;
    const path = `${prefix}${key}`;
    const nested = objectOf(field);
    if (nested) for (const inner of requiredFields(nested, `${path}.`)) required.add(inner);
    else required.add(path);
  }
  return required;
}
