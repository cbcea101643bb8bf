// The knowledge base's use cases. An article's content lives in revisions: writers save the newest
// one (a draft), submit it; a reviewer (never its author) publishes or returns it. Publishing copies
// the revision into the article row, which is what search and readers see — so editing a published
// article starts a new draft while the published revision stays live. Every write: If-Match on the
// article's version, history row and audit in the same transaction.
import type {
  ArticleSent,
  CaseKnowledge,
  ConfirmReviewBody,
  CreateArticleBody,
  CreateCategoryBody,
  FeedbackBody,
  KnowledgeArticle,
  KnowledgeArticleList,
  KnowledgeArticleSummary,
  KnowledgeAudience,
  KnowledgeCategory,
  KnowledgeRevision,
  KnowledgeSearchHit,
  KnowledgeSearchResult,
  ListArticlesQuery,
  SearchQuery,
  UpdateArticleBody,
} from '../../contracts/knowledge';
import { KNOWLEDGE_QUERY_MAX } from '../../contracts/knowledge';
import type { FieldError } from '../../contracts/common';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import type { NotificationService } from '../notifications/notifications.service';
import type { PolicyFacts } from '../policies/policy-facts';
import type { QuoteBook } from '../products/quote-book';
import type { CaseFacts } from '../service/case-facts';
import * as repo from './knowledge.repository';
import { plainText, renderMarkdown, snippetHtml } from './markdown';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
/** The days a published article stays current when its revision gives no review-by date. */
export const DEFAULT_REVIEW_MONTHS = 12;
/** Text longer than this is cut in a text message (the email carries all of it). */
const MESSAGE_TEXT_MAX = 1500;

/** The words of a search text: letters and digits, at most 12 of at most 40 characters. */
export function searchWords(text: string): string[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)]
    .map((m) => m[0].toLowerCase().slice(0, 40))
    .filter((w) => w.length > 1)
    .slice(0, 12);
}

