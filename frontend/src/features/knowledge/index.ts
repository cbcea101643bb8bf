import { IconBook } from '@tabler/icons-react';
import type { AuditLabels } from '@/features/audit';
import type { FeatureRoute, NavigationEntry } from '@/lib/feature';
import { lazyComponent, lazyPage } from '@/lib/lazy-page';
import { KNOWLEDGE_PATH } from './knowledge-paths';

const knowledgeRoutes: FeatureRoute[] = [
  {
    path: 'knowledge',
    permission: 'knowledge:read',
    element: lazyPage(
      () => import('./pages/knowledge-base'),
      (m) => m.KnowledgeBasePage,
    ),
  },
  {
    path: 'knowledge/review',
    permission: 'knowledge:publish',
    element: lazyPage(
      () => import('./pages/review'),
      (m) => m.KnowledgeReviewPage,
    ),
  },
  {
    path: 'knowledge/new',
    permission: 'knowledge:write',
    element: lazyPage(
      () => import('./pages/article-editor'),
      (m) => m.NewArticlePage,
    ),
  },
  {
    path: 'knowledge/articles/:ref',
    permission: 'knowledge:read',
    element: lazyPage(
      () => import('./pages/article'),
      (m) => m.ArticlePage,
    ),
  },
  {
    path: 'knowledge/articles/:id/edit',
    permission: 'knowledge:write',
    element: lazyPage(
      () => import('./pages/article-editor'),
      (m) => m.EditArticlePage,
    ),
  },
];

const knowledgeAuditLabels: AuditLabels = {
  actions: {
    'knowledge_category.create': 'Knowledge category added',
    'knowledge_article.create': 'Article written',
    'knowledge_article.edit': 'Article edited',
    'knowledge_article.submit': 'Article submitted for review',
    'knowledge_article.return': 'Article returned to its author',
    'knowledge_article.publish': 'Article published',
    'knowledge_article.confirm_review': 'Article review confirmed',
    'knowledge_article.archive': 'Article archived',
    'knowledge_article.restore': 'Article restored',
    'knowledge_article.link_case': 'Article linked to a case',
    'knowledge_article.unlink_case': 'Article unlinked from a case',
    'knowledge_article.send': 'Article sent to a customer',
  },
  entities: { knowledge_article: 'Article', knowledge_category: 'Knowledge category' },
};

/** The knowledge base (issue 21): search, articles, the editor with preview, review; the case panel and the help button are exported for the service desk and the header. */
export const knowledgeFeature = {
  routes: knowledgeRoutes,
  navigation: [{ label: 'Knowledge base', to: KNOWLEDGE_PATH, icon: IconBook, permission: 'knowledge:read' }] satisfies NavigationEntry[],
  auditLabels: knowledgeAuditLabels,
};

export { HelpButton } from './components/HelpButton';
export { articlePath } from './knowledge-paths';

/** The case view's knowledge panel (suggestions, links, sends), loaded with the case page. */
export const CaseKnowledgePanel = lazyComponent(
  () => import('./components/CaseKnowledgePanel'),
  (m) => m.CaseKnowledgePanel,
);
