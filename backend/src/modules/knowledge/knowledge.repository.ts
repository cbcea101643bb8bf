// SQL of the knowledge base: categories, articles (the live revision's fields and search vector),
// revisions, history, feedback, case links and sends, and the search itself.
import type { Knex } from 'knex';
import type { KnowledgeAudience, RevisionState } from '../../contracts/knowledge';
import type { DbOrTrx } from '../../db';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { HIT_END, HIT_START } from './markdown';

export interface CategoryRow {
  id: string;
  key: string;
  name: string;
  description: string | null;
}

export interface ArticleRow {
  id: string;
  slug: string;
  status: 'draft' | 'published' | 'archived';
  category_id: string;
  audience: KnowledgeAudience;
  title: string;
  body: string;
  body_text: string;
  tags: string[];
  product_ids: string[];
  published_revision: number | null;
  latest_revision: number;
  review_by: string | null;
  published_at: Date | null;
  views: number;
  deflections: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
}

export interface ArticleView extends ArticleRow {
  latest_state: RevisionState;
  category_key: string;
  category_name: string;
  category_description: string | null;
}

export interface RevisionRow {
  article_id: string;
  revision: number;
  state: RevisionState;
  title: string;
  body: string;
  category_id: string;
  audience: KnowledgeAudience;
  tags: string[];
  product_ids: string[];
  review_by: string | null;
  change_note: string | null;
  author_id: string | null;
  author_name: string;
  reviewer_id: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  created_at: Date;
  updated_at: Date;
  reviewer_name?: string | null;
}

export type HistoryEvent = 'created' | 'edited' | 'submitted' | 'returned' | 'published' | 'review_confirmed' | 'archived' | 'restored';

const ARTICLE_COLUMNS = [
  'a.id',
  'a.slug',
  'a.status',
  'a.category_id',
  'a.audience',
  'a.title',
  'a.body',
  'a.body_text',
  'a.tags',
  'a.product_ids',
  'a.published_revision',
  'a.latest_revision',
  'a.review_by',
  'a.published_at',
  'a.views',
  'a.deflections',
  'a.version',
  'a.created_at',
  'a.updated_at',
  'a.created_by',
];

const views = (db: DbOrTrx) =>
  db('knowledge_articles as a')
    .join('knowledge_categories as c', 'c.id', 'a.category_id')
    .join('knowledge_revisions as lr', (j) => j.on('lr.article_id', 'a.id').andOn('lr.revision', 'a.latest_revision'))
    .select(...ARTICLE_COLUMNS, 'lr.state as latest_state', 'c.key as category_key', 'c.name as category_name', 'c.description as category_description');

// --- Categories

export const categories = (db: DbOrTrx): Promise<CategoryRow[]> => db('knowledge_categories').select('id', 'key', 'name', 'description').orderBy('name').orderBy('id');
export const categoryById = (db: DbOrTrx, id: string): Promise<CategoryRow | undefined> => db('knowledge_categories').where({ id }).first('id', 'key', 'name', 'description');
export async function insertCategory(
  db: DbOrTrx,
  row: { key: string; name: string; description: string | null; created_at: Date; created_by: string | null },
): Promise<CategoryRow | undefined> {
  const [made] = await db('knowledge_categories').insert(row).onConflict('key').ignore().returning(['id', 'key', 'name', 'description']);
  return made;
}

// --- Articles

export function findArticle(db: DbOrTrx, id: string): Promise<ArticleView | undefined> {
  return views(db).where('a.id', id).first();
}
export function findArticleBySlug(db: DbOrTrx, slug: string): Promise<ArticleView | undefined> {
  return views(db).where('a.slug', slug).first();
}
export function lockArticle(db: DbOrTrx, id: string): Promise<ArticleRow | undefined> {
  return db('knowledge_articles as a')
    .where('a.id', id)
    .forUpdate()
    .first(...ARTICLE_COLUMNS);
}

export async function insertArticle(db: DbOrTrx, row: Omit<ArticleRow, 'id' | 'views' | 'deflections' | 'version'>): Promise<ArticleRow | undefined> {
  const [made] = await db('knowledge_articles')
    .insert({ ...row, search: db.raw("''::tsvector"), search_text: '' })
    .onConflict('slug')
    .ignore()
    .returning('*');
  return made;
}

