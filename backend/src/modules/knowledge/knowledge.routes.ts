import {
  ArticleParams,
  ArticleSent,
  ArticleSlugParams,
  CaseArticleParams,
  CaseKnowledge,
  CaseParams,
  ConfirmReviewBody,
  CreateArticleBody,
  CreateCategoryBody,
  FeedbackBody,
  KnowledgeArticle,
  KnowledgeArticleList,
  KnowledgeCategory,
  KnowledgeCategoryList,
  KnowledgeSearchResult,
  ListArticlesQuery,
  PreviewBody,
  PreviewResult,
  ReturnArticleBody,
  ReviewNoteBody,
  SearchQuery,
  UpdateArticleBody,
} from '../../contracts/knowledge';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { KnowledgeService } from './knowledge.service';

const TAGS = ['Knowledge base'];

export function registerKnowledgeRoutes({ api }: Pick<ModuleContext, 'api'>, kb: KnowledgeService) {
  api.route({
    method: 'get',
    path: '/knowledge/categories',
    summary: 'The knowledge base’s categories, by name',
    tags: TAGS,
    access: { permission: 'knowledge:read' },
    responses: { 200: { description: 'The categories', schema: KnowledgeCategoryList } },
    handler: async (_input, _req, res) => res.json(await kb.categories()),
  });

  api.route({
    method: 'post',
    path: '/knowledge/categories',
    summary: 'Add a category (reviewers)',
    tags: TAGS,
    access: { permission: 'knowledge:publish' },
    request: { body: CreateCategoryBody },
    responses: { 201: { description: 'Added', schema: KnowledgeCategory }, 409: { description: 'KNOWLEDGE_CATEGORY_TAKEN' } },
    handler: async ({ actor, body }, _req, res) => res.status(201).json(await kb.createCategory(actor, body)),
  });

  api.route({
    method: 'get',
    path: '/knowledge/search',
    summary:
      'Search published articles (staff: staff-only and public; `audience` narrows): every word stemmed, the title weighted above tags and body, trigram similarity for typos; snippets with <mark> around hits',
    tags: TAGS,
    access: { permission: 'knowledge:read' },
    request: { query: SearchQuery },
    responses: { 200: { description: 'The best matches first', schema: KnowledgeSearchResult } },
    handler: async ({ query }, _req, res) => res.json(await kb.search(query)),
  });

  api.route({
    method: 'post',
    path: '/knowledge/preview',
    summary: 'Render Markdown as the article view will show it (sanitised HTML), for the editor’s preview',
    tags: TAGS,
    access: { permission: 'knowledge:write' },
    request: { body: PreviewBody },
    responses: { 200: { description: 'The HTML', schema: PreviewResult } },
    handler: async ({ body }, _req, res) => res.json(kb.preview(body.body)),
  });

  api.route({
    method: 'get',
    path: '/knowledge/articles',
    summary: 'Articles by title, with filters (status, audience, category, product, stale, in review)',
    tags: TAGS,
    access: { permission: 'knowledge:read' },
    request: { query: ListArticlesQuery },
    responses: { 200: { description: 'A page of articles', schema: KnowledgeArticleList } },
    handler: async ({ query }, _req, res) => res.json(await kb.list(query)),
  });

  api.route({
    method: 'post',
    path: '/knowledge/articles',
    summary: 'Write a new article (a draft, revision 1)',
    tags: TAGS,
    access: { permission: 'knowledge:write' },
    request: { body: CreateArticleBody },
    responses: {
      201: { description: 'Created', schema: KnowledgeArticle },
      400: { description: 'KNOWLEDGE_ARTICLE_INVALID (unknown category or product, review date not after today)' },
      409: { description: 'KNOWLEDGE_SLUG_TAKEN' },
    },
    handler: async ({ actor, body }, _req, res) => {
      const article = await kb.create(actor, body);
      res.location(`/api/knowledge/articles/${article.id}`);
      sendVersioned(res, article, 201);
    },
  });

  api.route({
    method: 'get',
    path: '/knowledge/articles/by-slug/:slug',
    summary: 'An article by its slug (the help button’s manual links); the ETag is its version',
    tags: TAGS,
    access: { permission: 'knowledge:read' },
    request: { params: ArticleSlugParams },
    responses: { 200: { description: 'The article', schema: KnowledgeArticle } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await kb.getBySlug(actor, params.slug)),
  });

  api.route({
    method: 'get',
    path: '/knowledge/articles/:id',
    summary: 'An article: its live revision and any pending one (Markdown and sanitised HTML), figures, history; the ETag is its version',
    tags: TAGS,
    access: { permission: 'knowledge:read' },
    request: { params: ArticleParams },
    responses: { 200: { description: 'The article', schema: KnowledgeArticle } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await kb.get(actor, params.id)),
  });

  api.route({
    method: 'put',
    path: '/knowledge/articles/:id',
    summary: 'Save the newest revision (a draft; after a published one a new draft starts and the published one stays live)',
    tags: TAGS,
    access: { permission: 'knowledge:write' },
    ifMatch: true,
    request: { params: ArticleParams, body: UpdateArticleBody },
    responses: {
      200: { description: 'Saved', schema: KnowledgeArticle },
      400: { description: 'KNOWLEDGE_ARTICLE_INVALID' },
      409: { description: 'KNOWLEDGE_TRANSITION_NOT_ALLOWED (in review, archived)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await kb.update(actor, params.id, ifMatch, body)),
  });

  const step = (
    path: string,
    summary: string,
    permission: 'knowledge:write' | 'knowledge:publish',
    run: (actor: Parameters<KnowledgeService['submit']>[0], id: string, version: number, note?: string) => Promise<KnowledgeArticle>,
    conflicts: string,
  ) =>
    api.route({
      method: 'post',
      path: `/knowledge/articles/:id/${path}`,
      summary,
      tags: TAGS,
      access: { permission },
      ifMatch: true,
      request: { params: ArticleParams, body: ReviewNoteBody },
      responses: { 200: { description: 'Done', schema: KnowledgeArticle }, 409: { description: conflicts } },
      handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await run(actor, params.id, ifMatch, body.note)),
    });

  step('submit', 'Submit the draft for review', 'knowledge:write', (a, id, v, n) => kb.submit(a, id, v, n), 'KNOWLEDGE_TRANSITION_NOT_ALLOWED');
  step(
    'publish',
    'Publish the revision in review (reviewers; never the revision’s author): it becomes the live one',
    'knowledge:publish',
    (a, id, v, n) => kb.publish(a, id, v, n),
    'KNOWLEDGE_TRANSITION_NOT_ALLOWED, KNOWLEDGE_FOUR_EYES, KNOWLEDGE_REVIEW_DATE_INVALID',
  );
  step('archive', 'Archive the article (no longer found or shown to customers)', 'knowledge:publish', (a, id, v, n) => kb.archive(a, id, v, n), 'KNOWLEDGE_TRANSITION_NOT_ALLOWED');
  step('restore', 'Restore an archived article', 'knowledge:publish', (a, id, v, n) => kb.restore(a, id, v, n), 'KNOWLEDGE_TRANSITION_NOT_ALLOWED');

  api.route({
    method: 'post',
    path: '/knowledge/articles/:id/return',
    summary: 'Return the revision in review to its author with what to change (reviewers)',
    tags: TAGS,
    access: { permission: 'knowledge:publish' },
    ifMatch: true,
    request: { params: ArticleParams, body: ReturnArticleBody },
    responses: { 200: { description: 'Returned', schema: KnowledgeArticle }, 409: { description: 'KNOWLEDGE_TRANSITION_NOT_ALLOWED' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await kb.returnToAuthor(actor, params.id, ifMatch, body.note)),
  });

  api.route({
    method: 'post',
    path: '/knowledge/articles/:id/confirm-review',
    summary: 'Confirm a published article is still right and set its next review-by date (reviewers; clears the stale flag)',
    tags: TAGS,
    access: { permission: 'knowledge:publish' },
    ifMatch: true,
    request: { params: ArticleParams, body: ConfirmReviewBody },
    responses: {
      200: { description: 'Confirmed', schema: KnowledgeArticle },
      400: { description: 'KNOWLEDGE_REVIEW_DATE_INVALID' },
      409: { description: 'KNOWLEDGE_NOT_PUBLISHED' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await kb.confirmReview(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/knowledge/articles/:id/view',
    summary: 'Count one reader of the article (the article view calls it when it opens)',
    tags: TAGS,
    access: { permission: 'knowledge:read' },
    request: { params: ArticleParams },
    responses: { 204: { description: 'Counted' } },
    handler: async ({ params }, _req, res) => {
      await kb.view(params.id);
      res.status(204).end();
    },
  });

  api.route({
    method: 'put',
    path: '/knowledge/articles/:id/feedback',
    summary: 'Your helpful / not helpful on a published article (answering again changes it)',
    tags: TAGS,
    access: { permission: 'knowledge:read' },
    request: { params: ArticleParams, body: FeedbackBody },
    responses: { 200: { description: 'Recorded', schema: KnowledgeArticle } },
    handler: async ({ actor, params, body }, _req, res) => sendVersioned(res, await kb.feedback(actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/cases/:caseId/knowledge',
    summary: 'Articles suggested for a case (from its subject and its policies’ products), and those linked to it or sent to its customer',
    tags: TAGS,
    access: { permission: 'knowledge:read' },
    request: { params: CaseParams },
    responses: { 200: { description: 'The case’s knowledge', schema: CaseKnowledge } },
    handler: async ({ actor, params }, _req, res) => res.json(await kb.caseKnowledge(actor, params.caseId)),
  });

  api.route({
    method: 'put',
    path: '/cases/:caseId/knowledge/links/:articleId',
    summary: 'Link the article used to the case (once: 201 when linked now, 200 when it was already)',
    tags: TAGS,
    access: { permission: 'knowledge:use' },
    request: { params: CaseArticleParams },
    responses: {
      200: { description: 'Already linked', schema: CaseKnowledge },
      201: { description: 'Linked', schema: CaseKnowledge },
      409: { description: 'KNOWLEDGE_NOT_PUBLISHED' },
    },
    handler: async ({ actor, params }, _req, res) => {
      const { created, knowledge } = await kb.linkToCase(actor, params.caseId, params.articleId);
      res.status(created ? 201 : 200).json(knowledge);
    },
  });

  api.route({
    method: 'delete',
    path: '/cases/:caseId/knowledge/links/:articleId',
    summary: 'Remove an article’s link from the case',
    tags: TAGS,
    access: { permission: 'knowledge:use' },
    request: { params: CaseArticleParams },
    responses: { 204: { description: 'Removed' } },
    handler: async ({ actor, params }, _req, res) => {
      await kb.unlinkFromCase(actor, params.caseId, params.articleId);
      res.status(204).end();
    },
  });

  api.route({
    method: 'post',
    path: '/cases/:caseId/knowledge/sends/:articleId',
    summary: 'Send a public article to the case’s customer through the outbox (their preferred channel; once per published revision: again → 200 with the same message)',
    tags: TAGS,
    access: { permission: 'knowledge:use' },
    request: { params: CaseArticleParams },
    responses: {
      200: { description: 'Sent before: the same message', schema: ArticleSent },
      201: { description: 'Queued', schema: ArticleSent },
      409: { description: 'KNOWLEDGE_NOT_PUBLIC, KNOWLEDGE_NOT_PUBLISHED, KNOWLEDGE_NO_RECIPIENT' },
    },
    handler: async ({ actor, params }, _req, res) => {
      const { created, sent } = await kb.sendToCustomer(actor, params.caseId, params.articleId);
      res.status(created ? 201 : 200).json(sent);
    },
  });
}
