// Knowledge base contract (issue 21): articles in Markdown (rendered and sanitised by the server),
// categories, audience, products, revisions with author / reviewer / review-by date, search, case
// suggestions, links and sends, feedback and figures.
import { z } from 'zod';
import { IsoDate, PersonRef } from './common';
import type { PermissionGrants } from './grants';

export const KNOWLEDGE_AUDIENCES = ['staff', 'customers'] as const;
/** `staff`: staff only; `customers`: also customers (the portal and messages to customers). */
export const KnowledgeAudience = z.enum(KNOWLEDGE_AUDIENCES).meta({ id: 'KnowledgeAudience' });
export type KnowledgeAudience = z.infer<typeof KnowledgeAudience>;

export const KNOWLEDGE_STATUSES = ['draft', 'published', 'archived'] as const;
export const KnowledgeStatus = z.enum(KNOWLEDGE_STATUSES).meta({ id: 'KnowledgeStatus' });
export type KnowledgeStatus = z.infer<typeof KnowledgeStatus>;

export const REVISION_STATES = ['draft', 'in_review', 'published', 'superseded'] as const;
export const RevisionState = z.enum(REVISION_STATES).meta({ id: 'KnowledgeRevisionState' });
export type RevisionState = z.infer<typeof RevisionState>;

/** The longest search text taken (longer → 400 SEARCH_QUERY_TOO_LONG; the portal's service function cuts it). */
export const KNOWLEDGE_QUERY_MAX = 200;
export const KNOWLEDGE_BODY_MAX = 100_000;

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'Lower-case letters, digits and dashes (at most 100)');
const Tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'Letters, digits, spaces, dashes');

export const KnowledgeCategory = z.object({ id: z.uuid(), key: z.string(), name: z.string(), description: z.string().nullable() }).meta({ id: 'KnowledgeCategory' });
export type KnowledgeCategory = z.infer<typeof KnowledgeCategory>;
export const KnowledgeCategoryList = z.object({ items: z.array(KnowledgeCategory) }).meta({ id: 'KnowledgeCategoryList' });

export const CreateCategoryBody = z
  .strictObject({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Lower-case letters, digits and dashes (at most 40)'),
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'CreateKnowledgeCategoryBody' });
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

const ProductRef = z.object({ id: z.uuid(), name: z.string() });

export const KnowledgeRevision = z
  .object({
    revision: z.number().int(),
    state: RevisionState,
    title: z.string(),
    /** The Markdown as written. */
    body: z.string(),
    /** The Markdown rendered to HTML and sanitised (no script, no event handlers, no javascript: links; links rel="noopener noreferrer"). */
    html: z.string(),
    categoryId: z.uuid(),
    audience: KnowledgeAudience,
    tags: z.array(z.string()),
    productIds: z.array(z.uuid()),
    reviewBy: z.iso.date().nullable(),
    changeNote: z.string().nullable(),
    author: PersonRef,
    reviewer: z.union([PersonRef, z.null()]),
    reviewedAt: z.union([z.iso.datetime(), z.null()]),
    reviewNote: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'KnowledgeRevision' });
export type KnowledgeRevision = z.infer<typeof KnowledgeRevision>;

export const KnowledgeFigures = z
  .object({
    views: z.number().int(),
    caseLinks: z.number().int(),
    sends: z.number().int(),
    helpful: z.number().int(),
    notHelpful: z.number().int(),
    /** Customer requests abandoned after reading the article (counted by the portal). */
    deflections: z.number().int(),
  })
  .meta({ id: 'KnowledgeFigures' });
export type KnowledgeFigures = z.infer<typeof KnowledgeFigures>;

export const KnowledgeArticleSummary = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    status: KnowledgeStatus,
    title: z.string(),
    category: KnowledgeCategory,
    audience: KnowledgeAudience,
    tags: z.array(z.string()),
    products: z.array(ProductRef),
    publishedRevision: z.number().int().nullable(),
    latestRevision: z.number().int(),
    /** The newest revision's state (a draft or one in review while the published one stays live). */
    latestState: RevisionState,
    reviewBy: z.iso.date().nullable(),
    /** Published and its review-by date has passed: someone must confirm or update it. */
    stale: z.boolean(),
    publishedAt: z.union([z.iso.datetime(), z.null()]),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'KnowledgeArticleSummary' });
export type KnowledgeArticleSummary = z.infer<typeof KnowledgeArticleSummary>;