export async function updateArticleIfVersion(db: DbOrTrx, id: string, version: number, patch: Partial<ArticleRow>): Promise<ArticleRow | undefined> {
  const [row] = await db('knowledge_articles')
    .where({ id, version })
    .update({ ...patch, version: db.raw('version + 1') })
    .returning('*');
  return row;
}

export interface ListFilter {
  status?: string;
  audience?: KnowledgeAudience;
  categoryId?: string;
  productId?: string;
  staleOn?: string;
  inReview?: boolean;
}

const LIST_KEYS: SortKey[] = [
  { column: 'a.title', field: 'title', dir: 'asc' },
  { column: 'a.id', field: 'id', dir: 'asc' },
];

export function listArticles(db: DbOrTrx, filter: ListFilter, page: { limit: number; cursor?: string }) {
  const q = views(db);
  if (filter.status) q.where('a.status', filter.status);
  if (filter.audience) q.where('a.audience', filter.audience);
  if (filter.categoryId) q.where('a.category_id', filter.categoryId);
  if (filter.productId) q.whereRaw('? = ANY(a.product_ids)', [filter.productId]);
  if (filter.staleOn) q.where('a.status', 'published').where('a.review_by', '<', filter.staleOn);
  if (filter.inReview !== undefined) q.where('lr.state', filter.inReview ? '=' : '<>', 'in_review');
  return keysetPage<ArticleView & Record<string, unknown>>(q, LIST_KEYS, page);
}

// --- Revisions and history

export function revision(db: DbOrTrx, articleId: string, rev: number): Promise<RevisionRow | undefined> {
  return db('knowledge_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.reviewer_id')
    .where({ 'r.article_id': articleId, 'r.revision': rev })
    .first('r.*', 'u.name as reviewer_name');
}
export async function insertRevision(db: DbOrTrx, row: RevisionRow): Promise<void> {
  await db('knowledge_revisions').insert(row);
}
export async function updateRevision(db: DbOrTrx, articleId: string, rev: number, patch: Partial<RevisionRow>): Promise<void> {
  await db('knowledge_revisions').where({ article_id: articleId, revision: rev }).update(patch);
}
export async function insertHistory(
  db: DbOrTrx,
  row: { article_id: string; revision: number; event: HistoryEvent; note: string | null; changed_by: string | null; changed_at: Date },
) {
  await db('knowledge_article_history').insert(row);
}
export function historyOf(db: DbOrTrx, articleId: string) {
  return db('knowledge_article_history as h')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .where('h.article_id', articleId)
    .orderBy('h.id', 'desc')
    .select('h.revision', 'h.event', 'h.note', 'h.changed_by', 'u.name as changed_by_name', 'h.changed_at') as Promise<
    { revision: number; event: HistoryEvent; note: string | null; changed_by: string | null; changed_by_name: string | null; changed_at: Date }[]
  >;
}

// --- Figures, feedback, views, deflections

export async function figures(db: DbOrTrx, articleId: string) {
  const row = await db('knowledge_articles as a')
    .where('a.id', articleId)
    .first(
      'a.views',
      'a.deflections',
      db.raw('(SELECT count(*) FROM knowledge_case_links l WHERE l.article_id = a.id)::int AS case_links'),
      db.raw('(SELECT count(*) FROM knowledge_article_sends s WHERE s.article_id = a.id)::int AS sends'),
      db.raw('(SELECT count(*) FILTER (WHERE f.helpful) FROM knowledge_feedback f WHERE f.article_id = a.id)::int AS helpful'),
      db.raw('(SELECT count(*) FILTER (WHERE NOT f.helpful) FROM knowledge_feedback f WHERE f.article_id = a.id)::int AS not_helpful'),
    );
  return {
    views: Number(row.views),
    deflections: Number(row.deflections),
    caseLinks: row.case_links as number,
    sends: row.sends as number,
    helpful: row.helpful as number,
    notHelpful: row.not_helpful as number,
  };
}

export async function addView(db: DbOrTrx, articleId: string): Promise<boolean> {
  return (await db('knowledge_articles').where({ id: articleId }).whereNot('status', 'archived').increment('views', 1)) > 0;
}

