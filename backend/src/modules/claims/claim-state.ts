// What every claims use case checks before it writes: the status sets that allow a change, the
// locked and version-checked claim, and the fraud referral's hold on approval and payment.
import { OPEN_CLAIM_STATUSES, type ClaimStatus, type ClaimsErrorCode } from '../../contracts/claims';
import type { Db, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, PreconditionFailedError } from '../../platform/errors';
import type { IdempotencyStore } from '../../platform/idempotency';
import { visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { BillingHooks } from '../billing/billing-policies';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { DocumentsService } from '../documents/documents.service';
import type { AgentDirectory } from '../identity/agent-directory';
import type { SystemUsers } from '../identity/system-users';
import type { NotificationService } from '../notifications/notifications.service';
import type { ApprovalLimitsService } from '../identity/approval-limits.service';
import type { PolicyEndings } from '../policies/policy-endings';
import type { PolicyFacts } from '../policies/policy-facts';
import type { QuoteBook } from '../products/quote-book';
import * as repo from './claims.repository';

export const claimConflict = (code: ClaimsErrorCode, detail: string, extras?: Record<string, unknown>) => new ConflictError(code, detail, extras);

/** While a claim is in one of these, its reserves may change. */
export const RESERVABLE: readonly ClaimStatus[] = ['submitted', 'under_investigation', 'assessed', 'approved', 'partially_approved', 'reopened'];
export const OPEN: readonly ClaimStatus[] = OPEN_CLAIM_STATUSES;
/** A decided claim is paid from these; the payment that settles it moves it to `paid`. */
export const PAYABLE: readonly ClaimStatus[] = ['approved', 'partially_approved'];

/** Locks the claim, checks branch scope and the If-Match version. */
export async function lockedClaim(trx: Trx, actor: Actor, id: string, version: number): Promise<repo.ClaimRow> {
  const row = visibleOr404(actor, await repo.lockClaim(trx, id), 'claim');
  if (row.version !== version) throw new PreconditionFailedError(row.version);
  return row;
}

/** A referral open or upheld stops approval and payment (a rejection stays possible). */
export function assertNotReferred(claim: repo.ClaimRow, what: 'approved' | 'paid') {
  if (claim.referral_status === 'open' || claim.referral_status === 'upheld')
    throw claimConflict(
      'CLAIM_REFERRED',
      claim.referral_status === 'open'
        ? `The claim is referred to a manager for its fraud indicators: it cannot be ${what} until the referral is cleared.`
        : `A manager upheld the fraud referral: the claim cannot be ${what}.`,
      { referralStatus: claim.referral_status },
    );
}

/** The people and services the claims use cases work with (bound in the module's setup, and by the demo seed). */
export interface ClaimsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  policyFacts: PolicyFacts;
  policyEndings: PolicyEndings;
  quotes: QuoteBook;
  billing: BillingHooks;
  approvalLimits: ApprovalLimitsService;
  agents: AgentDirectory;
  customerProfiles: CustomerProfiles;
  documents: DocumentsService;
  idempotency: IdempotencyStore;
  notifications: NotificationService;
  /** The claims automation user that pays fast-track claims. */
  systemUsers: SystemUsers;
}
