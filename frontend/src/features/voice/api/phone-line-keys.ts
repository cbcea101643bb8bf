export const phoneLineKeys = {
  all: ['phone-lines'] as const,
  list: () => [...phoneLineKeys.all, 'list'] as const,
  calls: (id: string) => [...phoneLineKeys.all, 'calls', id] as const,
};
