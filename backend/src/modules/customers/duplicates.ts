// Likely duplicates: same national id, email or phone, or the same date of birth with a similar
// name (trigram similarity of "first last" ≥ NAME_SIMILARITY_THRESHOLD). Only candidates in the
// caller's branches are described; of the others the caller learns only that one exists.
import type { DuplicateCandidate } from '../../contracts/customers';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { inScope } from '../../platform/scope';
import * as repo from './customers.repository';

export const NAME_SIMILARITY_THRESHOLD = 0.6;
const MAX_CANDIDATES = 10;

export interface DuplicateProbe {
  nationalIdIndex?: string | null;
  email?: string | null;
  phone?: string | null;
  dateOfBirth?: string | null;
  searchName?: string | null;
  /** The record itself, when checking an existing customer. */
  excludeId?: string;
}

/** A likely duplicate the caller may not see: only its existence is told; the audit trail keeps which it was. */
export interface DuplicateElsewhere {
  id: string;
  customerNumber: string;
  branchId: string;
  reasons: DuplicateCandidate['reasons'];
}

export interface DuplicateFindings {
  /** Candidates in the caller's branches, in full. */
  candidates: DuplicateCandidate[];
  /** Candidates in branches the caller does not work in: never shown, only said to exist. */
  elsewhere: DuplicateElsewhere[];
}

export const anyDuplicate = (f: DuplicateFindings) => f.candidates.length > 0 || f.elsewhere.length > 0;

/**
 * Likely duplicates of the probe, split by what the caller may see: details only for candidates in
 * their branches; for the others only that one exists (a manager of that branch can review it).
 */
export async function findDuplicates(db: DbOrTrx, actor: Actor, probe: DuplicateProbe): Promise<DuplicateFindings> {
  const rows = await repo.duplicateRows(db, probe, NAME_SIMILARITY_THRESHOLD, MAX_CANDIDATES);
  const findings: DuplicateFindings = { candidates: [], elsewhere: [] };
  for (const r of rows) {
    const reasons = r.reasons.filter((x): x is DuplicateCandidate['reasons'][number] => x !== null);
    if (inScope(actor, r.branch_id)) {
      findings.candidates.push({ id: r.id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}`, dateOfBirth: r.date_of_birth, reasons });
    } else {
      findings.elsewhere.push({ id: r.id, customerNumber: r.customer_number, branchId: r.branch_id, reasons });
    }
  }
  return findings;
}