/** Tags as stored: lower-case, each once. */
const normalisedTags = (tags: readonly string[]) => [...new Set(tags.map((t) => t.toLowerCase()))];

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export class KnowledgeService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly quotes: QuoteBook,
    private readonly caseFacts: CaseFacts,
    private readonly policyFacts: PolicyFacts,
    private readonly notifications: NotificationService,
  ) {}

  private today(): string {
    return this.clock.businessDate();
  }

  // --- Categories

  async categories(): Promise<{ items: KnowledgeCategory[] }> {
    return { items: await repo.categories(this.db) };
  }

  async createCategory(actor: Actor, body: CreateCategoryBody): Promise<KnowledgeCategory> {
    return withTransaction(this.db, async (trx) => {
      const made = await repo.insertCategory(trx, {
        key: body.key,
        name: body.name,
        description: body.description ?? null,
        created_at: this.clock.now(),
        created_by: actor.userId,
      });
      if (!made) throw new ConflictError('KNOWLEDGE_CATEGORY_TAKEN', `A category with the key ${body.key} exists.`);
      await this.audit.record(trx, { actor, action: 'knowledge_category.create', entity: { type: 'knowledge_category', id: made.id }, after: { ...made } });
      return made;
    });
  }

  // --- Reading

  async list(query: ListArticlesQuery): Promise<KnowledgeArticleList> {
    const page = await repo.listArticles(
      this.db,
      {
        status: query.status,
        audience: query.audience,
        categoryId: query.categoryId,
        productId: query.productId,
        staleOn: query.stale === 'true' ? this.today() : undefined,
        inReview: query.inReview === undefined ? undefined : query.inReview === 'true',
      },
      { limit: query.limit, cursor: query.cursor },
    );
    const products = await this.productNames(page.items.flatMap((a) => a.product_ids));
    return { items: page.items.map((a) => this.toSummary(a, products)), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<KnowledgeArticle> {
    const row = await repo.findArticle(this.db, id);
    if (!row) throw new NotFoundError('article');
    return this.toArticle(this.db, actor, row);
  }

  async getBySlug(actor: Actor, slug: string): Promise<KnowledgeArticle> {
    const row = await repo.findArticleBySlug(this.db, slug);
    if (!row) throw new NotFoundError('article');
    return this.toArticle(this.db, actor, row);
  }

  /** One more reader of the article (the console's article view calls it once per opening). */
  async view(id: string): Promise<void> {
    if (!(await repo.addView(this.db, id))) throw new NotFoundError('article');
  }

  preview(body: string): { html: string } {
    return { html: renderMarkdown(body) };
  }

  // --- Writing

  async create(actor: Actor, body: CreateArticleBody): Promise<KnowledgeArticle> {
    await this.checkContent(this.db, body);
    return withTransaction(this.db, async (trx) => {
      const now = this.clock.now();
      const authorName = await this.nameOf(trx, actor.userId);
      const article = await repo.insertArticle(trx, {
        slug: body.slug,
        status: 'draft',
        category_id: body.categoryId,
        audience: body.audience,
        title: body.title,
        body: body.body,
        body_text: plainText(body.body),
        tags: normalisedTags(body.tags),
        product_ids: [...new Set(body.productIds)],
        published_revision: null,
        latest_revision: 1,
        review_by: null,
        published_at: null,
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
      });
      if (!article)
        throw new ConflictError('KNOWLEDGE_SLUG_TAKEN', `Another article has the slug ${body.slug}.`, { errors: [{ path: 'slug', message: 'Taken by another article' }] });
      await repo.insertRevision(trx, this.revisionRow(article.id, 1, 'draft', body, actor.userId, authorName, now));
      await repo.insertHistory(trx, { article_id: article.id, revision: 1, event: 'created', note: body.changeNote ?? null, changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'knowledge_article.create',
        entity: { type: 'knowledge_article', id: article.id },
        after: { slug: body.slug, title: body.title, audience: body.audience, revision: 1 },
      });
      return this.toArticle(trx, actor, (await repo.findArticle(trx, article.id))!);
    });
  }

  /** Saves the newest revision: the draft itself, or a new draft after the published one. */
  async update(actor: Actor, id: string, version: number, body: UpdateArticleBody): Promise<KnowledgeArticle> {
    await this.checkContent(this.db, body);
    return this.write(actor, id, version, async (trx, article, latest, now) => {
      if (latest.state === 'in_review') throw new ConflictError('KNOWLEDGE_TRANSITION_NOT_ALLOWED', 'The revision is in review: a reviewer returns it before it can be edited.');
      if (article.status === 'archived') throw new ConflictError('KNOWLEDGE_TRANSITION_NOT_ALLOWED', 'The article is archived: restore it first.');
      const authorName = await this.nameOf(trx, actor.userId);
      let rev = latest.revision;
      if (latest.state === 'draft') {
        const row = this.revisionRow(id, rev, 'draft', body, actor.userId, authorName, latest.created_at);
        await repo.updateRevision(trx, id, rev, { ...row, updated_at: now });
      } else {
        rev = latest.revision + 1;
        await repo.insertRevision(trx, this.revisionRow(id, rev, 'draft', body, actor.userId, authorName, now));
      }
      // A never-published article shows its draft in lists; a published one keeps its live content.
      const patch: Partial<repo.ArticleRow> = { latest_revision: rev, updated_at: now };
      if (article.published_revision === null)
        Object.assign(patch, {
          title: body.title,
          body: body.body,
          body_text: plainText(body.body),
          category_id: body.categoryId,
          audience: body.audience,
          tags: normalisedTags(body.tags),
          product_ids: [...new Set(body.productIds)],
        });
      await repo.insertHistory(trx, { article_id: id, revision: rev, event: 'edited', note: body.changeNote ?? null, changed_by: actor.userId, changed_at: now });
      return {
        patch,
        audit: { action: 'knowledge_article.edit', before: { title: latest.title, revision: latest.revision }, after: { title: body.title, revision: rev } },
      };
    });
  }

  async submit(actor: Actor, id: string, version: number, note?: string): Promise<KnowledgeArticle> {
    return this.write(actor, id, version, async (trx, _article, latest, now) => {
      if (latest.state !== 'draft') throw new ConflictError('KNOWLEDGE_TRANSITION_NOT_ALLOWED', 'Only a draft is submitted for review.');
      await repo.updateRevision(trx, id, latest.revision, { state: 'in_review', updated_at: now });
      await repo.insertHistory(trx, { article_id: id, revision: latest.revision, event: 'submitted', note: note ?? null, changed_by: actor.userId, changed_at: now });
      return { patch: { updated_at: now }, audit: { action: 'knowledge_article.submit', after: { revision: latest.revision } } };
    });
  }

  async returnToAuthor(actor: Actor, id: string, version: number, note: string): Promise<KnowledgeArticle> {
    return this.write(actor, id, version, async (trx, _article, latest, now) => {
      if (latest.state !== 'in_review') throw new ConflictError('KNOWLEDGE_TRANSITION_NOT_ALLOWED', 'Only a revision in review is returned.');
      await repo.updateRevision(trx, id, latest.revision, { state: 'draft', review_note: note, reviewer_id: actor.userId, reviewed_at: now, updated_at: now });
      await repo.insertHistory(trx, { article_id: id, revision: latest.revision, event: 'returned', note, changed_by: actor.userId, changed_at: now });
      return { patch: { updated_at: now }, audit: { action: 'knowledge_article.return', after: { revision: latest.revision, note } } };
    });
  }

  /** Four-eyes: the reviewer publishing a revision is never its author. */
  async publish(actor: Actor, id: string, version: number, note?: string): Promise<KnowledgeArticle> {
    return this.write(actor, id, version, async (trx, article, latest, now) => {
      if (latest.state !== 'in_review') throw new ConflictError('KNOWLEDGE_TRANSITION_NOT_ALLOWED', 'Only a revision in review is published.');
      if (latest.author_id === actor.userId) throw new ConflictError('KNOWLEDGE_FOUR_EYES', 'You wrote this revision: another reviewer publishes it.');
      const today = this.today();
      if (latest.review_by !== null && latest.review_by <= today)
        throw new ConflictError('KNOWLEDGE_REVIEW_DATE_INVALID', 'The revision’s review-by date has passed: edit it first.');
      if (article.published_revision !== null) await repo.updateRevision(trx, id, article.published_revision, { state: 'superseded', updated_at: now });
      await repo.updateRevision(trx, id, latest.revision, { state: 'published', reviewer_id: actor.userId, reviewed_at: now, review_note: note ?? null, updated_at: now });
      await repo.insertHistory(trx, { article_id: id, revision: latest.revision, event: 'published', note: note ?? null, changed_by: actor.userId, changed_at: now });
      return {
        patch: {
          status: 'published',
          published_revision: latest.revision,
          published_at: now,
          title: latest.title,
          body: latest.body,
          body_text: plainText(latest.body),
          category_id: latest.category_id,
          audience: latest.audience,
          tags: latest.tags,
          product_ids: latest.product_ids,
          review_by: latest.review_by ?? addMonths(today, DEFAULT_REVIEW_MONTHS),
          updated_at: now,
        },
        audit: {
          action: 'knowledge_article.publish',
          before: { revision: article.published_revision, audience: article.audience },
          after: { revision: latest.revision, audience: latest.audience, author: latest.author_id },
        },
      };
    });
  }

  /** A reviewer confirms a published article is still right: a new review-by date, no new content. */
  async confirmReview(actor: Actor, id: string, version: number, body: ConfirmReviewBody): Promise<KnowledgeArticle> {
    if (body.reviewBy <= this.today())
      throw new ValidationError([{ path: 'reviewBy', message: 'A date after today' }], 'The review-by date must be after today.', 'KNOWLEDGE_REVIEW_DATE_INVALID');
    return this.write(actor, id, version, async (trx, article, _latest, now) => {
      if (article.status !== 'published' || article.published_revision === null) throw new ConflictError('KNOWLEDGE_NOT_PUBLISHED', 'Only a published article is confirmed.');
      await repo.insertHistory(trx, {
        article_id: id,
        revision: article.published_revision,
        event: 'review_confirmed',
        note: body.note ?? null,
        changed_by: actor.userId,
        changed_at: now,
      });
      return {
        patch: { review_by: body.reviewBy, updated_at: now },
        audit: { action: 'knowledge_article.confirm_review', before: { reviewBy: article.review_by }, after: { reviewBy: body.reviewBy } },
      };
    });
  }

  async archive(actor: Actor, id: string, version: number, note?: string): Promise<KnowledgeArticle> {
    return this.write(actor, id, version, async (trx, article, latest, now) => {
      if (article.status === 'archived') throw new ConflictError('KNOWLEDGE_TRANSITION_NOT_ALLOWED', 'The article is archived already.');
      await repo.insertHistory(trx, { article_id: id, revision: latest.revision, event: 'archived', note: note ?? null, changed_by: actor.userId, changed_at: now });
      return { patch: { status: 'archived', updated_at: now }, audit: { action: 'knowledge_article.archive', before: { status: article.status }, after: { status: 'archived' } } };
    });
  }

  async restore(actor: Actor, id: string, version: number, note?: string): Promise<KnowledgeArticle> {
    return this.write(actor, id, version, async (trx, article, latest, now) => {
      if (article.status !== 'archived') throw new ConflictError('KNOWLEDGE_TRANSITION_NOT_ALLOWED', 'Only an archived article is restored.');
      const status = article.published_revision === null ? 'draft' : 'published';
      await repo.insertHistory(trx, { article_id: id, revision: latest.revision, event: 'restored', note: note ?? null, changed_by: actor.userId, changed_at: now });
      return { patch: { status, updated_at: now }, audit: { action: 'knowledge_article.restore', before: { status: 'archived' }, after: { status } } };
    });
  }

  /** Lock, check the version, run the step, bump the version, audit — one transaction. */
  private async write(
    actor: Actor,
    id: string,
    version: number,
    step: (
      trx: Trx,
      article: repo.ArticleRow,
      latest: repo.RevisionRow,
      now: Date,
    ) => Promise<{
      patch: Partial<repo.ArticleRow>;
      audit: { action: Parameters<AuditService['record']>[1]['action']; before?: Record<string, unknown>; after?: Record<string, unknown> };
    }>,
  ): Promise<KnowledgeArticle> {
    return withTransaction(this.db, async (trx) => {
      const article = await repo.lockArticle(trx, id);
      if (!article) throw new NotFoundError('article');
      if (article.version !== version) throw new PreconditionFailedError(article.version);
      const latest = (await repo.revision(trx, id, article.latest_revision))!;
      const now = this.clock.now();
      const { patch, audit } = await step(trx, article, latest, now);
      const updated = await repo.updateArticleIfVersion(trx, id, version, patch);
      if (!updated) throw new PreconditionFailedError(article.version + 1);
      await this.audit.record(trx, { actor, action: audit.action, entity: { type: 'knowledge_article', id }, before: audit.before ?? null, after: audit.after ?? null });
      return this.toArticle(trx, actor, (await repo.findArticle(trx, id))!);
    });
  }

  // --- Feedback

  async feedback(actor: Actor, id: string, body: FeedbackBody): Promise<KnowledgeArticle> {
    const row = await repo.findArticle(this.db, id);
    if (!row || row.status !== 'published') throw new NotFoundError('article');
    await repo.upsertFeedback(this.db, { article_id: id, helpful: body.helpful, comment: body.comment ?? null, user_id: actor.userId, customer_id: null, at: this.clock.now() });
    return this.toArticle(this.db, actor, row);
  }

  // --- Search

  /** Staff search: staff-only and public articles (or one audience when asked). */
  async search(query: SearchQuery): Promise<KnowledgeSearchResult> {
    const audiences: KnowledgeAudience[] = query.audience ? [query.audience] : ['staff', 'customers'];
    return { items: await this.searchAs(this.db, audiences, query) };
  }

  /**
   * The portal's search: public articles only, whatever the caller passes (there is no audience
   * parameter to widen). A text longer than KNOWLEDGE_QUERY_MAX is cut, never an error.
   */
  async searchForCustomers(db: DbOrTrx, query: { q: string; categoryId?: string; productId?: string; limit?: number }): Promise<KnowledgeSearchResult> {
    return {
      items: await this.searchAs(db, ['customers'], { q: query.q, categoryId: query.categoryId, productId: query.productId, limit: Math.min(Math.max(query.limit ?? 10, 1), 50) }),
    };
  }

  /** A public, published article for the portal by slug; a staff-only, draft or archived one is not found. */
  async publicArticle(db: DbOrTrx, slug: string): Promise<{ id: string; slug: string; title: string; html: string; category: KnowledgeCategory; updatedAt: string }> {
    const row = await repo.findArticleBySlug(db, slug);
    if (!row || row.status !== 'published' || row.audience !== 'customers') throw new NotFoundError('article');
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      html: renderMarkdown(row.body),
      category: { id: row.category_id, key: row.category_key, name: row.category_name, description: row.category_description },
      updatedAt: (row.published_at ?? row.updated_at).toISOString(),
    };
  }

  /** The portal counts a read (a customer opened a public article). */
  async recordPublicView(db: DbOrTrx, articleId: string): Promise<void> {
    const row = await repo.findArticle(db, articleId);
    if (!row || row.status !== 'published' || row.audience !== 'customers') throw new NotFoundError('article');
    await repo.addView(db, articleId);
  }

  /**
   * The portal counts a deflection: a customer abandoned a request after reading this article. Only
   * published public articles count; anything else is not found (nothing counted).
   */
  async recordDeflection(db: DbOrTrx, articleId: string): Promise<void> {
    if (!(await repo.addDeflection(db, articleId))) throw new NotFoundError('article');
  }

  /** A customer's helpful / not helpful on a public article (one per customer, changed by answering again). */
  async recordCustomerFeedback(db: DbOrTrx, customerId: string, articleId: string, body: FeedbackBody): Promise<void> {
    const row = await repo.findArticle(db, articleId);
    if (!row || row.status !== 'published' || row.audience !== 'customers') throw new NotFoundError('article');
    await repo.upsertFeedback(db, { article_id: articleId, helpful: body.helpful, comment: body.comment ?? null, user_id: null, customer_id: customerId, at: this.clock.now() });
  }

  private async searchAs(
    db: DbOrTrx,
    audiences: KnowledgeAudience[],
    query: { q: string; categoryId?: string; productId?: string; limit: number },
    extra?: { productIds?: string[]; excludeIds?: string[] },
  ) {
    const text = query.q.trim().slice(0, KNOWLEDGE_QUERY_MAX);
    const rows = await repo.search(db, {
      text,
      words: searchWords(text),
      audiences,
      categoryId: query.categoryId,
      productIds: query.productId ? [query.productId] : extra?.productIds,
      limit: query.limit,
      excludeIds: extra?.excludeIds,
    });
    const today = this.today();
    return rows.map((r): KnowledgeSearchHit => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      audience: r.audience,
      category: { id: r.category_id, key: r.category_key, name: r.category_name },
      tags: r.tags,
      productIds: r.product_ids,
      snippet: snippetHtml(r.headline ?? ''),
      rank: Number(r.rank),
      stale: r.review_by !== null && r.review_by < today,
    }));
  }

  // --- Cases

  /** Suggestions for a case (its subject, its policies' products), the articles linked to it and those sent. */
  async caseKnowledge(actor: Actor, caseId: string): Promise<CaseKnowledge> {
    const kase = await this.caseFacts.visible(this.db, actor, caseId);
    const products = await this.productsOfCase(kase.policyIds);
    const [linked, sent] = await Promise.all([repo.linksOfCase(this.db, caseId), repo.sendsOfCase(this.db, caseId)]);
    const words = searchWords(kase.subject);
    const suggestions = await this.searchAs(
      this.db,
      ['staff', 'customers'],
      // Any word of the subject (not all of them: a subject is a sentence, not a query).
      { q: words.join(' or '), limit: 5 },
      { productIds: products.map((p) => p.id), excludeIds: linked.map((l) => l.id) },
    );
    const ref = (r: { id: string; slug: string; title: string; audience: KnowledgeAudience }) => ({ id: r.id, slug: r.slug, title: r.title, audience: r.audience });
    return {
      caseId,
      basis: { text: kase.subject, products },
      suggestions,
      linked: linked.map((l) => ({ article: ref(l), by: { id: l.by_id, name: l.by_name }, at: l.at.toISOString() })),
      sent: sent.map((s) => ({ article: ref(s), messageId: s.message_id, by: { id: s.by_id, name: s.by_name }, at: s.at.toISOString() })),
    };
  }

  /** Links the article the agent used to the case (once; linking again changes nothing). */
  async linkToCase(actor: Actor, caseId: string, articleId: string): Promise<{ created: boolean; knowledge: CaseKnowledge }> {
    const created = await withTransaction(this.db, async (trx) => {
      const kase = await this.caseFacts.visible(trx, actor, caseId);
      const article = await repo.findArticle(trx, articleId);
      if (!article) throw new NotFoundError('article');
      if (article.status !== 'published' || article.published_revision === null)
        throw new ConflictError('KNOWLEDGE_NOT_PUBLISHED', 'Only a published article is linked to a case.');
      const made = await repo.insertCaseLink(trx, {
        article_id: articleId,
        case_id: caseId,
        revision: article.published_revision,
        linked_by: actor.userId,
        linked_at: this.clock.now(),
      });
      if (made)
        await this.audit.record(trx, {
          actor,
          action: 'knowledge_article.link_case',
          entity: { type: 'knowledge_article', id: articleId },
          branchId: kase.branchId,
          after: { caseId, caseNumber: kase.caseNumber, revision: article.published_revision },
        });
      return made;
    });
    return { created, knowledge: await this.caseKnowledge(actor, caseId) };
  }

  async unlinkFromCase(actor: Actor, caseId: string, articleId: string): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      const kase = await this.caseFacts.visible(trx, actor, caseId);
      if (!(await repo.deleteCaseLink(trx, caseId, articleId))) throw new NotFoundError('link');
      await this.audit.record(trx, {
        actor,
        action: 'knowledge_article.unlink_case',
        entity: { type: 'knowledge_article', id: articleId },
        branchId: kase.branchId,
        before: { caseId, caseNumber: kase.caseNumber },
      });
    });
  }

  /**
   * Sends a public article's published revision to the case's customer through the outbox (their
   * preferred channel). Once per (case, article, revision): sending again returns the same message.
   */
  async sendToCustomer(actor: Actor, caseId: string, articleId: string): Promise<{ created: boolean; sent: ArticleSent }> {
    return withTransaction(this.db, async (trx) => {
      const kase = await this.caseFacts.visible(trx, actor, caseId);
      const article = await repo.findArticle(trx, articleId);
      if (!article) throw new NotFoundError('article');
      if (article.status !== 'published' || article.published_revision === null) throw new ConflictError('KNOWLEDGE_NOT_PUBLISHED', 'Only a published article is sent.');
      if (article.audience !== 'customers') throw new ConflictError('KNOWLEDGE_NOT_PUBLIC', 'This article is for staff only: it is never sent to a customer.');
      if (!kase.customerId) throw new ConflictError('KNOWLEDGE_NO_RECIPIENT', 'The case has no customer to send the article to.');
      const text = plainText(article.body);
      const result = await this.notifications.tellCustomer(trx, {
        customerId: kase.customerId,
        template: 'knowledge-article',
        data: { caseNumber: kase.caseNumber, articleTitle: article.title, articleText: text.length > MESSAGE_TEXT_MAX ? `${text.slice(0, MESSAGE_TEXT_MAX - 1)}…` : text },
        idempotencyKey: `knowledge-article:${caseId}:${articleId}:${article.published_revision}`,
      });
      if (!result.queued) throw new ConflictError('KNOWLEDGE_NO_RECIPIENT', 'The customer has no email address or phone number on file.');
      const message = result.message;
      const created = result.created || !(await repo.sendOfMessage(trx, message.id));
      if (created) {
        await repo.insertSend(trx, {
          article_id: articleId,
          case_id: caseId,
          customer_id: kase.customerId,
          revision: article.published_revision,
          message_id: message.id,
          sent_by: actor.userId,
          sent_at: this.clock.now(),
        });
        await this.audit.record(trx, {
          actor,
          action: 'knowledge_article.send',
          entity: { type: 'knowledge_article', id: articleId },
          branchId: kase.branchId,
          after: { caseId, caseNumber: kase.caseNumber, customerId: kase.customerId, messageId: message.id, channel: message.channel },
        });
      }
      return { created, sent: { articleId, caseId, messageId: message.id, channel: message.channel, recipient: message.recipient } };
    });
  }

  // --- Shaping

  private async productsOfCase(policyIds: string[]): Promise<{ id: string; name: string }[]> {
    const versionIds: string[] = [];
    for (const policyId of policyIds.slice(0, 10)) {
      const policy = await this.policyFacts.onDate(this.db, policyId, this.today());
      if (policy) versionIds.push(policy.productVersionId);
    }
    const byVersion = await this.quotes.productsOfVersions(this.db, versionIds);
    const products = new Map([...byVersion.values()].map((p) => [p.productId, { id: p.productId, name: p.name }]));
    return [...products.values()];
  }

  private async productNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const all = await this.quotes.productsWithVersions(this.db);
    return new Map(all.map((p) => [p.id, p.name]));
  }

  private async checkContent(db: DbOrTrx, body: UpdateArticleBody): Promise<void> {
    const errors: FieldError[] = [];
    if (!(await repo.categoryById(db, body.categoryId))) errors.push({ path: 'categoryId', message: 'No such category' });
    if (body.productIds.length) {
      const known = await this.productNames(body.productIds);
      body.productIds.forEach((id, i) => {
        if (!known.has(id)) errors.push({ path: `productIds.${i}`, message: 'No such product' });
      });
    }
    if (body.reviewBy !== undefined && body.reviewBy <= this.today()) errors.push({ path: 'reviewBy', message: 'A date after today' });
    if (errors.length) throw new ValidationError(errors, 'The article’s fields name something that does not exist.', 'KNOWLEDGE_ARTICLE_INVALID');
  }

  private revisionRow(
    articleId: string,
    rev: number,
    state: repo.RevisionRow['state'],
    body: UpdateArticleBody,
    authorId: string | null,
    authorName: string,
    now: Date,
  ): repo.RevisionRow {
    return {
      article_id: articleId,
      revision: rev,
      state,
      title: body.title,
      body: body.body,
      category_id: body.categoryId,
      audience: body.audience,
      tags: normalisedTags(body.tags),
      product_ids: [...new Set(body.productIds)],
      review_by: body.reviewBy ?? null,
      change_note: body.changeNote ?? null,
      author_id: authorId,
      author_name: authorName,
      reviewer_id: null,
      reviewed_at: null,
      review_note: null,
      created_at: now,
      updated_at: now,
    };
  }

  private async nameOf(db: DbOrTrx, userId: string): Promise<string> {
    const row: { name: string } | undefined = await db('users').where({ id: userId }).first('name');
    return row?.name ?? '';
  }

  private toSummary(a: repo.ArticleView, products: Map<string, string>): KnowledgeArticleSummary {
    return {
      id: a.id,
      slug: a.slug,
      status: a.status,
      title: a.title,
      category: { id: a.category_id, key: a.category_key, name: a.category_name, description: a.category_description },
      audience: a.audience,
      tags: a.tags,
      products: a.product_ids.map((id) => ({ id, name: products.get(id) ?? '' })),
      publishedRevision: a.published_revision,
      latestRevision: a.latest_revision,
      latestState: a.latest_state,
      reviewBy: a.review_by,
      stale: a.status === 'published' && a.review_by !== null && a.review_by < this.today(),
      publishedAt: iso(a.published_at),
      updatedAt: a.updated_at.toISOString(),
      version: a.version,
    };
  }

  private toRevision(r: repo.RevisionRow): KnowledgeRevision {
    return {
      revision: r.revision,
      state: r.state,
      title: r.title,
      body: r.body,
      html: renderMarkdown(r.body),
      categoryId: r.category_id,
      audience: r.audience,
      tags: r.tags,
      productIds: r.product_ids,
      reviewBy: r.review_by,
      changeNote: r.change_note,
      author: { id: r.author_id ?? '00000000-0000-0000-0000-000000000000', name: r.author_name },
      reviewer: r.reviewer_id ? { id: r.reviewer_id, name: r.reviewer_name ?? '' } : null,
      reviewedAt: iso(r.reviewed_at),
      reviewNote: r.review_note,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  }

  private async toArticle(db: DbOrTrx, actor: Actor, a: repo.ArticleView): Promise<KnowledgeArticle> {
    // One after the other: inside a write's transaction they share one connection.
    const published = a.published_revision !== null ? await repo.revision(db, a.id, a.published_revision) : undefined;
    const latest = a.latest_revision !== a.published_revision ? await repo.revision(db, a.id, a.latest_revision) : undefined;
    const figures = await repo.figures(db, a.id);
    const history = await repo.historyOf(db, a.id);
    const mine = await repo.feedbackOf(db, a.id, actor.userId);
    const products = await this.productNames(a.product_ids);
    return {
      ...this.toSummary(a, products),
      published: published ? this.toRevision(published) : null,
      pending: latest ? this.toRevision(latest) : null,
      figures,
      myFeedback: mine ? { helpful: mine.helpful, comment: mine.comment } : null,
      history: history.map((h) => ({
        revision: h.revision,
        event: h.event,
        note: h.note,
        by: h.changed_by ? { id: h.changed_by, name: h.changed_by_name ?? '' } : null,
        at: h.changed_at.toISOString(),
      })),
    };
  }
}
