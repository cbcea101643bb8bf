export const phoneLineKeys = {
  all: ['phone-lines'] as const,
  list: () => [...phoneLineKeys.all, 'list'] as const,
  detail: (id: string) => [...phoneLineKeys.all, 'detail', id] as const,
  calls: (id: string) => [...phoneLineKeys.all, 'calls', id] as const,
  metrics: (id: string) => [...phoneLineKeys.all, 'metrics', id] as const,
};
