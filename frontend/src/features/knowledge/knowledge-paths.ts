export const KNOWLEDGE_PATH = '/knowledge';
export const KNOWLEDGE_REVIEW_PATH = '/knowledge/review';
export const NEW_ARTICLE_PATH = '/knowledge/new';
/** An article by id or slug, optionally at a section (`section-…`). */
export const articlePath = (ref: string, section?: string) => `/knowledge/articles/${ref}${section ? `#${section}` : ''}`;
export const editArticlePath = (id: string) => `/knowledge/articles/${id}/edit`;
