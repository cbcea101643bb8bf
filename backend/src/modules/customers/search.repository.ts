// The customer search as SQL (see CONTEXT.md, Search): what `q` means is decided by
// `search-query.ts`; scope, filters, the name-word expansion and keyset order are built here.
import type { Knex } from 'knex';
import type { CustomerSearchCriteria, CustomerSort } from '../../contracts/customers';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { COUNT_CAP, cappedCount, decodeCursor, keysetPage, sortKeys, type SortColumns, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';
import { summaryColumns, type CustomerRow } from './customers.repository';
import { classifySearch } from './search-query';

/** The criteria with the national id already turned into its blind index. */
export type SearchCriteria = Omit<CustomerSearchCriteria, 'nationalId'> & { nationalIdIndex?: string };

const NAME_ORDER: SortKey[] = [
  { column: 's.sort_last', field: 'sort_last', dir: 'asc' },
  { column: 's.sort_first', field: 'sort_first', dir: 'asc' },
  { column: 's.id', field: 'id', dir: 'asc' },
];
const RANKED_ORDER: SortKey[] = [{ column: 's.rank', field: 'rank', dir: 'desc' }, ...NAME_ORDER];

/** The orders a `sort` asks for (then the id); a name search with a sort is ordered by it, not by relevance. */
const SORT_COLUMNS: Record<string, SortColumns> = {
  name: [
    ['s.sort_last', 'sort_last'],
    ['s.sort_first', 'sort_first'],
  ],
  customerNumber: [['s.customer_number', 'customer_number']],
  createdAt: [['s.created_at', 'created_at']],
};
const sortedOrder = (sort: CustomerSort): SortKey[] => sortKeys(sort, SORT_COLUMNS, ['s.id', 'id']);

/** The search as a query builder and its order (the benchmark times the same SQL raw). */
export function searchQuery(db: DbOrTrx, actor: Actor, criteria: SearchCriteria): { query: Knex.QueryBuilder; order: SortKey[] } {
  const { q, limit, cursor, nationalIdIndex, sort, ...filters } = criteria;
  const hasFilter = Object.values(filters).some((v) => v !== undefined) || !!nationalIdIndex;
  // Scope and filters on a query whose customers alias is `c`.
  const filtered = <QB extends Knex.QueryBuilder>(query: QB): QB => {
    scoped(query, actor, 'c.branch_id');
    // Merged records are history: listed only when asked for by status.
    if (filters.status) query.where('c.status', filters.status);
    else query.whereNot('c.status', 'merged');
    if (filters.kycStatus) query.where('c.kyc_status', filters.kycStatus);
    if (filters.branchId) query.where('c.branch_id', filters.branchId);
    if (filters.assignedAgentId) query.where('c.assigned_agent_id', filters.assignedAgentId);
    if (filters.dateOfBirth) query.where('c.date_of_birth', filters.dateOfBirth);
    if (filters.postalCode) query.where('c.postal_code', filters.postalCode);
    if (nationalIdIndex) query.where('c.national_id_index', nationalIdIndex);
    return query;
  };
  const ordered = (inner: Knex.QueryBuilder, order: SortKey[]) => ({ query: db.from(inner.as('s')).select('s.*'), order });

  const term = q && q.length >= 2 ? classifySearch(q) : undefined;
  const words =
    term?.kind === 'name'
      ? term.text
          .split(/[\s-]+/)
          .filter((w) => w.length >= 2)
          .slice(0, MAX_NAME_WORDS)
      : [];
  const expansion = (w: string) => db.raw(TERM_EXPANSION, [w, `${escapeLike(w)}%`, w, w]);

  if (words.length === 1 && filters.status !== 'merged' && !sort) {
    // One word: for each dictionary word it may mean, read that word's customers in result order
    // straight from customer_name_index, one page's worth (after the cursor), then rank the few.
    const pageSize = (limit ?? 25) + 1;
    const lateral = db('customer_name_index as i')
      .select('i.customer_id', 'i.sort_last', 'i.sort_first')
      .whereRaw('i.term = w0.term')
      .orderBy(['i.sort_last', 'i.sort_first', 'i.customer_id'])
      .limit(pageSize);
    if (hasFilter) filtered(lateral.join('customers as c', 'c.id', 'i.customer_id'));
    else scoped(lateral, actor, 'i.branch_id');
    if (cursor) {
      const [rank, last, first, id] = decodeCursor(RANKED_ORDER, cursor);
      lateral.whereRaw('(w0.sim < ? OR (w0.sim = ? AND (i.sort_last, i.sort_first, i.customer_id) > (?, ?, ?)))', [rank, rank, last, first, id] as Knex.Value[]);
    }
    // The page is chosen from index rows alone; only its customers are then read.
    const hits = db
      .from('w0')
      .joinRaw('CROSS JOIN LATERAL (?) x', [lateral as unknown as Knex.Raw])
      .select('x.customer_id', 'x.sort_last', 'x.sort_first', 'w0.sim')
      .orderByRaw('w0.sim DESC, x.sort_last, x.sort_first, x.customer_id')
      .limit(pageSize);
    const inner = db
      .with('w0', expansion(words[0]!))
      .with('hits', hits)
      .from('hits')
      .join('customers as c', 'c.id', 'hits.customer_id')
      .select([...summaryColumns(db), db.raw('hits.sim AS rank')]);
    return ordered(inner, RANKED_ORDER);
  }

  const inner = filtered(db('customers as c').select(summaryColumns(db)));
  if (term?.kind === 'number') inner.where('c.customer_number', term.customerNumber);
  else if (term?.kind === 'email') inner.whereRaw('lower(c.email::text) LIKE ?', [`${escapeLike(term.prefix)}%`]);
  else if (term?.kind === 'phone') inner.whereRaw('c.phone_digits LIKE ?', [`%${term.digits}%`]);
  else if (words.length) {
    // Several words (or merged records, which the one-word index leaves out): each word expands
    // once (a CTE); a customer matches when every typed word is among their name words, and the
    // rank adds up how well each word matched.
    words.forEach((w, i) => inner.with(`w${i}`, expansion(w)));
    words.forEach((_, i) => inner.whereRaw(`c.name_words && (SELECT array_agg(term) FROM w${i})`));
    const rank = words.map((_, i) => `(SELECT coalesce(max(sim), 0) FROM w${i} WHERE term = ANY(c.name_words))`).join(' + ');
    inner.select(db.raw(`(${rank})::float8 AS rank`));
    return ordered(inner, sort ? sortedOrder(sort) : RANKED_ORDER);
  }
  return ordered(inner, sort ? sortedOrder(sort) : NAME_ORDER);
}

/** One page of search results, and how many there are (capped: see cappedCount). */
export async function searchPage(db: DbOrTrx, actor: Actor, criteria: SearchCriteria) {
  const { query, order } = searchQuery(db, actor, criteria);
  // Counted from the first page's query (the one-word search reads at most a page after its cursor).
  const counted = searchQuery(db, actor, { ...criteria, cursor: undefined, limit: COUNT_CAP }).query;
  const [page, total] = await Promise.all([
    keysetPage<CustomerRow & Record<string, unknown>>(query, order, { limit: criteria.limit, cursor: criteria.cursor }),
    cappedCount(db, counted),
  ]);
  return { ...page, total };
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

const MAX_NAME_WORDS = 3;
/** Dictionary words a typed word may mean, best first: exact 1, prefix 0.9, else trigram similarity. */
const TERM_EXPANSION = `SELECT term, max(sim) AS sim FROM (
    SELECT t.term, (CASE WHEN t.term = ? THEN 1.0 ELSE 0.9 END)::float8 AS sim FROM customer_name_terms t WHERE t.term LIKE ?
    UNION ALL
    SELECT t.term, similarity(t.term, ?)::float8 FROM customer_name_terms t WHERE t.term % ?
  ) e GROUP BY term ORDER BY sim DESC, term LIMIT 30`;