/** A deflection of a published public article; false when there is no such article. */
export async function addDeflection(db: DbOrTrx, articleId: string): Promise<boolean> {
  return (await db('knowledge_articles').where({ id: articleId, status: 'published', audience: 'customers' }).increment('deflections', 1)) > 0;
}

export async function upsertFeedback(
  db: DbOrTrx,
  row: { article_id: string; helpful: boolean; comment: string | null; user_id: string | null; customer_id: string | null; at: Date },
): Promise<void> {
  const by = row.user_id ? 'user_id' : 'customer_id';
  await db.raw(
    `INSERT INTO knowledge_feedback (article_id, helpful, comment, user_id, customer_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (article_id, ${by}) WHERE ${by} IS NOT NULL DO UPDATE SET helpful = EXCLUDED.helpful, comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at`,
    [row.article_id, row.helpful, row.comment, row.user_id, row.customer_id, row.at, row.at],
  );
}

export function feedbackOf(db: DbOrTrx, articleId: string, userId: string): Promise<{ helpful: boolean; comment: string | null } | undefined> {
  return db('knowledge_feedback').where({ article_id: articleId, user_id: userId }).first('helpful', 'comment');
}

// --- Cases

export async function insertCaseLink(db: DbOrTrx, row: { article_id: string; case_id: string; revision: number; linked_by: string; linked_at: Date }): Promise<boolean> {
  const made = await db('knowledge_case_links').insert(row).onConflict(['case_id', 'article_id']).ignore().returning('case_id');
  return made.length > 0;
}
export async function deleteCaseLink(db: DbOrTrx, caseId: string, articleId: string): Promise<boolean> {
  return (await db('knowledge_case_links').where({ case_id: caseId, article_id: articleId }).delete()) > 0;
}
export function linksOfCase(db: DbOrTrx, caseId: string) {
  return db('knowledge_case_links as l')
    .join('knowledge_articles as a', 'a.id', 'l.article_id')
    .join('users as u', 'u.id', 'l.linked_by')
    .where('l.case_id', caseId)
    .orderBy('l.linked_at')
    .select('a.id', 'a.slug', 'a.title', 'a.audience', 'u.id as by_id', 'u.name as by_name', 'l.linked_at as at') as Promise<
    { id: string; slug: string; title: string; audience: KnowledgeAudience; by_id: string; by_name: string; at: Date }[]
  >;
}
export async function insertSend(
  db: DbOrTrx,
  row: { article_id: string; case_id: string; customer_id: string; revision: number; message_id: string; sent_by: string; sent_at: Date },
) {
  await db('knowledge_article_sends').insert(row);
}
export async function sendOfMessage(db: DbOrTrx, messageId: string): Promise<boolean> {
  return !!(await db('knowledge_article_sends').where({ message_id: messageId }).first('id'));
}
export function sendsOfCase(db: DbOrTrx, caseId: string) {
  return db('knowledge_article_sends as s')
    .join('knowledge_articles as a', 'a.id', 's.article_id')
    .join('users as u', 'u.id', 's.sent_by')
    .where('s.case_id', caseId)
    .orderBy('s.sent_at')
    .select('a.id', 'a.slug', 'a.title', 'a.audience', 's.message_id', 'u.id as by_id', 'u.name as by_name', 's.sent_at as at') as Promise<
    { id: string; slug: string; title: string; audience: KnowledgeAudience; message_id: string | null; by_id: string; by_name: string; at: Date }[]
  >;
}

// --- Search

export interface SearchInput {
  /** The text as typed (trimmed, at most KNOWLEDGE_QUERY_MAX characters). */
  text: string;
  /** Its words (letters and digits only), for the any-word query. */
  words: string[];
  audiences: readonly KnowledgeAudience[];
  categoryId?: string;
  productIds?: readonly string[];
  limit: number;
  excludeIds?: readonly string[];
}

export interface SearchRow {
  id: string;
  slug: string;
  title: string;
  audience: KnowledgeAudience;
  tags: string[];
  product_ids: string[];
  review_by: string | null;
  category_id: string;
  category_key: string;
  category_name: string;
  rank: number;
  headline: string;
}

