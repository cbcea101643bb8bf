// The billing module's own problem codes (BillingErrorCode, declared in its contract).
import type { FieldError } from '../../contracts/common';
import type { BillingErrorCode } from '../../contracts/billing';
import { ConflictError, ValidationError, type ProblemExtras } from '../../platform/errors';

/** 409 with one of the billing module's codes. */
export const billingConflict = (code: BillingErrorCode, detail: string, extras?: ProblemExtras) => new ConflictError(code, detail, extras);

/** 400: an entry the ledger refuses before the database would (fewer than two postings, unbalanced, unknown owner…). */
export const invalidEntry = (errors: FieldError[]) =>
  new ValidationError(errors, 'The ledger entry is not valid: it needs at least two postings that balance in each currency.', 'LEDGER_ENTRY_INVALID' satisfies BillingErrorCode);

export const externalIdConflict = (externalId: string, entryId: string) =>
  billingConflict('LEDGER_EXTERNAL_ID_CONFLICT', `An entry with external id ${externalId} was already posted with different content.`, { entryId });

export const alreadyReversed = (entryId: string, reversalId: string) =>
  billingConflict('LEDGER_ENTRY_ALREADY_REVERSED', 'This entry has already been reversed; an entry is reversed once.', { entryId, reversedByEntryId: reversalId });
