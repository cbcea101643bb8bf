// Likely duplicates: same national id, email or phone, or the same date of birth with a similar
// name (trigram similarity of "first last" ≥ NAME_SIMILARITY_THRESHOLD).
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

const maskWord = (w: string) => (w ? `${w[0]}${'*'.repeat(Math.max(2, w.length - 1))}` : '');

export async function findDuplicates(db: DbOrTrx, actor: Actor, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
  const rows = await repo.duplicateRows(db, probe, NAME_SIMILARITY_THRESHOLD, MAX_CANDIDATES);
  return rows.map((r) => {
    const visible = inScope(actor, r.branch_id);
    return {
      id: visible ? r.id : null,
      customerNumber: r.customer_number,
      name: visible ? `${r.first_name} ${r.last_name}` : `${maskWord(r.first_name)} ${maskWord(r.last_name)}`,
      dateOfBirth: visible ? r.date_of_birth : null,
      inYourBranches: visible,
      reasons: r.reasons.filter((x): x is DuplicateCandidate['reasons'][number] => x !== null),
    };
  });
}
