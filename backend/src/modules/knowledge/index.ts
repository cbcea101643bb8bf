// The knowledge base (issue 21): articles in Markdown rendered safely, categories, audience, products,
// revisions reviewed by someone other than their author, stale articles, full-text + trigram search,
// suggestions on a case, links and sends to customers, feedback and figures. The customer portal uses
// `services.knowledge` (searchForCustomers, publicArticle, recordPublicView, recordDeflection,
// recordCustomerFeedback): public articles only, whatever it passes.
import { KNOWLEDGE_AUDIT_ACTIONS, KNOWLEDGE_ERROR_CODES, KNOWLEDGE_PERMISSIONS } from '../../contracts/knowledge';
import { defineModule } from '../../platform/module';
import { registerKnowledgeRoutes } from './knowledge.routes';
import { KnowledgeService } from './knowledge.service';

export interface KnowledgeServices {
  /** The knowledge base for other modules (the portal): public articles only through its customer functions. */
  knowledge: KnowledgeService;
}

export const knowledgeModule = defineModule({
  name: 'knowledge',
  permissions: KNOWLEDGE_PERMISSIONS,
  auditActions: KNOWLEDGE_AUDIT_ACTIONS,
  errorCodes: KNOWLEDGE_ERROR_CODES,
  requires: ['audit', 'quotes', 'caseFacts', 'policyFacts', 'notifications'],
  provides: {
    knowledge: ({ db, clock, services }) => new KnowledgeService(db, clock, services.audit, services.quotes, services.caseFacts, services.policyFacts, services.notifications),
  },
  register: (ctx) => {
    registerKnowledgeRoutes(ctx, ctx.services.knowledge);
  },
});
