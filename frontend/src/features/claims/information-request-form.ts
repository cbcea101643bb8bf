// A request for information as typed, and what it sends: the API's own schema and its due-date rule
// (today at the earliest, at most 90 days ahead on the business date), every field at once.
import { CLAIM_DOCUMENTS, CreateInformationRequestBody, informationDueProblem } from '@contracts/claims';
import type { ClaimDocumentCode, InformationRequest } from '@contracts/claims';
import { schemaFieldErrors } from '@/lib/form-schema';

export interface InformationRequestValues {
  items: string;
  /** '' when the request is about no particular document. */
  documentCode: ClaimDocumentCode | '';
  dueOn: string;
}

export const INFORMATION_REQUEST_FIELDS = ['items', 'documentCode', 'dueOn'] as const;

/** Two weeks from the business date: a sensible default for the claimant to answer by. */
export function defaultDueOn(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 14)).toISOString().slice(0, 10);
}

export type InformationRequestResult = { ok: true; body: CreateInformationRequestBody } | { ok: false; errors: Record<string, string> };

/** The request to send, or the errors to show by field. */
export function buildInformationRequestBody(values: InformationRequestValues, today: string): InformationRequestResult {
  const candidate = { items: values.items, documentCode: values.documentCode || undefined, dueOn: values.dueOn };
  const errors = schemaFieldErrors(CreateInformationRequestBody, candidate);
  const due = errors.dueOn ? undefined : informationDueProblem(values.dueOn, today);
  if (due) errors.dueOn = due;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: CreateInformationRequestBody.parse(candidate) };
}

/** How the request reached the claimant, in words (or that it did not: phone them). */
export function deliveryLabel(delivery: InformationRequest['delivery']): string {
  if (!delivery.channel) return 'Not sent: no address on file — phone the claimant';
  const how = delivery.channel === 'email' ? 'Emailed' : 'Texted';
  return `${how} to the ${delivery.to === 'reporter' ? 'reporter' : 'policyholder'} (${delivery.recipient})`;
}

export const documentLabel = (code: string | null): string | null => (code ? (CLAIM_DOCUMENTS[code as ClaimDocumentCode] ?? code) : null);

export const INFORMATION_REQUEST_STATUS_LABELS: Record<InformationRequest['status'], string> = { open: 'Open', received: 'Received', cancelled: 'Cancelled' };
export const INFORMATION_REQUEST_STATUS_COLORS: Record<InformationRequest['status'], string> = { open: 'blue', received: 'green', cancelled: 'gray' };
