// Shared shapes used by every module's contract. Imports only zod: the console imports these files too.
import { z } from 'zod';

// Defined here (not in customers) so that orders, which customers' 360° view imports, need not import customers.
export const Gender = z.enum(['female', 'male', 'non_binary', 'unspecified']).meta({ id: 'Gender' });

/** RFC 9457 problem details as Policydesk sends them. `code` is stable; match on it, never on text. */
export const FieldError = z
  .object({
    path: z.string().meta({ description: 'Dotted path of the offending field, e.g. `address.country`' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: 'Stable machine-readable error code (SCREAMING_SNAKE)' }),
    detail: z.string(),
    requestId: z.string(),
    instance: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const Uuid = z.uuid();

/**
 * Dates and instants PostgreSQL can hold and a person could mean: years 0001 to 9999 (year 0000
 * does not exist; an offset must not push an instant past either end). Use these, not z.iso.*, in
 * request schemas, so such input is a 400 naming the field rather than a database error.
 */
const yearInRange = (year: number) => year >= 1 && year <= 9999;
/** zod's own ISO pattern without year 0000, for the OpenAPI document (zod-to-openapi leaves zod's pattern out). */
const isoPatternOf = (schema: z.ZodType) => `^(?!0000-)${(z.toJSONSchema(schema) as { pattern: string }).pattern.slice(1)}`;
const ISO_DATE_PATTERN = isoPatternOf(z.iso.date());
const ISO_DATETIME_PATTERN = { utc: isoPatternOf(z.iso.datetime()), offset: isoPatternOf(z.iso.datetime({ offset: true })) };
/** A calendar date, YYYY-MM-DD. Left empty it is "Required" (a form's empty date field), otherwise `message`. */
export const IsoDate = (message = 'Use the format YYYY-MM-DD') =>
  z.iso
    .date({ error: (issue) => (issue.input === '' ? 'Required' : message) })
    .refine((v) => !/^\d{4}-/.test(v) || yearInRange(Number(v.slice(0, 4))), 'Use a year from 0001 to 9999')
    .meta({ pattern: ISO_DATE_PATTERN });
export const IsoDateTime = (options: { offset?: boolean; message?: string } = {}) =>
  z.iso
    .datetime(options)
    .refine((v) => {
      const instant = Date.parse(v);
      return Number.isNaN(instant) || (yearInRange(Number(v.slice(0, 4))) && yearInRange(new Date(instant).getUTCFullYear()));
    }, 'Use a year from 0001 to 9999')
    .meta({ pattern: options.offset ? ISO_DATETIME_PATTERN.offset : ISO_DATETIME_PATTERN.utc });

/** Whole years between `dateOfBirth` and `today` (both YYYY-MM-DD): a 29 February birthday counts from 1 March in other years. */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * What is wrong with a (well-formed) date of birth on the business date `today`: in the future, or
 * an age over `maxAgeYears`. The API checks it with its clock; the console with the business date
 * from /api/system/info, so a form says it before any round trip. Undefined when it is fine.
 */
export function dateOfBirthProblem(dateOfBirth: string, today: string, maxAgeYears?: number): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return undefined;
  if (dateOfBirth > today) return 'A date of birth cannot be in the future';
  if (maxAgeYears !== undefined && ageOn(dateOfBirth, today) > maxAgeYears) return `The age would be over ${maxAgeYears}`;
  return undefined;
}

// References a record carries to the records it names (inlined in the OpenAPI document, as before).
export const PersonRef = z.object({ id: z.uuid(), name: z.string() });
export const CustomerRef = z.object({ id: z.uuid(), customerNumber: z.string(), name: z.string() });
export const ProductVersionRef = z.object({ id: z.uuid(), name: z.string(), category: z.string(), versionId: z.uuid(), versionNumber: z.number().int() });

/** A status change in a record's history. */
export function historyEntryOf<S extends z.ZodType>(status: S) {
  // changedBy null: a scheduled job made the change (a lapse, say), not a person.
  // A union with null (anyOf in the document): `.nullable()` of a named schema becomes an allOf no null satisfies.
  return z.object({
    fromStatus: z.union([status, z.null()]),
    toStatus: status,
    reason: z.string().nullable(),
    changedBy: z.union([PersonRef, z.null()]),
    changedAt: z.iso.datetime(),
  });
}

/** The fields an application's and a policy's list rows (summaries) share. */
export const CONTRACT_SUMMARY_FIELDS = {
  id: true,
  status: true,
  customer: true,
  product: true,
  sumInsured: true,
  currency: true,
  annualPremium: true,
  paymentFrequency: true,
  branchId: true,
} as const;

/** How a premium is paid (contracts/products PaymentFrequency): `single` is a trip's one single premium. */
export const PAYMENT_FREQUENCIES = ['annual', 'semi_annual', 'quarterly', 'monthly', 'single'] as const;

/** The fields an application's and a policy's line in the customer's 360° view share (plus its number and dates). */
export const SECTION_ITEM_FIELDS = {
  id: z.uuid(),
  productName: z.string(),
  /** With `paymentFrequency`: a trip's (`single`) is its one single premium, not a yearly one. */
  annualPremium: z.number().int(),
  paymentFrequency: z.enum(PAYMENT_FREQUENCIES),
  currency: z.string(),
};

/** A two-letter ISO 3166-1 country code, upper-cased. */
export const countryCode = (message: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, message);

/** The most rows a list's CSV export holds; past it the answer says so (header X-Export-Truncated: true). */
export const EXPORT_ROW_CAP = 10_000;
export const EXPORT_TRUNCATED_HEADER = 'X-Export-Truncated';

/** Keyset pagination: every list takes `limit` and `cursor` and answers `{ items, nextCursor }`. */
export const PAGE_LIMIT_DEFAULT = 25;
export const PAGE_LIMIT_MAX = 100;

export const PageQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(PAGE_LIMIT_MAX, `limit must be at most ${PAGE_LIMIT_MAX}`)
    .default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().min(1).max(512).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
  });
}
export type Page<T> = { items: T[]; nextCursor: string | null };

