import type { Permission } from '@contracts/permissions';
import { createContext, useCallback, useContext } from 'react';
import type { ReactNode } from 'react';

// The 360° view's sections come from other modules as loose records. A feature that knows a section
// (orders: applications, policies: policies) contributes how its items read: a number that links to
// the record, a status and a short detail. The app gives the customer page every feature's sections.

export interface SectionItemView {
  /** The record's number, e.g. O-000012. */
  label: string;
  /** Null: the item has no page of its own (its label shows as text). */
  to: string | null;
  /** Needed to follow the link; without it the number shows as text. */
  permission: Permission;
  status: { label: string; color: string } | null;
  detail: string;
}

/** How one section of GET /api/customers/:id/overview reads. */
export interface CustomerOverviewSection {
  /** The section's key in the overview, e.g. 'policies'. */
  key: string;
  /** Null for items the console does not recognise: they keep the generic text. */
  itemView: (item: Record<string, unknown>) => SectionItemView | null;
}

const SectionsContext = createContext<readonly CustomerOverviewSection[]>([]);

export function CustomerSectionsProvider({ sections, children }: { sections: readonly CustomerOverviewSection[]; children: ReactNode }) {
  return <SectionsContext.Provider value={sections}>{children}</SectionsContext.Provider>;
}

/** Null for sections (or items) no feature knows: they keep the generic text. */
export function useSectionItemView(): (sectionKey: string, item: Record<string, unknown>) => SectionItemView | null {
  const sections = useContext(SectionsContext);
  return useCallback((sectionKey, item) => sections.find((section) => section.key === sectionKey)?.itemView(item) ?? null, [sections]);
}
