import {
  ArticleSent,
  CaseKnowledge,
  KnowledgeArticle,
  KnowledgeArticleList,
  KnowledgeCategoryList,
  KnowledgeSearchResult,
  PreviewResult,
  type ConfirmReviewBody,
  type CreateArticleBody,
  type FeedbackBody,
  type UpdateArticleBody,
} from '@contracts/knowledge';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ProductList } from '@contracts/products';
import { api, NoContent } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';

/** Query keys of the knowledge base. */
export const knowledgeKeys = {
  all: ['knowledge'] as const,
  categories: () => [...knowledgeKeys.all, 'categories'] as const,
  search: (filter: Record<string, string>) => [...knowledgeKeys.all, 'search', filter] as const,
  list: (filter: Record<string, string>) => [...knowledgeKeys.all, 'list', filter] as const,
  article: (ref: string) => [...knowledgeKeys.all, 'article', ref] as const,
  caseKnowledge: (caseId: string) => [...knowledgeKeys.all, 'case', caseId] as const,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const query = (filter: Record<string, string>) => new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString();

export const categoriesQueryOptions = () =>
  queryOptions({ queryKey: knowledgeKeys.categories(), queryFn: ({ signal }) => api.get('/knowledge/categories', KnowledgeCategoryList, { signal }), staleTime: 300_000 });
export const useCategories = () => useQuery(categoriesQueryOptions());

/** Published articles matching the text (empty text: all, by title), best first. */
export function useSearch(filter: { q: string; categoryId: string; productId: string; audience: string }) {
  return useQuery({
    queryKey: knowledgeKeys.search(filter),
    queryFn: ({ signal }) => api.get(`/knowledge/search?${query({ ...filter, limit: '30' })}`, KnowledgeSearchResult, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Articles by title with filters (status, stale, in review…). */
export function useArticles(filter: Record<string, string>) {
  return useQuery({
    queryKey: knowledgeKeys.list(filter),
    queryFn: ({ signal }) => api.get(`/knowledge/articles?${query({ limit: '100', ...filter })}`, KnowledgeArticleList, { signal }),
  });
}

/** An article by id or by slug (the help button's manual links use slugs). */
export function getArticle(ref: string, signal?: AbortSignal): Promise<KnowledgeArticle> {
  return api.get(UUID.test(ref) ? `/knowledge/articles/${ref}` : `/knowledge/articles/by-slug/${encodeURIComponent(ref)}`, KnowledgeArticle, { signal });
}
export const articleQueryOptions = (ref: string) => queryOptions({ queryKey: knowledgeKeys.article(ref), queryFn: ({ signal }) => getArticle(ref, signal) });
export const useArticle = (ref: string) => useQuery(articleQueryOptions(ref));

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.all });
}

export function useCreateArticle() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: CreateArticleBody) => api.post('/knowledge/articles', body, KnowledgeArticle), onSettled: invalidate });
}

export function useUpdateArticle() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: UpdateArticleBody }) =>
      api.put(`/knowledge/articles/${id}`, body, KnowledgeArticle, { ifMatch: etag(version) }),
    onSettled: invalidate,
  });
}

export type ArticleStep = 'submit' | 'publish' | 'return' | 'archive' | 'restore';

/** A step of the review workflow on the article's current version. */
export function useArticleStep() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, step, note }: { id: string; version: number; step: ArticleStep; note?: string }) =>
      api.post(`/knowledge/articles/${id}/${step}`, note ? { note } : {}, KnowledgeArticle, { ifMatch: etag(version) }),
    onSettled: invalidate,
  });
}

export function useConfirmReview() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: ConfirmReviewBody }) =>
      api.post(`/knowledge/articles/${id}/confirm-review`, body, KnowledgeArticle, { ifMatch: etag(version) }),
    onSettled: invalidate,
  });
}

export function useFeedback() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: FeedbackBody }) => api.put(`/knowledge/articles/${id}/feedback`, body, KnowledgeArticle),
    onSettled: invalidate,
  });
}

/** Counts one reader of the article (once per opening of the article view). */
export function recordView(id: string): Promise<undefined> {
  return api.post(`/knowledge/articles/${id}/view`, undefined, NoContent);
}

/** The Markdown rendered and sanitised by the server, exactly as readers will see it. */
export function previewMarkdown(body: string, signal?: AbortSignal) {
  return api.post('/knowledge/preview', { body }, PreviewResult, { signal });
}

export function useCaseKnowledge(caseId: string) {
  return useQuery({ queryKey: knowledgeKeys.caseKnowledge(caseId), queryFn: ({ signal }) => api.get(`/cases/${caseId}/knowledge`, CaseKnowledge, { signal }) });
}

export function useLinkArticle() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ caseId, articleId }: { caseId: string; articleId: string }) => api.put(`/cases/${caseId}/knowledge/links/${articleId}`, undefined, CaseKnowledge),
    onSettled: invalidate,
  });
}

export function useSendArticle() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ caseId, articleId }: { caseId: string; articleId: string }) => api.post(`/cases/${caseId}/knowledge/sends/${articleId}`, undefined, ArticleSent),
    onSettled: invalidate,
  });
}

/** The catalog's products, for the product filter and the editor (readers with products:read). */
export function useProductOptions(enabled: boolean) {
  return useQuery({
    queryKey: [...knowledgeKeys.all, 'products'],
    queryFn: ({ signal }) => api.get('/products', ProductList, { signal }).then((l) => l.items.map((p) => ({ value: p.id, label: p.name }))),
    enabled,
    staleTime: 300_000,
  });
}
