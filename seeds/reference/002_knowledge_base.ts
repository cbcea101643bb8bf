// The knowledge base's categories and the role manuals (issue 21). The manuals are Markdown files in
// seeds/manuals (front matter: title, tags), published as staff articles `manual-<file name>` by
// Policydesk itself (no author user). Idempotent: a manual whose Markdown changed since the live
// revision gets a new published revision (the old one is superseded); an unchanged one is left alone.
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { plainText } from '../../backend/src/modules/knowledge/markdown';
import type { SeedContext } from '../../backend/src/platform/seeds';

export const KNOWLEDGE_CATEGORIES = [
  { key: 'manuals', name: 'Role manuals', description: 'How each role uses Policydesk, screen by screen' },
  { key: 'policies', name: 'Policies', description: 'Cover, changes, renewals and cancellations' },
  { key: 'billing', name: 'Billing and payments', description: 'Invoices, payments, refunds and overdue premiums' },
  { key: 'claims', name: 'Claims', description: 'Reporting a loss, documents, decisions and payments' },
  { key: 'service', name: 'Service desk', description: 'Cases, calls, complaints and service levels' },
  { key: 'general', name: 'General', description: null },
];

/** Where the manuals are: beside this file's folder in the sources, or the repository's when running compiled (backend/dist/seeds/reference). */
export function manualsDir(): string {
  const candidates = [path.resolve(__dirname, '../manuals'), path.resolve(__dirname, '../../../../seeds/manuals')];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`The role manuals are missing (looked in ${candidates.join(', ')})`);
  return found;
}

export interface Manual {
  slug: string;
  title: string;
  tags: string[];
  body: string;
}

/** Each manual file's front matter and Markdown. */
export function readManuals(dir = manualsDir()): Manual[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^[a-z0-9-]+\.md$/.test(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
      const meta = new Map(
        (match?.[1] ?? '')
          .split('\n')
          .map((line) => line.split(/:\s*/, 2) as [string, string])
          .filter(([k, v]) => k && v),
      );
      const body = match ? text.slice(match[0].length) : text;
      return {
        slug: `manual-${file.replace(/\.md$/, '')}`,
        title: meta.get('title') ?? file,
        tags: (meta.get('tags') ?? '')
          .split(',')
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
        body: body.trim() + '\n',
      };
    });
}

function addMonths(date: Date, months: number): string {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export async function seed(db: Knex, { clock }: SeedContext): Promise<void> {
  const now = clock.now();
  for (const c of KNOWLEDGE_CATEGORIES) {
    await db('knowledge_categories')
      .insert({ ...c, created_at: now, created_by: null })
      .onConflict('key')
      .ignore();
  }
  for (const manual of readManuals()) await shipArticle(db, now, { ...manual, categoryKey: 'manuals', audience: 'staff' });
}

/**
 * Publishes an article written by Policydesk itself (no author user): new → revision 1, published; a
 * changed title or body → a new published revision superseding the live one; unchanged → nothing.
 */
export async function shipArticle(
  db: Knex,
  now: Date,
  article: { slug: string; title: string; body: string; tags: string[]; categoryKey: string; audience: 'staff' | 'customers' },
): Promise<void> {
  const category = await db('knowledge_categories').where({ key: article.categoryKey }).first('id');
  const content = { title: article.title, body: article.body, category_id: category.id, audience: article.audience, tags: article.tags, product_ids: [] as string[] };
  const reviewBy = addMonths(now, 12);
  const existing = await db('knowledge_articles').where({ slug: article.slug }).forUpdate().first();
  if (!existing) {
    const [made] = await db('knowledge_articles')
      .insert({
        slug: article.slug,
        status: 'published',
        ...content,
        body_text: plainText(article.body),
        published_revision: 1,
        latest_revision: 1,
        review_by: reviewBy,
        published_at: now,
        search: db.raw("''::tsvector"),
        search_text: '',
        created_at: now,
        updated_at: now,
        created_by: null,
      })
      .returning('id');
    await db('knowledge_revisions').insert({
      article_id: made.id,
      revision: 1,
      state: 'published',
      ...content,
      review_by: reviewBy,
      change_note: 'Shipped with Policydesk',
      author_id: null,
      author_name: 'Policydesk',
      reviewed_at: now,
      created_at: now,
      updated_at: now,
    });
    await db('knowledge_article_history').insert({ article_id: made.id, revision: 1, event: 'published', note: 'Shipped with Policydesk', changed_by: null, changed_at: now });
    return;
  }
  if (existing.body === article.body && existing.title === article.title) return;
  // The repository's Markdown changed: it becomes the live revision (a draft being edited in the console stays after it).
  const revision = existing.latest_revision + 1;
  if (existing.published_revision !== null)
    await db('knowledge_revisions').where({ article_id: existing.id, revision: existing.published_revision }).update({ state: 'superseded', updated_at: now });
  await db('knowledge_revisions').insert({
    article_id: existing.id,
    revision,
    state: 'published',
    ...content,
    review_by: reviewBy,
    change_note: 'Updated with Policydesk',
    author_id: null,
    author_name: 'Policydesk',
    reviewed_at: now,
    created_at: now,
    updated_at: now,
  });
  await db('knowledge_articles')
    .where({ id: existing.id })
    .update({
      ...content,
      status: 'published',
      body_text: plainText(article.body),
      published_revision: revision,
      latest_revision: revision,
      review_by: reviewBy,
      published_at: now,
      updated_at: now,
      version: db.raw('version + 1'),
    });
  await db('knowledge_article_history').insert({ article_id: existing.id, revision, event: 'published', note: 'Updated with Policydesk', changed_by: null, changed_at: now });
}
