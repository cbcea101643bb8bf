// Why the server refused a submission (or another step), in words the agent can act on, with
// what the page needs to point at the fields and documents concerned.
import type { FieldError } from '@contracts/common';
import { OrderStatus } from '@contracts/orders';
import { ApiError, describeError } from '@/lib/api-error';
import { formatDate } from '@/lib/format-date';
import { ORDER_STATUS_LABELS } from './order-labels';

export interface StepProblem {
  title: string;
  detail: string;
  /** One line per problem: each field error, each missing document, each eligibility reason. */
  items: string[];
  /** ORDER_INCOMPLETE: to show next to the form's fields. */
  fieldErrors: FieldError[] | null;
  /** DOCUMENTS_MISSING: the checklist items to mark. */
  missingDocuments: string[];
  /** QUOTE_EXPIRED: the way forward is a new quote. */
  quoteExpired: boolean;
  requestId: string | undefined;
}

const listOf = <T>(value: unknown, pick: (item: Record<string, unknown>) => T | undefined): T[] =>
  Array.isArray(value) ? value.flatMap((item) => (item && typeof item === 'object' ? [pick(item as Record<string, unknown>)].filter((x): x is T => x !== undefined) : [])) : [];

export function stepProblem(error: unknown): StepProblem {
  const base: StepProblem = { ...describeError(error), items: [], fieldErrors: null, missingDocuments: [], quoteExpired: false };
  if (!(error instanceof ApiError)) return base;
  const ext = error.extensions;
  switch (error.code) {
    case 'ORDER_INCOMPLETE':
      return {
        ...base,
        title: 'The application is not complete yet',
        detail: 'Fill in what is marked below, save, then submit again.',
        items: error.errors.map((e) => e.message),
        fieldErrors: error.errors,
      };
    case 'DOCUMENTS_MISSING': {
      const missing = listOf(ext.missing, (m) => (typeof m.code === 'string' ? { code: m.code, name: String(m.name ?? m.code), rejected: m.status === 'rejected' } : undefined));
      return {
        ...base,
        title: 'Documents are missing',
        detail: 'Upload these in the Documents section, then submit again.',
        items: missing.map((m) => (m.rejected ? `${m.name} (the last one was rejected: upload a new one)` : m.name)),
        missingDocuments: missing.map((m) => m.code),
      };
    }
    case 'QUOTE_EXPIRED':
      return {
        ...base,
        title: 'The quote has expired',
        detail: `The quote was valid until ${typeof ext.validUntil === 'string' ? formatDate(ext.validUntil) : 'an earlier date'}. Quote again for today's price and start a new application from the new quote.`,
        quoteExpired: true,
      };
    case 'NOT_ELIGIBLE':
      return {
        ...base,
        title: 'The customer is no longer eligible',
        detail: 'Under the quoted product version, as of today:',
        items: listOf(ext.reasons, (r) => (typeof r.message === 'string' ? r.message : undefined)),
      };
    case 'ILLEGAL_TRANSITION':
    case 'ORDER_NOT_EDITABLE': {
      const status = OrderStatus.safeParse(ext.currentStatus);
      return {
        ...base,
        title: 'The application has moved on',
        detail: `It is now ${status.success ? ORDER_STATUS_LABELS[status.data].toLowerCase() : 'in another status'}; the page has been reloaded to show where it stands.`,
      };
    }
    case 'VERSION_MISMATCH':
      return { ...base, title: 'Changed by someone else', detail: 'The application was changed after you opened it and has been reloaded. Check it, then try again.' };
    default:
      return base;
  }
}
