// Likely duplicates: same national id, email or phone, or the same date of birth with a similar
// name (trigram similarity of "first last" ≥ NAME_SIMILARITY_THRESHOLD).
import type { DuplicateCandidate } from '../../contracts/customers';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { inScope } from '../../platform/scope';

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
  // Each condition appears twice — to find rows and to name the reasons — always with bindings.
  const conditions: string[] = [];
  const bindings: unknown[] = [];
  const reasonSql: string[] = [];
  const reasonBindings: unknown[] = [];
  const add = (condition: string, values: unknown[], reason: string) => {
    conditions.push(condition);
    bindings.push(...values);
    reasonSql.push(`CASE WHEN ${condition} THEN '${reason}' END`);
    reasonBindings.push(...values);
  };
  if (probe.nationalIdIndex) add('c.national_id_index = ?', [probe.nationalIdIndex], 'national_id');
  if (probe.email) add('c.email = ?', [probe.email], 'email');
  if (probe.phone) add('c.phone = ?', [probe.phone], 'phone');
  if (probe.dateOfBirth && probe.searchName) add('(c.date_of_birth = ? AND similarity(c.search_name, ?) >= ?)', [probe.dateOfBirth, probe.searchName, NAME_SIMILARITY_THRESHOLD], 'name_and_birth_date');
  if (!conditions.length) return [];

  const rows: { id: string; customer_number: string; first_name: string; last_name: string; date_of_birth: string; branch_id: string; reasons: (string | null)[] }[] = await db('customers as c')
    .select('c.id', 'c.customer_number', 'c.first_name', 'c.last_name', 'c.date_of_birth', 'c.branch_id', db.raw(`ARRAY[${reasonSql.join(', ')}] AS reasons`, reasonBindings as never[]))
    .whereNot('c.status', 'merged')
    .modify((q) => {
      if (probe.excludeId) q.whereNot('c.id', probe.excludeId);
    })
    .whereRaw(`(${conditions.join(' OR ')})`, bindings as never[])
    .orderBy('c.customer_number')
    .limit(MAX_CANDIDATES);

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
