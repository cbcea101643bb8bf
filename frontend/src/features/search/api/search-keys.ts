export const searchKeys = {
  all: ['search'] as const,
  source: (sourceId: string, query: string) => [...searchKeys.all, sourceId, query] as const,
};