/** How many rows a list has: exact up to 100, else `{ count: 100, more: true }` ("more than 100"). */
export const ListTotal = z
  .object({
    count: z.number().int(),
    /** true: there are more than `count` rows (the count stopped there). */
    more: z.boolean(),
  })
  .meta({ id: 'ListTotal' });
export type ListTotal = z.infer<typeof ListTotal>;

/** A page of a list that also says how many rows the whole list has (see ListTotal). */
export function countedPageOf<T extends z.ZodType>(item: T) {
  return pageOf(item).extend({ total: ListTotal });
}
export type CountedPage<T> = Page<T> & { total: ListTotal };

/**
 * A `sort` query parameter: one of `fields` ascending, or descending with a leading `-`
 * (`createdAt`, `-createdAt`). A list's cursor is only valid under the sort it was made for.
 */
export function sortQuery<const T extends readonly [string, ...string[]]>(fields: T, defaultSort: SortOf<T>) {
  return sortEnum(fields).default(defaultSort as never);
}
/** The same without a default (the list picks its order when none is asked for). */
export function sortEnum<const T extends readonly [string, ...string[]]>(fields: T) {
  const values = fields.flatMap((f) => [f, `-${f}`]) as [SortOf<T>, ...SortOf<T>[]];
  return z.enum(values, { message: `sort must be one of: ${values.join(', ')}` });
}
/** The values a sortQuery of `fields` accepts. */
export type SortOf<T extends readonly string[]> = T[number] | `-${T[number]}`;

/** Codes the platform answers for any route (validation, access, concurrency, limits, failures). */
export const PLATFORM_ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'MALFORMED_JSON',
  'MALFORMED_MULTIPART',
  'INVALID_IF_MATCH',
  'INVALID_CURSOR',
  'INVALID_VALUE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PERMISSION_DENIED',
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'DUPLICATE',
  'REFERENCE_CONFLICT',
  'CONCURRENT_UPDATE',
  /** A journal entry dated in a closed accounting period (the database's own guard). */
  'PERIOD_CLOSED',
  'VERSION_MISMATCH',
  'IF_MATCH_REQUIRED',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_FLIGHT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  /** GET /metrics without a bearer token (401), with another token, or on a server with no METRICS_TOKEN (403). */
  'METRICS_TOKEN_REQUIRED',
  'METRICS_TOKEN_INVALID',
  'METRICS_NOT_CONFIGURED',
] as const;
export type PlatformErrorCode = (typeof PLATFORM_ERROR_CODES)[number];