const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Published articles of the given audiences matching the text, in two steps so the common case uses
 * the full-text index alone: (1) any word, stemmed (GIN on the vector), ranked with every word
 * (websearch syntax) counting double — the title is weighted A, tags B and the body C, so a hit in the
 * title outranks hits in the body; (2) only when that leaves the page short, typos: the text or one of
 * its words of 4+ letters close to the words of the title and tags (pg_trgm word similarity), ranked
 * below every full-text hit. Without words, published articles by title. Snippets only for the page.
 */
export async function search(db: DbOrTrx, input: SearchInput): Promise<SearchRow[]> {
  const loose = input.words.join(' | ');
  const browse = input.text === '';
  const exact = browse || loose ? await searchStep(db, input, browse ? 'browse' : 'fulltext', []) : [];
  if (browse || exact.length >= input.limit) return exact;
  const typos = await searchStep(
    db,
    { ...input, limit: input.limit - exact.length },
    'typos',
    exact.map((r) => r.id),
  );
  return [...exact, ...typos];
}

async function searchStep(db: DbOrTrx, input: SearchInput, mode: 'browse' | 'fulltext' | 'typos', without: string[]): Promise<SearchRow[]> {
  const loose = input.words.join(' | ');
  const typoWords = input.words.filter((w) => w.length >= 4);
  const filters: string[] = ['a.status = ?', 'a.audience = ANY(?::text[])'];
  const values: Knex.RawBinding[] = ['published', input.audiences as string[]];
  if (input.categoryId) {
    filters.push('a.category_id = ?');
    values.push(input.categoryId);
  }
  if (input.productIds?.length) {
    // Articles for one of these products, and articles for every product (no product given).
    filters.push("(a.product_ids && ?::uuid[] OR a.product_ids = '{}')");
    values.push(input.productIds as string[]);
  }
  const excluded = [...(input.excludeIds ?? []), ...without];
  if (excluded.length) {
    filters.push('NOT (a.id = ANY(?::uuid[]))');
    values.push(excluded);
  }
  const match =
    mode === 'browse'
      ? 'true'
      : mode === 'fulltext'
        ? 'a.search @@ q.loose'
        : `(q.raw <% a.search_text${typoWords.length ? ' OR EXISTS (SELECT 1 FROM unnest(q.words) w WHERE w <% a.search_text)' : ''})`;
  // Typo hits rank below 0 so they always follow full-text hits.
  const rank =
    mode === 'browse'
      ? '0::real'
      : mode === 'fulltext'
        ? '(ts_rank(a.search, q.strict) * 2 + ts_rank(a.search, q.loose))'
        : `(greatest(word_similarity(q.raw, a.search_text)${typoWords.length ? ', (SELECT max(word_similarity(w, a.search_text)) FROM unnest(q.words) w)' : ''}) - 1)`;
  const { rows } = await db.raw(
    `WITH q AS (SELECT websearch_to_tsquery('english', ?) AS strict, ${loose ? "to_tsquery('english', ?)" : "''::tsquery"} AS loose, ?::text AS raw, ?::text[] AS words)
     SELECT r.id, r.slug, r.title, r.audience, r.tags, r.product_ids, to_char(r.review_by, 'YYYY-MM-DD') AS review_by, r.category_id, r.category_key, r.category_name, r.rank,
       ts_headline('english', left(r.body_text, 20000), CASE WHEN q.loose::text = '' THEN q.strict ELSE q.loose END, ?) AS headline
     FROM (
       SELECT a.id, a.slug, a.title, a.audience, a.tags, a.product_ids, a.review_by, a.body_text, c.id AS category_id, c.key AS category_key, c.name AS category_name,
         ${rank}::float8 AS rank
       FROM knowledge_articles a JOIN knowledge_categories c ON c.id = a.category_id, q
       WHERE ${filters.join(' AND ')} AND ${match}
       ORDER BY rank DESC, a.title, a.id
       LIMIT ?
     ) r, q
     ORDER BY r.rank DESC, r.title, r.id`,
    [input.text, ...(loose ? [loose] : []), input.text.toLowerCase(), typoWords, HEADLINE_OPTIONS, ...values, input.limit],
  );
  return rows as SearchRow[];
}

export type { Knex };
