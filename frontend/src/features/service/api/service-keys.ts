/** Query keys of the service desk. */
export const serviceKeys = {
  all: ['service'] as const,
  myWork: () => [...serviceKeys.all, 'my-work'] as const,
  interactions: () => [...serviceKeys.all, 'interactions'] as const,
  /** A customer's timeline; every kind filter's pages under `timelines(customerId)`. */
  timelines: (customerId: string) => [...serviceKeys.all, 'timeline', customerId] as const,
  timeline: (customerId: string, kinds: readonly string[]) => [...serviceKeys.timelines(customerId), kinds.join(',') || 'all'] as const,
  case: (id: string) => [...serviceKeys.all, 'case', id] as const,
  caseActivity: (id: string) => [...serviceKeys.all, 'case', id, 'activity'] as const,
  cases: (filter: Record<string, string>) => [...serviceKeys.all, 'cases', filter] as const,
  team: (branchId?: string) => [...serviceKeys.all, 'team', branchId ?? 'mine'] as const,
  metrics: (period: { from: string; to: string }) => [...serviceKeys.all, 'metrics', period.from, period.to] as const,
  playbookTemplates: () => [...serviceKeys.all, 'playbook-templates'] as const,
  playbooks: (filter: { customerId?: string; policyId?: string }) => [...serviceKeys.all, 'playbooks', filter] as const,
  survey: (token: string) => [...serviceKeys.all, 'survey', token] as const,
};
