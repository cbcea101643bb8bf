import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { mergeAuditLabels } from './audit-labels';
import type { AuditVocabulary } from './audit-labels';

const AuditLabelsContext = createContext<AuditVocabulary>(mergeAuditLabels([]));

/** Given by the app: every feature's audit labels, merged. */
export function AuditLabelsProvider({ labels, children }: { labels: AuditVocabulary; children: ReactNode }) {
  return <AuditLabelsContext.Provider value={labels}>{children}</AuditLabelsContext.Provider>;
}

export function useAuditLabels(): AuditVocabulary {
  return useContext(AuditLabelsContext);
}