export const KnowledgeArticle = KnowledgeArticleSummary.extend({
  /** The live revision (null until first published). */
  published: z.union([KnowledgeRevision, z.null()]),
  /** The newest revision when it is not the live one (a draft or in review). */
  pending: z.union([KnowledgeRevision, z.null()]),
  figures: KnowledgeFigures,
  /** The caller's own feedback (null: none given). */
  myFeedback: z.union([z.object({ helpful: z.boolean(), comment: z.string().nullable() }), z.null()]),
  history: z.array(
    z.object({
      revision: z.number().int(),
      event: z.enum(['created', 'edited', 'submitted', 'returned', 'published', 'review_confirmed', 'archived', 'restored']),
      note: z.string().nullable(),
      by: z.union([PersonRef, z.null()]),
      at: z.iso.datetime(),
    }),
  ),
}).meta({ id: 'KnowledgeArticle' });
export type KnowledgeArticle = z.infer<typeof KnowledgeArticle>;

export const KnowledgeArticleList = z.object({ items: z.array(KnowledgeArticleSummary), nextCursor: z.string().nullable() }).meta({ id: 'KnowledgeArticleList' });
export type KnowledgeArticleList = z.infer<typeof KnowledgeArticleList>;

export const ListArticlesQuery = z.strictObject({
  status: KnowledgeStatus.optional(),
  audience: KnowledgeAudience.optional(),
  categoryId: z.uuid('Not a valid id').optional(),
  productId: z.uuid('Not a valid id').optional(),
  /** Published articles past their review-by date. */
  stale: z.enum(['true', 'false']).optional(),
  /** Articles whose newest revision waits for review. */
  inReview: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListArticlesQuery = z.infer<typeof ListArticlesQuery>;

const ArticleContent = {
  title: z.string().trim().min(3, 'At least 3 characters').max(200),
  body: z.string().max(KNOWLEDGE_BODY_MAX, `At most ${KNOWLEDGE_BODY_MAX} characters`),
  categoryId: z.uuid('Not a valid id'),
  audience: KnowledgeAudience,
  tags: z.array(Tag).max(20).default([]),
  productIds: z.array(z.uuid('Not a valid id')).max(50).default([]),
  /** When the content must be checked again (defaults to a year after publishing). */
  reviewBy: IsoDate().optional(),
  changeNote: z.string().trim().max(500).optional(),
};

export const CreateArticleBody = z.strictObject({ slug: Slug, ...ArticleContent }).meta({ id: 'CreateKnowledgeArticleBody' });
export type CreateArticleBody = z.infer<typeof CreateArticleBody>;

/** Saves the newest revision (a draft; editing a published article starts a new draft, the published one stays live). */
export const UpdateArticleBody = z.strictObject(ArticleContent).meta({ id: 'UpdateKnowledgeArticleBody' });
export type UpdateArticleBody = z.infer<typeof UpdateArticleBody>;

export const ReviewNoteBody = z.strictObject({ note: z.string().trim().max(1000).optional() }).meta({ id: 'KnowledgeReviewNoteBody' });
export type ReviewNoteBody = z.infer<typeof ReviewNoteBody>;
export const ReturnArticleBody = z.strictObject({ note: z.string().trim().min(3, 'Say what to change (at least 3 characters)').max(1000) }).meta({ id: 'KnowledgeReturnBody' });
export const ConfirmReviewBody = z.strictObject({ reviewBy: IsoDate(), note: z.string().trim().max(1000).optional() }).meta({ id: 'KnowledgeConfirmReviewBody' });
export type ConfirmReviewBody = z.infer<typeof ConfirmReviewBody>;

export const PreviewBody = z.strictObject({ body: z.string().max(KNOWLEDGE_BODY_MAX) }).meta({ id: 'KnowledgePreviewBody' });
export const PreviewResult = z.object({ html: z.string() }).meta({ id: 'KnowledgePreview' });

export const ArticleParams = z.strictObject({ id: z.uuid('Not a valid id') });
export const ArticleSlugParams = z.strictObject({ slug: Slug });
export const CaseParams = z.strictObject({ caseId: z.uuid('Not a valid id') });
export const CaseArticleParams = z.strictObject({ caseId: z.uuid('Not a valid id'), articleId: z.uuid('Not a valid id') });

// --- Search

export const SearchQuery = z.strictObject({
  q: z.string().trim().max(KNOWLEDGE_QUERY_MAX, `At most ${KNOWLEDGE_QUERY_MAX} characters`).default(''),
  categoryId: z.uuid('Not a valid id').optional(),
  productId: z.uuid('Not a valid id').optional(),
  audience: KnowledgeAudience.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const KnowledgeSearchHit = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    audience: KnowledgeAudience,
    category: z.object({ id: z.uuid(), key: z.string(), name: z.string() }),
    tags: z.array(z.string()),
    productIds: z.array(z.uuid()),
    /** Plain text with the matched words in <mark>…</mark>; everything else HTML-escaped. */
    snippet: z.string(),
    rank: z.number(),
    stale: z.boolean(),
  })
  .meta({ id: 'KnowledgeSearchHit' });
export type KnowledgeSearchHit = z.infer<typeof KnowledgeSearchHit>;
export const KnowledgeSearchResult = z.object({ items: z.array(KnowledgeSearchHit) }).meta({ id: 'KnowledgeSearchResult' });
export type KnowledgeSearchResult = z.infer<typeof KnowledgeSearchResult>;

// --- Feedback, cases

export const FeedbackBody = z.strictObject({ helpful: z.boolean(), comment: z.string().trim().max(1000).optional() }).meta({ id: 'KnowledgeFeedbackBody' });
export type FeedbackBody = z.infer<typeof FeedbackBody>;

export const CaseKnowledge = z
  .object({
    caseId: z.uuid(),
    /** What the suggestions were searched with: the case's subject and the products of its policies. */
    basis: z.object({ text: z.string(), products: z.array(ProductRef) }),
    suggestions: z.array(KnowledgeSearchHit),
    linked: z.array(z.object({ article: z.object({ id: z.uuid(), slug: z.string(), title: z.string(), audience: KnowledgeAudience }), by: PersonRef, at: z.iso.datetime() })),
    sent: z.array(
      z.object({
        article: z.object({ id: z.uuid(), slug: z.string(), title: z.string(), audience: KnowledgeAudience }),
        messageId: z.uuid().nullable(),
        by: PersonRef,
        at: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'CaseKnowledge' });
export type CaseKnowledge = z.infer<typeof CaseKnowledge>;

export const ArticleSent = z
  .object({ articleId: z.uuid(), caseId: z.uuid(), messageId: z.uuid(), channel: z.enum(['email', 'sms']), recipient: z.string() })
  .meta({ id: 'KnowledgeArticleSent' });
export type ArticleSent = z.infer<typeof ArticleSent>;

export const KNOWLEDGE_PERMISSIONS = {
  /** Read and search staff and public articles, give feedback. */
  'knowledge:read': ['manager', 'senior_agent', 'agent', 'underwriter', 'claims_adjuster', 'finance', 'finance_manager'],
  /** Write articles: create, edit drafts, submit for review. */
  'knowledge:write': ['manager', 'senior_agent'],
  /** Review: publish or return a submitted revision (never one's own), confirm a stale article, archive, categories. */
  'knowledge:publish': ['manager'],
  /** Use articles on cases: link one to a case, send a public one to the customer. */
  'knowledge:use': ['manager', 'senior_agent', 'agent'],
} as const satisfies PermissionGrants;

export const KNOWLEDGE_AUDIT_ACTIONS = [
  'knowledge_category.create',
  'knowledge_article.create',
  'knowledge_article.edit',
  'knowledge_article.submit',
  'knowledge_article.return',
  'knowledge_article.publish',
  'knowledge_article.confirm_review',
  'knowledge_article.archive',
  'knowledge_article.restore',
  'knowledge_article.link_case',
  'knowledge_article.unlink_case',
  'knowledge_article.send',
] as const;

export const KNOWLEDGE_ERROR_CODES = [
  /** The slug is taken by another article. */
  'KNOWLEDGE_SLUG_TAKEN',
  /** The category key is taken. */
  'KNOWLEDGE_CATEGORY_TAKEN',
  /** A step the article's or revision's state does not allow (submit a revision in review, publish a draft…). */
  'KNOWLEDGE_TRANSITION_NOT_ALLOWED',
  /** The reviewer wrote the revision: someone else must publish it. */
  'KNOWLEDGE_FOUR_EYES',
  /** Staff-only articles are never sent to a customer. */
  'KNOWLEDGE_NOT_PUBLIC',
  /** Only published articles are linked to cases or sent. */
  'KNOWLEDGE_NOT_PUBLISHED',
  /** The case has no customer to send to, or the customer no address. */
  'KNOWLEDGE_NO_RECIPIENT',
  /** A review-by date in the past. */
  'KNOWLEDGE_REVIEW_DATE_INVALID',
  /** An unknown category or product in the article's fields (field errors say which). */
  'KNOWLEDGE_ARTICLE_INVALID',
] as const;
