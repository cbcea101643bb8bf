import { QuoteDraft } from './quote-draft';
import { readStored, writeStored } from './session-storage';

// The option set being built survives a visit to the comparison or another tab of the customer.
const storageKey = (customerId: string) => `policydesk.quote-draft.${customerId}`;

export function readQuoteDraft(customerId: string): QuoteDraft | undefined {
  return readStored(storageKey(customerId), QuoteDraft);
}

export function writeQuoteDraft(customerId: string, draft: QuoteDraft | undefined): void {
  writeStored(storageKey(customerId), draft);
}
