import type { KnowledgeAudience, RevisionState } from '@contracts/knowledge';

export const AUDIENCE_LABELS: Record<KnowledgeAudience, string> = { staff: 'Staff only', customers: 'Also customers' };
export const STATE_LABELS: Record<RevisionState, string> = { draft: 'Draft', in_review: 'In review', published: 'Published', superseded: 'Superseded' };
