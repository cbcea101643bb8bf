export const branchKeys = {
  all: ['branches'] as const,
  list: () => [...branchKeys.all, 'list'] as const,
  agents: (branchId: string) => [...branchKeys.all, 'agents', branchId] as const,
};
