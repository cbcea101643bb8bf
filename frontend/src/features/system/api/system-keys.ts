export const systemKeys = {
  all: ['system'] as const,
  info: () => [...systemKeys.all, 'info'] as const,
  health: () => [...systemKeys.all, 'health'] as const,
};
